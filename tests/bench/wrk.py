"""Loading one URL with wrk, as every bench row is measured: 2 threads, 8 connections."""

import os
import re
import subprocess
from dataclasses import dataclass

DURATION = os.environ.get("BENCH_DURATION", "15s")
WARM_UP = "2s"
UNITS = {"us": 0.001, "ms": 1, "s": 1000}


@dataclass(frozen=True)
class Load:
    rps: float
    mean_ms: float
    p99_ms: float
    non2xx: int  # answers that were neither 2xx nor 3xx


def measure(url: str, headers=()) -> Load:
    """`wrk -t2 -c8 -d<DURATION> --latency url` after a short warm-up."""
    extra = [arg for header in headers for arg in ("-H", header)]
    subprocess.run(["wrk", "-t2", "-c8", f"-d{WARM_UP}", *extra, url], capture_output=True)
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{DURATION}", "--latency", *extra, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    mean = re.search(r"Latency\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return Load(
        rps=rps,
        mean_ms=float(mean.group(1)) * UNITS[mean.group(2)],
        p99_ms=float(p99.group(1)) * UNITS[p99.group(2)],
        non2xx=int(non2xx.group(1)) if non2xx else 0,
    )


def measure_side_by_side(first: tuple, second: tuple) -> tuple[Load, Load]:
    """Two pages compared with each other, loaded in the order first, second, second, first
    and each one's two runs averaged: a machine busier early or late in the four runs
    weighs on both alike. Each argument is `measure`'s (url, headers)."""
    a1, b1, b2, a2 = measure(*first), measure(*second), measure(*second), measure(*first)
    return merged(a1, a2), merged(b1, b2)


def merged(one: Load, other: Load) -> Load:
    return Load(
        rps=(one.rps + other.rps) / 2,
        mean_ms=(one.mean_ms + other.mean_ms) / 2,
        p99_ms=(one.p99_ms + other.p99_ms) / 2,
        non2xx=one.non2xx + other.non2xx,
    )
