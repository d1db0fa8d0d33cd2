"""Line classification rules, kept as data: compiled regexes per :class:`LineKind`.

Every rule is matched against the WHOLE stripped line (``fullmatch``), so a body paragraph that
merely contains "share" or "copyright" never matches; length caps keep long paragraphs out.
The rules are general page furniture seen across many outlets, not tuned to any one file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .regexes import (
    FOLDS_TO_ASCII,
    alternation,
    has_needles,
    needles,
    starts_with_wildcard,
)
from .types import LineKind

# A boilerplate line is short; anything longer than this is always content.
MAX_BOILERPLATE_CHARS = 400

_I = re.IGNORECASE

# Capitalised personal-name token ("Sarah", "N.", "O'Neil", "Jean-Luc") and a full name.
NAME_WORD = r"[A-Z][\w.'’-]*"
NAME = rf"{NAME_WORD}(?:\s+(?:{NAME_WORD}|de|da|del|der|van|von|la|le|bin|al|dos))*"
# Words that can follow "By" at the start of a sentence but are not names.
_NOT_NAMES = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Then|Now|Contrast|Comparison|"
    r"Law|Far|Design|Default|Midnight|Noon|Tonight|Tomorrow|Today|Yesterday|Early|Late|Next|"
    r"Last|This|That|These|Those|Then|Some|Most|All|Many|In|On|At|Some|Way|Doing|Using|Taking|"
    r"Making|Giving|The\s+(?:end|time|way|number|year|close))\b"
)
BYLINE = re.compile(
    rf"(?:By|BY|by):?\s+(?!{_NOT_NAMES})(?:{NAME}|the\s+{NAME})"
    rf"(?:\s*(?:,|\band\b|&)\s*{NAME})*"
    rf"(?:\s*[,|—–-]\s*(?:the\s+)?{NAME_WORD}(?:\s+(?:{NAME_WORD}|of|and|for|the)){{0,6}})?",
)
BYLINE_MAX_WORDS = 18

_AGENCIES = r"(?:AP|AFP|UPI|EPA|EFE|ANSA|Reuters|REUTERS|Getty Images|Getty|Bloomberg|Xinhua|PA)"


def _rules(*rules: str | re.Pattern[str]) -> tuple[re.Pattern[str], ...]:
    """One kind's rules, in the order they are tried: a pattern given as text ignores case, one
    given compiled (``BYLINE``, the capitalised-name rules) keeps its own flags."""
    return tuple(rule if isinstance(rule, re.Pattern) else re.compile(rule, _I) for rule in rules)


RULES: dict[LineKind, tuple[re.Pattern[str], ...]] = {
    LineKind.ADVERTISING: _rules(
        r"\[?(?:advertisements?|advertising|ad|ads)\]?:?",
        r"sponsored(?:\s+(?:content|links?|stories|story|post|by\s+.{1,60}))?",
        r"(?:paid|promoted|partner)\s+(?:content|post|stories)(?:\s+by\s+.{1,60})?",
        r"(?:story|article|text)\s+continues\s+(?:below|after)\s+(?:this\s+)?"
        r"(?:advertisement|ad|video)\.?",
        r"continue\s+reading\s+(?:the\s+|this\s+)?(?:main\s+)?(?:story|article)"
        r"(?:\s+below)?\.?",
        r"advertisement\s*[-–—|]\s*scroll\s+to\s+continue",
        r"(?:this\s+)?ad\s+(?:will\s+)?(?:close|play)s?\s+in\s+\d+\s+seconds?.{0,40}",
    ),
    LineKind.NAVIGATION: _rules(
        r"share(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page|video|link))?"
        r"(?:\s+(?:on|via)\s+\w+)?[:!]?",
        r"(?:(?:share|post)\s+(?:on|to|via)\s+)?"
        r"(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|pinterest|reddit|flipboard|"
        r"messenger|print|copy\s+link)"
        r"(?:\s*[|,/·•]?\s*(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|pinterest|"
        r"reddit|flipboard|messenger|print|copy\s+link))*",
        r"tweet(?:\s+this)?|pin\s+it|e-?mail\s+this(?:\s+(?:article|story))?",
        r"print(?:\s+this)?(?:\s+(?:article|story|page))?",
        r"skip\s+to\s+(?:the\s+)?(?:main\s+)?"
        r"(?:content|footer|navigation|nav|search|article|comments|main)",
        r"(?:jump|go|back)\s+to\s+(?:top|the\s+top|content|comments)|top\s+of\s+page",
        r"read\s+(?:more|next|also|this\s+next|the\s+full\s+(?:story|article))"
        r"(?:\s*(?::|»|›|>|\.\.\.|…|-|—)\s*.{0,150})?",
        r"(?:related|recommended|trending|popular|latest|more)"
        r"(?:\s+(?:stories|articles|coverage|news|videos?|links?|content|reading|"
        r"for\s+you|on\s+this\s+(?:story|topic)|from\s+.{1,40}))?:?",
        r"(?:most\s+(?:read|popular|viewed|shared)|top\s+stories|you\s+may\s+also\s+like|"
        r"you\s+might\s+also\s+like|don'?t\s+miss|editors?'?\s+picks?)(?:\s*:.{0,100})?",
        r"sign\s+up\s+(?:for|to)\s+.{0,80}newsletters?\b.{0,120}",
        r"(?:subscribe|sign\s+up|get\s+(?:our|the)\s+.{0,40}newsletter)"
        r"(?:\s+(?:now|today|here|for\s+free))?(?:\s+to\s+.{1,80})?[.!]?",
        r"click\s+here\b.{0,150}",
        r"follow\s+(?:us|@\w+)(?:\s+on\s+(?:twitter|facebook|instagram|x|\w+))?.{0,60}",
        r"(?:menu|home|search|close|log\s*in|sign\s*in|log\s*out|sign\s*out|register|"
        r"sections|navigation|next|previous|back)",
        r"(?:previous|next)\s+(?:article|story|page|post|slide|photo|image)",
        r"(?:view|see|watch|open)\s+(?:the\s+)?(?:gallery|photos|slideshow|video|"
        r"all\s+photos|full\s+gallery)(?:\s*\(\d+\))?",
        r"(?:image|photo)\s+\d+\s+(?:of|/)\s+\d+",
    ),
    LineKind.PHOTO: _rules(
        re.compile(
            r"\(?(?:[A-Z][\w.&'-]*\s+){0,4}(?:[Ff]ile\s+|FILE\s+)?(?:[Pp]hoto(?:graph)?|PHOTO)"
            r"(?:\s+[Ii]llustration)?"
            r"(?:\s*/\s*.{1,80}|\s+by\s+.{1,80}|\s+courtesy\s+.{1,80})?\)?",
        ),
        r"(?:photo|photograph|image|picture|pictured|photo\s+credit|image\s+credit|credit|"
        r"caption|photo\s+illustration|illustration|video|file\s+photo)s?\s*:\s*.{1,150}",
        r".{0,220}\((?:photo|photograph|image|picture|credit|photo\s+credit|file\s+photo|"
        r"file)s?\s*:[^()]{1,100}\)\.?",
        r"image\s+(?:caption|copyright|source|credit)\b.{0,250}",
        r"\(?(?:getty\s+images|shutterstock|istock(?:photo)?|alamy|dreamstime)"
        r"(?:\s*/\s*[A-Z][\w.'’ -]{1,60})?\)?",
        rf"\(?(?:{_AGENCIES}|AP\s+Images|Associated\s+Press)\s*/\s*[A-Z][\w.'’-]*"
        rf"(?:\s+[A-Z][\w.'’-]*){{0,3}}(?:\s*/\s*{_AGENCIES})?(?:\s+via\s+.{{1,40}})?\)?\.?",
        re.compile(
            rf".{{1,250}}\(\s*(?:{_AGENCIES}|AP\s+Photo|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)"
            rf"{{0,3}}\s*/\s*(?:{_AGENCIES}|[A-Z][\w.'’ -]{{1,40}}))\s*/?[^()]{{0,60}}\)\.?",
        ),
        re.compile(
            rf"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}\s*/\s*(?:{_AGENCIES}|AP\s+Photo)"
            r"(?:\s+via\s+getty\s+images)?"
        ),
    ),
    LineKind.COPYRIGHT: _rules(
        r"(?:©|&copy;|ⓒ).{0,200}",
        r"\(c\)\s*(?:copyright\s*)?\d{4}.{0,200}",
        r"copyright\s*(?:©|\(c\)|&copy;)?\s*(?:\d{4}|©|\(c\)).{0,200}",
        r".{0,200}\ball\s+rights\s+reserved\.?",
        # "Copyright Tribune Content Agency" — capitalised words only, so "Copyright law is …"
        # (a sentence) stays body.
        re.compile(
            r"(?:Copyright|COPYRIGHT)\s+(?:by\s+)?[A-Z][\w.&'’-]*"
            r"(?:,?\s+(?:[A-Z][\w.&'’-]*|of|and|the|&)){0,8}\.?"
        ),
    ),
    LineKind.LICENSING: _rules(
        r"this\s+(?:content|article|story|material|report)\s+(?:is|was|has\s+been)\s+"
        r"(?:published|distributed|provided|syndicated|reproduced|republished|made\s+available)"
        r"\b.{0,250}",
        r".{0,120}(?:newsedge|acquire\s+media|licensing\s+agreement\s+with).{0,200}"
        r"(?:technology|agreement|license|licence|permission)\.?",
        r"(?:distributed|syndicated)\s+by\s+.{1,120}",
        r".{0,160}may\s+not\s+be\s+(?:re)?(?:published|reproduced|distributed|copied)"
        r"(?:,?\s+(?:or\s+)?(?:broadcast|rewritten|(?:re)?distributed|redistributed|"
        r"transmitted|stored))*.{0,120}",
        r"(?:used|reprinted|republished|reproduced)\s+(?:with|by)\s+(?:kind\s+)?permission"
        r".{0,150}",
        r"(?:content|story|article)\s+(?:provided|supplied)\s+by\s+.{1,120}",
        r"(?:source|via|from)\s*:\s*(?:the\s+)?[A-Z][\w.&' -]{1,60}",
    ),
    LineKind.CONTACT: _rules(
        r"(?:(?:e-?mail|contact|write\s+to|reach|tips?)\s*(?:us|me|him|her|them)?\s*"
        r"(?:at|:)?\s*)?<?(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?\.?",
        r"(?:contact|e-?mail|write\s+to|reach|follow)\s+.{1,80}?\s+(?:at|via|on|:)\s+"
        r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+.{0,100}",
        r"(?:follow|contact)\s+(?:him|her|them|us|me|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)"
        r"{0,3})\s+on\s+(?:twitter|x|instagram|bluesky|threads)\s*:?\s*@\w+.{0,60}",
    ),
    LineKind.CREDIT: _rules(
        BYLINE,
        re.compile(
            r"\(?(?:Additional\s+[Rr]eporting|ADDITIONAL\s+REPORTING|Reporting|REPORTING|Writing|"
            r"Editing|Compiled|Written|Reported|Edited|Research|Graphics|Production)\s+(?:by|BY)"
            r"\s+[A-Z].{0,300}",
        ),
        r".{1,200}\s+contributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article|"
        r"reporting)\.?\)?|.{1,200}\s+contributed\s+reporting(?:\s+from\s+.{1,60})?\.?\)?",
        re.compile(
            r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}\s+is\s+an?\s+(?:staff\s+|senior\s+|"
            r"national\s+|political\s+|contributing\s+)?(?:writer|reporter|correspondent|"
            r"columnist|editor)\s+(?:for|at|with)\s+(?:the\s+)?[A-Z][\w.&'’-]*"
            r"(?:\s+(?:[A-Z][\w.&'’-]*|of|and|the)){0,6}\.?",
        ),
        r"(?:the\s+)?(?:associated\s+press|ap|reuters|afp|staff|wire|news\s+services?)"
        r"(?:\s+(?:and|&)\s+(?:wire|staff)\s+reports?|\s+reports?|\s+writer)?",
    ),
    LineKind.SEPARATOR: _rules(
        re.compile(
            r"[\-—–―_*=~#•·+|.…◆■●◊/\\\s]*[\-—–―_*=~#•·+◆■●◊]"
            r"[\-—–―_*=~#•·+|.…◆■●◊/\\\s]*"
        ),
    ),
    LineKind.SITE: _rules(
        r"please\s+let\s+us\s+know\s+if\s+you(?:'|’)?re\s+having\s+"
        r"(?:issues|trouble|problems)\s+with\s+comment(?:ing|s)\.?",
        r"comments?\s+(?:are|have\s+been|is)\s+(?:now\s+)?(?:closed|disabled|turned\s+off)"
        r".{0,80}",
        r"(?:you\s+must\s+be|please)\s+(?:logged\s+in|log\s+in|sign\s+in|register)\s+"
        r"to\s+(?:post\s+a\s+)?comment.{0,60}",
        r"(?:our\s+)?comment(?:ing)?\s+(?:policy|guidelines|section)\b.{0,120}",
        r"loading(?:\.\.\.|…)?|please\s+(?:enable|turn\s+on)\s+javascript.{0,120}",
        r"your\s+browser\s+(?:does\s+not|doesn'?t)\s+support.{0,120}",
        r"(?:terms\s+of\s+(?:use|service)|privacy\s+(?:policy|notice)|cookie\s+(?:policy|"
        r"settings)|contact\s+us|about\s+us|accessibility|site\s+map|sitemap|"
        r"(?:do\s+not|don'?t)\s+sell\s+my\s+.{0,40})"
        r"(?:\s*[|•·,]\s*[\w' ]{1,40})*",
        r"this\s+(?:article|story|post|report)\s+(?:was|has\s+been|is)\s+(?:originally\s+|"
        r"first\s+)?(?:updated|corrected|published|amended)\b.{0,250}",
        r"(?:the\s+)?(?:views|opinions)\s+expressed\s+.{0,250}",
        r"(?:we'?re\s+sorry|sorry),?\s+(?:this|the|your)\s+.{0,120}",
    ),
}

# Order in which kinds are tried; the first kind whose rule matches wins.
ORDER: tuple[LineKind, ...] = (
    LineKind.SEPARATOR,
    LineKind.COPYRIGHT,
    LineKind.LICENSING,
    LineKind.CONTACT,
    LineKind.CREDIT,
    LineKind.ADVERTISING,
    LineKind.SITE,
    LineKind.PHOTO,
    LineKind.NAVIGATION,
)

# Kinds that may still be recognised inside a comment section (page furniture, not comments).
COMMENT_SECTION_KINDS: tuple[LineKind, ...] = (
    LineKind.SEPARATOR,
    LineKind.ADVERTISING,
    LineKind.SITE,
    LineKind.NAVIGATION,
)


def _looks_like_sentence(line: str) -> bool:
    """A long line ending like prose; only bylines use this guard."""
    return line.endswith(".") and not re.search(r"\b[A-Z][a-z]?\.$", line)


@lru_cache(maxsize=32)
def _any_rule(kinds: tuple[LineKind, ...]):
    """The rules of ``kinds`` as one alternation (plus any rule that cannot join it), and apart
    the rules that start with a wildcard, each with the words it cannot match without
    (``regexes.needles``): when none of these matches a line, no rule does, so most lines (body
    paragraphs) are ruled out in one regex call and a few substring tests instead of ~60 regex
    calls. The wildcard rules ("….{0,200} all rights reserved") cost the most where they fail,
    and most lines lack their words."""
    rules = [rule for kind in kinds for rule in RULES[kind]]
    gated = tuple((rule, needles(rule)) for rule in rules if starts_with_wildcard(rule))
    gated = tuple((rule, words) for rule, words in gated if words)
    apart = {rule for rule, _ in gated}
    joined, alone = alternation(rule for rule in rules if rule not in apart)
    return joined, alone, gated, _gate(gated)


def _gate(gated) -> tuple[str, ...]:
    """The words of the gated rules' first needle groups, less those holding a shorter one
    ("photograph" holds "photo"): a line that holds none of them holds no gated rule's needles.
    One loop over these rules out almost every line, where a loop over the rules tested each
    rule's groups in turn (twice the time)."""
    words = {word for _, groups in gated for word in groups[0]}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


