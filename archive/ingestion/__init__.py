"""Turning raw files into archive records: finding files, reading sidecars, upserting articles."""
