"""Permalinks by primary key plus a cosmetic slug (STYLE.md): ``<prefix><pk>/<slug>/`` is the
address pages link to, and ``<prefix><pk>/`` (named ``<name>-short``) resolves too; the view
redirects a stale or missing slug to the current one. Used by the archive's articles and the
newsroom's entities."""

import re

from django.urls import get_script_prefix, get_urlconf, path, reverse


def permalink(prefix: str, view, name: str) -> list:
    return [
        path(f"{prefix}<int:pk>/", view, name=f"{name}-short"),
        path(f"{prefix}<int:pk>/<str:slug>/", view, name=name),
    ]


class PathTemplate:
    """``reverse(name, kwargs=…)`` for a named URL, by filling in a path reversed once.

    A results page links twenty articles and their outlets, and ``reverse`` (the URL's
    possibilities, its converters, a regular expression to check the candidate, quoting) was
    ~25 us of CPU a link. Here the path is reversed once per script prefix and URL conf with
    stand-in values, and later values take their places, if each is made only of characters
    that quoting leaves alone and that its converter accepts (``INT``: digits; ``SAFE``: ASCII
    letters, digits, ``-`` and ``_``, which the ``slug`` and ``str`` converters pass unchanged).
    Any other value goes through ``reverse`` itself (and fails as it does)."""

    INT = re.compile(r"[0-9]+\Z")
    SAFE = re.compile(r"[-a-zA-Z0-9_]+\Z")

    def __init__(self, name: str, **params: re.Pattern):
        self.name = name
        self.params = params
        self._parts: dict[tuple, list[str] | None] = {}

    def _stand_ins(self) -> dict[str, str]:
        return {key: f"{8_102_203_304 + n}" if pattern is self.INT else f"zqx{n}standinxqz"
                for n, (key, pattern) in enumerate(self.params.items())}

    def _template(self) -> list[str] | None:
        """The reversed path cut around each stand-in: text, value, text, …; None if a
        stand-in does not appear exactly once (then every call reverses)."""
        key = (get_script_prefix(), get_urlconf())
        if key not in self._parts:
            stand_ins = self._stand_ins()
            parts = [reverse(self.name, kwargs=stand_ins)]
            for name, value in stand_ins.items():
                pieces = parts[-1].split(value)
                if len(pieces) != 2:
                    parts = None
                    break
                parts[-1:] = [pieces[0], name, pieces[1]]
            self._parts[key] = parts
        return self._parts[key]

    def __call__(self, **kwargs) -> str:
        parts = self._template()
        values = {key: str(value) for key, value in kwargs.items()}
        if parts is None or values.keys() != self.params.keys() or not all(
                self.params[key].match(text) for key, text in values.items()):
            return reverse(self.name, kwargs=kwargs)
        return "".join(values[part] if n % 2 else part for n, part in enumerate(parts))