@lru_cache(maxsize=32)
def _by_kind(kinds: tuple[LineKind, ...]):
    """For each of ``kinds`` in order: one alternation of its rules (and those that cannot join
    it), or ``None`` when each rule must be tried on its own (a kind with the byline rule, whose
    match may still be refused)."""
    found = []
    for kind in kinds:
        if BYLINE in RULES[kind]:
            found.append((kind, None, RULES[kind]))
        else:
            joined, alone = alternation(RULES[kind])
            found.append((kind, joined, alone))
    return tuple(found)


def _any_gated(text: str, gated, gate: tuple[str, ...]) -> bool:
    """Does one of the wildcard rules match? Only those whose words the line holds are tried
    (all of them when the line has a character that folds to an ASCII letter: see
    ``regexes.FOLDS_TO_ASCII``); none when it holds no word of ``gate``. Plain loops: this runs
    for every line of every page."""
    if not gated:
        return False
    low = text.lower() if text.isascii() or not any(char in text for char in FOLDS_TO_ASCII) \
        else None  # (the folding characters are not ASCII)
    if low is not None:
        for word in gate:
            if word in low:
                break
        else:
            return False
    for rule, groups in gated:
        if low is not None and not has_needles(low, groups):
            continue
        if rule.fullmatch(text):
            return True
    return False


