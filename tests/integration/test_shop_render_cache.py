"""Shop pages that draw less (issue #16): cards, the category menu and the product page's
parts are drawn once and kept, and never shown stale or with someone else's form token.

A card is keyed on its product, price and stock, the language and the viewer's signed-in
state; a change of price or stock shows on the next request, whether it came through the
dashboard (a save) or an order (Oscar's allocation UPDATE). The menu of categories is
built once a request and kept per language.
"""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from tests.factories.aftersales import make_unit
from tests.factories.catalog import make_consumable
from tests.factories.shop import make_customer, shop_for_an_air_conditioner

StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

CATALOGUE = "/en/shop/catalogue/"
CARD_TEMPLATE = "oscar/catalogue/partials/product.html"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ac_shop(db):
    return shop_for_an_air_conditioner()


@pytest.fixture
def cartridge(ac_shop):
    return make_consumable(
        title="Sediment cartridge", price=Decimal("39.00"), stock=3, fits=[ac_shop.model]
    )


def card_of(html: str, title: str) -> str:
    """The <li> holding the card titled `title`."""
    for card in re.findall(r"<li class=\"col-[^\"]*\">(.*?)</article>", html, re.S):
        if title in card:
            return card
    raise AssertionError(f"no card for {title!r}")


def templates_drawn(response) -> list[str]:
    return [template.name for template in response.templates]


class TestACachedCard:
    def test_is_not_drawn_again_for_the_next_visitor(self, client, cartridge):
        assert CARD_TEMPLATE in templates_drawn(client.get(CATALOGUE))
        response = Client().get(CATALOGUE)
        assert CARD_TEMPLATE not in templates_drawn(response)
        assert "Sediment cartridge" in response.content.decode()

    def test_shows_a_new_price_at_once(self, client, cartridge):
        client.get(CATALOGUE)
        record = StockRecord.objects.get(product=cartridge)
        record.price = Decimal("45.00")
        record.save()
        card = card_of(client.get(CATALOGUE).content.decode(), "Sediment cartridge")
        assert "¥45.00" in card and "¥39.00" not in card

    def test_shows_a_price_changed_without_a_signal_too(self, client, cartridge):
        # An import or a script updating rows in bulk sends no signal: the card is keyed
        # on the price it shows, not only told of changes.
        client.get(CATALOGUE)
        StockRecord.objects.filter(product=cartridge).update(price=Decimal("29.00"))
        card = card_of(client.get(CATALOGUE).content.decode(), "Sediment cartridge")
        assert "¥29.00" in card

    def test_shows_the_last_one_sold_at_once(self, client, cartridge):
        card = card_of(client.get(CATALOGUE).content.decode(), "Sediment cartridge")
        assert 'action="/en/shop/basket/add/' in card
        StockRecord.objects.get(product=cartridge).allocate(3)  # what placing an order does
        card = card_of(client.get(CATALOGUE).content.decode(), "Sediment cartridge")
        assert 'action="/en/shop/basket/add/' not in card
        assert 'aria-disabled="true"' in card

    def test_shows_a_new_title_at_once(self, client, cartridge):
        client.get(CATALOGUE)
        cartridge.title = "Sediment cartridge, new pack"
        cartridge.save()
        assert "Sediment cartridge, new pack" in client.get(CATALOGUE).content.decode()

    def test_gives_every_visitor_their_own_form_token(self, cartridge):
        first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
        tokens = []
        for visitor in (first, second):
            html = visitor.get(CATALOGUE).content.decode()
            card = card_of(html, "Sediment cartridge")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', card).group(1)
            tokens.append(token)
            response = visitor.post(
                f"/en/shop/basket/add/{cartridge.pk}/",
                {"quantity": 1, "csrfmiddlewaretoken": token},
            )
            assert response.status_code == 302, response.status_code
        assert tokens[0] != tokens[1]

    def test_a_customer_sees_which_of_their_units_it_fits(self, client, ac_shop, cartridge):
        Client().get(CATALOGUE)  # an anonymous visitor's cards are cached first
        customer = make_customer()
        make_unit(customer, ac_shop.model)
        client.force_login(customer)
        card = card_of(client.get(CATALOGUE).content.decode(), "Sediment cartridge")
        assert "Fits your" in card and ac_shop.model.model_number in card
        anonymous = card_of(Client().get(CATALOGUE).content.decode(), "Sediment cartridge")
        assert "Fits your" not in anonymous

    def test_is_kept_per_language(self, client, cartridge):
        client.get(CATALOGUE)
        html = client.get("/zh-hans/shop/catalogue/").content.decode()
        card = card_of(html, "Sediment cartridge")
        assert "加入购物车" in card  # "Add to basket" in Chinese


