"""Root URLs, in the order of STYLE.md: admins, documents, webhooks, the shop, Wagtail last.

Pages people read or buy from carry a language prefix (/zh-hans/, /en/), so the language is
part of the URL and each page can be cached whole. Staff screens and machine endpoints
(QR codes, webhooks, health) have none.
"""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

import cms.search
from aftersales.views import engineer
from catalog.checkout import webhook
from portal import media, views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("dashboard/", apps.get_app_config("dashboard").urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("webhooks/stripe/", webhook.stripe_webhook, name="stripe-webhook"),
    # E-commerce partners' installation orders, signed with each partner's secret.
    path("api/partners/", include("aftersales.api_urls")),
    path("healthz", views.healthz, name="healthz"),
    # The link engineers are given: it opens their page in their own language.
    path("engineer/", engineer.engineer_entry, name="engineer-entry"),
    # Printed codes spell /Q/ in upper case to stay in QR alphanumeric mode.
    re_path(r"^[qQ]/", include("cms.qr.urls")),
]

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("shop/for/", include("catalog.bymodel.urls")),
    path("shop/returns/", include("catalog.returns.urls")),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    # Only reversed, never reached (the shop's route above matches first): Oscar's wish-list
    # view redirects to "wishlists-create" without its "customer:" namespace when the
    # product asked for is gone, which raised NoReverseMatch, a 500.
    path(
        "shop/accounts/wishlists/create/",
        RedirectView.as_view(pattern_name="customer:wishlists-create"),
        name="wishlists-create",
    ),
    path("devices/", include("aftersales.urls")),
    path("service/", include("aftersales.feedback.urls")),
    path("members/", include("membership.urls")),
    path("engineer/", include("aftersales.engineer_urls")),
    path("search/", cms.search.site_search, name="site-search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    # Uploads from MEDIA_ROOT, with Range support so phones can play and seek videos.
    # Off in production, where media live on object storage.
    urlpatterns.insert(
        0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve, name="media")
    )

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
