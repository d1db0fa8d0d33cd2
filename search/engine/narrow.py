"""Filter queries (haystack's ``narrow()``) turned into one Whoosh query.

A narrow string made of exact clauses — ``outlet_exact:"U.S. News"``, several joined by OR (or by
AND), each optionally negated with ``-`` or ``NOT`` — becomes whole-value ``Term`` queries built
from the raw value (inside the quotes, ``\\"`` and ``\\\\`` are a quote and a backslash, the
Lucene/Solr convention), so dots, quotes and stop words survive. Anything else goes through the
query parser.
"""

from __future__ import annotations

import re

from whoosh import query as Q

_CLAUSE = re.compile(
    r'\s*(?P<neg>-|NOT\s+)?(?P<field>\w+):(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<bare>[^\s()"]+))\s*'
)
_JOIN = re.compile(r"\s*(AND|OR)\s*")
_UNESCAPE = re.compile(r"\\(.)")


def exact_clause(field: str, value: str) -> str:
    """The narrow string that selects documents whose ``field`` is exactly ``value``."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{field}:"{escaped}"'


def parse_narrow(text: str, *, schema, parse) -> Q.Query:
    """One Whoosh query for a narrow string; ``parse`` is the fallback query parser."""
    clauses = _exact_clauses(text.strip(), schema)
    return clauses if clauses is not None else parse(text)


def _exact_clauses(text: str, schema) -> Q.Query | None:
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    position, terms, joins = 0, [], set()
    while position < len(text):
        if terms:
            join = _JOIN.match(text, position)
            if not join:
                return None
            joins.add(join.group(1))
            position = join.end()
        match = _CLAUSE.match(text, position)
        if not match or match.group("field") not in schema.names():
            return None
        raw = match.group("quoted")
        value = _UNESCAPE.sub(r"\1", raw) if raw is not None else match.group("bare")
        term: Q.Query = _exact_term(schema, match.group("field"), value)
        if match.group("neg"):
            term = Q.Not(term)
        terms.append(term)
        position = match.end()
    if not terms or len(joins) > 1:
        return None
    if len(terms) == 1:
        return terms[0]
    return Q.Or(terms) if joins == {"OR"} else Q.And(terms)


def _exact_term(schema, field: str, value: str) -> Q.Query:
    fieldobj = schema[field]
    if fieldobj.analyzer is not None and fieldobj.__class__.__name__ == "TEXT":
        words = list(fieldobj.process_text(value, mode="query"))
        if len(words) != 1:
            return Q.Phrase(field, words) if words else Q.NullQuery
        value = words[0]
    return Q.Term(field, value)


def apply_filters(main: Q.Query, filters: list[Q.Query]) -> Q.Query:
    """``main`` restricted by every filter: one search, no document sets."""
    required = [f for f in filters if not isinstance(f, Q.Not)]
    excluded = [f.query for f in filters if isinstance(f, Q.Not)]
    if required:
        # Exact terms score the same for every document, so the ranking stays main's.
        # (Whoosh 2.7's Require matched nothing here.)
        main = Q.And([main, *required])
    if excluded:
        main = Q.AndNot(main, excluded[0] if len(excluded) == 1 else Q.Or(excluded))
    return main
