"""Outlet detection from signatures (phrases, regexes, e-mail domains) with evidence strength.

Strength depends on WHERE a signature matches: a copyright or licensing line names the publisher;
a reporter e-mail or a site's own furniture is strong; a credit line is good; a phrase inside a
body paragraph is usually a citation of another outlet ("told Reuters") and never decides alone.
A tie at the top strength, or no decisive evidence, gives ``None``: unknown is a valid answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import outlet_checks
from .outlet_checks import names_parent_only
from .outlet_words import patterns_regex as _patterns_regex
from .outlet_words import words_regex as _words_regex
from .regexes import FOLDS_TO_ASCII, alternation, anchored_at_start, key_char
from .types import Line, LineKind, OutletSignature

# Evidence strength by the kind of line a signature matched in.
KIND_STRENGTH: dict[LineKind, int] = {
    LineKind.COPYRIGHT: 6,
    LineKind.LICENSING: 6,
    LineKind.CONTACT: 5,
    LineKind.SITE: 5,
    LineKind.CREDIT: 4,
    LineKind.NAVIGATION: 3,
    LineKind.ADVERTISING: 3,
    LineKind.SEPARATOR: 3,
    LineKind.PHOTO: 1,  # photo credits name agencies, not the publisher
    LineKind.HEADLINE: 1,
    LineKind.BODY: 1,
    LineKind.COMMENT_HEADING: 0,
    LineKind.COMMENT: 0,  # readers mention outlets all the time
}
EMAIL_STRENGTH = 5  # an address at the outlet's domain, in any non-comment line
BODY_EMAIL_STRENGTH = 3
BODY_PATTERN_STRENGTH = 2  # a deliberate regex (e.g. a "(Reuters) -" dateline) in the body
MIN_STRENGTH = 2  # below this, evidence is recorded but never decides
# A licensing or credit line that names a *supplier* ("This article was provided by The
# Associated Press", "Associated Press writer X contributed to this report") shows syndication:
# the page belongs to whoever republished it, so such a mention is weak evidence.
SUPPLIER_STRENGTH = 1
_SUPPLIER = outlet_checks.SUPPLIER
_SUPPLIER_KINDS = (LineKind.LICENSING, LineKind.CREDIT, LineKind.COPYRIGHT)
# The holder a copyright line names: "© 2023 Sunbeam Television Corp. All rights reserved."
_HOLDER = outlet_checks.HOLDER
# A dateline with the tag of the outlet that wrote the story, at the start of one of the first
# paragraphs: "WASHINGTON (Reuters) -", "LONDON, May 4 (AFP) —", "(CNN)The storm ...".
_DATELINE = re.compile(
    r"(?:[A-Z][\w.'’-]*(?:[ ,]+[\w.'’-]+){0,5}\s*)?\((?P<tag>[A-Z][\w.&' -]{0,30})\)"
    r"\s*(?:[-—–:]|(?=[A-Z“\"])|$)"
)
DATELINE_STRENGTH = 4  # as a credit line: the story's maker, usually the page's publisher
DATELINE_PARAGRAPHS = 3
SITE_NAME_STRENGTH = 5  # the site's name closing the page's title, as the site's own furniture
_PARENT_KINDS = (LineKind.COPYRIGHT, LineKind.LICENSING)

_EMAIL_DOMAIN = outlet_checks.EMAIL_DOMAIN


def signature_from_text(slug: str, name: str, domain: str, signatures: str) -> OutletSignature:
    """Build a signature from a Source record's text fields.

    ``signatures`` has one signature per line: a plain line is a case-insensitive phrase,
    ``re:<regex>`` a regular expression, ``@<domain>`` an e-mail domain; blank lines and lines
    starting with ``#`` are ignored. ``domain`` itself also counts as an e-mail domain.
    """
    phrases: list[str] = []
    patterns: list[str] = []
    domains: list[str] = []

    def add_domain(value: str) -> None:
        value = value.strip().lower().removeprefix("www.").strip("/")
        value = re.sub(r"^[a-z]+://", "", value).split("/")[0].removeprefix("www.")
        if value and value not in domains:
            domains.append(value)

    for value in (domain or "").replace(",", "\n").splitlines():
        add_domain(value)
    for raw in (signatures or "").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("re:"):
            pattern = line[3:].strip()
            re.compile(pattern)  # fail loudly on a bad regex in the data
            patterns.append(pattern)
        elif line.startswith("@"):
            add_domain(line[1:])
        elif line not in phrases:
            phrases.append(line)
    return OutletSignature(
        slug=slug,
        name=name,
        phrases=tuple(phrases),
        patterns=tuple(patterns),
        email_domains=tuple(domains),
    )


def _domain_matches(found: str, domain: str) -> bool:
    found = found.lower()
    return found == domain or found.endswith("." + domain)


def _names_holder(signature: OutletSignature, text: str) -> bool:
    """Does the copyright line's holder name this outlet (or is there no holder to read)?
    "© 2023 Sunbeam Television Corp. ... may not be published, broadcast, rewritten or
    redistributed" borrows the Associated Press's wording but belongs to Sunbeam."""
    match = _HOLDER.search(text)
    if match is None:
        return True
    holder = match.group("holder")
    words = _words_regex((signature.name, *signature.phrases, *signature.email_domains))
    return words is not None and bool(words.search(holder))


