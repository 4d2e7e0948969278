"""The clock the suite runs on when CI sets AFTERCARE_TEST_CLOCK (see tests/conftest.py)."""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.utils import timezone

from tests.conftest import CLOCK_STARTED, CLOCK_VARIABLE, clock_start

ROOT = Path(__file__).resolve().parents[2]
PROBE = f"{Path(__file__).relative_to(ROOT)}::test_this_process_runs_on_the_clock_asked"


@pytest.mark.skipif(not os.environ.get(CLOCK_VARIABLE), reason=f"{CLOCK_VARIABLE} is not set")
def test_this_process_runs_on_the_clock_asked(request):
    start, then = request.config.stash[CLOCK_STARTED]
    expected = start + datetime.timedelta(seconds=time.monotonic() - then)
    assert abs(timezone.now() - expected) < datetime.timedelta(seconds=5)


def run_pytest(*args: str, clock: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=ROOT,
        env={**os.environ, CLOCK_VARIABLE: clock},
        capture_output=True,
        text=True,
        timeout=300,
    )


class TestAClockSetByTheEnvironment:
    def test_starts_in_every_xdist_worker_and_keeps_running(self):
        # `--dist each` hands the probe to both workers, so each must have travelled.
        run = run_pytest("-n", "2", "--dist", "each", PROBE, clock="2031-02-03T23:59:50+08:00")
        assert run.returncode == 0, run.stdout + run.stderr
        assert "2 passed" in run.stdout
        assert "the clock was set to 2031-02-03T23:59:50+08:00 and keeps running" in run.stdout

    def test_is_read_as_an_instant_with_its_offset(self):
        start = clock_start("2031-02-03T23:59:50+08:00")
        assert start == datetime.datetime(2031, 2, 3, 15, 59, 50, tzinfo=datetime.UTC)

    @pytest.mark.parametrize("value", ["2031-02-03T23:59:50", "tomorrow", ""])
    def test_without_an_offset_stops_the_run_with_a_usage_error(self, value):
        with pytest.raises(pytest.UsageError, match="not an ISO 8601 instant with an offset"):
            clock_start(value)
