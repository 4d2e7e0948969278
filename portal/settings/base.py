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
    "catalog.address.apps.AddressConfig",
    "catalog.shipping.apps.ShippingConfig",
    "catalog.catalogue.apps.CatalogueConfig",
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
    "appliances",
    "catalog.bymodel",
    "catalog.returns",
    "catalog.returns.dashboard.apps.ReturnsDashboardConfig",
    "catalog.invoices",
    "catalog.invoices.dashboard.apps.InvoicesDashboardConfig",
    "payments",
    "aftersales",
    "aftersales.dashboard.apps.AftersalesDashboardConfig",
    "membership",
    "membership.dashboard.apps.MembershipDashboardConfig",
    "cms",
]

# modeltranslation first: it adds the per-language columns of Oscar's catalogue
# (catalog/catalogue/translation.py) before any app's ready() builds forms from those models.
INSTALLED_APPS = (
    ["modeltranslation"] + DJANGO_APPS + LOCAL_APPS + WAGTAIL_APPS + OSCAR_APPS + THIRD_PARTY_APPS
)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost after security, so every response gets the header, static files included.
    "groundwork.content_security.ContentSecurityPolicyMiddleware",
    # Before anything reads a body (the hostile-input check and CSRF's read the form).
    "groundwork.request_size.RequestBodyLimitMiddleware",
    # Hostile input (issue #13): before anything reads the path, the query or the form.
    "groundwork.hostile_input.HostileInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole anonymous pages (the QR landing) from the cache, before sessions and routing.
    "groundwork.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's Site lookup from the cache (after CommonMiddleware's host check).
    "cms.sites.CachedSiteMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # portal/templates is found as the portal app's templates; listing it in DIRS too
        # made an override that extends its own name render Oscar's block twice.
        "DIRS": [],
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

# --- Sign-in protection (issue #13, "no password guessing") -----------------------------
# django-axes counts failed sign-ins on every login form (shop, dashboard, Django admin,
# Wagtail admin) in the database, which every web machine shares. portal.accounts holds
# our side of it; password-reset mail is throttled there too.

from datetime import timedelta  # noqa: E402

INSTALLED_APPS += ["axes"]
# Last, so that it turns a lockout flagged by the backend into our page.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# First: a locked-out client is refused before any backend checks the password.
AUTHENTICATION_BACKENDS = ["portal.accounts.lockout.LockoutBackend", *AUTHENTICATION_BACKENDS]
# How many proxies (load balancer, nginx) sit in front of gunicorn; picks the client's
# entry in X-Forwarded-For (groundwork.client_ip). 0: REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "groundwork.client_ip.client_ip"
# One account however it is named (email in any case, or username), and one client.
AXES_USERNAME_CALLABLE = "portal.accounts.lockout.account_key"
# Either one reaching the limit locks: an account guessed at from many addresses, or one
# address trying many accounts.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=30)
# The cool-off runs from the failure that locked; the owner retrying meanwhile does not
# prolong it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A sign-in does not wipe the failures: it would also wipe its address's count, so an
# attacker holding one account could reset the per-address lock at will.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "portal.accounts.lockout.locked_out"
# Wagtail's reset form, capped like the shop's (which portal.shop.ShopConfig swaps in).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "portal.accounts.password_reset.CmsPasswordResetForm"
# --- end of sign-in protection ------------------------------------------------------------

