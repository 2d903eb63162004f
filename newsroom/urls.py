from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from articles.sitemaps import ArticleSitemap, news_sitemap
from pages.sitemaps import PageSitemap

from . import views

SITEMAPS = {"articles": ArticleSitemap, "pages": PageSitemap}

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom admin")
admin.site.index_title = _("Newsroom desk")
admin.site.index_template = "admin/newsroom_index.html"  # with the "needs translation" block

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    # One sitemap of everything, and an index of the same split per section
    # and page for big archives (robots.txt points to the index).
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap-index.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("news-sitemap.xml", news_sitemap, name="news-sitemap"),
    # The read API: one address for both languages (/api/v1/<lang>/...), outside the reader's prefixes.
    path("api/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("page/", include("pages.urls")),
    path("", include("search.urls")),
    path("", include("desk.urls")),
    # Last: its section pages take any one-segment address the others left.
    path("", include("articles.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"
