"""Templates across articles: lines that repeat across many articles of one outlet are furniture.

Pure Python. A page's own rules cannot tell a site's footer ("Never miss the latest news by
signing up…") from prose when the footer reads like prose; but the footer stands on every page of
that site, and an article's sentences do not. So lines are counted across the articles of a
*group*: the outlet when it is known, else the file's folder below the one ingested, else a
prefix of the file's name (``reuters_0012.txt`` -> ``reuters``, a manifest row's URL -> its
host). A line found in at least ``min_articles`` articles of its group is a template line of
that group, and :func:`apply_templates` moves it out of a body into the boilerplate, kind
``template``, wherever it stands.

Lines are compared by :func:`template_key` (whitespace collapsed, case-folded, digits blanked: "12
comments" and "3 comments" are the same furniture). Long lines are never templates: a line of more
than ``MAX_TEMPLATE_WORDS`` words is an article's prose even when two copies of one story share it.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .types import Boilerplate, Line, LineKind, ParsedArticle

# A line in at least this many articles of a group is furniture (settings may change it).
MIN_ARTICLES = 5
MAX_TEMPLATE_WORDS = 40
# ... and never longer than this many characters (the learnt lines' unique index stays small).
MAX_TEMPLATE_CHARS = 400
# Article ids remembered per candidate line while it is below the threshold (it is re-applied to
# them when it crosses it).
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_PREFIX = re.compile(r"^(.+?)[_-]")


def template_key(line: str) -> str:
    """A line's form for comparing lines across pages."""
    key = " ".join(line.casefold().split())
    return _DIGITS.sub("0", key) if _DIGIT.search(key) else key


def group_for(file_name: str, outlet: str | None) -> str:
    """The group whose template applies to an article: ``outlet:SLUG`` when the outlet is known,
    else ``folder:…`` for a file in a folder below the one ingested (``reuters/2018/x.txt``), else
    ``prefix:…`` from its file name (the part before the first ``_`` or ``-`` when it has a
    letter, or a URL's host), else "" (an article alone: no template)."""
    if outlet:
        return f"outlet:{outlet}"
    if "://" in file_name:
        host = (urlsplit(file_name).hostname or "").removeprefix("www.")
        return f"prefix:{host}" if host else ""
    folder, _, base = file_name.rpartition("/")
    if folder:  # a path below the folder ingested: its folder is one source
        return f"folder:{folder}"
    file_name = base
    match = _PREFIX.match(file_name)
    if not match or not any(c.isalpha() for c in match.group(1)):
        return ""  # "0001_9f3a.txt": a serial number names no site
    return f"prefix:{match.group(1).lower()}"


def candidate_lines(parsed_lines: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{key: text} of an article's lines that may be template lines: its body paragraphs and the
    lines already removed as template, short enough. ``parsed_lines``: (kind, text) pairs."""
    found: dict[str, str] = {}
    for kind, text in parsed_lines:
        if kind not in (LineKind.BODY, LineKind.TEMPLATE):
            continue
        text = text.strip()
        if not text or len(text) > MAX_TEMPLATE_CHARS:
            continue
        # template_key's words, counted too: case folding never makes or removes white space
        # (every code point checked), so they are as many as ``text.split()``'s.
        words = text.casefold().split()
        if len(words) > MAX_TEMPLATE_WORDS:
            continue
        key = " ".join(words)
        found.setdefault(_DIGITS.sub("0", key) if _DIGIT.search(key) else key, text)
    return found


def article_candidates(parsed: ParsedArticle) -> dict[str, str]:
    """:func:`candidate_lines` of a parse."""
    pairs = [(LineKind.BODY, p) for p in parsed.paragraphs]
    pairs += [(b.kind, b.text) for b in parsed.boilerplate if b.kind is LineKind.TEMPLATE]
    return candidate_lines(pairs)


def stored_candidates(body: str, boilerplate: Iterable[dict]) -> dict[str, str]:
    """:func:`candidate_lines` of a stored article (its body and boilerplate as stored)."""
    pairs = [(LineKind.BODY, p) for p in body.split("\n\n")]
    pairs += [(LineKind.TEMPLATE, b.get("text", "")) for b in boilerplate
              if b.get("kind") == LineKind.TEMPLATE]
    return candidate_lines(pairs)


@dataclass
class GroupCounts:
    """How many articles of one group hold each candidate line (each article counted once)."""

    articles: Counter = field(default_factory=Counter)
    text: dict[str, str] = field(default_factory=dict)  # an example of each key, as written

    def add(self, candidates: dict[str, str]) -> None:
        self.articles.update(candidates.keys())
        for key, text in candidates.items():
            self.text.setdefault(key, text)

    def templates(self, min_articles: int = MIN_ARTICLES) -> dict[str, tuple[str, int]]:
        """{key: (text, article count)} of the lines in at least ``min_articles`` articles."""
        return {key: (self.text[key], count) for key, count in self.articles.items()
                if count >= min_articles}


def learn(articles: Iterable[tuple[str, dict[str, str]]],
          min_articles: int = MIN_ARTICLES) -> dict[str, dict[str, tuple[str, int]]]:
    """{group: {key: (text, count)}} from (group, candidates) of every article of the groups."""
    groups: dict[str, GroupCounts] = {}
    for group, candidates in articles:
        if group:
            groups.setdefault(group, GroupCounts()).add(candidates)
    learnt = {group: counts.templates(min_articles) for group, counts in groups.items()}
    return {group: lines for group, lines in learnt.items() if lines}


def apply_templates(parsed: ParsedArticle, templates: Collection[str]) -> ParsedArticle:
    """The parse with every body line whose key is in ``templates`` moved to the boilerplate
    (kind ``template``), and every line removed as template that no longer is put back. A body
    that would be left empty is kept whole: the page is then all template, and an article is
    never lost to it."""
    body_lines = [line for line in parsed.lines if line.kind is LineKind.BODY]
    was_template = {b.line for b in parsed.boilerplate if b.kind is LineKind.TEMPLATE}
    if not templates and not was_template:
        return parsed
    if len(body_lines) != len(parsed.paragraphs):  # pragma: no cover - the parser's invariant
        return parsed
    paragraph_of = {line.number: p for line, p in zip(body_lines, parsed.paragraphs,
                                                      strict=True)}
    new_lines: list[Line] = []
    for line in parsed.lines:
        kind = line.kind
        if kind is LineKind.BODY and template_key(paragraph_of[line.number]) in templates:
            kind = LineKind.TEMPLATE
        elif kind is LineKind.TEMPLATE and template_key(line.text) not in templates:
            kind = LineKind.BODY
            paragraph_of[line.number] = line.text.strip()
        new_lines.append(line if kind is line.kind else line._replace(kind=kind))
    paragraphs = tuple(paragraph_of[line.number] for line in new_lines
                       if line.kind is LineKind.BODY)
    if not paragraphs:
        return parsed
    kept = [b for b in parsed.boilerplate if b.kind is not LineKind.TEMPLATE]
    moved = [Boilerplate(LineKind.TEMPLATE, line.text.strip(), line.number)
             for line in new_lines if line.kind is LineKind.TEMPLATE]
    removed = sum(1 for line in new_lines if line.kind is LineKind.TEMPLATE)
    notes = tuple(n for n in parsed.notes if not n.startswith("template lines removed: "))
    if removed:
        notes += (f"template lines removed: {removed} (repeated across the outlet's articles)",)
    return dataclasses.replace(
        parsed, lines=tuple(new_lines), paragraphs=paragraphs,
        boilerplate=tuple(sorted(kept + moved, key=lambda b: b.line)), notes=notes,
    )