def signature_matches(signature: OutletSignature, text: str) -> bool:
    """Does ``signature`` find evidence in ``text`` read as a line of page furniture?"""
    text = text.strip()
    line = Line(0, text, LineKind.SITE)
    return _line_evidence(signature, line, text, _EMAIL_DOMAIN.findall(text)) > 0


def dateline_tag(text: str) -> str | None:
    """The outlet tag of a dateline at the start of a paragraph, else None."""
    match = _DATELINE.match(text)
    return match.group("tag").strip() if match else None


@dataclass(frozen=True)
class Evidence:
    slug: str
    strength: int
    line: str


def _line_evidence(signature: OutletSignature, line: Line, text: str, emails: list[str]) -> int:
    kind_strength = KIND_STRENGTH[line.kind]
    if line.kind in _SUPPLIER_KINDS and _SUPPLIER.search(text):
        kind_strength = SUPPLIER_STRENGTH
    elif line.kind is LineKind.COPYRIGHT and not _names_holder(signature, text):
        kind_strength = SUPPLIER_STRENGTH  # another company's copyright line
    in_boilerplate = line.kind.is_boilerplate
    best = 0
    for found in emails:
        if any(_domain_matches(found, d) for d in signature.email_domains):
            best = EMAIL_STRENGTH if in_boilerplate else BODY_EMAIL_STRENGTH
    if in_boilerplate and kind_strength > best:
        domains = _words_regex(signature.email_domains)
        if domains is not None and domains.search(text):
            best = kind_strength
    pattern_strength = kind_strength if in_boilerplate else BODY_PATTERN_STRENGTH
    if pattern_strength > best and any(
        rx.search(text) for rx in _patterns_regex(signature.patterns)
    ):
        best = pattern_strength
    if kind_strength > best:
        phrases = _words_regex(signature.phrases)
        if phrases is not None and phrases.search(text):
            best = kind_strength
    return best


class OutletMatcher:
    """Signatures compiled once for many pages: a cheap test that rules out most lines.

    Scanning every line with every signature's regexes is the expensive part of parsing (52
    outlets: about 150 regex searches a line). Almost no line names an outlet, so one combined
    whole-word alternation of every phrase and domain, one combined alternation of every regex
    and a set of e-mail domains decide in a few searches that a line holds no evidence at all;
    only the rare line that passes is scored signature by signature, exactly as before.
    Build one with :func:`compile_signatures` and pass it wherever signatures are accepted.
    """

    def __init__(self, signatures: Iterable[OutletSignature]) -> None:
        self.signatures: tuple[OutletSignature, ...] = tuple(signatures)
        words = {w for s in self.signatures for w in (*s.phrases, *s.email_domains)}
        self._words = _words_regex(tuple(sorted(words)))
        self._domains = frozenset(d for s in self.signatures for d in s.email_domains)
        patterns = [re.compile(pattern, re.IGNORECASE)
                    for pattern in dict.fromkeys(p for s in self.signatures for p in s.patterns)]
        # Regexes anchored at the start ("^… (Reuters) -") are tried there only (match), the
        # others anywhere (search): one alternation of both kinds would scan every line. Those
        # whose every match holds a punctuation character (a dateline's "(") only on lines with it.
        anchored = [p for p in patterns if anchored_at_start(p)]
        keys = {p: key_char(p) for p in anchored}
        self._anchored, anchored_alone = alternation(p for p in anchored if keys[p] is None)
        self._anchored_keyed: list[tuple[str, re.Pattern[str]]] = []
        for char in dict.fromkeys(key for key in keys.values() if key is not None):
            joined, alone = alternation(p for p in anchored if keys[p] == char)
            anchored_alone += alone
            if joined is not None:
                self._anchored_keyed.append((char, joined))
        self._patterns, self._separate_patterns = alternation(
            p for p in patterns if not anchored_at_start(p))
        self._separate_patterns += anchored_alone
        self.tags = _dateline_tags(self.signatures)
        # Per signature, one search that finds whatever its phrases, domain names and regexes
        # would (and the regexes that cannot join it): a line it misses, with no e-mail at one
        # of the outlet's domains, is no evidence of the outlet at all (``_line_evidence`` 0).
        self.screens = tuple(_screen(s) for s in self.signatures)

    def __len__(self) -> int:
        return len(self.signatures)

    def may_match(self, text: str, emails: Sequence[str], *, words: bool = True,
                  patterns: bool = True) -> bool:
        """False when no signature can find evidence in ``text`` (a stripped line) through the
        channels asked for: phrases and domain names (``words``), regexes, e-mail domains."""
        if words and self._words is not None and self._words.search(text):
            return True
        if patterns and self._anchored is not None and self._anchored.match(text):
            return True
        for char, anchored in self._anchored_keyed if patterns else ():
            if char in text and anchored.match(text):
                return True
        if patterns and self._patterns is not None and self._patterns.search(text):
            return True
        if patterns and self._separate_patterns \
                and any(rx.search(text) for rx in self._separate_patterns):
            return True
        return bool(emails) and any(self._known_domain(found) for found in emails)

    def _known_domain(self, found: str) -> bool:
        """``found`` is a signature domain or a sub-domain of one (see ``_domain_matches``)."""
        found = found.lower()
        while True:
            if found in self._domains:
                return True
            _, dot, found = found.partition(".")
            if not dot:
                return False


