import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x7Qe-production-like-secret-key-with-enough-entropy-0123456789abcdefghij",
    "ALLOWED_HOSTS": "care.example.cn",
    "DATABASE_URL": "postgres://aftercare@db.internal:5432/aftercare",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "aftercare-media",
    "AWS_ACCESS_KEY_ID": "LTAI-production-like-key-id",
    "AWS_SECRET_ACCESS_KEY": "production-like-secret-access-key-0123456789",
    "TRUSTED_PROXY_COUNT": "1",
    "ALIYUN_SMS_ACCESS_KEY_ID": "LTAI-production-like-sms-key",
    "ALIYUN_SMS_ACCESS_KEY_SECRET": "production-like-sms-secret-0123456789",
    "ALIYUN_SMS_SIGN_NAME": "Aftercare",
    "ALIYUN_SMS_TEMPLATE_CODE": "SMS_000000001",
}
# Aliyun OSS through its S3-compatible endpoint, with a CDN host in front.
OBJECT_STORAGE_ENV = {
    "AWS_S3_ENDPOINT_URL": "https://oss-cn-hangzhou.aliyuncs.com",
    "AWS_S3_REGION_NAME": "oss-cn-hangzhou",
    "AWS_S3_CUSTOM_DOMAIN": "media.care.example.cn",
}
# Prints what the default storage is and where it puts a video, one fact per line.
DESCRIBE_STORAGE = """
from django.conf import settings
from django.core.files.storage import storages
s = storages["default"]
print("class", f"{type(s).__module__}.{type(s).__qualname__}")
print("bucket", s.bucket_name)
print("endpoint", s.endpoint_url)
print("region", s.region_name)
print("key", s.access_key)
print("url", s.url("videos/filter.mp4"))
print("serve_media", settings.SERVE_MEDIA)
"""


def run_manage(*args, env):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' conftest, never in production.
    skip = {*PRODUCTION_ENV, *OBJECT_STORAGE_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in skip}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


class TestProductionSettings:
    def test_pass_the_deploy_check_without_warnings(self):
        result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout

    def test_refuse_to_start_without_a_secret_key(self):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
        result = run_manage("check", env=env)
        assert result.returncode != 0
        assert "Production settings need these environment variables: SECRET_KEY" in result.stderr

    def test_name_every_missing_variable(self):
        result = run_manage("check", env={"DJANGO_SETTINGS_MODULE": "portal.settings.production"})
        assert result.returncode != 0
        assert (
            "SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, "
            "AWS_STORAGE_BUCKET_NAME, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY"
        ) in result.stderr

    def test_refuse_to_start_without_the_text_message_keys(self):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALIYUN_SMS_ACCESS_KEY_SECRET"}
        result = run_manage("check", env=env)
        assert result.returncode != 0
        assert "ALIYUN_SMS_ACCESS_KEY_SECRET" in result.stderr

    def test_refuse_to_start_without_the_proxy_count(self):
        # Guessing it either way is a hole in the login lockout: see portal.settings.production.
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != "TRUSTED_PROXY_COUNT"}
        result = run_manage("check", env=env)
        assert result.returncode != 0
        assert "TRUSTED_PROXY_COUNT" in result.stderr


def describe_storage(env) -> dict[str, str]:
    result = run_manage("shell", "-c", DESCRIBE_STORAGE, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)


class TestProductionMedia:
    def test_live_in_the_bucket_on_the_configured_endpoint(self):
        storage = describe_storage({**PRODUCTION_ENV, **OBJECT_STORAGE_ENV})
        assert storage["class"] == "storages.backends.s3.S3Storage"
        assert storage["bucket"] == "aftercare-media"
        assert storage["endpoint"] == "https://oss-cn-hangzhou.aliyuncs.com"
        assert storage["region"] == "oss-cn-hangzhou"
        assert storage["key"] == "LTAI-production-like-key-id"

    def test_link_to_the_cdn_host_without_a_signature(self):
        storage = describe_storage({**PRODUCTION_ENV, **OBJECT_STORAGE_ENV})
        assert storage["url"] == "https://media.care.example.cn/videos/filter.mp4"

    def test_link_to_the_bucket_unsigned_without_a_cdn(self):
        env = {**PRODUCTION_ENV, **OBJECT_STORAGE_ENV, "AWS_S3_CUSTOM_DOMAIN": ""}
        # Virtual-hosted (OSS refuses path-style), and unsigned: a signed URL changes on
        # every render, so neither browsers nor the page cache could keep it.
        assert describe_storage(env)["url"] == (
            "https://aftercare-media.oss-cn-hangzhou.aliyuncs.com/videos/filter.mp4"
        )

    def test_are_not_served_by_the_app(self):
        assert describe_storage({**PRODUCTION_ENV, **OBJECT_STORAGE_ENV})["serve_media"] == "False"

    def test_keep_the_deploy_check_clean(self):
        env = {**PRODUCTION_ENV, **OBJECT_STORAGE_ENV}
        result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout

    def test_refuse_to_start_without_a_bucket(self):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != "AWS_STORAGE_BUCKET_NAME"}
        result = run_manage("check", env=env)
        assert result.returncode != 0
        assert "environment variables: AWS_STORAGE_BUCKET_NAME" in result.stderr
