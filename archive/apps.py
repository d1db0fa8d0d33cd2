from django.apps import AppConfig
from django.contrib.admin import AdminSite, ModelAdmin
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
    curator, each linking to the filtered list. Hardened (issue 13): a POST to a model's pages
    by someone who may change nothing there (a Viewer) is refused with 403 whatever it asks;
    sign-in is throttled (django-axes) and takes a second factor for accounts that turned it on
    (``archive/admin/two_factor.py``)."""

    site_header = "Clippings curation"
    site_title = "Clippings admin"
    index_title = "Curate the archive"
    index_template = "admin/clippings_index.html"
    # The app list stays on the index page: beside the article list and its filters it left
    # the list too narrow for 1280 px (breadcrumbs lead back to the index).
    enable_nav_sidebar = False

    @property
    def login_form(self):
        from archive.admin.two_factor import TwoFactorAuthenticationForm

        return TwoFactorAuthenticationForm

    def has_permission(self, request):
        from archive.admin.two_factor import session_satisfies_two_factor

        return super().has_permission(request) and session_satisfies_two_factor(request)

    def admin_view(self, view, cacheable=False):
        owner = getattr(view, "__self__", None)
        if isinstance(owner, ModelAdmin):
            view = _refuse_posts_without_write_permission(owner, view)
        return super().admin_view(view, cacheable)

    def get_urls(self):
        from django.urls import path

        from archive.admin.two_factor import two_factor_view

        def two_factor(request):
            return two_factor_view(self, request)

        return [
            path("two-factor/", self.admin_view(two_factor), name="two_factor"),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        from archive.curation.attention import attention_items

        context = {"attention": attention_items()} | (extra_context or {})
        return super().index(request, extra_context=context)


def _refuse_posts_without_write_permission(model_admin: ModelAdmin, view):
    from functools import wraps

    from django.core.exceptions import PermissionDenied

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method == "POST" and not (
            model_admin.has_change_permission(request)
            or model_admin.has_add_permission(request)
            or model_admin.has_delete_permission(request)
        ):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


class ClippingsAdminConfig(AdminConfig):
    """Replaces ``django.contrib.admin`` in INSTALLED_APPS so ``admin.site`` is the site above."""

    default_site = "archive.apps.ClippingsAdminSite"
