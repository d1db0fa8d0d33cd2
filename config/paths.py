"""Paths reversed once: ``reverse`` (the URL's possibilities, converters, a regular expression
to check the candidate, quoting) was 15-30 us of CPU a call, and a search page made some forty
calls with the same or similar arguments. Both helpers give ``reverse``'s own result, kept per
script prefix and URL resolver (a new URL conf, as tests set, is a new resolver)."""

import re

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

MAX_FIXED = 1024  # paths kept by ``fixed_path`` (all of them dropped beyond)
_fixed: dict[tuple, str] = {}


def _where() -> tuple:
    return get_script_prefix(), get_resolver(get_urlconf())


def fixed_path(viewname: str, *args) -> str:
    """``reverse(viewname, args=args)``, kept: for paths that take no values from the data
    (a page's navigation, a facet's "all values" link)."""
    key = (viewname, args, *_where())
    found = _fixed.get(key)
    if found is None:
        if len(_fixed) >= MAX_FIXED:
            _fixed.clear()
        found = _fixed[key] = reverse(viewname, args=args)
    return found


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
        key = _where()
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
