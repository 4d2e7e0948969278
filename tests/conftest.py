"""Test-wide fixtures. The demo data is loaded only for tests marked `demo`; the clock is
the tests' own when AFTERCARE_TEST_CLOCK is set.

Everything else builds what it needs with tests/factories/, so a change to the demo data
(a serial format, a price, a page) cannot break it. `make test` runs the two groups in two
sessions, so the tests that are not marked `demo` run on a database without it.
"""

import datetime
import os
import time

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation

# CI sets this for one of its runs, e.g. "2026-12-02T23:59:50+08:00": every pytest process
# (the xdist controller and each worker run this hook) starts at that instant with the clock
# ticking on, so a run crosses midnight in Asia/Shanghai and shows any date read too early.
CLOCK_VARIABLE = "AFTERCARE_TEST_CLOCK"
TRAVEL = pytest.StashKey[time_machine.travel]()
# Where the clock was set, and time.monotonic() then (time-machine leaves that one alone).
CLOCK_STARTED = pytest.StashKey[tuple[datetime.datetime, float]]()


def clock_start(value: str) -> datetime.datetime:
    try:
        start = datetime.datetime.fromisoformat(value)
    except ValueError:
        start = None
    if start is None or start.tzinfo is None:
        raise pytest.UsageError(
            f"{CLOCK_VARIABLE}={value!r} is not an ISO 8601 instant with an offset, "
            "e.g. 2026-12-02T23:59:50+08:00"
        )
    return start


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    # Before collection imports any test module and before the demo data loads.
    value = os.environ.get(CLOCK_VARIABLE)
    if not value:
        return
    start = clock_start(value)
    travel = time_machine.travel(start, tick=True)
    travel.start()
    config.stash[TRAVEL] = travel
    config.stash[CLOCK_STARTED] = (start, time.monotonic())


def pytest_sessionstart(session):
    # Printed by the controller only: xdist workers have no terminal of their own.
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if CLOCK_STARTED in session.config.stash and reporter is not None:
        start, _ = session.config.stash[CLOCK_STARTED]
        reporter.write_line(
            f"{CLOCK_VARIABLE}: the clock was set to {start.isoformat()} and keeps running"
        )


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    travel = config.stash.get(TRAVEL, None)
    if travel is not None:
        travel.stop()


@pytest.fixture(autouse=True)
def site_language():
    """Every test starts in the site's default language. A request through the test client
    leaves its URL's language active in the thread (LocaleMiddleware activates it, nothing
    deactivates it), so reverse() in the next test would build that language's URLs:
    test_checkout_preflight failed after test_light_pages had fetched English pages."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache, as it starts with its own database rows: a page
    the page cache kept for one test's data (an empty basket, a landing) is not served to the
    next, and no cached card or generation outlives the rows it was drawn from."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def today() -> datetime.date:
    """The site's date (Asia/Shanghai) as the test starts: read then, never at import."""
    return timezone.localdate()


def _session_uses_demo(session) -> bool:
    return any(item.get_closest_marker("demo") for item in session.items)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """Load the demo data once into the test database if any selected test is marked demo;
    tests roll back their own changes."""
    if _session_uses_demo(request.session):
        with django_db_blocker.unblock():
            load_demo_for_today()


def _require_demo(request) -> None:
    if request.node.get_closest_marker("demo") is None:
        pytest.fail("This test reads the demo data: mark it `pytest.mark.demo`, or use factories.")


def load_demo_for_today() -> None:
    # The demo's slots and histories count from the day it runs; should midnight pass while
    # it loads, a second run adds the day that came into view, as it would on a live site.
    started_on = timezone.localdate()
    call_command("load_demo", "--quiet")
    if timezone.localdate() != started_on:
        call_command("load_demo", "--quiet")


@pytest.fixture
def demo(db, request):
    """The demo data, loaded again if a transactional test emptied the tables before us."""
    from cms.models import HomePage

    _require_demo(request)
    if not HomePage.objects.exists():
        load_demo_for_today()


@pytest.fixture
def demo_transactional(transactional_db, request):
    from cms.models import HomePage

    _require_demo(request)
    if not HomePage.objects.exists():
        load_demo_for_today()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The hostile-input walk's count of requests and server errors, in every CI log."""
    from tests.hostile import SUMMARY

    lines = config.stash.get(SUMMARY, [])
    if not lines:  # the walk ran in xdist workers: its lines came back with the reports
        # (teardown reports that pass are kept under the empty key, so read every list)
        lines = [
            value
            for reports in terminalreporter.stats.values()
            for report in reports
            for name, value in getattr(report, "user_properties", None) or []
            if name == "hostile-walk"
        ]
    for line in dict.fromkeys(lines):
        terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def sms_outbox():
    """The captured text messages (groundwork.sms.LocmemBackend), empty for each test."""
    from groundwork import sms

    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()
