"""The vocabulary of page furniture, kept as data: function words, furniture words, the
sentences only furniture says (prompts, disclosures), author bios and web addresses. Pure Python;
:mod:`.furniture` judges lines with it. Kinds of lines, not any page's own words."""

from __future__ import annotations

import re

from .regexes import by_first_letter, top_level_branches

ADDRESS_LINE_MAX_WORDS = 8  # a short line naming a web address is the site speaking for itself


# English function words: prose is full of them, menus and link lists are not.
def _word_list(text: str) -> list[str]:
    return text.split()


STOP_WORDS = frozenset(
    _word_list("""a about above after again against all am an and any are as at be because been
    before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself also said
    says one two may might must shall been being who's it's he's she's they're we're i'm don't
    didn't can't won't isn't wasn't aren't there's that's what's""")
    # The commonest function words of the other languages scraped pages come in.
    + _word_list("""der die das und ist nicht ein eine einen dem den des mit auf für von sich auch
    als
    wie bei nach zu zum zur im aus wird werden hat haben sind war noch nur oder aber dass es
    le la les et est un une des du dans pour pas que qui sur au aux avec ce cette sont il elle
    el los las y en del por con una para es lo se su al como más pero sus le ya o este
    il di che non per una sono della dei gli nel alla het een van en de dat niet op voor
    zijn met""")
)

# The vocabulary of page furniture. Matched as words in short lines only.
_FURNITURE_WORDS = (
    r"subscrib\w*|newsletters?|sign(?:ing)?\s+(?:in|up|out)|log\s*(?:in|out)|register|"
    r"share|shares|shared|advertis\w*|sponsor\w*|related|recommended|cookies?|privacy|"
    r"all\s+rights\s+reserved|rights\s+reserved|terms\s+(?:of|and)|follow\s+us|trending|"
    r"most\s+(?:popular|read|viewed)|read\s+more|comments?|reply|replies|powered\s+by|"
    r"download|podcasts?|menu|skip|toggle|navigation|contact\s+us|about\s+us|careers?|"
    r"sitemap|site\s+map|copyright|email\s+address|e-mail\s+address|print|inbox|"
    r"account|password|premium|free\s+trial|unlimited\s+access|support\s+(?:us|our)|"
    r"donate|donation|feedback|permalink|tags?|categor(?:y|ies)|filed\s+under|"
    r"archives?|previous|next\s+(?:post|article|story)|posted\s+(?:in|by|on)|"
    r"home\s*page|homepage|our\s+app|the\s+app|rss|feeds?|faqs?|help\s+cent(?:er|re)|"
    r"accessibility|disclaimer|licen[cs]ed?|follow|likes?|tweet|whatsapp|facebook|"
    r"twitter|instagram|linkedin|youtube|pinterest|reddit|telegram|view\s+all|see\s+all|"
    r"more\s+(?:from|on|in|stories|news|articles)|latest|popular|top\s+stories|"
    r"video|videos|watch|listen|search|login|logout|min\s+read|read\s+time|"
    r"you\s+are\s+here|on\s+this\s+page|table\s+of\s+contents|sort(?:ed)?\s+by|"
    # The same words in the other languages scraped pages come in.
    r"commentaires?|kommentare?|comentarios?|commenti|abonnieren|s'abonner|suscr[ií]bete|"
    r"anmelden|connexion|iniciar\s+sesi[oó]n|teilen|partager|compartir"
)
# (grouped by first letter: the same matches, searched six times faster; see by_first_letter)
FURNITURE = re.compile(
    rf"\b{by_first_letter(top_level_branches(_FURNITURE_WORDS), ignore_case=True)}\b",
    re.IGNORECASE,
)


def _grouped(phrases: str) -> str:
    """PROMPT's branches as one alternation, searched fast: those anchored at the start of the
    line first (as the first of them was; no other branch matches where they do), the others
    grouped by first letter (``by_first_letter``), a leading choice of words spelt out
    ("(?:our|the)\\s+app" is "our\\s+app|the\\s+app"; a choice a quantifier follows is not:
    ``by_first_letter`` then refuses its branch)."""
    anchored, others = [], []
    for branch in top_level_branches(phrases):
        if branch.startswith("^"):
            anchored.append(branch)
            continue
        choice = re.match(r"\(\?:([a-z]+(?:\|[a-z]+)*)\)(?![?*+{])", branch)
        if choice:
            others += [word + branch[choice.end():] for word in choice.group(1).split("|")]
        else:
            others.append(branch)
    return "|".join([*anchored, by_first_letter(others, ignore_case=True)])


