"""Rendering one outlet's copy of a story as a raw scraped page, with its furniture."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from random import Random

from bench import vocabulary as V

from .lexicon import BODY_MIN_WORDS, lexicon
from .realtext import RealWriter
from .stories import Story, Writer

# --------------------------------------------------------------------------- outlet styles


@dataclass(frozen=True)
class Style:
    """Probabilities of each kind of page furniture for one outlet."""

    ads: float = 0.25
    nav: float = 0.3
    photo: float = 0.3
    copyright: float = 0.2
    licensing: float = 0.04
    contact: float = 0.2
    credit: float = 0.1
    separator: float = 0.12
    single_newlines: float = 0.1
    title_case: float = 0.3
    straight_quotes: float = 0.05
    pull_quote: float = 0.05
    site_footer: float = 0.05
    byline: float = 0.2


STYLES: dict[str, Style] = {
    "latimes": Style(ads=0.9, nav=0.6, contact=0.8, separator=0.8, copyright=0.1),
    "washtimes": Style(copyright=0.85, separator=0.8, licensing=0.8, single_newlines=0.85,
                       ads=0.05, nav=0.1, contact=0.1),
    "breitbart": Style(photo=0.8, site_footer=0.7, title_case=0.95, ads=0.1, copyright=0.05),
    "reuters": Style(credit=0.9, ads=0.05, photo=0.2, copyright=0.3, title_case=0.05),
    "ap": Style(credit=0.6, photo=0.6, copyright=0.5, title_case=0.1),
    "huffpost": Style(nav=0.8, pull_quote=0.5, straight_quotes=0.9, title_case=0.95),
    "nyt": Style(ads=0.5, title_case=0.6, byline=0.5),
    "wapo": Style(ads=0.4, nav=0.5, byline=0.5, title_case=0.1),
    "bbc": Style(nav=0.6, photo=0.5, copyright=0.4, title_case=0.05),
    "guardian": Style(nav=0.5, photo=0.5, copyright=0.4, title_case=0.05, contact=0.3),
}
DEFAULT_STYLE = Style()

NAV_LINES = ("Share", "Skip to footer", "Share this article", "Read more", "Skip to content",
             "Share on Facebook", "Share on Twitter", "Email", "Print")
AD_LINES = ("Advertisement", "Advertisement", "Advertisement", "Sponsored content", "ADVERTISEMENT")
LICENSING_LINES = (
    "This content is published through a licensing agreement with Acquire Media using its "
    "NewsEdge technology.",
    "Distributed by Tribune Content Agency, LLC.",
    "This article was provided by The Associated Press.",
)
SITE_FOOTERS = ("Please let us know if you're having issues with commenting.",
                "Comments are closed for this article.", "Sign up for our newsletter")
COMMENT_HEADINGS = ("Join the discussion",)


# --------------------------------------------------------------------------- rendering


@dataclass
class Rendered:
    """One file's content and what the generator knows about it (for summaries and tests)."""

    text: str
    headline: str  # "" when the file has none
    paragraphs: list[str]
    boilerplate: dict[str, list[str]]  # LineKind value -> lines
    comments: list[str] | None
    date_prefixed: bool
    outlet: str  # slug
    sidecar: dict | None
    body_words: int = 0
    story: int = 0
    copy: int = 0


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def _title_case(text: str) -> str:
    small = {"a", "an", "the", "of", "to", "in", "on", "for", "at", "by", "and", "or", "amid"}
    words = text.split()
    return " ".join(
        w if (i and w in small) or not w[:1].islower() else w[0].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _comments(rng: Random, w: Writer) -> list[str]:
    lex = w.lex
    n = max(1, min(60, int(rng.expovariate(1 / 12)) + 1))
    out = []
    for _ in range(n):
        r = rng.random()
        words = [lex.comment_words.pick(rng) for _ in range(rng.randint(3, 30))]
        text = " ".join(words)
        text = text[0].upper() + text[1:]
        if r < 0.2:
            text = rng.choice(V.COMMENT_OPENERS) + " " + text
        if r > 0.85:
            text = w.sentence()[:-1] + "…"
        elif r > 0.75:
            text = text.upper() + "!"
        else:
            text += rng.choice((".", "!", "?", "…", "!!", "."))
        if rng.random() < 0.1:
            text = text.replace("dont", "don’t").replace(" s ", "’s ")
        out.append(text)
    return out


def render_copy(story: Story, seed: int, copy: int, outlet: tuple[str, str, str, str],
                *, date_rate: float, no_headline_rate: float, comment_rate: float,
                sidecar_rate: float) -> Rendered:
    """Copy ``copy`` of ``story`` as outlet ``outlet`` would publish it (copy 0 is canonical)."""
    rng = Random(f"clippings-bench/{seed}/copy/{story.sid}/{copy}")
    lex = lexicon()
    name, slug, domain, publisher = outlet
    style = STYLES.get(slug, DEFAULT_STYLE)
    if story.kind == "realistic":
        w = RealWriter(rng, story.topic_words, story.people, story.places, story.orgs)
    else:
        w = Writer(rng, lex, story.topic, story.people, story.places, story.orgs)

    paragraphs = list(story.paragraphs)
    headline = story.headline
    published = story.published
    if copy:  # a light rewrite: new headline, drops, a swap, a changed sentence
        headline = w.headline()
        published += dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2)))
        words = sum(len(p.split()) for p in paragraphs)
        for i in range(len(paragraphs) - 1, 0, -1):
            n = len(paragraphs[i].split())
            if rng.random() < 0.15 and words - n >= BODY_MIN_WORDS + 10 and len(paragraphs) > 3:
                del paragraphs[i]
                words -= n
        if len(paragraphs) > 3 and rng.random() < 0.6:
            i = rng.randrange(1, len(paragraphs) - 1)
            paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
        i = rng.randrange(len(paragraphs))
        sentences = paragraphs[i].split(". ")
        j = rng.randrange(len(sentences))
        new = w.sentence()
        sentences[j] = new[:-1] if j < len(sentences) - 1 else new
        paragraphs[i] = ". ".join(sentences)

    straight = rng.random() < style.straight_quotes
    if straight:
        table = str.maketrans({"“": '"', "”": '"', "’": "'"})
        paragraphs = [p.translate(table) for p in paragraphs]
    # page noise seen in real scrapes: a stray leading space, a doubled space
    for i in range(len(paragraphs)):
        r = rng.random()
        if r < 0.02:
            paragraphs[i] = " " + paragraphs[i]
        elif r < 0.04:
            paragraphs[i] = paragraphs[i].replace(" ", "  ", 1)
    if rng.random() < style.title_case:
        headline = _title_case(headline)
    body_words = sum(len(p.split()) for p in paragraphs)

    bp: dict[str, list[str]] = {}

    def furniture(kind: str, line: str) -> str:
        bp.setdefault(kind, []).append(line)
        return line

    date_prefixed = rng.random() < date_rate
    headless = date_prefixed or rng.random() < no_headline_rate / max(1e-9, 1 - date_rate)
    top: list[str] = []
    if not date_prefixed:
        if rng.random() < style.ads * 0.6:
            top.append(furniture("advertising", rng.choice(AD_LINES)))
        if not headless:
            top.append(headline)
        if rng.random() < style.photo:
            r = rng.random()
            if r < 0.4:
                top.append(furniture("photo", "AP Photo"))
                if rng.random() < 0.5:
                    top.append(furniture("photo", "AP File Photo"))
            else:
                who = story.people[0]
                agency = rng.choice(V.PHOTO_AGENCIES)
                top.append(furniture("photo", f"{who.full} (Photo: {agency})"))
        if rng.random() < style.nav * 0.6:
            top.append(furniture("navigation", rng.choice(NAV_LINES[:4])))
        if rng.random() < style.pull_quote:
            quoted = [p for p in paragraphs if p.startswith(("“", '"'))]
            if quoted:
                top.append(quoted[0].split("”")[0].split('," ')[0].rstrip(",") + "”")

    byline = ""
    if rng.random() < style.byline:
        byline = story.byline if copy == 0 else lex.reporters.pick(rng)

    body: list[str] = []
    if byline and not date_prefixed:
        body.append(f"By {byline}")
    ad_every = rng.randint(3, 6) if rng.random() < style.ads else 0
    for i, p in enumerate(paragraphs):
        body.append(p)
        if ad_every and i and i % ad_every == 0 and i < len(paragraphs) - 1:
            body.append(furniture("advertising", rng.choice(AD_LINES)))
        elif rng.random() < 0.01:
            p0 = rng.choice(story.people)
            body.append(furniture("photo", f"{p0.full} (Photo: {rng.choice(V.PHOTO_AGENCIES)})"))

    tail: list[str] = []
    if ad_every and rng.random() < 0.5:
        tail.append(furniture("advertising", "Advertisement"))
    if rng.random() < style.credit:
        r1, r2 = lex.reporters.pick(rng), lex.reporters.pick(rng)
        city = rng.choice(story.places)
        if slug == "ap" or rng.random() < 0.2:
            tail.append(furniture("credit", f"Associated Press writer {r1} in {city} contributed "
                                            "to this report."))
        elif rng.random() < 0.5:
            tail.append(furniture("credit", f"Reporting by {r1} in {city}; Editing by {r2}"))
        else:
            r3 = lex.reporters.pick(rng)
            tail.append(furniture("credit", f"Reporting by {r1} in {city} and {r3} in "
                                            f"{lex.cities.pick(rng)} Additional reporting by {r2}"))
    separator = rng.random() < style.separator
    if separator and rng.random() < 0.5:
        tail.append(furniture("separator", rng.choice(("--", "--", "—-", "***"))))
    if rng.random() < style.contact:
        reporter = byline or lex.reporters.pick(rng)
        tail.append(furniture("contact", reporter.lower().replace(" ", ".") + "@" + domain))
        if ad_every:
            tail.append(furniture("advertising", "Advertisement"))
    if rng.random() < style.copyright:
        year = published.year
        tail.append(furniture("copyright", rng.choice((
            f"© Copyright (c) {year} {publisher}, Inc.",
            f"© {year} {publisher}. All rights reserved.",
            f"Copyright {year} {publisher}. All rights reserved.",
        ))))
        if separator:
            tail.append(furniture("separator", "—-"))
            separator = False
    if separator:
        tail.append(furniture("separator", "--"))
    if rng.random() < style.licensing:
        tail.append(furniture("licensing", rng.choice(LICENSING_LINES)))
    if rng.random() < style.nav * 0.5:
        tail.append(furniture("navigation", "Skip to footer"))

    comments = None
    if rng.random() < comment_rate:
        tail.append(rng.choice(COMMENT_HEADINGS))
        comments = w.comments() if isinstance(w, RealWriter) else _comments(rng, w)
        tail.extend(comments)
    elif rng.random() < style.site_footer:
        tail.append(furniture("site", rng.choice(SITE_FOOTERS)))

    single = rng.random() < style.single_newlines
    if date_prefixed:
        first = f" date {published.isoformat()} {body[0].lstrip()}"
        blocks = [first] + body[1:]
    else:
        blocks = top + body
    text = "\n".join(blocks) if single else "\n\n".join(blocks)
    if tail:
        # comments are always one a line; the page furniture follows the body's spacing
        sep = "\n" if single else "\n\n"
        head = tail[: len(tail) - len(comments)] if comments else tail
        text += sep + sep.join(head)
        if comments:
            text += "\n" + "\n".join(comments)
    if rng.random() < 0.3:
        text += "\n"

    sidecar = None
    if rng.random() < sidecar_rate:
        fields = {
            "url": f"https://www.{domain}/{published:%Y/%m/%d}/{_slug(headline)}",
            "source": name,
            "published": published.isoformat(),
            "byline": byline or story.byline,
            "headline": headline,
        }
        keys = [k for k in fields if rng.random() < 0.6] or ["url"]
        sidecar = {k: fields[k] for k in keys}

    return Rendered(text, "" if headless else headline, paragraphs, bp, comments, date_prefixed,
                    slug, sidecar, body_words, story.sid, copy)


