class CurationError(ValueError):
    """A curation request that cannot be carried out; ``str(error)`` is a sentence for editors.
    Raised before anything is written."""
