"""Throughput of our hot pages against a static file served by the same gunicorn, same run.

Run with `make bench`. Prints a table; asserts nothing about time (machines are noisy), only
that every page answered 200 under load.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DURATION = os.environ.get("BENCH_DURATION", "10s")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args, env):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@pytest.fixture(scope="session")
def server():
    if not shutil.which("wrk"):
        pytest.skip("wrk is not installed (apt-get install wrk)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.bench.settings"}
    (ROOT / "var").mkdir(exist_ok=True)
    manage("migrate", "--noinput", env=env)
    manage("load_demo", "--quiet", env=env)
    manage("collectstatic", "--noinput", env=env)
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
        env=env,
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


def static_css_url(base):
    html = urllib.request.urlopen(base + "/zh-hans/").read().decode()
    return base + re.search(r'href="(/static/css/site\.[^"]+\.css)"', html).group(1)


def wrk(url):
    subprocess.run(["wrk", "-t2", "-c8", "-d2s", url], capture_output=True)  # warm-up
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{DURATION}", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, p99_ms, int(non2xx.group(1)) if non2xx else 0


def test_hot_pages_against_a_static_file(server):
    product = urllib.request.urlopen(server + "/zh-hans/shop/catalogue/").read().decode()
    product_path = re.search(r'href="(/zh-hans/shop/catalogue/[\w-]+_\d+/)"', product).group(1)
    code = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from cms.models import ManualPage; "
            "print(ManualPage.objects.live().first().appliance_model.public_code)",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.bench.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    landing = urllib.request.urlopen(f"{server}/q/{code}").geturl()
    pages = {
        "static CSS (reference)": static_css_url(server),
        "QR scan /q/<code> (302)": f"{server}/q/{code}",
        "QR landing (manual page)": landing,
        "home /zh-hans/": server + "/zh-hans/",
        "catalogue": server + "/zh-hans/shop/catalogue/",
        "product": server + product_path,
        "basket (empty)": server + "/zh-hans/shop/basket/",
        "healthz": server + "/healthz",
    }
    rows = {name: wrk(url) for name, url in pages.items()}
    reference = rows["static CSS (reference)"][0]
    print(f"\n{'page':28} {'req/s':>9} {'p99 ms':>8} {'vs static':>10}")
    for name, (rps, p99, _) in rows.items():
        print(f"{name:28} {rps:9.1f} {p99:8.1f} {rps / reference:10.3f}")
    assert all(non2xx == 0 for _, _, non2xx in rows.values())
