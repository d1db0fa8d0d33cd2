"""The search page's facet lists (``{% facet_group group %}``), written in Python.

Ten facets of up to twenty-five values each were some 2,500 template variables on every search
page, the largest part of its rendering time (~15 of ~25 ms); this writes the same markup in
~1 ms. One facet, folded in a <details> (open on wide screens, folded on a phone by search.js):
its top values as checkboxes in the search form (several values are OR-ed), the rest behind
"more", and a link to every value when the page did not get them all. One tab stop per value:
the − link that leaves a value out is reached with − or x on the box (search.js) and is skipped
by Tab.

The markup is the one ``includes/search_facet.html`` wrote, byte for byte: every text (labels,
values, links) escaped as autoescape does, numbers as ``{{ number }}`` shows them.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from search.templatetags.attention_chart import localizer

register = template.Library()


def _value(item, param: str, number: str, number_fn) -> str:
    """A shown value: excluded (with undo), or a checkbox (with its − link unless chosen)."""
    if item.excluded:
        label = escape(item.label)
        return (f'<li class="facet-value excluded"><span class="excluded-label">Not {label}</span>'
                f' <a href="{escape(item.remove_url)}" aria-label="Stop leaving out {label}">'
                "undo</a></li>\n    ")
    return _checkbox(item, param, f"f-{param}-{number}", number_fn, chosen=item.selected) + "\n    "


def _more_value(item, param: str, number: str, number_fn) -> str:
    """A value behind "more": never chosen (chosen values are always shown)."""
    return _checkbox(item, param, f"f-{param}-m{number}", number_fn, chosen=False) + "\n      "


def _checkbox(item, param: str, box_id: str, number_fn, *, chosen: bool) -> str:
    """A value's checkbox in the search form, and its − link that leaves it out unless chosen."""
    label = escape(item.label)
    if chosen:
        extra, leave_out = " checked data-autosubmit", ""
    else:
        exclude_url = escape(item.exclude_url)
        extra = (f' data-autosubmit data-exclude="{exclude_url}" aria-keyshortcuts="x"'
                 ' aria-describedby="facet-help"')
        leave_out = (f' <a class="exclude" href="{exclude_url}" tabindex="-1"'
                     f' aria-label="Leave out {label}" title="Leave out {label}">−</a>')
    return (f'<li class="facet-value"><input type="checkbox" name="{param}"'
            f' value="{escape(item.value)}" id="{box_id}"{extra}> <label for="{box_id}">{label}'
            f' <span class="count">{number_fn(item.count)}</span></label>{leave_out}</li>')


@register.simple_tag
def facet_group(group) -> str:
    """One facet (``search.querying.state.FacetGroup``) as a folded list of checkboxes."""
    number = localizer()
    param, label = escape(group.param), escape(group.label)
    active = group.active
    chosen = f' <span class="facet-active">({number(active)} chosen)</span>' if active else ""
    out = [
        f'\n<details class="facet-group" data-facet="{param}" open>\n'
        f"  <summary>{label}{chosen}</summary>\n"
        '  <fieldset class="facet">\n'
        f'  <legend class="visually-hidden">{label}</legend>\n'
        "  <ul>\n    "
    ]
    out += [_value(item, param, number(n), number) for n, item in enumerate(group.values, 1)]
    out.append("\n  </ul>\n  ")
    if group.more:
        out.append(f'\n  <details class="facet-more">\n    <summary>{number(len(group.more))} more'
                   "</summary>\n    <ul>\n      ")
        out += [_more_value(item, param, number(n), number) for n, item in enumerate(group.more, 1)]
        out.append("\n    </ul>\n  </details>\n  ")
    out.append("\n  ")
    if group.left_out:
        out.append(f'<p class="help">And {number(group.left_out)} more with fewer matches:'
                   f' <a href="{escape(group.all_url)}">all {escape(group.label.lower())}'
                   " values</a>.</p>")
    out.append("\n  </fieldset>\n</details>\n")
    return mark_safe("".join(out))  # noqa: S308 (every text escaped above, numbers are digits)
