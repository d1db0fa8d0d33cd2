"""Propose signatures for one outlet from the lines of its known articles.

    python manage.py suggest_signatures reuters
    python manage.py suggest_signatures "Los Angeles Times" --min-share 0.3 --limit 10

Lines (removed furniture and short body lines) found in many of the outlet's published
articles and in almost none of the other outlets' are printed as signature lines, with their
counts, followed by the address of the admin's "Test these signatures" preview with them filled
in: an editor checks there what they would claim and saves them. Writes nothing. Counting:
``archive/parsing/signature_suggestions.py``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.management.base import CommandError
from django.db.models import Q
from django.urls import reverse

from archive.models import Article, Source
from archive.parsing import signature_suggestions as suggestions
from archive.parsing.outlets import signature_matches
from config.commands import ClippingsCommand


def _article_lines(body: str, boilerplate) -> list[str]:
    lines = [paragraph for paragraph in body.split("\n\n") if paragraph.strip()]
    for item in boilerplate or ():
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            lines.append(item["text"])
    return lines


class Command(ClippingsCommand):
    help = (
        "Propose signatures for OUTLET (slug or name): lines frequent in its known articles and "
        "rare in other outlets', with the admin preview address to test and save them. "
        "Writes nothing."
    )

    def add_options(self, parser):
        parser.add_argument("outlet", help="The outlet's slug or name.")
        parser.add_argument("--min-articles", type=int, default=suggestions.MIN_ARTICLES,
                            help="A line must be in at least this many of the outlet's articles "
                            f"(default {suggestions.MIN_ARTICLES}).")
        parser.add_argument("--min-share", type=float, default=suggestions.MIN_SHARE,
                            help="... and in at least this share of them "
                            f"(default {suggestions.MIN_SHARE}).")
        parser.add_argument("--max-other-share", type=float,
                            default=suggestions.MAX_OTHER_SHARE,
                            help="A line may be in at most this share of other outlets' articles "
                            f"(default {suggestions.MAX_OTHER_SHARE}).")
        parser.add_argument("--limit", type=int, default=20,
                            help="Print at most this many proposals (default 20).")

    def handle(self, *args, outlet, min_articles, min_share, max_other_share, limit, verbosity,
               **options):
        source = Source.objects.filter(Q(slug=outlet) | Q(name__iexact=outlet)).first()
        if source is None:
            raise CommandError(f"no outlet with the slug or name {outlet!r}.")
        if min_articles < 1 or not 0 < min_share <= 1 or not 0 <= max_other_share < 1 \
                or limit < 1:
            raise CommandError("--min-articles and --limit must be >= 1, --min-share in (0, 1], "
                               "--max-other-share in [0, 1).")
        signature = source.as_signature()
        # Published articles only: a proposal prints lines of the articles it comes from, and
        # a hidden article's lines are not to be shown anywhere.
        rows = Article.objects.published().values_list("source_id", "body", "boilerplate")
        read = self.progress_bar(rows.iterator(chunk_size=500), total=rows.count(),
                                 unit="article", leave=False)
        found, own_total, other_total = suggestions.suggest(
            ((source_id == source.pk, _article_lines(body, boilerplate))
             for source_id, body, boilerplate in read),
            min_articles=min_articles, min_share=min_share, max_other_share=max_other_share,
        )
        # Lines the outlet's signatures already recognise add nothing.
        found = [item for item in found if not signature_matches(signature, item.example)]
        if own_total == 0:
            self.stdout.write(f"{source.name} has no articles yet: nothing to learn from.")
            return
        if not found:
            self.stdout.write(f"No line is in {min_share:.0%} (and {min_articles}) of the "
                              f"{own_total} articles of {source.name} and in at most "
                              f"{max_other_share:.0%} of the {other_total} others'.")
            return
        self.stdout.write(f"{len(found)} proposal(s) for {source.name} ({own_total} articles; "
                          f"{other_total} of other outlets):")
        for item in found[:limit]:
            self.stdout.write(f"  {item.signature}")
            if verbosity >= 1:
                self.stdout.write(f"      in {item.articles} ({item.share:.0%}) of its articles, "
                                  f"{item.other_articles} ({item.other_share:.1%}) of others'")
        proposed = "\n".join(item.signature for item in found[:limit])
        query = urlencode({"preview": "1", "domain": source.domain,
                           "signatures": f"{source.signatures.rstrip()}\n{proposed}".strip()})
        url = reverse("admin:archive_source_signatures", args=[source.pk])
        self.stdout.write(f"Test them, then save: {url}?{query}")
