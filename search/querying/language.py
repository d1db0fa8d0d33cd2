"""The search box's query language, parsed and repaired in pure Python (no Django, no haystack).

Words must all match (AND by default); ``"exact phrases"``; ``OR``; ``NOT`` and ``-word``;
parentheses; fields ``headline:``, ``outlet:``, ``byline:``; ``word*``; fuzzy ``word~`` (or
``word~2``); proximity ``"two words"~5``.

A malformed query never fails: :func:`parse_query` repairs what it can (closes a quote or a
parenthesis, drops a lone operator, strips control characters, shortens a huge query, drops a
word repeated within one AND or OR) and says what it did in ``notes``. Only a query over the
cost budget is refused: more than ``MAX_CLAUSES`` words in its words and phrases raises
``QueryTooBroad`` (``search/engine/budget.py``), which the search page shows as "too broad: …".

The result renders as a query string in the syntax that Whoosh, Solr and
Elasticsearch share (``ParsedQuery.backend_query``), with every ``AND`` explicit and every group
parenthesised, so no engine's default operator or precedence can change its meaning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from search.engine.budget import MAX_CLAUSES, QueryTooBroad

from .tree import (  # the tree's names are also this module's public API
    OPERATORS,
    PLAIN_WORD,
    And,
    HighlightTerm,
    Node,
    Not,
    Or,
    ParsedQuery,
    Phrase,
    Term,
)

__all__ = [
    "FIELDS", "MAX_CLAUSES", "MAX_DEPTH", "MAX_EDITS", "MAX_QUERY_CHARS", "MAX_SLOP", "MAX_TERMS",
    "MIN_PREFIX_CHARS", "OPERATORS", "And", "HighlightTerm", "Node", "Not", "Or", "ParsedQuery",
    "Phrase", "QueryTooBroad", "Term", "parse_query",
]

MAX_QUERY_CHARS = 500
MAX_TERMS = 40
MAX_DEPTH = 8
MAX_SLOP = 50
MAX_EDITS = 2
MIN_PREFIX_CHARS = 2

#: Query-language field name -> index field name.
FIELDS = {"headline": "headline", "outlet": "outlet", "byline": "byline"}

_SUFFIX = re.compile(r"^(?P<core>.*?)(?:(?P<star>\*)|~(?P<edits>\d*))$", re.DOTALL)
# Characters with a meaning in some engine's syntax: never passed on outside quotes.
_SYNTAX = re.compile(r"[\"\\*?~^:{}\[\]!+&|/()]")
_WORD_END = re.compile(r"[\s()\"]")


# --- Cleaning and lexing -------------------------------------------------------------------
@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "phrase", "op", "minus", "lparen", "rparen", "field"
    value: object = None
    slop: int = 0


def _clean(text: str, notes: list[str]) -> str:
    text = unicodedata.normalize("NFC", text)
    cleaned = []
    dropped = False
    for ch in text:
        if ch.isspace():
            cleaned.append(" ")
        elif unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"}:
            cleaned.append(" ")
            dropped = True
        else:
            cleaned.append(ch)
    if dropped:
        notes.append("Control and invisible characters were removed.")
    text = " ".join("".join(cleaned).split())
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS]
        # End on a whole word when there is one to end on.
        text = cut.rsplit(" ", 1)[0] if " " in cut[MAX_QUERY_CHARS // 2 :] else cut
        notes.append(f"The query was too long: only its first {len(text)} characters were used.")
    return text


def _lex(text: str, notes: list[str]) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == " ":
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            if end == -1:
                notes.append("An unbalanced quote was closed at the end of the query.")
                body, i = text[i + 1 :], n
            else:
                body, i = text[i + 1 : end], end + 1
            slop = 0
            match = re.match(r"~(\d+)", text[i:])
            if match:
                slop = min(int(match.group(1)), MAX_SLOP)
                i += match.end()
            words = tuple(w for w in _SYNTAX.sub(" ", body).split() if _has_alnum(w))
            if words:
                tokens.append(_Token("phrase", words, slop))
            else:
                notes.append("An empty phrase was ignored.")
        elif ch == "(":
            tokens.append(_Token("lparen"))
            i += 1
        elif ch == ")":
            tokens.append(_Token("rparen"))
            i += 1
        elif ch == "-" and i + 1 < n and text[i + 1] not in " -" and _at_token_start(text, i):
            tokens.append(_Token("minus"))
            i += 1
        else:
            match = _WORD_END.search(text, i)
            end = match.start() if match else n
            word, i = text[i:end], end
            tokens.extend(_word_tokens(word, notes))
    return tokens


def _has_alnum(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


def _at_token_start(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in " ("


def _word_tokens(word: str, notes: list[str]) -> list[_Token]:
    if word in OPERATORS:
        return [_Token("op", OPERATORS[word])]
    if word.startswith("+"):  # "+word": required, which every word already is
        word = word.lstrip("+")
        if not word:
            return []
    name, sep, rest = word.partition(":")
    if sep and name.lower() in FIELDS:
        field_token = _Token("field", FIELDS[name.lower()])
        return [field_token, *(_word_tokens(rest, notes) if rest else [])]
    return [_word_token(word, notes)] if word else []


def _word_token(word: str, notes: list[str]) -> _Token:
    match = _SUFFIX.match(word)
    prefix, edits = False, 0
    if match and match.group("core"):
        core = match.group("core")
        if match.group("star"):
            prefix = True
        else:
            edits = min(int(match.group("edits") or 1), MAX_EDITS) or 1
    else:
        core = word
    words = [w for w in _SYNTAX.sub(" ", core).split() if _has_alnum(w)]
    if not words:
        notes.append(f"“{word}” has no letters or digits and was ignored.")
        return _Token("phrase", ())
    if len(words) == 1 and PLAIN_WORD.match(words[0]):
        text = words[0]
        if prefix and len(text) < MIN_PREFIX_CHARS:
            notes.append(f"“{word}” is too short for a prefix search: searched as a word.")
            prefix = False
        return _Token("word", Term(text, prefix=prefix, fuzzy=edits))
    if prefix or edits:
        notes.append(f"“{word}” cannot take * or ~: searched as written.")
    return _Token("phrase", tuple(words))


# --- Parsing -------------------------------------------------------------------------------
class _Parser:
    def __init__(self, tokens: list[_Token], notes: list[str], *, budget: bool = True):
        self.tokens, self.pos, self.notes = tokens, 0, notes
        self.depth = 0
        self.terms = 0
        self.clauses = 0  # words searched for: one per word, one per word of each phrase
        self.budget = budget  # over MAX_CLAUSES: raise QueryTooBroad (else leave the rest out)

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def parse(self) -> Node | None:
        node = None
        while self.peek() is not None:
            part = self.parse_or()
            if part is not None:
                node = part if node is None else _and([node, part])
            token = self.peek()
            if token is not None and token.kind == "rparen":
                self.take()
                self.note("An unmatched closing parenthesis was ignored.")
        return node

    def parse_or(self) -> Node | None:
        parts = []
        first = self.parse_and()
        if first is not None:
            parts.append(first)
        while (token := self.peek()) is not None and token.kind == "op" and token.value == "OR":
            self.take()
            nxt = self.parse_and()
            if nxt is None or not parts:
                self.note("An OR with nothing on one side was ignored.")
            if nxt is not None:
                parts.append(nxt)
        if not parts:
            return None
        parts = list(dict.fromkeys(parts))  # "a OR a" is "a"
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def parse_and(self) -> Node | None:
        parts: list[Node] = []
        while (token := self.peek()) is not None:
            if token.kind == "rparen" or (token.kind == "op" and token.value == "OR"):
                break
            if token.kind == "op" and token.value == "AND":
                self.take()
                nxt = self.peek()
                if not parts or nxt is None or nxt.kind == "rparen" or (
                    nxt.kind == "op" and nxt.value in {"AND", "OR"}
                ):
                    self.note("An AND with nothing on one side was ignored.")
                continue
            node = self.parse_unary()
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        return _and(parts)

    def parse_unary(self) -> Node | None:
        negations = 0
        while (token := self.peek()) is not None and (
            token.kind == "minus" or (token.kind == "op" and token.value == "NOT")
        ):
            self.take()
            negations += 1
        field_name = None
        token = self.peek()
        if token is not None and token.kind == "field":
            field_name = self.take().value
        node = self.parse_primary()
        if node is None:
            if negations:
                self.note("A NOT with nothing after it was ignored.")
            if field_name:
                self.note(f"“{field_name}:” with nothing after it was ignored.")
            return None
        if field_name:
            node = _with_field(node, field_name)
        return Not(node) if negations % 2 else node

    def parse_primary(self) -> Node | None:
        token = self.peek()
        if token is None or token.kind == "rparen":
            return None
        if token.kind == "op":  # an operator where a word should be (e.g. "NOT OR")
            return None
        self.take()
        if token.kind == "lparen":
            return self.parse_group()
        if token.kind == "field":  # "headline: outlet:x": the first field has no value
            self.note(f"“{token.value}:” with nothing after it was ignored.")
            return self.parse_primary()
        return self.leaf(token)

    def parse_group(self) -> Node | None:
        if self.depth >= MAX_DEPTH:
            self.note(f"Parentheses nested deeper than {MAX_DEPTH} levels were ignored.")
            return None
        self.depth += 1
        node = self.parse_or()
        self.depth -= 1
        token = self.peek()
        if token is not None and token.kind == "rparen":
            self.take()
        else:
            self.note("An unclosed parenthesis was closed at the end of the query.")
        if node is None:
            self.note("Empty parentheses were ignored.")
        return node

    def leaf(self, token: _Token) -> Node | None:
        if token.kind == "phrase" and not token.value:
            return None
        if self.terms >= MAX_TERMS:
            self.note(f"Only the first {MAX_TERMS} words and phrases were used.")
            return None
        clauses = self.clauses + (1 if token.kind == "word" else len(token.value))
        if clauses > MAX_CLAUSES and not self.budget:
            self.note(f"Only the first {MAX_CLAUSES} words were used.")
            room = MAX_CLAUSES - self.clauses
            if token.kind == "word" or not room:
                return None
            token, clauses = replace(token, value=token.value[:room]), MAX_CLAUSES
        if clauses > MAX_CLAUSES:
            raise QueryTooBroad(
                f"too broad: the query searches for more than {MAX_CLAUSES} words "
                "(counting each word of its phrases); search for fewer words."
            )
        self.terms, self.clauses = self.terms + 1, clauses
        if token.kind == "word":
            return token.value
        words = token.value
        return Phrase(words, slop=token.slop if len(words) > 1 else 0)


def _and(parts: list[Node]) -> Node:
    flat: list[Node] = []
    for part in parts:
        flat.extend(part.children if isinstance(part, And) else [part])
    flat = list(dict.fromkeys(flat))  # "a a a" asks the engine for "a" once
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def _with_field(node: Node, name: str) -> Node:
    """Apply a field to every word and phrase below ``node`` that has none yet."""
    if isinstance(node, Term | Phrase):
        return node if node.field else replace(node, field=name)
    if isinstance(node, Not):
        return Not(_with_field(node.child, name))
    return type(node)(tuple(_with_field(child, name) for child in node.children))


def parse_query(text: str | None, *, budget: bool = True) -> ParsedQuery:
    """Parse and repair ``text``. Raises only ``QueryTooBroad``, and only with ``budget``
    (callers that just mark words, such as highlighting, pass ``budget=False``: the words
    past the budget are then left out)."""
    raw = text or ""
    notes: list[str] = []
    cleaned = _clean(raw, notes)
    node = _Parser(_lex(cleaned, notes), notes, budget=budget).parse()
    return ParsedQuery(raw=raw, node=node, notes=tuple(dict.fromkeys(notes)))
