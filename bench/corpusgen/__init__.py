"""The pieces of the benchmark article generator (``bench/generate.py`` is its entry point)."""
