"""Benchmark tooling for Clippings (data generators; no Django imports)."""
