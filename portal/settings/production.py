"""Production: PostgreSQL, Redis (cache and Celery broker), whitenoise, media on object
storage, secrets from the env.

Every secret is read without a default: a missing one stops the process with a message
naming it, instead of starting a site with an invented key.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env
from .redis_cache import redis_settings

REQUIRED = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
)
_missing = [name for name in REQUIRED if not env.str(name, default="")]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Redis down: cache and sessions degrade instead of failing (issue #13) ---------------
REDIS_URL = env("REDIS_URL")
# Sets CACHES, SESSION_ENGINE and DJANGO_REDIS_*, shared with the Redis outage test.
globals().update(redis_settings(url=REDIS_URL))
# --- end Redis down -----------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
# A request that queues a job while the broker is down must answer, not hang: the job is
# already stored, and groundwork.queue.enqueue leaves it to the beat sweeps.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_TASK_ALWAYS_EAGER = False
HEALTHZ_CHECK_REDIS = True

# Media on S3-compatible object storage (Aliyun OSS, Tencent COS, MinIO, AWS S3), shared by
# every web and worker machine; the store answers video Range requests itself.
STORAGES = {
    "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Invoice photos: a private prefix (or bucket) read only through signed URLs, which the
    # owner-checked view hands out; never the public CDN domain.
    "private": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "location": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "custom_domain": None,
        },
    },
}
SERVE_MEDIA = False
if env("AWS_PRIVATE_BUCKET_NAME", default=""):
    STORAGES["private"]["OPTIONS"]["bucket_name"] = env("AWS_PRIVATE_BUCKET_NAME")
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
# Required rather than left to boto3's credential chain: its instance roles exist on AWS
# only, so on OSS, COS or MinIO a missing key would surface at the first upload instead.
AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID")
AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY")
# Unset for AWS itself; for others the S3 endpoint, e.g. https://oss-cn-hangzhou.aliyuncs.com,
# https://cos.ap-shanghai.myqcloud.com or a MinIO host.
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
# bucket.endpoint host names: OSS refuses path-style requests (botocore's choice for a custom
# endpoint). A MinIO without wildcard DNS needs "path".
AWS_S3_ADDRESSING_STYLE = env("AWS_S3_ADDRESSING_STYLE", default="virtual")
# A CDN host in front of the bucket, e.g. media.care.example.cn; links then point at it.
AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
# Manuals, videos and pictures are public: plain URLs stay the same between renders, so
# browsers, the CDN and the page cache can keep them (signed URLs change every time).
AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=False)
# The bucket's policy decides who reads; per-object ACLs are refused by new AWS buckets.
AWS_DEFAULT_ACL = None
# Like FileSystemStorage: a second upload named like the first gets a new name, not its place.
AWS_S3_FILE_OVERWRITE = False
AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=86400"}

# Sign-in protection (issue #13): no default, because a wrong count is a hole either way:
# too low and every visitor shares the proxy's address (one guesser locks everyone out),
# too high and a client picks its own address by sending X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT")

# Behind a TLS-terminating proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True
OSCAR_URL_SCHEMA = "https"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

# Text messages (phone codes, service notices) through Aliyun unless told otherwise; its
# keys are secrets like the others: missing, the process stops and names them.
SMS_BACKEND = env("SMS_BACKEND", default="groundwork.sms_aliyun.AliyunBackend")
if SMS_BACKEND == "groundwork.sms_aliyun.AliyunBackend":
    _missing_sms = [
        name
        for name in (  # groundwork.sms_aliyun.REQUIRED_SETTINGS
            "ALIYUN_SMS_ACCESS_KEY_ID",
            "ALIYUN_SMS_ACCESS_KEY_SECRET",
            "ALIYUN_SMS_SIGN_NAME",
            "ALIYUN_SMS_TEMPLATE_CODE",
        )
        if not env.str(name, default="")
    ]
    if _missing_sms:
        raise ImproperlyConfigured(
            "Production settings need these environment variables for text messages: "
            + ", ".join(_missing_sms)
        )

LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")  # noqa: F405

# --- Content-Security-Policy (issue #13): media on object storage ------------------------


def _public_media_sources() -> list[str]:
    """Where S3Storage links pictures, videos and captions, as CSP sources: the CDN host,
    else the bucket's own host (or its path on a path-style endpoint), and no other bucket."""
    if AWS_S3_CUSTOM_DOMAIN:
        return [f"https://{AWS_S3_CUSTOM_DOMAIN.rstrip('/')}/"]
    if AWS_S3_ENDPOINT_URL:
        endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        origins = [f"{endpoint.scheme}://{endpoint.netloc}"]
    else:
        # AWS itself: botocore links the regional host when a region is set.
        origins = ["https://s3.amazonaws.com"]
        if AWS_S3_REGION_NAME:
            origins.append(f"https://s3.{AWS_S3_REGION_NAME}.amazonaws.com")
    if AWS_S3_ADDRESSING_STYLE == "path":
        return [f"{origin}/{AWS_STORAGE_BUCKET_NAME}/" for origin in origins]
    return [origin.replace("://", f"://{AWS_STORAGE_BUCKET_NAME}.", 1) for origin in origins]


_directives = CONTENT_SECURITY_POLICY["DIRECTIVES"]  # noqa: F405
_media = _public_media_sources()
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_directives,
        "img-src": [*_directives["img-src"], *_media],
        "media-src": [*_directives["media-src"], *_media],
    }
}
