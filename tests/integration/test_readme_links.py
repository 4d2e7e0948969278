"""Every site address the README gives answers 200 for the demo user it is meant for
(issue #15: /dashboard/aftersales/ and /dashboard/membership/ were 404s)."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.demo

HOST = "http://127.0.0.1:8000"
# A full demo URL, or a path in backticks (the "Where things are" table and the prose).
LINK = re.compile(r"http://127\.0\.0\.1:8000(/[^\s|)>`]*)|`(/[^`\s]*)`")
# Not pages: a machine endpoint (POST only, signed), and a prefix named in prose.
NOT_PAGES = {"/webhooks/stripe/", "/q/", "/service-promise/"}
LANGUAGES = ("zh-hans", "en")

# Who opens each address, by the longest matching prefix (after the language).
USERS = (
    ("/dashboard/aftersales/dispatch/", "dispatcher@aftercare.demo"),
    ("/dashboard/aftersales/hotline/", "dispatcher@aftercare.demo"),
    ("/dashboard/aftersales/partner-orders/", "dispatcher@aftercare.demo"),
    ("/dashboard/aftersales/compensation/", "supervisor@aftercare.demo"),
    ("/dashboard/", "staff@aftercare.demo"),
    ("/cms/qr-", "staff@aftercare.demo"),
    ("/cms/", "editor@aftercare.demo"),
    ("/django-admin/", "admin@aftercare.demo"),
    ("/engineer/", "engineer@aftercare.demo"),
    ("/devices/", "customer@aftercare.demo"),
    ("/members/", "customer@aftercare.demo"),
)


def readme_paths() -> list[str]:
    text = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    found = []
    for full, quoted in LINK.findall(text):
        path = full or quoted
        if path in NOT_PAGES or "…" in path:
            continue
        paths = [path.replace("<lang>", lang) for lang in LANGUAGES] if "<lang>" in path else [path]
        for one in paths:
            if "<" not in one and one not in found:  # placeholders need data of their own
                found.append(one)
    return found


def user_for(path: str) -> str | None:
    bare = re.sub(r"^/(zh-hans|en)(?=/)", "", path)
    for prefix, email in USERS:
        if bare.startswith(prefix):
            return email
    return None


def test_the_readme_names_the_dashboard_indexes():
    paths = readme_paths()
    assert "/dashboard/aftersales/" in paths
    assert "/dashboard/membership/" in paths


@pytest.mark.parametrize("path", readme_paths())
def test_each_readme_link_answers_200(demo, path):
    client = Client()
    email = user_for(path)
    if email is not None:
        client.force_login(get_user_model().objects.get(email=email))
    response = client.get(path, follow=True)
    assert response.status_code == 200, (path, email, response.redirect_chain)