def _screen(signature: OutletSignature):
    words = _words_regex((*signature.phrases, *signature.email_domains))
    joined, alone = alternation(
        ([words] if words is not None else []) + list(_patterns_regex(signature.patterns)))
    # Without regexes, the search finds ASCII words only in a line whose lower() holds one (if
    # it has no FOLDS_TO_ASCII character): substring tests rule most signatures out.
    plain = tuple(word.lower() for word in (*signature.phrases, *signature.email_domains))
    if signature.patterns or not all(word.isascii() for word in plain):
        plain = None
    return signature, joined, alone, plain


def _may_give_evidence(screen, text: str, emails: list[str], low: str | None) -> bool:
    """``low``: the line's ``lower()`` when it holds no FOLDS_TO_ASCII character, else None."""
    signature, joined, alone, plain = screen
    if low is not None and plain is not None and not any(map(low.__contains__, plain)):
        return any(_domain_matches(found, d) for found in emails for d in signature.email_domains)
    return bool(
        (joined is not None and joined.search(text))
        or any(rx.search(text) for rx in alone)
        or any(_domain_matches(found, d) for found in emails for d in signature.email_domains)
    )


def _dateline_tags(signatures: Iterable[OutletSignature]) -> dict[str, str]:
    """Case-folded dateline tag -> slug: each outlet's name, short phrases, short slug and the
    initials of a two- or three-word name ("Associated Press" -> "AP"). A tag two outlets
    could claim is left out."""
    found: dict[str, set[str]] = {}
    for signature in signatures:
        tags = {signature.name, *(p for p in signature.phrases if len(p.split()) <= 4)}
        if len(signature.slug) <= 4:
            tags.add(signature.slug)
        words = [w for w in signature.name.split() if w.lower() != "the"]
        if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
            tags.add("".join(w[0] for w in words))
        for tag in tags:
            found.setdefault(tag.casefold().removeprefix("the "), set()).add(signature.slug)
    return {tag: next(iter(slugs)) for tag, slugs in found.items() if len(slugs) == 1}


@lru_cache(maxsize=64)
def _compile(signatures: tuple[OutletSignature, ...]) -> OutletMatcher:
    return OutletMatcher(signatures)


def compile_signatures(
    signatures: Sequence[OutletSignature] | OutletMatcher,
) -> OutletMatcher:
    """The :class:`OutletMatcher` for ``signatures`` (cached: equal signatures compile once)."""
    if isinstance(signatures, OutletMatcher):
        return signatures
    return _compile(tuple(signatures))


