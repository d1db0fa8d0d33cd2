"""The Whoosh schema for haystack's fields: exact facet fields stay exact."""

from __future__ import annotations

from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError
from haystack.fields import FacetField
from whoosh.fields import BOOLEAN, DATETIME, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.fields import ID as WHOOSH_ID

from .analysis import FastStemmingAnalyzer, SpellingText
from .pairs import PhrasePairs, pairs_fieldname

# One analyzer object for every text field: its stem cache is shared.
ANALYZER = FastStemmingAnalyzer()


def build_schema(fields: dict) -> tuple[str, Schema]:
    """``(content field name, schema)`` for haystack's unified ``all_searchfields()``.

    Unlike haystack's stock schema: a facet field (``FacetCharField``…) is an ``ID`` column
    (one exact value, sortable, so Whoosh groups on the whole value) or a comma ``KEYWORD``
    (several exact values); text fields are stored only when the index says so and never
    sortable (a sortable text field keeps a column of whole bodies). The content field's
    adjacent word pairs get a field of their own, ``<content>_pairs`` (``pairs.py``).
    """
    schema = {
        ID: WHOOSH_ID(stored=True, unique=True),
        DJANGO_CT: WHOOSH_ID(stored=True),
        DJANGO_ID: WHOOSH_ID(stored=True),
    }
    content_field = ""
    for field in fields.values():
        name = field.index_fieldname
        if field.is_multivalued:
            # sortable: a column holding the whole comma-joined value, for fast facet counts
            schema[name] = KEYWORD(
                stored=field.stored, commas=True, lowercase=False, scorable=False, sortable=True
            )
        elif isinstance(field, FacetField) or field.field_type == "string" and _is_exact(field):
            schema[name] = WHOOSH_ID(stored=field.stored, sortable=True)
        elif field.field_type in ("date", "datetime"):
            schema[name] = DATETIME(stored=field.stored, sortable=True)
        elif field.field_type == "integer":
            schema[name] = NUMERIC(stored=field.stored, numtype=int, bits=64, sortable=True)
        elif field.field_type == "float":
            schema[name] = NUMERIC(stored=field.stored, numtype=float, sortable=True)
        elif field.field_type == "boolean":
            schema[name] = BOOLEAN(stored=field.stored)
        else:
            text_class = SpellingText if field.document else TEXT
            schema[name] = text_class(
                stored=field.stored,
                analyzer=ANALYZER,
                field_boost=field.boost,
                spelling=bool(field.document),
            )
        if field.document:
            content_field = name
    if len(schema) <= 3:
        raise SearchBackendError("No fields were found in any search_indexes.")
    if content_field:  # its adjacent word pairs, for phrases (``pairs.py``)
        schema[pairs_fieldname(content_field)] = PhrasePairs(ANALYZER)
    return content_field, Schema(**schema)


def _is_exact(field) -> bool:
    return not field.indexed or field.index_fieldname.endswith("_exact")
