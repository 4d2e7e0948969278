"""The shop's content is stored once per language and shown in the visitor's (issue #15).

Product titles and descriptions, category, product class, option and attribute names have a
column per language (catalog/catalogue/translation.py); staff edit both in the dashboard; the
shop search finds a product by its name in either language.
"""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

from tests.factories.catalog import make_cleaning, make_consumable, make_plan, product_class, shelf
from tests.factories.staff import make_shop_staff

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductClass = get_model("catalogue", "ProductClass")

split_migration = import_module("catalog.catalogue.migrations.0034_split_bilingual_content")


@pytest.fixture
def deep_clean(db):
    # The factory writes the active language's title: a request earlier in the process may
    # have left English active, so each language is written here by name.
    product = make_cleaning(category="air_conditioner")
    product.title_zh_hans = "挂机深度清洗"
    product.description_zh_hans = "<p>拆洗滤网,清洗蒸发器。</p>"
    product.title_en = "Split AC deep clean"
    product.description_en = "<p>Filters washed, evaporator cleaned.</p>"
    product.save()
    return product


def body(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


class TestAProductPage:
    def test_shows_the_chinese_title_and_description_on_a_chinese_page(self, client, deep_clean):
        with translation.override("zh-hans"):
            url = deep_clean.get_absolute_url()
        html = body(client.get(url))
        assert "挂机深度清洗" in html and "清洗蒸发器" in html
        assert "Split AC deep clean" not in html and "evaporator cleaned" not in html

    def test_shows_the_english_title_and_description_on_an_english_page(self, client, deep_clean):
        with translation.override("en"):
            url = deep_clean.get_absolute_url()
        html = body(client.get(url))
        assert "Split AC deep clean" in html and "evaporator cleaned" in html
        assert "挂机深度清洗" not in html and "清洗蒸发器" not in html

    def test_falls_back_to_chinese_where_no_english_was_written(self, client, db):
        with translation.override("zh-hans"):
            product = make_cleaning(title="柜机深度清洗")
        with translation.override("en"):
            url = product.get_absolute_url()
        assert "柜机深度清洗" in body(client.get(url))

    def test_names_the_category_in_the_pages_language(self, client, deep_clean):
        category = shelf("cleaning-service")
        category.name_zh_hans, category.name_en = "深度清洗", "Deep cleaning"
        category.save()
        with translation.override("en"):
            html = body(client.get(category.get_absolute_url()))
        assert "Deep cleaning" in html and "Split AC deep clean" in html


class TestTheCatalogueOrder:
    """The shelves come in one order in every language: a customer switching language on a
    page of the catalogue stays among the same kind of products, and the first page offers
    parts that go in the basket from their card."""

    @pytest.fixture
    def shelves(self, db, settings):
        settings.OSCAR_PRODUCTS_PER_PAGE = 2
        # Class names that sort one way in English and the other in Chinese (延 < 耗 < 深).
        names = {
            "consumable": ("耗材配件", "Consumables"),
            "extended-warranty": ("延保服务", "Extended warranties"),
            "cleaning-service": ("深度清洗", "Air conditioner cleaning"),
        }
        for slug, (chinese, english) in names.items():
            klass = product_class(slug)
            klass.name_zh_hans, klass.name_en = chinese, english
            klass.save()
        made = [make_plan(), make_cleaning(), make_consumable(), make_consumable()]
        # Only these, should the database hold other products.
        Product.objects.exclude(pk__in=[p.pk for p in made]).update(is_public=False)
        return made

    @pytest.mark.parametrize("language", ["zh-hans", "en"])
    def test_lists_parts_then_plans_then_visits(self, client, shelves, language):
        plan, visit, *parts = shelves
        listed = []
        for page in (1, 2):
            response = client.get(f"/{language}/shop/catalogue/", {"page": page})
            assert response.status_code == 200
            listed += [product.pk for product in response.context["products"]]
        assert set(listed[:2]) == {part.pk for part in parts}
        assert listed[2:] == [plan.pk, visit.pk]
        # The first page's cards go straight into the basket.
        first = body(client.get(f"/{language}/shop/catalogue/"))
        for part in parts:
            assert f'action="{reverse("basket:add", kwargs={"pk": part.pk})}"' in first


class TestTheShopSearch:
    @pytest.mark.parametrize(
        ("language", "query"),
        [
            ("zh-hans", "Split AC deep clean"),
            ("zh-hans", "深度清洗"),
            ("en", "深度清洗"),
            ("en", "evaporator"),
        ],
    )
    def test_finds_a_product_by_its_text_in_either_language(
        self, client, deep_clean, language, query
    ):
        response = client.get(f"/{language}/shop/search/", {"q": query})
        # Membership, not equality: a session that loaded the demo has more deep cleans.
        assert deep_clean.pk in [product.pk for product in response.context["products"]]

    def test_finds_nothing_for_words_in_neither_language(self, client, deep_clean):
        response = client.get("/en/shop/search/", {"q": "Split 洗碗机"})
        assert deep_clean.pk not in [product.pk for product in response.context["products"]]


class TestTheDashboard:
    def test_product_page_offers_a_box_per_language(self, client, deep_clean):
        client.force_login(make_shop_staff())
        html = body(
            client.get(reverse("dashboard:catalogue-product", kwargs={"pk": deep_clean.pk}))
        )
        assert 'name="title_zh_hans"' in html and 'value="挂机深度清洗"' in html
        assert 'name="title_en"' in html and 'value="Split AC deep clean"' in html
        assert 'name="description_en"' in html

    def test_product_form_saves_both_languages(self, deep_clean):
        ProductForm = get_class("dashboard.catalogue.forms", "ProductForm")
        data = {
            "title_zh_hans": "挂机深度清洗(含消毒)",
            "title_en": "Split AC deep clean with disinfection",
            "description_zh_hans": "<p>拆洗并消毒。</p>",
            "description_en": "<p>Washed and disinfected.</p>",
            "upc": deep_clean.upc,
            "structure": Product.STANDALONE,
            "is_public": "on",
            "slug": deep_clean.slug,
            "attr_category": "air_conditioner",
            "attr_duration_minutes": "90",
        }
        form = ProductForm(deep_clean.product_class, data=data, instance=deep_clean)
        assert form.is_valid(), form.errors
        form.save()
        stored = Product.objects.get(pk=deep_clean.pk)
        assert (stored.title_zh_hans, stored.title_en) == (
            "挂机深度清洗(含消毒)",
            "Split AC deep clean with disinfection",
        )
        assert stored.description_en == "<p>Washed and disinfected.</p>"

    def test_category_edit_stores_both_names(self, client, db):
        category = shelf("cleaning-service")
        client.force_login(make_shop_staff(is_superuser=True))
        url = reverse("dashboard:catalogue-category-update", kwargs={"pk": category.pk})
        response = client.post(
            url,
            {
                "name_zh_hans": "上门清洗",
                "name_en": "Cleaning at home",
                "slug": category.slug,
                "description_zh_hans": "",
                "description_en": "",
                "is_public": "on",
                "treebeard_position": "first-child",
                "treebeard_ref_node": "",
            },
        )
        assert response.status_code == 302, response.context["form"].errors
        category.refresh_from_db()
        assert (category.name_zh_hans, category.name_en) == ("上门清洗", "Cleaning at home")


class TestTheSplittingMigration:
    def test_fills_each_languages_columns_from_a_bilingual_title(self, db):
        product = make_cleaning()
        # As the rows stood before 0034: one bilingual column, the per-language ones empty.
        # (rewrite(False): modeltranslation would send `title` to the active language's.)
        Product.objects.rewrite(False).filter(pk=product.pk).update(
            title="挂机深度清洗 (Split AC deep clean)",
            title_zh_hans=None,
            title_en=None,
            description="<p>拆洗滤网。</p><p>Filters washed.</p>",
            description_zh_hans=None,
            description_en=None,
        )
        ProductClass.objects.rewrite(False).filter(pk=product.product_class_id).update(
            name="Deep-cleaning service", name_zh_hans=None, name_en=None
        )
        before = MigrationLoader(connection).project_state(
            ("catalogue", "0033_catalogue_content_per_language")
        )
        split_migration.split(before.apps, None)
        product = Product.objects.get(pk=product.pk)
        assert (product.title_zh_hans, product.title_en) == ("挂机深度清洗", "Split AC deep clean")
        assert product.description_zh_hans == "<p>拆洗滤网。</p>"
        assert product.description_en == "<p>Filters washed.</p>"
        klass = ProductClass.objects.get(pk=product.product_class_id)
        # English only: kept in the default column too, so Chinese pages are not blank.
        assert (klass.name_zh_hans, klass.name_en) == ("Deep-cleaning service",) * 2
