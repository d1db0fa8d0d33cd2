"""Write side of curation: small services with keyword-only arguments, each atomic, called by
the admin's actions and forms (and by any command). Each records who changed what in the
articles' history and has the search index follow on commit."""

from .edits import save_article_edit
from .errors import CurationError
from .merge import merge_into
from .outlets import apply_signatures, set_outlet, signature_report
from .reindex import reindex
from .reparse import ReparseResult, reparse
from .status import hide, publish

__all__ = [
    "CurationError",
    "ReparseResult",
    "apply_signatures",
    "hide",
    "merge_into",
    "publish",
    "reindex",
    "reparse",
    "save_article_edit",
    "set_outlet",
    "signature_report",
]
