"""The project's own app (label ``clippings_config``): serving concerns that belong to no layer
of the archive, e.g. the guarded ``runserver``. Listed before ``django.contrib.staticfiles`` so
that its ``runserver`` is the one ``manage.py`` runs."""

from django.apps import AppConfig


class ServingConfig(AppConfig):
    name = "config"
    label = "clippings_config"
    verbose_name = "Clippings serving"
