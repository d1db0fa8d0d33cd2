"""What one search may cost. A query that would expand past these bounds (a wildcard, fuzzy term
or range matching too many words, or too many clauses) is refused with ``QueryTooBroad`` instead
of taking minutes of CPU; the search page turns it into a "too broad: …" message."""

from __future__ import annotations

# Words one wildcard, prefix, fuzzy term or range may expand to.
MAX_EXPANSION_TERMS = 1000
# Clauses (words, phrases, field terms) one query may hold after parsing.
MAX_CLAUSES = 64


class QueryTooBroad(Exception):
    """The query would cost more than the budget allows; ``str(error)`` says which part, for
    the person who typed it (e.g. "the wildcard 'a*' matches more than 1,000 words")."""
