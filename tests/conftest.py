import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo data once into the test database; tests roll back their own changes."""
    with django_db_blocker.unblock():
        call_command("load_demo", "--quiet")


@pytest.fixture
def demo(db):
    """The demo data, loaded again if a transactional test emptied the tables before us."""
    from cms.models import HomePage

    if not HomePage.objects.exists():
        call_command("load_demo", "--quiet")


@pytest.fixture
def demo_transactional(transactional_db):
    from cms.models import HomePage

    if not HomePage.objects.exists():
        call_command("load_demo", "--quiet")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The hostile-input walk's count of requests and server errors, in every CI log."""
    from tests.hostile import SUMMARY

    for line in config.stash.get(SUMMARY, []):
        terminalreporter.write_line(line)
