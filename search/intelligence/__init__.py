"""Newsroom intelligence: quotes with speakers, people/organisations/places, same-story clusters.

The extraction modules (``text``, ``gazetteer``, ``quotes``, ``entities``, ``clusters``) are pure
Python with no Django import: functions from text to dataclasses, tested alone. ``services``
(Django) stores their results and keeps editors' decisions.
"""
