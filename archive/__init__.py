"""The archive: outlets, articles and reader comments, their parsing, ingestion and curation,
and the pages that show them. The bottom layer: it imports neither ``newsroom`` nor ``search``."""
