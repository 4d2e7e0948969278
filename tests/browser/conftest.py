"""Playwright for Python driving Debian's chromium (never `playwright install`)."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's guard against ORM calls
# from async code would otherwise trip on the test's own database work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Django's live server answers /media/ itself with static.serve, which ignores Range; let
# the site's own media view (portal.media, 206 for ranges) answer, as it does in `make demo`.
from django.test import testcases  # noqa: E402

testcases._MediaFilesHandler._should_handle = lambda self, path: False

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE = {"width": 360, "height": 780}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, request):
    """A fresh 360 px wide page; its console errors fail the test."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


@pytest.fixture
def shoot():
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return save


def pytest_collection_modifyitems(config, items):
    # Journeys through the demo site: they read its data (tests/conftest.py loads it).
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.demo)
