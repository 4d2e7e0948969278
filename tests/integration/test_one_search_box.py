"""One search box (issue #15): manuals, guides and products on one list, in either language.

The staff's synonym table (appliances.SynonymGroup, seeded by a migration, edited as a
Wagtail snippet) lets a word stand for its other names: "filter" finds 滤芯 cartridges on a
Chinese page, 滤芯 finds filters on an English one. The site search lists pages, then
products; the shop's search reads the same table, and a model's name as its manual gives
it finds the parts that fit the model.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from appliances.models import Category, SynonymGroup
from appliances.synonyms import expand
from tests.factories.aftersales import make_appliance_model
from tests.factories.catalog import make_consumable
from tests.factories.cms import chapter, make_manual, paragraph
from tests.factories.staff import make_dispatcher, make_shop_staff, make_superuser

pytestmark = pytest.mark.django_db

CARTRIDGE = "PP棉滤芯 5微米"  # a title in Chinese only: no English word to find by
AIR_FILTER = "HEPA air filter H13"  # a title in English only


@pytest.fixture
def purifier():
    return make_appliance_model(
        model_number="MRO1781A-400G",
        name="反渗透净水器 400G",
        name_en="RO water purifier, 400G",
        category=Category.WATER_PURIFIER,
    )


@pytest.fixture
def shop(purifier):
    cartridge = make_consumable(title=CARTRIDGE, description="<p>前置过滤。</p>", fits=[purifier])
    air_filter = make_consumable(title=AIR_FILTER, description="<p>Catches fine dust.</p>")
    return cartridge, air_filter


@pytest.fixture
def manual(purifier):
    """The purifier's manual: its care chapter says 滤芯 in Chinese, "cartridge" in English."""

    def body(language):
        text = "滤芯每6个月更换一次。" if language == "zh-hans" else "Change the cartridge yearly."
        return [chapter("care", [("paragraph", paragraph(text))])]

    return make_manual(purifier, body=body, revisions=False)


def shop_search(client, query, language="zh-hans"):
    with translation.override(language):
        url = reverse("search:search")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response


def shop_titles(response) -> list[str]:
    return [product.get_title() for product in response.context["products"]]