def collect_evidence(
    lines: Iterable[Line],
    signatures: Sequence[OutletSignature] | OutletMatcher,
    *,
    min_strength: int = 1,
) -> list[Evidence]:
    """The strongest piece of evidence for each signature that matched anywhere, leaving out
    evidence weaker than ``min_strength``.

    Only channels that could reach ``min_strength`` on a line are searched: with
    ``MIN_STRENGTH`` a body line (a phrase in it is worth 1) is only searched for regexes and
    e-mail addresses, which is most of the saving on a long page.
    """
    matcher = compile_signatures(signatures)
    best: dict[str, Evidence] = {}
    plain: dict[str, int] = {}  # strongest evidence per outlet that is not a parent company's
    parents: set[str] = set()  # outlets whose best evidence is a parent company's copyright
    paragraphs = 0
    for position, line in enumerate(lines):
        if position < outlet_checks.TITLE_LINES and min_strength <= SITE_NAME_STRENGTH:
            site = outlet_checks.title_site(line.text.strip())
            slug = matcher.tags.get(site) if site else None
            if slug and (slug not in best or best[slug].strength < SITE_NAME_STRENGTH):
                best[slug] = Evidence(slug, SITE_NAME_STRENGTH, line.text.strip())
                parents.discard(slug)
            if slug:
                plain[slug] = max(plain.get(slug, 0), SITE_NAME_STRENGTH)
        if line.kind is LineKind.BODY and paragraphs < DATELINE_PARAGRAPHS:
            paragraphs += 1
            tag = dateline_tag(line.text.strip())
            slug = matcher.tags.get(tag.casefold().removeprefix("the ")) if tag else None
            current = best.get(slug) if slug else None
            if slug and min_strength <= DATELINE_STRENGTH:
                plain[slug] = max(plain.get(slug, 0), DATELINE_STRENGTH)
            if slug and min_strength <= DATELINE_STRENGTH and (
                current is None or current.strength < DATELINE_STRENGTH
            ):
                best[slug] = Evidence(slug, DATELINE_STRENGTH, line.text.strip())
                parents.discard(slug)
        kind_strength = KIND_STRENGTH[line.kind]
        if kind_strength == 0:
            continue  # comments: readers mention outlets all the time
        text = line.text.strip()
        in_boilerplate = line.kind.is_boilerplate
        if kind_strength >= min_strength and line.kind in _SUPPLIER_KINDS \
                and _SUPPLIER.search(text):
            kind_strength = SUPPLIER_STRENGTH  # as _line_evidence will find
        emails = []
        if "@" in text and (EMAIL_STRENGTH if in_boilerplate else BODY_EMAIL_STRENGTH) >= \
                min_strength:
            emails = _EMAIL_DOMAIN.findall(text)
        pattern_strength = kind_strength if in_boilerplate else BODY_PATTERN_STRENGTH
        if not matcher.may_match(text, emails, words=kind_strength >= min_strength,
                                 patterns=pattern_strength >= min_strength):
            continue
        if "@" in text and not emails:
            emails = _EMAIL_DOMAIN.findall(text)  # weak here, but score the line as always
        low = text.lower() if text.isascii() or not any(c in text for c in FOLDS_TO_ASCII) \
            else None
        for screen in matcher.screens:
            if not _may_give_evidence(screen, text, emails, low):
                continue
            signature = screen[0]
            strength = _line_evidence(signature, line, text, emails)
            if strength < min_strength:
                continue
            parent = line.kind in _PARENT_KINDS and strength == KIND_STRENGTH[line.kind] \
                and names_parent_only(signature, text)
            if not parent:
                plain[signature.slug] = max(plain.get(signature.slug, 0), strength)
            current = best.get(signature.slug)
            if strength and (current is None or strength > current.strength):
                best[signature.slug] = Evidence(signature.slug, strength, text)
                if parent:
                    parents.add(signature.slug)
                else:
                    parents.discard(signature.slug)
    # A parent company's copyright names the outlet only when other evidence agrees.
    for slug in parents:
        if plain.get(slug, 0) < MIN_STRENGTH:
            best[slug] = Evidence(slug, SUPPLIER_STRENGTH, best[slug].line)
    return [item for item in best.values() if item.strength >= min_strength]


def detect_outlet(
    lines: Iterable[Line], signatures: Sequence[OutletSignature] | OutletMatcher
) -> tuple[str | None, str]:
    """Return (slug, evidence line) of the one outlet with the strongest evidence, or (None, "").

    Evidence below ``MIN_STRENGTH`` never decides, so it is not even looked for."""
    lines = list(lines)
    matcher = compile_signatures(signatures)
    evidence = collect_evidence(lines, matcher, min_strength=MIN_STRENGTH)
    if not evidence:
        return None, ""
    top = max(item.strength for item in evidence)
    if top < MIN_STRENGTH:
        return None, ""
    leaders = {item.slug for item in evidence if item.strength == top}
    if len(leaders) != 1:
        return None, ""
    winner = next(item for item in evidence if item.strength == top)
    if top < KIND_STRENGTH[LineKind.COPYRIGHT]:
        signature = next(s for s in matcher.signatures if s.slug == winner.slug)
        if (top <= DATELINE_STRENGTH or outlet_checks.supplied_by(lines, signature)) \
                and outlet_checks.foreign_holder(lines, matcher, signature):
            return None, ""  # republished copy on the site of a company the outlet is not
    return winner.slug, winner.line