# Sentences that only page furniture says: newsletter and app prompts, paywalls, affiliate and
# advertising disclosures, comment policies, letters-to-the-editor boxes, reCAPTCHA notices.
_PROMPT_PHRASES = (
    r"^sign\s+up\b|sign(?:ing)?\s+up\s+(?:(?:to|for)\s+(?:our|receive|get)\b|now|today|here)|"
    r"subscribe\s+(?:to|now|today|for)|"
    r"(?:our|the|a|free|daily|weekly|monthly)\s+(?:\w+\s+){0,2}newsletters?|"
    r"(?:to|in)\s+(?:your|their)\s+inbox(?:es)?|push\s+notifications|auto[- ]?renew|"
    r"get\s+(?:regular\s+|daily\s+|weekly\s+|the\s+latest\s+)?updates\s+(?:on|from|about)|"
    r"subscribers?\s+(?:also\s+)?(?:receive|get)\b|help\s+us\s+(?:continue|keep)\b|"
    r"^(?:advertising\s+)?(?:disclaimer|disclosure)\s*(?:\([^)]{0,80}\)\s*)?:|"
    r"comments?\s+(?:are|should\s+be|must\s+be)\s+(?:civil|respectful)|straight\s+to\s+your\s+(?:inbox|phone)|never\s+miss\b|"
    r"download\s+(?:the|our)\s+(?:\w+\s+){0,2}apps?|apps?\s+(?:for|on)\s+(?:ios|android)|"
    r"we\s+may\s+(?:earn|receive|get)\s+(?:a\s+)?(?:small\s+)?(?:affiliate\s+)?"
    r"(?:commission|compensation)|affiliate\s+(?:commission|links?)|"
    r"advertis(?:ers?|ing)\s+(?:do\s+not|don't|disclos\w+|disclaimer)|"
    r"comments?\s+(?:are|is)\s+moderated|comments?\s+may\s+be\s+republished|"
    r"letters?\s+to\s+the\s+editor|protected\s+by\s+recaptcha|"
    r"(?:full|this)\s+(?:story|article)\s*,?\s+please\s+(?:subscribe|log\s+in|sign\s+in)|"
    r"already\s+a\s+subscriber|add\s+(?:\w+\s+){0,3}to\s+(?:your\s+)?(?:basket|cart|bag)\b|by\s+submitting\s+(?:your|this)\b|(?:annual|monthly|weekly)\s+subscription|"
    r"(?:is|are)\s+supported\s+by\s+(?:its|our)\s+(?:audience|readers)|"
    r"support\s+(?:our|independent)\s+journalism|"
    r"all\s+content\s+is\s+licen[cs]ed|licen[cs]ed\s+under\s+a\s+creative\s+commons|"
    r"^follow\s+(?:us\b|(?-i:@?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})(?:\s+on\b|\s*$))"
)
PROMPT = re.compile(rf"\b(?:{_grouped(_PROMPT_PHRASES)})", re.IGNORECASE)
# "Jane Doe is a senior writer for Wired, covering ..." at the foot of an article.
BIO = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}"
    r"(?i:writer|reporter|editor|correspondent|columnist|journalist|contributor|professor|"
    r"author|founder|co-founder|producer|photographer|blogger|consultant|fellow|researcher|"
    r"expert|analyst|specialist)\b"
)
PROMPT_MAX_WORDS = 60
BIO_MAX_WORDS = 100  # an author's bio runs longer than a prompt
ADDRESS = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?/?",
                     re.IGNORECASE)
# Words one of PROMPT's phrases cannot do without: most lines lack them all (one cheap search).
_GATE_WORDS = (
    r"sign|subscri|newsletter|inbox|never miss|download|apps?\b|we may|affiliate|advertis|"
    r"comments?\b|letters? to|recaptcha|supported by|journalism|licen|follow|push|renew|"
    r"updates|help us|disclaimer|disclosure|submitting|basket|cart\b|bag\b"
)
PROMPT_GATE = re.compile(
    rf"\b{by_first_letter(top_level_branches(_GATE_WORDS), ignore_case=False)}"
)


def is_prompt(text: str) -> bool:
    """A sentence only page furniture says about its own site (newsletter, app, paywall)."""
    return bool(PROMPT_GATE.search(text.lower()) and PROMPT.search(text))


def is_address(text: str) -> bool:
    """A line that is only a web address ("www.latimes.com", "https://example.org/news")."""
    return bool(ADDRESS.fullmatch(text))


def speaks_for_site(text: str) -> bool:
    """Furniture in which a site names itself: its prompts and short lines with its address
    ("Read more at latimes.com"). Menus and lists of links name other sites as often as their
    own."""
    return is_prompt(text) or (
        len(text.split()) <= ADDRESS_LINE_MAX_WORDS and any(is_address(w.strip("()[],;:")) for w in
                                                     text.split() if "." in w)
    )