# --- Languages, time --------------------------------------------------------------------

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# locale_upstream/ corrects django-oscar's own Chinese (missing strings, 登陆 for 登录); ours win.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_upstream"]
# The shop's content per language (catalog/catalogue/translation.py): a text missing in the
# visitor's language shows the Chinese one, and Chinese pages the English one, never a blank.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("zh-hans", "en")
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
# Text messages (groundwork.sms): the console in development, a provider in production.
SMS_BACKEND = env("SMS_BACKEND", default="groundwork.sms.ConsoleBackend")
# groundwork.sms_aliyun.AliyunBackend (production's default): Aliyun SMS, dysmsapi SendSms.
# The template code is a template with one variable (ALIYUN_SMS_TEMPLATE_PARAM) holding the
# whole text; ALIYUN_SMS_TEMPLATES ("phone_code=SMS_1,service_done=SMS_2") names the
# approved template for each of our messages that has one.
ALIYUN_SMS_ACCESS_KEY_ID = env("ALIYUN_SMS_ACCESS_KEY_ID", default="")
ALIYUN_SMS_ACCESS_KEY_SECRET = env("ALIYUN_SMS_ACCESS_KEY_SECRET", default="")
ALIYUN_SMS_SIGN_NAME = env("ALIYUN_SMS_SIGN_NAME", default="")
ALIYUN_SMS_TEMPLATE_CODE = env("ALIYUN_SMS_TEMPLATE_CODE", default="")
ALIYUN_SMS_TEMPLATE_PARAM = env("ALIYUN_SMS_TEMPLATE_PARAM", default="content")
ALIYUN_SMS_TEMPLATES = env("ALIYUN_SMS_TEMPLATES", default="")
ALIYUN_SMS_REGION = env("ALIYUN_SMS_REGION", default="cn-hangzhou")
ALIYUN_SMS_ENDPOINT = env("ALIYUN_SMS_ENDPOINT", default="https://dysmsapi.aliyuncs.com/")
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
    # Whatever a lost message left behind (the broker was down, a worker died): stored
    # Stripe events and pending card payments become orders or refunds, placed orders get
    # their confirmation, unsent notices are queued again. Each is safe to run twice.
    "checkout-settle-leftovers": {
        "task": "catalog.checkout.tasks.settle_leftovers",
        "schedule": crontab(minute="*/5"),
    },
    "membership-resend-lost-notices": {
        "task": "membership.tasks.resend_lost_notices",
        "schedule": crontab(minute="*/15"),
    },
    # The shop's own emails whose queueing was lost: return steps, issued e-invoices.
    "returns-resend-lost-notices": {
        "task": "catalog.returns.tasks.resend_lost_return_notices",
        "schedule": crontab(minute="*/15"),
    },
    "invoices-resend-lost-emails": {
        "task": "catalog.invoices.tasks.resend_lost_invoice_emails",
        "schedule": crontab(minute="*/15"),
    },
    # Service requests (aftersales.tasks): the evening reminder of tomorrow's visits, and
    # the customer notices whose queueing was lost.
    "aftersales-day-before-reminders": {
        "task": "aftersales.tasks.send_day_before_reminders",
        "schedule": crontab(hour=17, minute=0),
    },
    "aftersales-resend-lost-service-notices": {
        "task": "aftersales.tasks.resend_lost_service_notices",
        "schedule": crontab(minute="*/15"),
    },
    "qr-resume-label-batches": {
        "task": "cms.qr.tasks.resume_label_batches",
        "schedule": crontab(minute="*/15"),
    },
    # The director's mailbox: overdue messages up one level each run (once per level),
    # and reply and follow-up notices lost on their way queued again.
    "feedback-escalate-mailbox": {
        "task": "aftersales.feedback.tasks.escalate_mailbox",
        "schedule": crontab(minute="*/15"),
    },
    # The service promise (aftersales.services.sla): reminders at 75 % of the answer time,
    # escalation up the ladder, compensation for a broken promise; each step once.
    "aftersales-keep-service-promises": {
        "task": "aftersales.tasks.keep_service_promises",
        "schedule": crontab(minute="*/5"),
    },
    # The touchpoint dashboard's daily figures (aftersales.touchpoints), in Shanghai time.
    "aftersales-touchpoints-recent": {
        "task": "aftersales.tasks.rebuild_recent_touchpoints",
        "schedule": crontab(minute="*/10"),
    },
    "aftersales-touchpoints-history": {
        "task": "aftersales.tasks.rebuild_touchpoint_history",
        "schedule": crontab(hour=2, minute=30),
    },
    # Refunds the gateway could not take at the time, resent with their idempotency key.
    "payments-retry-refunds": {
        "task": "payments.tasks.retry_pending_refunds",
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
# A Chinese address keeps the consignee's whole name in last_name (catalog/address/models.py).
OSCAR_REQUIRED_ADDRESS_FIELDS = ("last_name", "line1", "line4", "state", "phone_number", "country")
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
            {"label": _("Director's mailbox"), "url_name": "dashboard:aftersales-mailbox-list"},
            {"label": _("Rating follow-ups"), "url_name": "dashboard:aftersales-follow-up-list"},
            {"label": _("Feedback campaigns"), "url_name": "dashboard:aftersales-campaign-list"},
            {"label": _("Dispatch board"), "url_name": "dashboard:aftersales-dispatch-board"},
            {"label": _("Engineer's day"), "url_name": "dashboard:aftersales-engineer-day"},
            {"label": _("Low stock"), "url_name": "dashboard:stock-alert-list"},
            {"label": _("Hotline: open a request"), "url_name": "dashboard:aftersales-hotline"},
            {"label": _("Returns and exchanges"), "url_name": "dashboard:returns-list"},
            {
                "label": _("Partner installation orders"),
                "url_name": "dashboard:aftersales-partner-orders",
            },
            {
                "label": _("Compensation spend"),
                "url_name": "dashboard:aftersales-compensation-report",
            },
            {"label": _("Touchpoints"), "url_name": "dashboard:aftersales-touchpoints"},
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
    {
        "label": _("VAT invoices"),
        "icon": "fas fa-file-invoice",
        "url_name": "dashboard:invoices-request-list",
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
# Service requests (issue #11, dispatch): a covered repair's claim prices the engineer's
# labour at this rate (CNY an hour, aftersales.services.claims); mail-in repairs are sent to
# the repair centre's address, which the "waiting for your parcel" step tells the customer.
AFTERCARE_LABOUR_RATE_PER_HOUR = env(
    "AFTERCARE_LABOUR_RATE_PER_HOUR", cast=Decimal, default=Decimal("120.00")
)
AFTERCARE_REPAIR_CENTRE_ADDRESS = env(
    "AFTERCARE_REPAIR_CENTRE_ADDRESS",
    default="上海市闵行区莘庄工业区春东路 508 号 售后维修中心（收）400-820-8820",
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

# --- Caching the pages customers wait for (issue #16) ------------------------------------
# The QR landing (a model's e-manual) is the same for every visitor who is not signed in,
# has an empty basket and no message waiting: it says `Cache-Control: public` with a CDN
# lifetime, and groundwork.page_cache keeps it whole in the cache for the next one.

# How long a CDN may keep a shared page. A publish purges it at once (below); a price or
# stock change shown in the page's offers reaches the CDN within this time.
CDN_MAX_AGE = env.int("CDN_MAX_AGE", default=300)
# The app's own copy: dropped at once on any change (groundwork.generations), so this only
# bounds what depends on the clock (the footer's year).
PAGE_CACHE_SECONDS = 60 * 60
# What a stored page is keyed on: cms/freshness.py, catalog/freshness.py.
PAGE_CACHE_GENERATIONS = ("pages", "catalogue", "stock")
# A request carrying any of these may see something of its own (signed in, a basket, a
# message): it never gets a stored page. A CDN must bypass its cache for them too.
PAGE_CACHE_PERSONAL_COOKIES = [
    "sessionid",  # SESSION_COOKIE_NAME
    "messages",  # django.contrib.messages' cookie storage
    OSCAR_BASKET_COOKIE_OPEN,  # noqa: F405
    OSCAR_RECENTLY_VIEWED_COOKIE_NAME,  # noqa: F405
]

# Purging the CDN when an editor publishes (Wagtail's frontend cache invalidation, run by
# cms/receivers.py after the commit). One backend per CDN the environment names; none set,
# no purge. See README, "Production".
WAGTAILFRONTENDCACHE = {}
if env("CDN_PURGE_URL", default=""):
    # Varnish, nginx proxy_cache_purge, Fastly, a CDN's purge gateway: PURGE <path>.
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "groundwork.cdn_purge.HTTPPurgeBackend",
        "LOCATION": env("CDN_PURGE_URL"),
        "TOKEN": env("CDN_PURGE_TOKEN", default=""),
    }
if env("CLOUDFLARE_API_TOKEN", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }
if env("CDN_PURGE_HOSTNAMES", default=""):
    for _backend in WAGTAILFRONTENDCACHE.values():
        _backend["HOSTNAMES"] = env.list("CDN_PURGE_HOSTNAMES")

# --- Content-Security-Policy (issue #13) ------------------------------------------------

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

# Customer pages load our own static files and Stripe.js, nothing else. Stripe documents
# what Stripe.js needs: its script and frames from js.stripe.com, the 3-D Secure frame
# from hooks.stripe.com, calls to api.stripe.com. Every script of ours is a static file, so
# a page needs no nonce and stays the same for every visitor; the few that must inline
# (the Stripe pay page's tags, the 500 page's styles) read request.csp_nonce, and the
# header names a nonce only on those. Event-handler attributes and javascript: URLs never run.
#
# Styles: our stylesheets only; no <style> without the nonce, no style="" attribute. Our
# templates need none (scripts change styles through the CSSOM, which CSP allows), and an
# injected style attribute could still dress up a fake notice or hide the real one.
STRIPE_JS = "https://js.stripe.com"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, STRIPE_JS],
        "style-src": [SELF, NONCE],
        # data: for Bootstrap's inline SVG icons; production adds the media CDN or bucket.
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF, "https://api.stripe.com"],
        "frame-src": [STRIPE_JS, "https://hooks.stripe.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Like X-Frame-Options: DENY (Django's default) for browsers that prefer CSP.
        "frame-ancestors": [NONE],
    }
}
# Staff screens only (groundwork.content_security). Under the customer policy Chromium
# refuses Wagtail's admin its inline scripts and the <style>/<script> its editor bundle
# inserts, and Oscar's dashboard its inline scripts (its onbodyload blocks), onclick=""
# attributes and style attributes: the screens stop working. Django's admin needs nothing
# and keeps the customer policy. These prefixes get the directives below in place of the
# customer ones; no customer page lives under them.
CONTENT_SECURITY_POLICY_STAFF_PREFIXES = ("/cms/", "/dashboard/")
CONTENT_SECURITY_POLICY_STAFF_DIRECTIVES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    # Wagtail's live preview shows the page being edited in a frame of its own.
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}
# Wagtail's admin would fetch editors' avatars from gravatar.com: outside the policy, blocked
# in mainland China, and an editor's e-mail hash sent to a third party. Initials instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Request body limit (issue #13) ------------------------------------------------------

