"""A synthetic search index written straight through the engine's writer (no database): the
documents the search indexes would produce (articles and comment blocks, every facet field),
with Zipf-distributed words, in several segments with deletions. For tests that need thousands
of documents in seconds (equivalence of the two query paths, the query cost budget)."""

from __future__ import annotations

import datetime as dt
import random

from haystack import connections

from search.engine.pairs import with_pairs

WORDS = [
    "budget", "border", "senate", "election", "court", "asylum", "climate", "storm", "market",
    "trade", "tariff", "vaccine", "health", "school", "teacher", "police", "river", "flood",
    "energy", "oil", "bank", "rates", "housing", "rent", "union", "strike", "festival", "music",
    "film", "museum", "football", "league", "coach", "minister", "protest", "bridge", "railway",
    "airport", "pilot", "harbour", "fishing", "farmers", "drought", "wildfire", "census",
    "mayor", "council", "taxes", "pension", "hospital", "nurses", "doctor", "virus", "research",
    "university", "students", "exam", "science", "space", "rocket", "satellite", "ocean",
    "whale", "forest", "mining", "copper", "gold", "coffee", "wheat", "shipping", "ports",
    "talks", "treaty", "summit", "embassy", "refugees", "camp", "aid", "charity", "verdict",
    "judge", "jury", "appeal", "prison", "reform", "debate", "vote", "ballot", "campaign",
    "poll", "party", "leader", "rally", "speech", "scandal", "inquiry", "report", "audit",
    "fraud", "merger", "profits", "shares", "investors", "startup", "software", "privacy",
    "hackers", "network", "phones", "television", "radio", "newspaper", "editor", "reporter",
]
STOP = ["the", "and", "of", "a", "to", "in", "on", "for", "with", "at", "by", "is", "was"]
OUTLETS = ["Alpha Post", "Beta News", "Gamma Times", "Delta Herald", "U.S. Wire", "Unknown outlet"]
PEOPLE = [f"{first} {last}" for first in ("Ana", "Ben", "Chen", "Dara", "Eli", "Fay")
          for last in ("Ortiz", "Kim", "Novak", "Singh", "Moreau")]
ORGS = ["World Bank", "Red Cross", "Acme Corp", "City Council", "Supreme Court", "UN"]
PLACES = ["Paris", "Lagos", "Lima", "Oslo", "Texas", "Kyoto"]
AUTHORS = ["Sam Lee", "Jo Park", "Ria Das", "Tom Hunt", "Mae Cole"]


def _zipf_words(rng: random.Random, n: int) -> list[str]:
    weights = [1.0 / (rank + 1) for rank in range(len(WORDS))]
    picked = rng.choices(WORDS, weights=weights, k=n)
    out = []
    for word in picked:
        out.append(word)
        if rng.random() < 0.3:
            out.append(rng.choice(STOP))
    return out


def documents(count: int, seed: int = 1) -> list[dict]:
    """``count`` documents as the backend's ``_prepare`` gives them (every ~8th a comment
    block)."""
    rng = random.Random(seed)
    docs = []
    for n in range(1, count + 1):
        outlet = rng.choice(OUTLETS)
        published = None if rng.random() < 0.08 else dt.datetime(
            2000 + rng.randrange(20), rng.randrange(1, 13), rng.randrange(1, 28))
        body = " ".join(_zipf_words(rng, rng.randrange(5, 60)))
        if rng.random() < 0.02:
            body += " zorblaxian"
        headline = " ".join(_zipf_words(rng, rng.randrange(2, 7))).capitalize()
        kind = "comments" if n % 8 == 0 else "article"
        doc = {
            "id": f"archive.{'commentblock' if kind == 'comments' else 'article'}.{n}",
            "django_ct": "archive.commentblock" if kind == "comments" else "archive.article",
            "django_id": str(n),
            "text": f"{headline}\n{body}",
            "kind": kind,
            "outlet_exact": outlet,
            "has_comments": rng.choice(["yes", "no"]),
            "comment_count": rng.randrange(0, 5),
            "title": headline,
            "url": f"/articles/{n}/x/",
        }
        if published is not None:
            doc.update(published=published, year=f"{published:%Y}", month=f"{published:%Y-%m}")
        if kind == "article":
            authors = rng.sample(AUTHORS, rng.randrange(0, 3))
            doc.update(
                headline=headline,
                byline=" and ".join(authors),
                outlet=f"{outlet} {outlet.lower().replace(' ', '-')}",
                story_id=rng.randrange(1, count // 3 + 2),
                story_size=str(rng.randrange(1, 4)),
            )
            for field, pool in (("byline_exact", authors), ("people", PEOPLE),
                                ("organisations", ORGS), ("places", PLACES)):
                chosen = pool if field == "byline_exact" else rng.sample(pool, rng.randrange(0, 3))
                if chosen:
                    doc[field] = ",".join(chosen)
        else:
            doc["article_id"] = n - 1
        docs.append({k: v for k, v in doc.items() if v not in (None, "", [])})
    return docs


def build_index(count: int, *, segments: int = 3, delete_every: int = 17, seed: int = 1,
                pairs: bool = True):
    """Write ``count`` documents in ``segments`` commits, then delete every ``delete_every``-th
    (deleted documents stay in their segments until a merge). Returns the backend.
    ``pairs=False``: the documents without their adjacent word pairs (as an index written
    before the pairs field), so phrases are answered from positions alone."""
    backend = connections["default"].get_backend()
    backend.setup()
    docs = documents(count, seed)
    if pairs:  # as the backend's ``_prepare`` gives them
        docs = [with_pairs(doc, backend.content_field_name, backend.schema) for doc in docs]
    size = -(-len(docs) // segments)
    for start in range(0, len(docs), size):
        _commit(backend, docs[start : start + size])
    if delete_every:  # merge=False: the deleted documents stay in their segments
        writer = backend.index.refresh().writer()
        for doc in docs[::delete_every]:
            writer.delete_by_term("id", doc["id"])
        writer.commit(merge=False)
    backend.index = backend.index.refresh()
    return backend


def build_segments(texts: list[list[str]]):
    """One segment per list of ``texts``, each text a document's content (the other fields as
    ``documents`` gives them). Returns the backend."""
    backend = connections["default"].get_backend()
    backend.setup()
    base = iter(documents(sum(len(segment) for segment in texts)))
    for segment in texts:
        _commit(backend, [with_pairs(dict(next(base), text=text), backend.content_field_name,
                                     backend.schema) for text in segment])
    backend.index = backend.index.refresh()
    return backend


def _commit(backend, docs: list[dict]) -> None:
    """``docs`` as one new segment."""
    writer = backend.index.refresh().writer()
    for field in writer.schema:
        if hasattr(field, "start_segment"):
            field.start_segment()
    for doc in docs:
        writer.add_document(**doc)
    writer.commit(merge=False)
