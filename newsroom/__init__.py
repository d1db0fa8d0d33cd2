"""Newsroom intelligence: quotes with speakers, people/organisations/places, same-story clusters.

The middle layer: it imports ``archive`` (never ``search``). ``extraction/`` is pure Python with no
Django import: functions from text to dataclasses, tested alone. ``services`` and ``batch``
(Django) store their results and keep editors' decisions.
"""
