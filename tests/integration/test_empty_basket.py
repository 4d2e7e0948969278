"""An empty basket page costs what it shows: nothing to edit, ship, total or upsell.

Issue #16: the empty basket served no faster than Oscar's own (1.0×, then 1.29×). The
basket view now renders an empty basket's page without the line formset, the shipping
methods, the default address, the offers and the order total: a visitor's empty basket
makes no query, a signed-in customer's only those of the session, the header and the items
saved for later. A basket with lines still gets all of it, at the same cost for 3 and 6.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_class, get_model

from groundwork.page_cache import HEADER
from tests.factories.aftersales import make_slot, make_unit
from tests.factories.shop import (
    add_plan,
    add_to_basket,
    add_visit,
    make_customer,
    shop_for_an_air_conditioner,
)

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")

BASKET = "/zh-hans/shop/basket/"
EMPTY = "您的购物车是空的。"
# The session, the user, their open basket, Oscar's middleware counting its lines, the
# lines (read once, for the page and the header's count), their saved basket, unread
# notifications, the header's two permission reads. Before: 12 (the lines counted twice,
# the default address, vouchers and offers).
SIGNED_IN_EMPTY = 9
# A Silver member's plan, visit and parts, the tier discount applied (test_tier_offer_once.py).
THREE_LINES = 21


def warm_queries(client, url=BASKET) -> tuple[int, str]:
    client.get(url)  # the session, caches and the language settle
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.fixture
def shop():
    return shop_for_an_air_conditioner()


class TestAVisitorsEmptyBasket:
    def test_makes_no_query(self, client, shop):
        count, page = warm_queries(client)
        assert EMPTY in page
        assert count == 0

    def test_sets_no_basket_cookie(self, client, shop):
        response = client.get(BASKET)
        assert "oscar_open_basket" not in response.cookies


class TestTheStoredEmptyBasket:
    """Every visitor without a personal cookie sees the same empty basket: the page cache keeps
    it, and only this app's cache may (`no-cache` to browsers and CDNs)."""

    def test_the_next_visitor_gets_it_from_the_page_cache(self, client, shop):
        first = client.get(BASKET)
        assert first[HEADER] == "miss"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(BASKET)
        assert response[HEADER] == "hit"
        assert len(queries) == 0
        assert EMPTY in response.content.decode()
        control = response["Cache-Control"]
        assert "no-cache" in control and "public" not in control and "s-maxage" not in control
        assert not response.cookies

    def test_each_language_has_its_own(self, client, shop):
        client.get(BASKET)
        response = client.get("/en/shop/basket/")
        assert response[HEADER] == "miss"
        assert EMPTY not in response.content.decode()

    def test_a_visitor_with_something_in_the_basket_sees_their_own(self, client, shop):
        client.get(BASKET)
        assert client.get(BASKET)[HEADER] == "hit"
        part = shop.parts[0]
        assert add_to_basket(client, part).status_code == 302
        assert settings.OSCAR_BASKET_COOKIE_OPEN in client.cookies
        response = client.get(BASKET)
        assert response.get(HEADER) is None
        page = response.content.decode()
        assert EMPTY not in page and part.get_title() in page

    def test_a_signed_in_customer_is_never_served_it_nor_stores_theirs(self, client, shop):
        client.get(BASKET)
        client.force_login(make_customer(email="kept@example.com"))
        response = client.get(BASKET)
        assert response.get(HEADER) is None
        assert "/shop/accounts/" in response.content.decode()
        client.logout()
        client.cookies.clear()
        assert client.get(BASKET)[HEADER] == "hit"

    def test_a_visitor_with_a_message_waiting_sees_it(self, client, shop):
        part = shop.parts[0]
        client.get(BASKET)
        add_to_basket(client, part)
        basket = Basket.objects.get(
            pk=client.cookies[settings.OSCAR_BASKET_COOKIE_OPEN].value.split(":")[0]
        )
        line = basket.all_lines()[0]
        # Removing the last line empties the basket and leaves a message to show.
        client.post(
            BASKET,
            {
                "form-TOTAL_FORMS": 1,
                "form-INITIAL_FORMS": 1,
                "form-MIN_NUM_FORMS": 0,
                "form-MAX_NUM_FORMS": 1000,
                "form-0-id": line.pk,
                "form-0-quantity": 0,
            },
        )
        response = client.get(BASKET)
        assert response.get(HEADER) is None
        assert EMPTY in response.content.decode()


class TestASignedInCustomersEmptyBasket:
    def test_makes_only_the_session_header_and_saved_items_queries(self, client, shop):
        client.force_login(make_customer(email="empty@example.com"))
        count, page = warm_queries(client)
        assert EMPTY in page
        assert count == SIGNED_IN_EMPTY

    def test_still_shows_the_items_saved_for_later(self, client, shop):
        user = make_customer(email="saver@example.com")
        saved, _ = Basket.saved.get_or_create(owner=user)
        saved.strategy = Selector().strategy(user=user)
        saved.add_product(shop.parts[0])
        client.force_login(user)
        count, page = warm_queries(client)
        assert EMPTY in page
        assert "AFT-GW-HD" in page or shop.parts[0].get_title() in page
        # The saved line's product, its price and picture, beyond an empty basket's.
        assert count > SIGNED_IN_EMPTY


class TestABasketWithLines:
    def fill(self, client, shop, *, parts: int):
        user = make_customer(email="silver@example.com")
        client.force_login(user)
        assert add_plan(client, shop.plans[0], make_unit(user, shop.model)).status_code == 302
        assert add_visit(client, shop.visits[0], make_slot()).status_code == 302
        for part in shop.parts[:parts]:
            assert add_to_basket(client, part).status_code == 302

    def test_three_lines_cost_a_fixed_number_of_queries(self, client, shop):
        self.fill(client, shop, parts=1)
        count, page = warm_queries(client)
        assert EMPTY not in page
        assert count == THREE_LINES

    def test_five_lines_cost_the_same(self, client, shop):
        self.fill(client, shop, parts=3)
        count, page = warm_queries(client)
        assert page.count('name="form-') >= 5
        assert count == THREE_LINES
