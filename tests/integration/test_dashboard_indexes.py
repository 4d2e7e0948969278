"""/dashboard/aftersales/ and /dashboard/membership/ (issue #15: the README's links were
404s): each lists the area's screens the signed-in role may use, and each link opens."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_class

from tests.factories.shop import make_customer
from tests.factories.staff import (
    make_dispatcher,
    make_manager,
    make_shop_staff,
    make_supervisor,
)

get_nodes = get_class("dashboard.menu", "get_nodes")

AREAS = {
    "dashboard:aftersales-index": "dashboard:aftersales-",
    "dashboard:membership-index": "dashboard:membership-",
}
ROLES = {
    "shop staff": make_shop_staff,
    "dispatcher": make_dispatcher,
    "supervisor": make_supervisor,
    "manager": make_manager,
}


def links_on(page) -> list[str]:
    listing = page.content.decode().split('class="list-group area-index"')
    if len(listing) == 1:
        return []
    return re.findall(r'href="([^"]+)"', listing[1].split("</ul>")[0])


def menu_links(user, prefix) -> set[str]:
    for node in get_nodes(user):
        if any((child.url_name or "").startswith(prefix) for child in node.children):
            return {child.url for child in node.children}
    return set()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("index", AREAS)
def test_an_index_lists_what_the_role_may_open_and_each_link_opens(db, role, index):
    user = ROLES[role]()
    client = Client()
    client.force_login(user)
    page = client.get(reverse(index))
    assert page.status_code == 200
    links = links_on(page)
    assert set(links) == menu_links(user, AREAS[index])
    for url in links:
        assert client.get(url).status_code == 200, url


class TestTheAfterSalesIndex:
    def test_shows_shop_staff_their_screens_and_not_the_dispatchers(self, client, db):
        client.force_login(make_shop_staff())
        links = links_on(client.get(reverse("dashboard:aftersales-index")))
        assert reverse("dashboard:aftersales-contract-list") in links
        assert reverse("dashboard:returns-list") in links
        assert reverse("dashboard:aftersales-dispatch-board") not in links

    def test_shows_the_dispatcher_the_board(self, client, db):
        client.force_login(make_dispatcher())
        links = links_on(client.get(reverse("dashboard:aftersales-index")))
        assert reverse("dashboard:aftersales-dispatch-board") in links
        assert reverse("dashboard:aftersales-hotline") in links

    def test_is_refused_to_a_customer_and_asks_a_visitor_to_sign_in(self, client, db):
        for index in AREAS:
            assert client.get(reverse(index)).status_code == 302
        client.force_login(make_customer())
        for index in AREAS:
            assert client.get(reverse(index)).status_code == 403
