from django.apps import AppConfig
from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Archive"

    def ready(self):
        # The "Editor" and "Viewer" groups are created (and their permissions kept up to date)
        # after every migrate, idempotently: no data migration is needed.
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="clippings-ensure-roles")


def _ensure_roles(sender, using="default", **kwargs):
    from archive.curation.roles import ensure_roles

    ensure_roles(using=using)


class ClippingsAdminSite(AdminSite):
    """The admin, with an "Attention" panel on the index: counts of articles that need a
    curator, each linking to the filtered list."""

    site_header = "Clippings curation"
    site_title = "Clippings admin"
    index_title = "Curate the archive"
    index_template = "admin/clippings_index.html"
    # The app list stays on the index page: beside the article list and its filters it left
    # the list too narrow for 1280 px (breadcrumbs lead back to the index).
    enable_nav_sidebar = False

    def index(self, request, extra_context=None):
        from archive.curation.attention import attention_items

        context = {"attention": attention_items()} | (extra_context or {})
        return super().index(request, extra_context=context)


class ClippingsAdminConfig(AdminConfig):
    """Replaces ``django.contrib.admin`` in INSTALLED_APPS so ``admin.site`` is the site above."""

    default_site = "archive.apps.ClippingsAdminSite"
