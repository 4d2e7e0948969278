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
}


def run_manage(*args, env):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' conftest, never in production.
    skip = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
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
        assert "SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL" in result.stderr