def classify_line(line: str, kinds: Iterable[LineKind] = ORDER) -> LineKind | None:
    """Return the boilerplate kind of one line, or ``None`` when it is (potential) content."""
    text = line.strip()
    if not text or len(text) > MAX_BOILERPLATE_CHARS:
        return None
    if kinds is ORDER and len(text) <= CACHED_LINE_CHARS:
        return _classify_page_line(text)
    return _classify(text, tuple(kinds))


# Distinct short lines remembered by the classification of page lines: furniture
# ("Advertisement", a site's footer) comes back page after page, and it is what costs the most
# to classify; paragraphs (longer) seldom come back and would only push it out.
LINE_CACHE_SIZE = 8192
CACHED_LINE_CHARS = 160


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _classify_page_line(text: str) -> LineKind | None:
    return _classify(text, ORDER)


def _classify(text: str, kinds: tuple[LineKind, ...]) -> LineKind | None:
    joined, alone, gated, gate = _any_rule(kinds)
    if not (joined and joined.fullmatch(text)) and not any(r.fullmatch(text) for r in alone) \
            and not _any_gated(text, gated, gate):
        return None
    for kind, joined, alone in _by_kind(kinds):
        if joined is not None:
            if joined.fullmatch(text) or any(rule.fullmatch(text) for rule in alone):
                return kind
            continue
        for rule in alone:
            if not rule.fullmatch(text):
                continue
            if rule is BYLINE and (
                len(text.split()) > BYLINE_MAX_WORDS or _looks_like_sentence(text)
            ):
                continue
            return kind
    return None


def is_byline(line: str) -> bool:
    """True for a "By Jane Doe …" line (classified as :attr:`LineKind.CREDIT`)."""
    text = line.strip()
    return bool(BYLINE.fullmatch(text)) and len(text.split()) <= BYLINE_MAX_WORDS
