from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from archive.views.admin_redirects import old_admin_url
from archive.views.sitemaps import SITEMAPS, robots_txt

urlpatterns = [
    # Admin bookmarks from before the split into apps (/admin/search/article/…) still work.
    re_path(r"^admin/search/(?P<rest>.*)$", old_admin_url),
    path("admin/", admin.site.urls),
    # Journalists' accounts (issue 15): log in and out, password reset by e-mail. No sign-up:
    # accounts are made by an admin or by invitation (search/following/invitations.py).
    path("accounts/", include("django.contrib.auth.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    # Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says. The address is
    # looked up per request: production's hashed names exist only after collectstatic.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"),
                                             permanent=True)),
    path("", include("archive.urls")),
    path("", include("newsroom.urls")),
    path("", include("search.urls")),
]
