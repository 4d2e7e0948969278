"""The bench site: the bench database loaded with the demo data, served by gunicorn.

Served the way production serves (tests/bench/settings.py: DEBUG off, cached templates,
whitenoise), by 2 sync workers. Scenarios (tests/bench/*scenario.py) add what a bench needs
to the same database, from a Django shell, and say in JSON what to load.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def bench_env() -> dict:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.bench.settings"}


def manage(*args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=bench_env(),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def run_scenario(code: str) -> dict:
    """Run `code` in a Django shell on the bench database; its last printed line is JSON."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=bench_env(),
        capture_output=True,
        text=True,
    )
    if done.returncode:
        pytest.fail(f"bench scenario {code!r} failed:\n{done.stderr[-3000:]}", pytrace=False)
    return json.loads(done.stdout.splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve():
    """Prepare the bench database and serve it; yields the base URL until the session ends."""
    if not shutil.which("wrk"):
        pytest.skip("wrk is not installed (apt-get install wrk)")
    (ROOT / "var").mkdir(exist_ok=True)
    manage("migrate", "--noinput")
    manage("load_demo", "--quiet")
    manage("collectstatic", "--noinput")
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=bench_env(),
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=10)
