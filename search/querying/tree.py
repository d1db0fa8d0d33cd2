"""The parsed query as a tree, and how it renders: for the engines (every ``AND`` explicit,
every group parenthesised) and for readers (what was searched). Built by ``language.py``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Query-language operator words (the lexer reads them; rendering must quote them as words).
OPERATORS = {"AND": "AND", "&&": "AND", "OR": "OR", "||": "OR", "NOT": "NOT"}

PLAIN_WORD = re.compile(r"^\w+$")


# --- The tree ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    text: str
    field: str | None = None
    prefix: bool = False
    fuzzy: int = 0


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    field: str | None = None
    slop: int = 0


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Phrase | Not | And | Or


@dataclass(frozen=True)
class HighlightTerm:
    """A word to mark in snippets: ``prefix`` marks every word that starts with it."""

    text: str
    prefix: bool = False
    words: tuple[str, ...] = ()  # a whole exact phrase (only with ``phrases=True`` below)


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    node: Node | None
    notes: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return self.node is None

    @property
    def is_negative_only(self) -> bool:
        """Nothing is required, only excluded (e.g. ``-trump``)."""
        node = self.node
        if isinstance(node, Not):
            return True
        return isinstance(node, And) and all(isinstance(c, Not) for c in node.children)

    @property
    def backend_query(self) -> str:
        """The query in the syntax shared by Whoosh, Solr and Elasticsearch ('' when empty)."""
        return "" if self.node is None else _render(self.node, explicit=True)

    @property
    def display(self) -> str:
        """What was searched, as a reader would type it."""
        return "" if self.node is None else _render(self.node, explicit=False)

    @property
    def highlight_terms(self) -> tuple[HighlightTerm, ...]:
        found: list[HighlightTerm] = []
        _collect_positive(self.node, found)
        return tuple(dict.fromkeys(found))

    @property
    def highlight_phrases(self) -> tuple[tuple[str, ...], ...]:
        """Exact phrases of two words or more (no slop), to mark as one match each."""
        found: list[HighlightTerm] = []
        _collect_positive(self.node, found, phrases=True)
        return tuple(dict.fromkeys(t.words for t in found if t.words))

    @property
    def highlight_words(self) -> tuple[HighlightTerm, ...]:
        """The words to mark on their own: ``highlight_terms`` less the words of exact phrases
        (those are marked only where the whole phrase is)."""
        found: list[HighlightTerm] = []
        _collect_positive(self.node, found, phrases=True)
        return tuple(dict.fromkeys(t for t in found if not t.words))



# --- Rendering -----------------------------------------------------------------------------
def _render(node: Node, *, explicit: bool) -> str:
    if isinstance(node, Term):
        text = node.text if _is_plain(node.text) else f'"{node.text}"'
        suffix = "*" if node.prefix else (f"~{node.fuzzy}" if node.fuzzy else "")
        return f"{_field(node.field)}{text}{suffix}"
    if isinstance(node, Phrase):
        slop = f"~{node.slop}" if node.slop else ""
        return f'{_field(node.field)}"{" ".join(node.words)}"{slop}'
    if isinstance(node, Not):
        return f"NOT {_group(node.child, explicit=explicit)}"
    if isinstance(node, And):
        joiner = " AND " if explicit else " "
        return joiner.join(_group(child, explicit=explicit) for child in node.children)
    return " OR ".join(_group(child, explicit=explicit) for child in node.children)


def _group(node: Node, *, explicit: bool) -> str:
    rendered = _render(node, explicit=explicit)
    return f"({rendered})" if isinstance(node, And | Or) else rendered


def _field(name: str | None) -> str:
    return f"{name}:" if name else ""


def _is_plain(text: str) -> bool:
    # Lower-case operator words are plain words everywhere; upper-case ones never reach here.
    return bool(PLAIN_WORD.match(text)) and text not in OPERATORS and text != "TO"


def _collect_positive(
    node: Node | None, found: list[HighlightTerm], *, phrases: bool = False
) -> None:
    if node is None or isinstance(node, Not):
        return
    if isinstance(node, Term):
        found.append(HighlightTerm(node.text.lower(), prefix=node.prefix))
    elif isinstance(node, Phrase):
        words = tuple(w.lower() for w in node.words)
        if phrases and len(words) > 1 and not node.slop:
            found.append(HighlightTerm(" ".join(words), words=words))
        else:
            found.extend(HighlightTerm(w) for w in words)
    else:
        for child in node.children:
            _collect_positive(child, found, phrases=phrases)