class TestTheCategoryMenu:
    def category_queries(self, client, url) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return sum('FROM "catalogue_category"' in query["sql"] for query in queries)

    def test_is_built_once_a_request_when_nothing_is_cached(self, client, ac_shop):
        # The menu shows in the shop bar and again as the catalogue's "ways to shop".
        client.get(CATALOGUE)
        cache.clear()
        assert self.category_queries(client, CATALOGUE) == 2  # Oscar's menu: paths, rows

    def test_comes_from_the_cache_afterwards(self, client, ac_shop):
        client.get(CATALOGUE)
        assert self.category_queries(client, CATALOGUE) == 0

    def test_shows_a_renamed_category_at_once(self, client, ac_shop):
        client.get("/zh-hans/shop/catalogue/")
        category = Category.objects.get(code="consumables")
        category.name = "原厂滤芯与配件"
        category.save()
        assert "原厂滤芯与配件" in client.get("/zh-hans/shop/catalogue/").content.decode()


class TestTheProductPage:
    def url(self, product, language="en"):
        from django.utils import translation

        with translation.override(language):
            return product.get_absolute_url()

    def test_draws_its_shared_parts_once(self, client, cartridge):
        url = self.url(cartridge)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(url)
        assert response.status_code == 200
        assert "oscar/catalogue/partials/stock_record.html" not in templates_drawn(response)
        assert len(queries) <= 6, [query["sql"][:80] for query in queries]

    def test_shows_a_new_price_at_once(self, client, cartridge):
        url = self.url(cartridge)
        client.get(url)
        record = StockRecord.objects.get(product=cartridge)
        record.price = Decimal("45.00")
        record.save()
        html = client.get(url).content.decode()
        assert "¥45.00" in html and "¥39.00" not in html

    def test_stops_offering_the_last_one_once_sold(self, client, cartridge):
        url = self.url(cartridge)
        assert 'id="add_to_basket_form"' in client.get(url).content.decode()
        StockRecord.objects.get(product=cartridge).allocate(3)
        html = client.get(url).content.decode()
        assert 'id="add_to_basket_form"' not in html

    def test_names_a_renamed_model_at_once(self, client, ac_shop, cartridge):
        url = self.url(cartridge)
        assert ac_shop.model.model_number in client.get(url).content.decode()
        ac_shop.model.model_number = "KFR-35GW/NEW-NAME"
        ac_shop.model.save()
        assert "KFR-35GW/NEW-NAME" in client.get(url).content.decode()

    def test_gives_every_visitor_their_own_form_token(self, cartridge):
        url = self.url(cartridge)
        for _ in range(2):
            visitor = Client(enforce_csrf_checks=True)
            html = visitor.get(url).content.decode()
            form = re.search(r'id="add_to_basket_form".*?</form>', html, re.S).group(0)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
            response = visitor.post(
                f"/en/shop/basket/add/{cartridge.pk}/",
                {"quantity": 1, "csrfmiddlewaretoken": token},
            )
            assert response.status_code == 302

    def test_a_plan_asks_a_visitor_to_sign_in_and_a_customer_for_the_unit(self, client, ac_shop):
        plan = ac_shop.plans[0]
        url = self.url(plan)
        assert "Sign in to choose the unit" in Client().get(url).content.decode()
        customer = make_customer()
        make_unit(customer, ac_shop.model)
        client.force_login(customer)
        html = client.get(url).content.decode()
        assert "Sign in to choose the unit" not in html
        assert 'id="add_to_basket_form"' in html
