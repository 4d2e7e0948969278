"""portal/templates is searched once: an override that extends its own name (Oscar's
`{% extends "oscar/customer/baseaccountpage.html" %}` from a file of that name) renders
Oscar's block once, so the account sidebar lists each tab once."""

from pathlib import Path

from django.template import engines
from django.template.utils import get_app_template_dirs
from django.urls import reverse

from tests.factories.shop import make_customer


def test_no_template_folder_is_searched_twice():
    engine = engines["django"].engine
    folders = [Path(d).resolve() for d in engine.dirs] + [
        Path(d).resolve() for d in get_app_template_dirs("templates")
    ]
    assert len(folders) == len(set(folders))


def test_the_account_sidebar_shows_each_tab_once(client, db):
    client.force_login(make_customer())
    page = client.get(reverse("customer:order-list")).content.decode()
    assert page.count(f'href="{reverse("aftersales:devices")}"') == 1
    assert page.count(f'href="{reverse("customer:order-list")}"') >= 1
    assert page.count(f'href="{reverse("customer:profile-view")}"') == 1