# The largest files the site accepts, one upload each. The forms' own messages name these
# sizes ("at most 5 MB"): change both together.
AFTERCARE_INVOICE_MAX_UPLOAD_SIZE = 5 * 1024 * 1024  # aftersales.forms, a customer's photo
AFTERCARE_VIDEO_MAX_UPLOAD_SIZE = 200 * 1024 * 1024  # cms.models.media, an editor's video
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024  # Wagtail's default, spelled out
# aftersales.attachments: a customer's (or an engineer's) photos and short video of a job,
# up to three photos or one video a form.
AFTERCARE_SERVICE_PHOTO_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
AFTERCARE_SERVICE_VIDEO_MAX_UPLOAD_SIZE = 30 * 1024 * 1024
# groundwork.request_size answers 413 to any request that declares a longer body, before
# reading it. The margin covers the rest of a multipart form: boundaries, fields and the
# two WebVTT caption files that go up with a video.
REQUEST_BODY_MAX_BYTES = max(
    WAGTAILDOCS_MAX_UPLOAD_SIZE,
    WAGTAILIMAGES_MAX_UPLOAD_SIZE,
    AFTERCARE_INVOICE_MAX_UPLOAD_SIZE,
    AFTERCARE_VIDEO_MAX_UPLOAD_SIZE,
    3 * AFTERCARE_SERVICE_PHOTO_MAX_UPLOAD_SIZE,
    AFTERCARE_SERVICE_VIDEO_MAX_UPLOAD_SIZE,
) + (2 * 1024 * 1024)
# Bodies that are not files (form fields, JSON) are held in memory: Django's 2.5 MB, spelled
# out. The largest is Wagtail's editor posting a manual (31 KB for the longest demo one);
# Stripe's webhook events are a few kilobytes.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

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
# The engineer's "done" form posts the customer's signature as a PNG data URL (tens of
# kilobytes); aftersales.signatures checks its size and content itself.
HOSTILE_INPUT_LONG_VALUE_PATHS += [f"/{code}/engineer/jobs/" for code, _name in LANGUAGES]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
