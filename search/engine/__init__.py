"""Search backends. ``whoosh.ClippingsWhooshEngine`` is haystack's Whoosh backend with real facets,
query facets, one-pass narrowing, safe highlighting, working fuzzy terms and lock-safe writes."""
