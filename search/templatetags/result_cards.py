"""The search page's result cards (``{% result_cards hits per_story %}``), written in Python.

Twenty cards of a dozen template variables, tags and filters each were a large part of the
search page's rendering (profiled: the template ~30 % of the page's CPU, the cards most of it).
The markup is the one the template loop wrote, byte for byte (a test renders both): every text
escaped as autoescape does (titles and snippets are already safe, escaped HTML), dates as the
``date`` filter writes them, numbers as ``{{ number }}`` shows them. A collapsed story's "also
in" line is still the ``newsroom/also_in.html`` template, rendered with the card's context as
``{% include %}`` would.
"""

import datetime as dt

from django import template
from django.template.defaultfilters import date, pluralize
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from search.templatetags.attention_chart import localizer
from search.templatetags.sharing import from_search

register = template.Library()

ALSO_IN = "newsroom/also_in.html"


def _dates(day) -> tuple[str, str]:
    """``day|date:"Y-m-d"`` and ``day|date:"j F Y"`` (the active language's month name) as the
    filter writes them for a date, without its format parsing: the filter was about a third of
    a card's time. Anything but a plain date goes through the filter."""
    if type(day) is not dt.date:
        return date(day, "Y-m-d"), date(day, "j F Y")
    return (f"{day.year:04d}-{day.month:02d}-{day.day:02d}",
            f"{day.day} {MONTHS[day.month]} {day.year:04d}")


def _card(context, hit, number, per_story) -> str:
    esc = conditional_escape
    link = esc(from_search(context, hit.url))
    source = hit.source
    out = ['<li><article class="card result', " result-comments" if hit.is_comments else "",
           '">\n  ']
    if hit.is_comments:
        by = esc(source.name) if source else "the outlet"
        out.append('\n  <p class="kind-label"><span class="badge badge-comments">Reader comments'
                   f"</span> written by readers, not by {by}</p>\n"
                   f'  <h3 class="card-title"><a href="{link}">Reader comments on'
                   f" “{esc(hit.title)}”</a></h3>\n  ")
    else:
        out.append(f'\n  <h3 class="card-title"><a href="{link}">{esc(hit.title)}</a></h3>\n  ')
    out.append('\n  <p class="meta">\n    ')
    if source:
        out.append(f'<a href="{esc(source.get_absolute_url())}">{esc(source.name)}</a>')
    else:
        out.append("<span>Unknown outlet</span>")
    out.append("\n    · ")
    if hit.published:
        iso, shown = _dates(hit.published)
        out.append(f'<time datetime="{esc(iso)}">{esc(shown)}</time>')
    else:
        out.append("<span>Date unknown</span>")
    out.append("\n    ")
    if hit.byline:
        out.append(f"· By {esc(hit.byline)}")
    count = hit.comment_count
    out.append(f"\n    · {number(count)} reader comment{esc(pluralize(count))}\n  </p>\n"
               f'  <p class="snippet">{esc(hit.snippet)}</p>\n  ')
    if per_story:
        with context.push(hit=hit):
            out.append(context.template.engine.get_template(ALSO_IN).render(context))
    out.append("\n</article>\n</li>\n          ")
    return "".join(out)


@register.simple_tag(takes_context=True)
def result_cards(context, hits, per_story) -> str:
    """Each hit (``search.querying.hits.Hit``) as a result card (an ``<li>`` of the list)."""
    number = localizer()
    cards = [_card(context, hit, number, per_story) for hit in hits]
    return mark_safe("".join(cards))  # noqa: S308 (every text escaped above)
