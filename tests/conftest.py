"""Test-wide fixtures. The demo data is loaded only for tests marked `demo`.

Everything else builds what it needs with tests/factories/, so a change to the demo data
(a serial format, a price, a page) cannot break it. `make test` runs the two groups in two
sessions, so the tests that are not marked `demo` run on a database without it.
"""

import pytest
from django.core.management import call_command


def _session_uses_demo(session) -> bool:
    return any(item.get_closest_marker("demo") for item in session.items)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """Load the demo data once into the test database if any selected test is marked demo;
    tests roll back their own changes."""
    if _session_uses_demo(request.session):
        with django_db_blocker.unblock():
            call_command("load_demo", "--quiet")


def _require_demo(request) -> None:
    if request.node.get_closest_marker("demo") is None:
        pytest.fail("This test reads the demo data: mark it `pytest.mark.demo`, or use factories.")


@pytest.fixture
def demo(db, request):
    """The demo data, loaded again if a transactional test emptied the tables before us."""
    from cms.models import HomePage

    _require_demo(request)
    if not HomePage.objects.exists():
        call_command("load_demo", "--quiet")


@pytest.fixture
def demo_transactional(transactional_db, request):
    from cms.models import HomePage

    _require_demo(request)
    if not HomePage.objects.exists():
        call_command("load_demo", "--quiet")
