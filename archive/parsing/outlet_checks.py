"""When outlet evidence must not decide: a parent company's copyright, a copyright line of a
holder no known outlet is, and the site's own name in the page's title. Pure Python; used by
:mod:`.outlets`.

- **Parent companies.** "intelligencer is a Vox Media Network. © 2020 Vox Media, LLC." is
  another site of the network, not Vox. A copyright line that names an outlet as the network or
  company a site belongs to names the outlet only when other evidence agrees. (A parent's
  copyright without such a statement, "© 2020 NYP Holdings, Inc." on a sister site of the New
  York Post, still names the outlet: the seed files' owners sign that way too.)
- **A holder no known outlet is.** A page whose own copyright line names a company that is none
  of the known outlets ("© 2020 Microsoft") and shares no word with the outlet's name belongs to
  that company when the outlet's evidence is what republished copy carries: an agency's dateline
  or credit ("NEW YORK (AP) —" on a TV station's site), or stronger evidence on a page that says
  the outlet supplied it ("© Provided by The Guardian" on msn.com). Without such a sign the
  holder may be the outlet's parent ("WP Company LLC"), and the evidence stands.
- **Site names in the title.** A title ending in the site's name ("Black voters … - CBS News",
  "| The Independent" on a line of its own) is the site naming itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .outlet_words import words_regex
from .regexes import by_first_letter
from .types import Line, LineKind, OutletSignature

if TYPE_CHECKING:
    from .outlets import OutletMatcher

# A line that names a *supplier* of the page's content: syndication. (Its branches grouped by
# first letter, searched several times faster; the same matches: see by_first_letter.)
_SUPPLIED = r"\s+(?:by|through|from)\b"
SUPPLIER = re.compile(
    r"\b" + by_first_letter([rf"provided{_SUPPLIED}", rf"supplied{_SUPPLIED}",
                             rf"distributed{_SUPPLIED}", rf"syndicated{_SUPPLIED}",
                             rf"licensed{_SUPPLIED}", r"courtesy\s+of\b", r"contributed\b"],
                            ignore_case=True),
    re.IGNORECASE,
)
EMAIL_DOMAIN = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")

# "X is a Vox Media Network", "part of the Y family", "A Warner Media Company".
_MEMBERSHIP = re.compile(
    r"\b(?:is\s+(?:an?|part\s+of)|part\s+of|a\s+member\s+of|an?)\s+(?:the\s+)?"
    r"(?P<parent>(?:[\w&'’.-]+\s+){1,4}?)"
    r"(?:network|company|group|family|brand|publication|division|subsidiary)\b",
    re.IGNORECASE,
)
# The copyright holder, as outlets.py reads it.
HOLDER = re.compile(
    r"(?:©|\(c\)|&copy;|copyright)(?:\s*(?:©|\(c\)|copyright))*\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?"
    r",?\s*(?P<holder>[^.|©]{2,80})",
    re.IGNORECASE,
)
# Words that start no company's name: "© All Rights Reserved", "© Copyright .", "by Jane Doe".
_NOT_A_NAME = frozenset({"all", "copyright", "provided", "printed", "by", "from", "the", "this",
                         "a", "an"})
# The last part of a page title after a separator: "Headline | Site Name", "Headline - Site".
_TITLE_SUFFIX = re.compile(r"(?:^|\s)[|–—-]\s*(?P<site>[^|–—-]{2,40}?)\s*$")
TITLE_LINES = 3  # the title, and the site's name on a line of its own just below it


def membership_parents(text: str) -> list[str]:
    """The networks and companies a line says its site belongs to."""
    return [match.group("parent") for match in _MEMBERSHIP.finditer(text)]


def company_holder(text: str) -> str | None:
    """The holder of a copyright line when it reads as a company's name, else None."""
    match = HOLDER.search(text)
    if match is None:
        return None
    holder = match.group("holder").strip(" ,·-–")
    first = holder.split()[0] if holder.split() else ""
    if not first[:1].isupper() or first.lower() in _NOT_A_NAME:
        return None
    return holder


def title_site(text: str) -> str | None:
    """The site's name at the end of a title line, case-folded without "the ", else None."""
    match = _TITLE_SUFFIX.search(text)
    if match is None:
        return None
    return match.group("site").strip().casefold().removeprefix("the ")


# Words too common in outlets' and companies' names to tie a holder to an outlet.
_GENERIC = frozenset({"the", "news", "daily", "times", "post", "media", "group", "inc", "llc",
                      "ltd", "limited", "company", "corp", "network", "digital", "press", "new",
                      "and", "of", "com", "www"})
_WORD = re.compile(r"[a-z0-9]+")


def name_words(name: str, domains: tuple[str, ...] = ()) -> set[str]:
    """The distinctive words of a name (and the first labels of domains), case-folded."""
    words = set(_WORD.findall(name.casefold()))
    words.update(domain.split(".")[0] for domain in domains)
    return {word for word in words if len(word) >= 3 and word not in _GENERIC}


def names_parent_only(signature: OutletSignature, text: str) -> bool:
    """Does a copyright line name this outlet only as the network or company another site
    belongs to ("intelligencer is a Vox Media Network. © 2020 Vox Media, LLC.")?"""
    words = words_regex((signature.name, *signature.phrases, *signature.email_domains))
    return words is not None and any(words.search(parent)
                                     for parent in membership_parents(text))


def supplied_by(lines: Sequence[Line], signature: OutletSignature) -> bool:
    """Does a line say the page's content is supplied by this outlet ("© Provided by The
    Guardian", "courtesy of Reuters")?"""
    words = words_regex((signature.name, *signature.phrases))
    return words is not None and any(
        SUPPLIER.search(line.text) and words.search(line.text) for line in lines)


def foreign_holder(lines: Sequence[Line], matcher: OutletMatcher,
                   winner: OutletSignature) -> bool:
    """Does a copyright line of the page name a company that is none of the known outlets and
    shares no distinctive word with the winner's name ("CBS Interactive Inc." is CBS News')?"""
    own = name_words(winner.name, winner.email_domains)
    for line in lines:
        if line.kind is not LineKind.COPYRIGHT or SUPPLIER.search(line.text):
            continue
        holder = company_holder(line.text.strip())
        if holder and not matcher.may_match(holder, EMAIL_DOMAIN.findall(holder)) \
                and not own & name_words(holder):
            return True
    return False
