"""References to an article in the usual styles: plain, APA, MLA, Chicago, BibTeX and RIS.

Pure functions over a :class:`Reference`, returning plain text: templates escape it like any
other text (a scraped headline can contain anything), and BibTeX/RIS values are cleaned of the
characters that would break their syntax.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS_MLA = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec."]


@dataclass(frozen=True)
class Reference:
    """What a citation needs to know about an article."""

    id: int
    title: str
    outlet: str  # "" when unknown
    published: dt.date | None
    authors: str  # the byline as printed, "" when unknown
    url: str  # the permalink in the archive
    original_url: str  # the outlet's address, "" when unknown
    retrieved: dt.date
    title_derived: bool = False  # the page had no headline: ``title`` is its first words


def reference_for(article, *, permalink: str, retrieved: dt.date) -> Reference:
    return Reference(
        id=article.pk,
        title=article.title,
        outlet=article.source.name if article.source_id else "",
        published=article.published,
        authors=_clean_byline(article.byline),
        url=permalink,
        original_url=article.url,
        retrieved=retrieved,
        title_derived=bool(getattr(article, "headline_derived", False)),
    )


def _clean_byline(byline: str) -> str:
    return re.sub(r"^\s*by\s+", "", byline or "", flags=re.IGNORECASE).strip()


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _us_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _sentence(text: str) -> str:
    text = _one_line(text)
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def _description(ref: Reference) -> str:
    """A derived title as the styles describe an untitled work: in square brackets, never
    quoted as a headline, its own closing punctuation dropped ("…." never happens)."""
    text = _one_line(ref.title).rstrip(" .,;:")
    return f"[{text}]"


def _title(ref: Reference) -> str:
    """The title as a styled citation shows it: quoted when real, bracketed when derived."""
    return _description(ref) if ref.title_derived else f"“{_one_line(ref.title)}”"


def plain(ref: Reference) -> str:
    parts = [_title(ref), ref.outlet or "Unknown outlet"]
    parts.append(_long_date(ref.published) if ref.published else "date unknown")
    if ref.authors:
        parts.insert(1, f"by {ref.authors}")
    return ", ".join(parts) + f". {ref.url} (retrieved {_long_date(ref.retrieved)})"


def apa(ref: Reference) -> str:
    author = f"{_sentence(ref.authors)} " if ref.authors else ""
    date = f"({ref.published:%Y, %B} {ref.published.day})" if ref.published else "(n.d.)"
    title = f"{_description(ref)}." if ref.title_derived else _sentence(ref.title)
    head = f"{author}{date}. {title}" if author else f"{title} {date}."
    outlet = f" {ref.outlet}." if ref.outlet else ""
    return f"{head}{outlet} {ref.url}"


def _quoted_title_parts(ref: Reference) -> list[str]:
    """MLA and Chicago both open with: Authors “Title.” Outlet,"""
    author = f"{_sentence(ref.authors)} " if ref.authors else ""
    if ref.title_derived:
        parts = [f"{author}{_description(ref)}."]
    else:
        title = _one_line(ref.title).rstrip(".")
        title = title if title.endswith(("?", "!", "…")) else f"{title}."
        parts = [f"{author}“{title}”"]
    if ref.outlet:
        parts.append(f"{ref.outlet},")
    return parts


def mla(ref: Reference) -> str:
    parts = _quoted_title_parts(ref)
    if ref.published:
        parts.append(f"{ref.published.day} {MONTHS_MLA[ref.published.month - 1]} "
                     f"{ref.published.year},")
    parts.append(f"{ref.url}.")
    retrieved = ref.retrieved
    parts.append(f"Accessed {retrieved.day} {MONTHS_MLA[retrieved.month - 1]} {retrieved.year}.")
    return " ".join(parts)


def chicago(ref: Reference) -> str:
    parts = _quoted_title_parts(ref)
    if ref.published:
        parts.append(f"{_us_date(ref.published)}.")
    parts.append(f"Accessed {_us_date(ref.retrieved)}.")
    parts.append(f"{ref.url}.")
    return " ".join(parts)


def _bibtex_value(text: str) -> str:
    """Braces balanced away and TeX specials escaped, so the value cannot end the field."""
    text = _one_line((text or "").replace("\\", " ")).replace("{", "(").replace("}", ")")
    return re.sub(r"([#$%&_^~])", r"\\\1", text)


def bibtex(ref: Reference) -> str:
    title = _description(ref) if ref.title_derived else ref.title
    fields = [("title", _bibtex_value(title))]
    if ref.authors:
        fields.append(("author", _bibtex_value(ref.authors)))
    if ref.outlet:
        fields.append(("journal", _bibtex_value(ref.outlet)))
    if ref.published:
        fields += [
            ("year", str(ref.published.year)),
            ("month", ref.published.strftime("%b").lower()),
            ("date", ref.published.isoformat()),
        ]
    fields += [("url", ref.url.replace("}", "%7D").replace("{", "%7B")),
               ("urldate", ref.retrieved.isoformat())]
    year = ref.published.year if ref.published else "nd"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{clippings{ref.id}_{year},\n{body}\n}}"


def ris(ref: Reference) -> str:
    title = _description(ref) if ref.title_derived else _one_line(ref.title)
    lines = [("TY", "NEWS"), ("TI", title)]
    if ref.authors:
        lines.append(("AU", _one_line(ref.authors)))
    if ref.outlet:
        lines.append(("T2", _one_line(ref.outlet)))
    if ref.published:
        lines += [("PY", str(ref.published.year)), ("DA", ref.published.strftime("%Y/%m/%d"))]
    lines += [("UR", _one_line(ref.url)), ("Y2", ref.retrieved.strftime("%Y/%m/%d")),
              ("ER", "")]
    return "\n".join(f"{tag}  - {value}" for tag, value in lines)


STYLES = (
    ("plain", "Plain reference", plain),
    ("apa", "APA", apa),
    ("mla", "MLA", mla),
    ("chicago", "Chicago", chicago),
    ("bibtex", "BibTeX", bibtex),
    ("ris", "RIS", ris),
)


def all_citations(ref: Reference) -> list[dict]:
    """Every style, in display order: ``[{"key", "label", "text"}, …]``."""
    return [{"key": key, "label": label, "text": render(ref)} for key, label, render in STYLES]
