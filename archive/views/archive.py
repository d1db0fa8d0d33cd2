"""Date archives: ``/archive/`` (years), ``/archive/2018/`` and ``/archive/2018/03/``.

Published articles only, newest first, paginated. The URL patterns accept only a year
0001–9999 and a month 01–12 (``search.views.params``); a period without articles is a 404 like
any missing page.
"""

import calendar
import datetime as dt

from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.shortcuts import render

from archive.models import Article
from archive.views.listing import article_page


def archive_index(request):
    years = (
        Article.objects.published()
        .filter(published__isnull=False)
        .annotate(year=ExtractYear("published"))
        .values("year")
        .annotate(count=Count("id"))
        .order_by("-year")
    )
    undated = Article.objects.published().filter(published__isnull=True).count()
    return render(request, "archive/archive_index.html", {"years": years, "undated": undated})


def archive_year(request, year: int):
    year_number = year
    articles = Article.objects.published().filter(published__year=year_number)
    months = (
        articles.annotate(month=ExtractMonth("published"))
        .values("month")
        .annotate(count=Count("id"))
        .order_by("month")
    )
    months = [
        {
            **row,
            "name": calendar.month_name[row["month"]],
            "date": dt.date(year_number, row["month"], 1),
        }
        for row in months
    ]
    if not months:
        raise Http404("No articles from that year.")
    context = {"year": year_number, "months": months, "page": article_page(request, articles)}
    return render(request, "archive/archive_year.html", context)


def archive_month(request, year: int, month: int):
    year_number, month_number = year, month
    articles = Article.objects.published().filter(
        published__year=year_number, published__month=month_number
    )
    page = article_page(request, articles)
    if not page.paginator.count:
        raise Http404("No articles from that month.")
    context = {"month": dt.date(year_number, month_number, 1), "page": page}
    return render(request, "archive/archive_month.html", context)