def site_search(client, query, language="zh-hans", **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def hits(response) -> list[tuple[str, str]]:
    return [(hit.kind, hit.title) for hit in response.context["hits"]]


class TestTheSynonymTable:
    def test_is_seeded_with_the_common_pairs(self):
        assert {"滤芯", "filter cartridge", "滤网"} <= set(expand("filter")[0])
        assert "filter" in expand("滤芯")[0]
        assert "清洗" in expand("Cleaning")[0]
        assert "延保" in expand("warranty")[0]

    def test_keeps_the_word_typed_first_and_other_words_as_typed(self):
        groups = expand("filter 更换")
        assert groups[0][0] == "filter"
        assert groups[1] == ("更换",)

    def test_reads_a_term_of_several_words_as_one(self):
        groups = expand("extended warranty 3")
        assert groups[0][0] == "extended warranty"
        assert "延保" in groups[0]
        assert groups[1] == ("3",)

    def test_takes_a_group_staff_add(self):
        assert expand("水壶") == [("水壶",)]
        SynonymGroup.objects.create(terms="kettle\n水壶")
        assert expand("水壶") == [("水壶", "kettle")]

    def test_refuses_a_group_of_one_term(self):
        with pytest.raises(ValidationError):
            SynonymGroup(terms="filter\nFILTER").full_clean()

    def test_is_a_snippet_staff_edit(self, client):
        client.force_login(make_superuser())
        response = client.post(
            "/cms/snippets/catalog/synonymgroup/add/", {"terms": "kettle, 水壶", "note": ""}
        )
        assert response.status_code == 302
        assert SynonymGroup.objects.filter(terms="kettle\n水壶").exists()
        listing = client.get("/cms/snippets/catalog/synonymgroup/")
        assert "kettle ↔ 水壶" in listing.content.decode()

    def test_shop_staff_keep_it_from_the_cms_menu(self, client):
        client.force_login(make_shop_staff())
        assert "/cms/snippets/catalog/synonymgroup/" in client.get("/cms/").content.decode()
        response = client.post(
            "/cms/snippets/catalog/synonymgroup/add/", {"terms": "descaler, 除垢剂", "note": ""}
        )
        assert response.status_code == 302
        group = SynonymGroup.objects.get(terms="descaler\n除垢剂")
        edit = f"/cms/snippets/catalog/synonymgroup/edit/{group.pk}/"
        response = client.post(edit, {"terms": "descaler, 除垢剂, 除水垢", "note": ""})
        assert response.status_code == 302
        assert expand("除垢剂")[0] == ("除垢剂", "descaler", "除水垢")
        delete = f"/cms/snippets/catalog/synonymgroup/delete/{group.pk}/"
        assert client.post(delete).status_code == 302
        assert not SynonymGroup.objects.filter(pk=group.pk).exists()

    def test_staff_without_the_right_cannot(self, client):
        client.force_login(make_dispatcher())
        response = client.post(
            "/cms/snippets/catalog/synonymgroup/add/", {"terms": "descaler, 除垢剂", "note": ""}
        )
        assert response.status_code in (302, 403)
        assert not SynonymGroup.objects.filter(terms__contains="descaler").exists()


@pytest.mark.usefixtures("shop")
class TestTheShopSearch:
    def test_filter_finds_cartridges_named_only_in_chinese(self, client):
        assert shop_titles(shop_search(client, "filter")) == sorted([CARTRIDGE, AIR_FILTER])

    def test_the_chinese_word_finds_filters_named_only_in_english(self, client):
        assert AIR_FILTER in shop_titles(shop_search(client, "滤芯", language="en"))

    def test_finds_nothing_by_the_other_language_without_the_table(self, client):
        SynonymGroup.objects.all().delete()
        assert shop_titles(shop_search(client, "滤芯", language="en")) == [CARTRIDGE]

    def test_finds_the_parts_of_a_model_by_the_name_its_manual_gives(self, client):
        assert shop_titles(shop_search(client, "反渗透净水器")) == [CARTRIDGE]
        assert shop_titles(shop_search(client, "RO water purifier", language="en")) == [CARTRIDGE]

    def test_links_to_the_manuals_for_the_same_words(self, client):
        html = shop_search(client, "滤芯").content.decode()
        assert 'href="/zh-hans/search/?q=%E6%BB%A4%E8%8A%AF"' in html


@pytest.mark.usefixtures("shop", "manual")
class TestTheSiteSearch:
    def test_finds_the_manual_and_the_products_in_one_list(self, client):
        found = hits(site_search(client, "滤芯"))
        assert found[0][0] == "manual"
        assert ("product", CARTRIDGE) in found
        assert ("product", AIR_FILTER) in found  # "filter", its synonym

    def test_an_english_word_finds_the_chinese_manual(self, client):
        kinds = [kind for kind, _title in hits(site_search(client, "filter"))]
        assert kinds[0] == "manual"
        assert kinds.count("product") == 2

    def test_shows_the_product_kind_and_its_description(self, client):
        html = site_search(client, "fine dust", language="en").content.decode()
        assert "Product" in html
        assert "Catches <mark>fine</mark> <mark>dust</mark>." in html

    def test_pages_across_pages_and_products(self, client, purifier):
        for n in range(11):
            make_consumable(title=f"滤芯 {n:02}", fits=[purifier])
        first = hits(site_search(client, "滤芯"))
        second = hits(site_search(client, "滤芯", page=2))
        assert len(first) == 10 and len(second) == 4  # 1 manual + 13 products
        assert first[0][0] == "manual"
        assert not set(first) & set(second)

    def test_says_so_when_nothing_matches(self, client):
        response = site_search(client, "zeppelin", language="en")
        assert hits(response) == []
        assert "Nothing matches “zeppelin”." in response.content.decode()

    def test_costs_the_same_with_3_and_30_products(
        self, client, purifier, django_assert_num_queries
    ):
        params = {"q": "滤芯"}
        client.get("/zh-hans/search/", params)
        with CaptureQueriesContext(connection) as queries:
            client.get("/zh-hans/search/", params)
        with_3 = len(queries)  # now: the next request empties the log it reads
        for n in range(27):
            make_consumable(title=f"滤芯 {n:02}", fits=[purifier])
        client.get("/zh-hans/search/", params)
        with django_assert_num_queries(with_3):
            response = client.get("/zh-hans/search/", params)
        assert len(response.context["hits"]) == 10
