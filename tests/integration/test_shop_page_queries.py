"""Shop pages cost the same number of queries with 10 products as with 500.

Each test measures a page in a catalogue of exactly ten products (plans, visits and parts
for one air conditioner, and two filter cartridges; the demo's other products hidden), grows
the catalogue to 500 with bulk-made parts that fit the same model, and asserts the page
costs exactly as much again: once for a visitor, once for a customer who owns a unit of
that model (so "fits your …" badges and "fits these models" have something to say).
Listings are also held to the same count with 5 and with 40 products a page, and the
product page with 1 and 5 recently viewed products.

Measured on SQLite, visitor / customer with a unit, the same at 10 and at 500 products:
catalogue 9 / 18, category 10 / 19, search 7 / 17, a part's page (three products recently
viewed) 18 / 31, everything for a model 5 / 14, shop by model 3 / 12, basket with three
lines 20 / 27. The customer's extra queries are the session, the user, notifications, the
basket, permissions for the header, and on a product page wishlists and review checks.
"""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from appliances.models import ApplianceModel
from catalog.bymodel.selectors import offers_for
from tests.factories.aftersales import make_unit

pytestmark = [pytest.mark.demo, pytest.mark.usefixtures("demo")]

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")

MODEL = "KFR-35GW/BP3DN8Y-PH200(B3)"
SMALL, LARGE = 10, 500


@pytest.fixture
def appliance_model():
    return ApplianceModel.objects.get(model_number=MODEL)


@pytest.fixture
def shop(appliance_model):
    """The catalogue cut down to ten browsable products: what the demo sells for MODEL
    (plans, visits, parts), topped up with filter cartridges for other models."""
    offers = offers_for(appliance_model)
    keep = [*offers.plans, *offers.cleaning, *offers.consumables]
    # Filter cartridges (滤芯), so a search for the word finds something at ten products too.
    others = Product.objects.browsable().filter(title__contains="滤芯")
    keep += list(others.exclude(pk__in=[product.pk for product in keep])[: SMALL - len(keep)])
    assert len(keep) == SMALL
    Product.objects.exclude(pk__in=[product.pk for product in keep]).update(is_public=False)
    assert Product.objects.browsable().count() == SMALL
    return keep


def grow_catalogue_to(size: int, appliance_model) -> None:
    """Bulk-make parts (stock record, category, fitting MODEL) until `size` are browsable."""
    count = size - Product.objects.browsable().count()
    consumable = ProductClass.objects.get(slug="consumable")
    partner = Partner.objects.get(code="aftercare")
    products = Product.objects.bulk_create(
        Product(
            structure=Product.STANDALONE,
            product_class=consumable,
            title=f"批量滤芯 {n:04d} (Bulk filter {n:04d})",
            slug=f"bulk-filter-{n:04d}",
            upc=f"BULK-{n:04d}",
            is_public=True,
        )
        for n in range(count)
    )
    StockRecord.objects.bulk_create(
        StockRecord(
            product=product,
            partner=partner,
            partner_sku=product.upc,
            price=Decimal("59.00"),
            price_currency="CNY",
            num_in_stock=20,
        )
        for product in products
    )
    category = Category.objects.get(code="consumables")
    ProductCategory.objects.bulk_create(
        ProductCategory(product=product, category=category) for product in products
    )
    Fits = ApplianceModel.compatible_products.through
    Fits.objects.bulk_create(
        Fits(appliancemodel=appliance_model, product=product) for product in products
    )
    assert Product.objects.browsable().count() == size


@pytest.fixture(params=["visitor", "owner"])
def shopper(request, client, appliance_model):
    """A client for an anonymous visitor, or for a customer with a unit of MODEL."""
    if request.param == "owner":
        customer = get_user_model().objects.get(email="customer@aftercare.demo")
        make_unit(customer, appliance_model)
        client.force_login(customer)
    return client


def queries_for(client, url) -> int:
    assert client.get(url).status_code == 200  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def assert_same_queries_at_500(client, url, at_10, appliance_model, django_assert_num_queries):
    grow_catalogue_to(LARGE, appliance_model)
    assert client.get(url).status_code == 200
    with django_assert_num_queries(at_10):
        assert client.get(url).status_code == 200


