"""Lighthouse (mobile, its default) on the pages customers wait for, issue #16.

Debian's chromium (/usr/bin/chromium, headless, no sandbox) and Lighthouse pinned in the
Makefile, installed by `make bench` into var/lighthouse. A page's scores are 0 to 1.
"""

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "var" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# (category, lowest score accepted)
GOALS = {"performance": 0.90, "accessibility": 0.95}
# The figures Lighthouse's report is read for, beside the scores.
METRICS = ("largest-contentful-paint", "total-blocking-time", "total-byte-weight")


def available() -> bool:
    return LIGHTHOUSE.exists() and Path(CHROMIUM).exists()


def audit(url: str, *, cookie: str | None = None) -> dict:
    """{"scores": {category: score}, "metrics": {audit: display value}, "url": final URL}."""
    args = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(GOALS)}",
        "--output=json",
        "--output-path=stdout",
    ]
    if cookie:
        args.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    report = json.loads(
        subprocess.run(
            args,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        ).stdout
    )
    return {
        "url": report["finalDisplayedUrl"],
        "scores": {name: category["score"] for name, category in report["categories"].items()},
        "metrics": {name: report["audits"][name]["displayValue"] for name in METRICS},
    }
