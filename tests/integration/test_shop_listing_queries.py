"""Listing pages cost the same number of queries however big the catalogue is.

The peer (Oscar's own sandbox) spends about 6.5 queries per product shown; the forked
catalog.search lists from the database with prefetches, so a page is a fixed handful.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from tests.factories.catalog import bulk_consumables
from tests.factories.shop import shop_for_an_air_conditioner

pytestmark = pytest.mark.usefixtures("catalogue")

Category = get_model("catalogue", "Category")


@pytest.fixture
def catalogue(db):
    """Plans, visits and parts for an air conditioner, and 20 filter cartridges: three pages."""
    shop_for_an_air_conditioner()
    bulk_consumables(20)


def queries_for(client, url):
    client.get(url)  # warm per-process caches (site root, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_consumables(count):
    """`count` more parts (titled 滤芯, "filter") on the consumables shelf."""
    bulk_consumables(count)


class TestTheCatalogue:
    @pytest.mark.parametrize(
        "url",
        ["/zh-hans/shop/catalogue/", "/en/shop/catalogue/?page=2", "/zh-hans/shop/search/?q=滤芯"],
    )
    def test_costs_the_same_queries_with_many_more_products(self, client, url):
        before = queries_for(client, url)
        add_consumables(60)
        assert queries_for(client, url) == before
        assert before <= 12

    def test_category_page_costs_the_same_queries_with_many_more_products(self, client):
        url = Category.objects.get(code="consumables").get_absolute_url()
        before = queries_for(client, url)
        add_consumables(60)
        assert queries_for(client, url) == before

    def test_finds_a_two_character_chinese_word(self, client):
        response = client.get("/zh-hans/shop/search/", {"q": "滤芯"})
        titles = [product.title for product in response.context["products"]]
        assert titles and all(
            "滤芯" in t or "滤芯" in p.description
            for t, p in zip(titles, response.context["products"], strict=True)
        )

    def test_an_empty_search_lists_nothing_and_says_so(self, client):
        response = client.get("/en/shop/search/", {"q": ""})
        assert response.status_code == 200
        assert list(response.context["products"]) == []
