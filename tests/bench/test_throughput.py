"""Throughput of our hot pages against references served by the same gunicorn, same run.

Two references: a static file, and Oscar's stock product page (its own view and templates,
mounted by tests/bench/urls.py) for the same demo consumable as our product page. Run with
`make bench`. Prints a table and the ratio of our product page to the stock one; asserts
nothing about time (machines are noisy), only that every page answered 2xx/3xx under load.
"""

import json
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
SCENARIO = "from tests.bench.scenario import main; main()"


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
    yield from serve(SCENARIO)


def serve(scenario_code: str):
    """Load the demo into the bench database, run `scenario_code` in a Django shell (its
    last printed line is JSON), serve the site with gunicorn and yield (base URL, that JSON).
    """
    if not shutil.which("wrk"):
        pytest.skip("wrk is not installed (apt-get install wrk)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.bench.settings"}
    (ROOT / "var").mkdir(exist_ok=True)
    manage("migrate", "--noinput", env=env)
    manage("load_demo", "--quiet", env=env)
    manage("collectstatic", "--noinput", env=env)
    scenario = json.loads(
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", scenario_code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[-1]
    )
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
    yield base, scenario
    proc.terminate()
    proc.wait(timeout=10)


def static_css_url(base):
    html = urllib.request.urlopen(base + "/zh-hans/").read().decode()
    return base + re.search(r'href="(/static/css/site\.[^"]+\.css)"', html).group(1)


def wrk(url, headers=()):
    extra = [arg for header in headers for arg in ("-H", header)]
    subprocess.run(["wrk", "-t2", "-c8", "-d2s", *extra, url], capture_output=True)  # warm-up
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{DURATION}", "--latency", *extra, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, p99_ms, int(non2xx.group(1)) if non2xx else 0


def test_hot_pages_against_a_static_file_and_oscars_stock_product_page(server):
    base, scenario = server
    paths, queries = scenario["paths"], scenario["queries"]
    cookie = f"{scenario['session_cookie']}={scenario['session']}"
    basket = urllib.request.Request(base + paths["basket"], headers={"Cookie": cookie})
    assert scenario["basket_shows"] in urllib.request.urlopen(basket).read().decode()
    # name: (URL, request headers, queries per request)
    pages = {
        "static CSS (reference)": (static_css_url(base), (), 0),
        "QR scan /q/<code> (302)": (base + paths["qr"], (), queries["qr"]),
        "QR landing (manual page)": (base + paths["qr_landing"], (), queries["qr_landing"]),
        "home /zh-hans/": (base + paths["home"], (), queries["home"]),
        "catalogue": (base + paths["catalogue"], (), queries["catalogue"]),
        "product, ours": (base + paths["product"], (), queries["product"]),
        "product, stock Oscar": (base + paths["stock_product"], (), queries["stock_product"]),
        "basket (empty)": (base + paths["basket"], (), queries["basket"]),
        "basket, 3 lines, signed in": (
            base + paths["basket"],
            [f"Cookie: {cookie}"],
            queries["basket_signed_in"],
        ),
        "healthz": (base + "/healthz", (), None),
    }
    rows = {name: wrk(url, headers) for name, (url, headers, _) in pages.items()}
    reference = rows["static CSS (reference)"][0]
    print(f"\n{'page':28} {'queries':>7} {'req/s':>9} {'p99 ms':>8} {'vs static':>10}")
    for name, (rps, p99, _) in rows.items():
        count = pages[name][2]
        count = "-" if count is None else count
        print(f"{name:28} {count:>7} {rps:9.1f} {p99:8.1f} {rps / reference:10.3f}")
    (ours, ours_p99, _), (stock, stock_p99, _) = rows["product, ours"], rows["product, stock Oscar"]
    print(
        f"our product page / stock Oscar product page = {ours / stock:.2f} "
        f"(req/s {ours:.1f} vs {stock:.1f}; p99 {ours_p99:.0f} ms vs {stock_p99:.0f} ms)"
    )
    assert all(non2xx == 0 for _, _, non2xx in rows.values())
