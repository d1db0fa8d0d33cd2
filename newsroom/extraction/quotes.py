"""Direct quotations and who said them (pure Python).

A quotation is text between quotation marks ("…" or “…”) of at least ``MIN_WORDS`` words (shorter
ones are scare quotes: “profoundly immoral”). Its speaker comes from the attribution next to it:

- after it:  “…,” Cecillia Wang from the ACLU said in a statement.   “…,” said Jane Doe.
             “…,” the groups wrote.   “…,” she said.   “…,” the letter reads.
- before it: Jessica Vaughan said: “…”   According to the ACLU, “…”   As Smith put it, “…”
- split:     “First part,” the letter reads. “Second part.”  → one quotation, one speaker.

Pronouns (he, she, they…) resolve to the nearest earlier person named in the text (``she``) or to
the previous speaker (``they``), when the caller passes the people it found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from .gazetteer import TITLE_WORDS
from .text import mask_abbreviations, squash, unmask

MIN_WORDS = 5
MIN_ATTRIBUTED_WORDS = 3  # “We are flying blind,” she said.

VERBS = (
    r"said|says|say|wrote|writes|write|added|adds|told|tells|stated|states|declared|declares|"
    r"argued|argues|asked|asks|explained|explains|warned|warns|noted|notes|continued|continues|"
    r"insisted|insists|charged|charges|reads|read|recalled|recalls|acknowledged|acknowledges|"
    r"conceded|concedes|tweeted|tweets|posted|posts|testified|testifies|announced|announces|"
    r"replied|replies|responded|responds|urged|urges|concluded|concludes|cautioned|cautions|"
    r"predicted|predicts|countered|counters|claimed|claims|admitted|admits|joked|jokes|"
    r"observed|observes|complained|complains|remarked|remarks|maintained|maintains|"
    r"emphasized|emphasised|stressed|stresses|suggested|suggests|put it|puts it"
)
_VERB = rf"(?:{VERBS})"
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
GENERIC_ORG_NOUNS = {"company", "firm", "group", "organization", "organisation", "agency",
                     "utility", "retailer", "carrier", "manufacturer", "airline", "bank"}

_QUOTE = re.compile(r"[“\"]([^“”\"\n]+)[”\"]")
# A speaker: either "the/a/an lower-case words" or capitalised words (with connectors).
_NAME = (
    r"(?:[A-Z][\w’'.\u2024-]*"
    r"(?:\s+(?:of|for|and|the|de|la)?\s*[A-Z][\w’'.\u2024-]*)*)"
)
_SPEAKER = (
    rf"(?:{_NAME}|(?:the|a|an|his|her|their|its|one|another)\s+[\w’'\u2024-]+"
    rf"(?:\s+[\w’'\u2024-]+){{0,3}}?|he|she|they|it|we|I)"
)
# After the quotation: ", SPEAKER VERB" or ", VERB SPEAKER".
# A lower-case descriptor may come before the name: "cardiac nurse Teresa Alvarado said".
_DESCRIBED = rf"(?:[\w’'-]+\s+){{1,5}}?{_NAME}"
_AFTER_SPEAKER_VERB = re.compile(
    rf"^\s*,?\s*(?P<speaker>{_SPEAKER}|{_DESCRIBED})"
    rf"(?P<extra>(?:\s+(?:from|of|at|with)\s+(?:the\s+)?{_NAME})?(?:\s*,[^,.”“\"]*,)?(?:\s+\w+ly)?)\s+"
    rf"(?:also\s+|then\s+|later\s+|further\s+)?(?P<verb>{_VERB})\b"
)
_AFTER_VERB_SPEAKER = re.compile(rf"^\s*,?\s*(?P<verb>{_VERB})\s+(?P<speaker>{_SPEAKER})")
_BEFORE_ACCORDING = re.compile(rf"\b[Aa]ccording to\s+(?P<speaker>{_SPEAKER})\s*[,:]?\s*$")
_BEFORE_SPEAKER_VERB = re.compile(
    rf"(?P<speaker>{_SPEAKER})(?:\s+\w+ly)?\s+(?P<verb>{_VERB})"
    rf"(?:\s+(?:in|on|at|to|during)\s[^:“\"]{{0,60}}?)?\s*[:,]\s*$"
)
# "Judge Rosa Castillo wrote that the rule “…”", "Castillo said the rule “…”".
_BEFORE_SAID_THAT = re.compile(
    rf"(?P<speaker>{_NAME})\s+(?P<verb>said|says|wrote|writes|argued|argues|warned|warns|"
    rf"called|calls|described|describes)\s+(?!:)[^.!?:“\"]{{0,80}}$"
)
_BEFORE_AS_PUT = re.compile(rf"\b[Aa]s\s+(?P<speaker>{_SPEAKER})\s+(?:put it|said|wrote)\s*,\s*$")
_FROM_CLAUSE = re.compile(r"\s+(?:from|of|at|with|for)\s+(?:the\s+)?[A-Z].*$")
_CLAUSE_END = re.compile(r"[.!?;]|[“\"]|\n")
_SOMETHING = re.compile(r"^\s*,?\s*\S")
_COMMA_OR_SPACE = re.compile(r"^\s*[,]?\s")
_SENTENCE_BREAK = re.compile(r"[.!?”\"]\s|\n")
_POSSESSIVE_END = re.compile(r"[’']s$")
_DEFINITE = re.compile(r"(?:the|The) (\w+)")


class Quote(NamedTuple):
    """A quotation (a named tuple, cheap to pickle from ingest's workers: see ``Mention``)."""

    text: str
    speaker: str  # as written (titles removed); "" when the text does not say
    start: int  # offset of the opening quotation mark in the source text
    end: int  # offset just after the last closing mark (split quotations: of the last part)


def extract_quotes(
    text: str,
    people: Sequence[tuple[int, str]] = (),
    organisations: Sequence[tuple[int, str]] = (),
) -> list[Quote]:
    """Quotations in ``text`` with their speakers.

    ``people`` / ``organisations`` (optional): ``(offset, name)`` of the persons and organisations
    named in the text, used to resolve "she said" to the nearest person named before the
    quotation and "the union said" to the nearest organisation whose name ends in "Union".
    """
    return attribute(find_quotes(text), people, organisations)


def find_quotes(text: str) -> list[Quote]:
    """The quotations of ``text`` with their attributions as written ("she", "the union"):
    the costly half of ``extract_quotes``, which needs nothing but the text."""
    masked = mask_abbreviations(text)
    spans = [(m.group(1), m.start(), m.end()) for m in _QUOTE.finditer(masked)]  # text, start, end
    quotes: list[Quote] = []
    index = 0
    while index < len(spans):
        first, start, end = spans[index]
        parts = [first]
        speaker, attribution_end = _speaker_after(masked, end)
        if not speaker:
            speaker = _speaker_before(masked, start)
        # A split quotation: the next part opens right after the attribution sentence.
        while (
            speaker
            and attribution_end
            and index + 1 < len(spans)
            and _continues(masked, attribution_end, spans[index + 1][1])
            and not _speaker_after(masked, spans[index + 1][2])[0]
        ):
            index += 1
            part, _, end = spans[index]
            parts.append(part)
            attribution_end = 0
        index += 1
        quote_text = join_parts(parts)
        if len(quote_text.split()) < (MIN_ATTRIBUTED_WORDS if speaker else MIN_WORDS):
            continue
        quotes.append(Quote(quote_text, speaker, start, end))
    return quotes


def attribute(
    found: Sequence[Quote],
    people: Sequence[tuple[int, str]] = (),
    organisations: Sequence[tuple[int, str]] = (),
) -> list[Quote]:
    """``find_quotes``' quotations with pronouns and "the union" resolved to the people and
    organisations named before them (the cheap half of ``extract_quotes``)."""
    quotes: list[Quote] = []
    speakers: list[str] = []
    for quote in found:
        speaker = _resolve(quote.speaker, quote.start, people, speakers)
        speaker = _definite(speaker, quote.start, organisations)
        if speaker:
            speakers.append(speaker)
        quotes.append(Quote(quote.text, speaker, quote.start, quote.end))
    return quotes


def _speaker_after(masked: str, position: int) -> tuple[str, int]:
    """The speaker named in the attribution right after a closing mark, and where it ends."""
    tail = masked[position : position + 200]
    stop = _CLAUSE_END.search(tail)
    clause = tail[: stop.start()] if stop else tail
    if not clause.strip() or not _SOMETHING.match(clause):
        return "", 0
    if not _COMMA_OR_SPACE.match(clause) and not clause.startswith(","):
        return "", 0
    match = _AFTER_VERB_SPEAKER.match(clause) or _AFTER_SPEAKER_VERB.match(clause)
    if not match:
        return "", 0
    end = position + (stop.end() if stop else len(clause))
    return _clean_speaker(match.group("speaker")), end


def _speaker_before(masked: str, position: int) -> str:
    head = masked[max(0, position - 200) : position]
    head = _SENTENCE_BREAK.split(head)[-1]
    for pattern in (_BEFORE_ACCORDING, _BEFORE_AS_PUT, _BEFORE_SPEAKER_VERB, _BEFORE_SAID_THAT):
        match = pattern.search(head)
        if match:
            return _clean_speaker(match.group("speaker"))
    return ""


def _continues(masked: str, attribution_end: int, next_start: int) -> bool:
    gap = masked[attribution_end:next_start]
    return len(gap) <= 3 and "\n" not in gap


@lru_cache(maxsize=4096)
def _clean_speaker(raw: str) -> str:
    """The speaker's words as written, without descriptors and titles (cached: "she", "he",
    "Sessions" come back in every article)."""
    speaker = squash(unmask(raw)).strip(" ,")
    speaker = _FROM_CLAUSE.sub("", speaker) if speaker[:1].isupper() else speaker
    speaker = _POSSESSIVE_END.sub("", speaker)
    tokens = speaker.split()
    if any(t[:1].isupper() for t in tokens) and not speaker[:1].isupper():
        # "cardiac nurse Teresa Alvarado": keep the name, drop the descriptor.
        while tokens and not tokens[0][:1].isupper():
            tokens.pop(0)
    if any(not t[:1].isupper() for t in tokens) and tokens[-1][:1].isupper():
        # "CPS finance chief Maurice Gant", "Yurok Tribe chairman Joseph James": the last run
        # of capitalised words.
        run: list[str] = []
        for token in tokens:
            run = run + [token] if token[:1].isupper() else []
        tokens = run or tokens
    speaker = " ".join(tokens)
    if speaker[:1].isupper():
        speaker = strip_titles(speaker)
    return speaker


def strip_titles(name: str) -> str:
    """``Homeland Security Assistant Secretary John Morton`` → ``John Morton``.

    Drops leading title words while at least two words remain after them, or one word when the
    last dropped word was an honorific (``Mr. Sessions`` → ``Sessions``).
    """
    tokens = name.split()
    cut = 0
    for position, token in enumerate(tokens[:-1]):
        if token.lower().rstrip(".").replace("\u2024", "") in TITLE_WORDS or token.rstrip(
            "."
        ).lower() in TITLE_WORDS:
            cut = position + 1
    return " ".join(tokens[cut:]) or name


def _resolve(
    speaker: str, position: int, people: Sequence[tuple[int, str]], last: Sequence[str]
) -> str:
    lowered = speaker.lower()
    if lowered in {"he", "she", "i"}:
        earlier = [name for offset, name in people if offset < position]
        return earlier[-1] if earlier else ""
    if lowered in {"they", "we", "it"}:
        plural = [s for s in last if s.split()[-1].lower().endswith("s")]
        return (plural or list(last) or [""])[-1]
    return speaker


def _definite(speaker: str, position: int, organisations: Sequence[tuple[int, str]]) -> str:
    """"the union" → the nearest organisation named before whose name ends in "Union"."""
    match = _DEFINITE.fullmatch(speaker)
    if not match:
        return speaker
    noun = match.group(1).lower()
    earlier = [name for offset, name in organisations if offset < position]
    for name in reversed(earlier):
        last = name.split()[-1].lower()
        if last == noun or last.rstrip("s") == noun:
            return name
    if noun in GENERIC_ORG_NOUNS and earlier:
        return earlier[-1]  # "the company said": the organisation last named
    return speaker


def join_parts(parts: Sequence[str]) -> str:
    """The parts of a split quotation as one, keeping the punctuation between them: a part
    that ended its sentence with the comma before "the letter reads" ends with a full stop when
    the next part starts a new sentence, and keeps its comma when the next part goes on.
    ("…prison system,” the letter reads. “DOJ should…" → "…prison system. DOJ should…")."""
    cleaned = [squash(unmask(part)).strip() for part in parts]
    cleaned = [part for part in cleaned if part]
    joined: list[str] = []
    for index, part in enumerate(cleaned):
        following = cleaned[index + 1] if index + 1 < len(cleaned) else ""
        if not following:
            part = part.rstrip(",").strip()
        elif following[:1].isupper() and part.endswith(","):
            part = part[:-1].rstrip() + "."
        elif following[:1].isupper() and part[-1:].isalnum():
            part += "."
        joined.append(part)
    return " ".join(joined)