class TestEachShopPageAt10And500Products:
    @pytest.mark.parametrize(
        "url, ceiling",
        [
            ("/zh-hans/shop/catalogue/", 20),
            ("/en/shop/catalogue/?page=1", 20),
            ("/zh-hans/shop/search/?q=滤芯", 20),
            ("/en/shop/search/?q=filter", 20),
        ],
    )
    def test_listing(self, shop, shopper, appliance_model, django_assert_num_queries, url, ceiling):
        at_10 = queries_for(shopper, url)
        assert at_10 <= ceiling
        assert_same_queries_at_500(shopper, url, at_10, appliance_model, django_assert_num_queries)

    def test_category_page(self, shop, shopper, appliance_model, django_assert_num_queries):
        url = Category.objects.get(code="consumables").get_absolute_url()
        at_10 = queries_for(shopper, url)
        assert at_10 <= 20
        assert_same_queries_at_500(shopper, url, at_10, appliance_model, django_assert_num_queries)

    def test_product_page_of_a_part(
        self, shop, shopper, appliance_model, django_assert_num_queries
    ):
        part = Product.objects.browsable().filter(product_class__slug="consumable").first()
        for product in shop[:3]:  # something in "recently viewed"
            shopper.get(product.get_absolute_url())
        url = part.get_absolute_url()
        at_10 = queries_for(shopper, url)
        # The peer (Oscar's sandbox) spends 18 anonymous; a signed-in page adds the session,
        # the user, the basket, wishlists, review and stock-alert checks.
        assert at_10 <= 40
        assert_same_queries_at_500(shopper, url, at_10, appliance_model, django_assert_num_queries)

    def test_basket_with_three_lines(
        self, shop, shopper, appliance_model, django_assert_num_queries
    ):
        parts = Product.objects.browsable().filter(product_class__slug="consumable")[:3]
        for part in parts:
            response = shopper.post(f"/zh-hans/shop/basket/add/{part.pk}/", {"quantity": 1})
            assert response.status_code == 302
        url = "/zh-hans/shop/basket/"
        at_10 = queries_for(shopper, url)
        assert at_10 <= 30
        assert_same_queries_at_500(shopper, url, at_10, appliance_model, django_assert_num_queries)

    def test_everything_for_a_model(
        self, shop, shopper, appliance_model, django_assert_num_queries
    ):
        url = f"/zh-hans/shop/for/{MODEL}/"
        at_10 = queries_for(shopper, url)
        assert at_10 <= 16
        assert_same_queries_at_500(shopper, url, at_10, appliance_model, django_assert_num_queries)

    def test_shop_by_model_index(self, shop, shopper, appliance_model, django_assert_num_queries):
        url = "/en/shop/for/"
        at_10 = queries_for(shopper, url)
        assert at_10 <= 14
        assert_same_queries_at_500(shopper, url, at_10, appliance_model, django_assert_num_queries)


class TestAListingPage:
    """Flat in products per page as well: every card's data comes from the page's queries."""

    @pytest.mark.parametrize(
        "url",
        [
            "/zh-hans/shop/catalogue/",
            "/zh-hans/shop/search/?q=清洗",
            "category:consumables",
            "category:extended-warranties",
            "category:deep-cleaning",
        ],
    )
    def test_costs_the_same_with_5_and_40_products_a_page(
        self, shopper, appliance_model, settings, url
    ):
        grow_catalogue_to(LARGE, appliance_model)
        if url.startswith("category:"):
            url = Category.objects.get(code=url.split(":")[1]).get_absolute_url()
        settings.OSCAR_PRODUCTS_PER_PAGE = 5
        with_5 = queries_for(shopper, url)
        settings.OSCAR_PRODUCTS_PER_PAGE = 40
        assert queries_for(shopper, url) == with_5


class TestAProductPage:
    def test_costs_the_same_with_1_and_5_recently_viewed_products(self, shopper):
        products = list(Product.objects.browsable().order_by("pk")[:6])
        url = products[0].get_absolute_url()
        shopper.get(products[1].get_absolute_url())
        with_1 = queries_for(shopper, url)
        for product in products[2:]:
            shopper.get(product.get_absolute_url())
        assert queries_for(shopper, url) == with_1


class TestTheBasketPage:
    """Flat in lines too: a line's price, stock record, class and options come with the basket."""

    def fill(self, client, customer, appliance_model, *, parts: int, plans: int, visits: int):
        import datetime

        from django.utils import timezone

        from aftersales.models import ServiceSlot

        offers = offers_for(appliance_model)
        for part in Product.objects.browsable().filter(product_class__slug="consumable")[:parts]:
            assert (
                client.post(f"/zh-hans/shop/basket/add/{part.pk}/", {"quantity": 1}).status_code
                == 302
            )
        for _ in range(plans):
            unit = make_unit(customer, appliance_model)
            client.post(
                f"/zh-hans/shop/basket/add/{offers.plans[0].pk}/", {"quantity": 1, "unit": unit.pk}
            )
        slots = ServiceSlot.objects.bookable(after=timezone.now() + datetime.timedelta(days=2))
        for slot in slots[:visits]:
            client.post(
                f"/zh-hans/shop/basket/add/{offers.cleaning[0].pk}/",
                {
                    "quantity": 1,
                    "slot": slot.pk,
                    "address": "上海市浦东新区世纪大道100号",
                    "contact_name": "王小明",
                    "contact_phone": "13800138000",
                },
            )

    def test_costs_the_same_with_3_and_7_lines(self, client, appliance_model):
        customer = get_user_model().objects.get(email="customer@aftercare.demo")
        client.force_login(customer)
        self.fill(client, customer, appliance_model, parts=1, plans=1, visits=1)
        at_3 = queries_for(client, "/zh-hans/shop/basket/")
        self.fill(client, customer, appliance_model, parts=3, plans=2, visits=1)
        lines = get_model("basket", "Basket").open.get(owner=customer).num_lines
        assert lines >= 6
        assert queries_for(client, "/zh-hans/shop/basket/") == at_3
