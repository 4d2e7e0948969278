"""Settings shared by every environment.

Each environment module (dev, test, production) imports this one and changes only what
differs. Values that vary between machines come from the environment (django-environ);
the embedded default needs none of them.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PORTAL_DIR = BASE_DIR / "portal"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -----------------------------------------------------------------------

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
]

THIRD_PARTY_APPS = [
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    "modelcluster",
    "taggit",
    "django_filters",
]

WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
]

OSCAR_APPS = [
    "portal.shop.ShopConfig",  # Oscar's Shop without its dashboard URLs (served at /dashboard/)
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "catalog.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "catalog.shipping.apps.ShippingConfig",
    "oscar.apps.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "catalog.partner.apps.PartnerConfig",
    "catalog.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "catalog.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "catalog.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "portal.shop.DashboardConfig",  # Oscar's dashboard plus the after-sales screens
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
]

LOCAL_APPS = [
    "portal",
    "catalog.appliances",
    "catalog.payments",
    "aftersales",
    "aftersales.dashboard.apps.AftersalesDashboardConfig",
    "membership",
    "membership.dashboard.apps.MembershipDashboardConfig",
    "cms",
]

INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS + WAGTAIL_APPS + OSCAR_APPS + THIRD_PARTY_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Hostile input (issue #13): before anything reads the path, the query or the form.
    "groundwork.hostile_input.HostileInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "portal.context_processors.site_chrome",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "aftercare",
    }
}

# --- Accounts ---------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = reverse_lazy("customer:login")
LOGIN_REDIRECT_URL = reverse_lazy("customer:summary")

# --- Languages, time --------------------------------------------------------------------

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# The app serves MEDIA_ROOT itself (portal.media, with HTTP Range for video) unless media
# live elsewhere: production keeps them on object storage and turns this off.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Customers' invoice photos: outside MEDIA_ROOT, so /media/ never serves them; only
    # their owner's view reads them.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Email ------------------------------------------------------------------------------

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Aftercare <care@aftercare.example.cn>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -----------------------------------------------------------------------------

REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "aftercare"
CELERY_TIMEZONE = TIME_ZONE
# Points and tiers (membership.tasks), in CELERY_TIMEZONE; each job is safe to run twice.
CELERY_BEAT_SCHEDULE = {
    "membership-expire-points": {
        "task": "membership.tasks.expire_points",
        "schedule": crontab(hour=0, minute=10),
    },
    "membership-review-tiers": {
        "task": "membership.tasks.review_tiers",
        "schedule": crontab(hour=1, minute=0),
    },
    "membership-birthday-points": {
        "task": "membership.tasks.birthday_points",
        "schedule": crontab(hour=8, minute=0),
    },
    "membership-expiry-reminders": {
        "task": "membership.tasks.expiry_reminders",
        "schedule": crontab(hour=9, minute=30),
    },
    "membership-free-cleanings": {
        "task": "membership.tasks.free_cleanings",
        "schedule": crontab(hour=7, minute=0),
    },
    # Refunds the gateway could not take at the time, resent with their idempotency key.
    "payments-retry-refunds": {
        "task": "catalog.payments.tasks.retry_pending_refunds",
        "schedule": crontab(minute="*/10"),
    },
}

# --- Wagtail ----------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Aftercare"
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "csv", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# --- Oscar ------------------------------------------------------------------------------

from oscar.defaults import *  # noqa: E402,F403

OSCAR_SHOP_NAME = _("Aftercare shop")
OSCAR_SHOP_TAGLINE = _("Warranties, cleaning and genuine parts")
OSCAR_HOMEPAGE = reverse_lazy("catalogue:index")
OSCAR_DEFAULT_CURRENCY = "CNY"
OSCAR_CURRENCY_FORMAT = {"CNY": {"format": "¤#,##0.00", "currency_digits": True}}
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "state", "phone_number", "country")
OSCAR_ALLOW_ANON_CHECKOUT = False
OSCAR_PRODUCTS_PER_PAGE = 12
# Prices are tax-inclusive (catalog.partner.strategy), so offers discount the price paid:
# 8 % off ¥199 is ¥15.92, not 8 % of the price before VAT taken off the price after it.
OSCAR_OFFERS_INCL_TAX = True
# The welcome email goes through Celery (membership.tasks), not Oscar's synchronous send.
OSCAR_SEND_REGISTRATION_EMAIL = False
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
THUMBNAIL_PRESERVE_FORMAT = True
OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,  # noqa: F405
    {
        "label": _("After-sales"),
        "icon": "fas fa-tools",
        "children": [
            {"label": _("Warranty contracts"), "url_name": "dashboard:aftersales-contract-list"},
            {"label": _("Service bookings"), "url_name": "dashboard:aftersales-booking-list"},
            {"label": _("Service slots"), "url_name": "dashboard:aftersales-slot-list"},
            {"label": _("Low stock"), "url_name": "dashboard:stock-alert-list"},
        ],
    },
    {
        "label": _("Membership"),
        "icon": "fas fa-id-card",
        "children": [
            {"label": _("Find a member"), "url_name": "dashboard:membership-member-lookup"},
            {"label": _("Points liability"), "url_name": "dashboard:membership-points-liability"},
            {
                "label": _("Points roll-forward"),
                "url_name": "dashboard:membership-points-rollforward",
            },
            {"label": _("Members per tier"), "url_name": "dashboard:membership-tier-members"},
        ],
    },
]

HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
# Nothing reads a Haystack index (catalog.search lists from the database): do not index on save.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

PHONENUMBER_DEFAULT_REGION = "CN"

# --- Aftercare --------------------------------------------------------------------------

from decimal import Decimal  # noqa: E402

AFTERCARE_SERVICE_PHONE = env("AFTERCARE_SERVICE_PHONE", default="400-820-8820")
# Standard delivery (catalog.shipping): a flat charge in CNY, tax included, waived when the
# shipped goods in a basket are worth the threshold or more.
AFTERCARE_SHIPPING_CHARGE = env("AFTERCARE_SHIPPING_CHARGE", cast=Decimal, default=Decimal("12.00"))
AFTERCARE_FREE_SHIPPING_THRESHOLD = env(
    "AFTERCARE_FREE_SHIPPING_THRESHOLD", cast=Decimal, default=Decimal("99.00")
)
# /healthz also pings Redis when this is on (production).
HEALTHZ_CHECK_REDIS = False
# Scheme and host printed in QR codes, upper case so the URL fits QR alphanumeric mode.
QR_BASE_URL = env("QR_BASE_URL", default="HTTPS://CARE.AFTERCARE.CN")

# Stripe: with no secret key the demo gateway (no money moves) stands in. The publishable
# key goes to Stripe.js in the browser; the webhook secret verifies Stripe's signatures.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")

# --- Hostile input (issue #13) ---------------------------------------------------------
# groundwork.hostile_input answers 400 for control characters in the path, the query string
# or a form field, for a path longer than the first and any one query or form value longer
# than the second.
HOSTILE_INPUT_MAX_PATH_LENGTH = 2_000
HOSTILE_INPUT_MAX_VALUE_LENGTH = 10_000
# ...and for a formset announcing more rows than this (each one is built and rendered).
HOSTILE_INPUT_MAX_FORMS = 200
# Editors' screens, where page bodies (StreamField JSON) and rich text run longer; control
# characters are refused there too.
HOSTILE_INPUT_LONG_VALUE_PATHS = ["/cms/", "/django-admin/", "/dashboard/"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
