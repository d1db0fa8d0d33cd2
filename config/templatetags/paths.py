"""``{% path 'name' arg … %}``: ``{% url 'name' arg … %}`` for paths that take no values from
the data (the site's navigation), reversed once (``config.paths.fixed_path``) rather than on
every page. Escaped as ``{% url %}`` writes it."""

from django import template

from config.paths import fixed_path

register = template.Library()


@register.simple_tag(name="path")
def path_tag(viewname: str, *args) -> str:
    return fixed_path(viewname, *args)
