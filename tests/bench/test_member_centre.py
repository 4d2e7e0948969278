"""The member centre and points history for a member with 10 entries and one with 100,000.

Both members' pages are served by the same gunicorn in the same run, beside a static file
for reference, and loaded with wrk as tests/bench/test_throughput.py does. Prints each
page's queries, req/s, mean and p99 latency, and the time ratio of the 100,000-entry member
to the 10-entry one. Asserts only that the query counts are equal and every answer was 2xx:
time is measured, not judged (these machines are noisy). Run with `make bench`.
"""

import re
import subprocess

import pytest

from tests.bench.test_throughput import DURATION, serve, static_css_url

SCENARIO = "from tests.bench.members_scenario import main; main()"


@pytest.fixture(scope="module")
def members_server():
    yield from serve(SCENARIO)


def wrk(url, headers=()):
    """(req/s, mean ms, p99 ms, non-2xx answers) of `url` under wrk -t2 -c8."""
    extra = [arg for header in headers for arg in ("-H", header)]
    subprocess.run(["wrk", "-t2", "-c8", "-d2s", *extra, url], capture_output=True)  # warm-up
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{DURATION}", "--latency", *extra, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    unit = {"us": 0.001, "ms": 1, "s": 1000}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    mean = re.search(r"Latency\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return (
        rps,
        float(mean.group(1)) * unit[mean.group(2)],
        float(p99.group(1)) * unit[p99.group(2)],
        int(non2xx.group(1)) if non2xx else 0,
    )


def test_member_centre_with_10_and_100000_entries(members_server):
    base, scenario = members_server
    queries, sessions = scenario["queries"], scenario["sessions"]

    def cookie(size):
        return [f"Cookie: {scenario['session_cookie']}={sessions[size]}"]

    pages = {"static CSS (reference)": (static_css_url(base), (), "-")}
    for page, path in scenario["pages"].items():
        for size in ("10", "100k"):
            pages[f"{page}, {size} entries"] = (
                base + path,
                cookie(size),
                queries[f"{page} {size}"],
            )
    rows = {name: wrk(url, headers) for name, (url, headers, _) in pages.items()}
    reference = rows["static CSS (reference)"][0]
    print(
        f"\n{'page':26} {'queries':>7} {'req/s':>8} {'mean ms':>8} {'p99 ms':>8} {'vs static':>10}"
    )
    for name, (rps, mean, p99, _) in rows.items():
        count = pages[name][2]
        print(f"{name:26} {count:>7} {rps:8.1f} {mean:8.1f} {p99:8.1f} {rps / reference:10.3f}")
    for page in scenario["pages"]:
        small, large = rows[f"{page}, 10 entries"], rows[f"{page}, 100k entries"]
        print(
            f"{page}: 100,000 entries / 10 entries = {large[1] / small[1]:.2f}× the time "
            f"(mean {large[1]:.1f} ms vs {small[1]:.1f} ms; p99 {large[2]:.0f} vs "
            f"{small[2]:.0f} ms; req/s {large[0]:.1f} vs {small[0]:.1f})"
        )
        assert queries[f"{page} 10"] == queries[f"{page} 100k"]
    assert all(non2xx == 0 for *_, non2xx in rows.values())
