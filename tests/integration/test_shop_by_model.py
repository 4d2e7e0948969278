"""Shopping by appliance model: "fits your …" on cards, "fits these models" on product pages,
everything for one model at /<lang>/shop/for/<model number>/, and search in both languages."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from appliances import synonyms
from appliances.models import ApplianceModel, Category
from catalog.bymodel.selectors import offers_for
from tests.factories.aftersales import make_appliance_model, make_unit
from tests.factories.catalog import make_cleaning, make_consumable, store
from tests.factories.shop import AC_NUMBER, ac_plan, e_manual, make_customer
from tests.factories.shop import shop_for_an_air_conditioner as ac_shop

pytestmark = pytest.mark.usefixtures("shop")

Product = get_model("catalogue", "Product")
ShopCategory = get_model("catalogue", "Category")

# AC_NUMBER lists at 3,299: the 3000–6000 plan band.
CHEAP_AC = "KFR-26GW/TS2MXC1"  # a split AC under 3,000: another band, the same filter pair
WASHER = "MB80TS33B"
FILTER_PAIR = "AFT-GW-HD"  # "Split AC fine filter, pair": fits AC_NUMBER and CHEAP_AC
OIL_CUP = "Range hood oil cup"
SPLIT_CLEAN, CABINET_CLEAN = "SVT-AC-SPLIT", "SVT-AC-CABINET"


@pytest.fixture
def shop(db):
    """The air conditioner's plans, visits and parts, and beside them: a cheaper split AC
    with the plans of its band, a range hood with its oil cup and cleaning, a washer, a
    TV with its remote, and a water purifier with filter cartridges (滤芯)."""
    shop = ac_shop()
    cheap = make_appliance_model(model_number=CHEAP_AC, list_price=Decimal("2599.00"))
    for years in (1, 2, 3):
        ac_plan(years, Decimal(100 * years + 19), band="under-3000", label="3000元以下")
    for part in shop.parts:
        if part.upc in (FILTER_PAIR, "RCT-RG10A"):
            cheap.compatible_products.add(part)
    hood = make_appliance_model(
        model_number="CXW-200-TS10", category=Category.RANGE_HOOD, list_price=Decimal("2999")
    )
    make_consumable(title=f"油烟机油杯 ({OIL_CUP})", price=Decimal("19.00"), fits=[hood])
    make_cleaning(category=Category.RANGE_HOOD, title="油烟机深度清洗 (Range hood deep clean)")
    make_appliance_model(
        model_number=WASHER, category=Category.WASHING_MACHINE, list_price=Decimal("1999")
    )
    tv = make_appliance_model(
        model_number="65TS-V8", category=Category.TV, list_price=Decimal("4999")
    )
    make_consumable(title="电视语音遥控器 (TV voice remote)", price=Decimal("89.00"), fits=[tv])
    purifier = make_appliance_model(
        model_number="MRO-TS400G", category=Category.WATER_PURIFIER, list_price=Decimal("2599")
    )
    for title in (
        "10英寸PP棉滤芯 (10-inch PP sediment cartridge)",
        "T33后置活性炭滤芯 (T33 carbon)",
    ):
        make_consumable(title=title, fits=[purifier])
    # Only these, should the database hold other products (the demo's, in a mixed session).
    made = Product.objects.filter(stockrecords__partner=store())
    Product.objects.exclude(pk__in=made).update(is_public=False)
    return shop


@pytest.fixture
def ac(shop):
    return shop.model


@pytest.fixture
def owner(ac):
    """A customer with a unit of AC_NUMBER registered."""
    customer = make_customer(email="owner@example.com")
    make_unit(customer, ac)
    return customer


@pytest.fixture
def someone_else():
    """A customer whose only unit is a washing machine."""
    user = get_user_model().objects.create_user(
        username="other", email="other@example.com", password="x"
    )
    make_unit(user, ApplianceModel.objects.get(model_number=WASHER))
    return user


def cards_with_badge(response) -> dict[str, list[str]]:
    return {
        product.upc: product.fits_owned
        for product in response.context["products"]
        if product.fits_owned
    }


def section(html: str, anchor: str) -> str:
    return re.search(rf'id="{anchor}".*?</section>', html, re.S).group(0)


class TestTheFitsYourDevicesBadge:
    def test_marks_a_part_that_fits_the_owners_unit(self, client, owner):
        client.force_login(owner)
        response = client.get("/zh-hans/shop/search/", {"q": FILTER_PAIR})
        assert cards_with_badge(response) == {FILTER_PAIR: [AC_NUMBER]}
        assert "适配您的" in response.content.decode()  # "Fits your", in the page's language
        assert AC_NUMBER in re.search(
            r'class="fits-badge".*?</p>', response.content.decode()
        ).group(0)

    def test_marks_the_plans_of_the_units_price_band_and_its_cleaning_visits(
        self, client, owner, ac
    ):
        client.force_login(owner)
        plans = client.get("/zh-hans/shop/search/", {"q": "空调延保"})
        assert set(cards_with_badge(plans)) == {plan.upc for plan in offers_for(ac).plans}
        visits = client.get("/zh-hans/shop/search/", {"q": "AC deep clean"})
        assert set(cards_with_badge(visits)) == {SPLIT_CLEAN, CABINET_CLEAN}

    def test_marks_nothing_that_does_not_fit(self, client, owner):
        client.force_login(owner)
        response = client.get("/en/shop/search/", {"q": OIL_CUP})
        assert response.context["products"]
        assert cards_with_badge(response) == {}

    def test_is_not_shown_to_another_customer(self, client, owner, someone_else):
        client.force_login(someone_else)
        response = client.get("/zh-hans/shop/search/", {"q": FILTER_PAIR})
        assert cards_with_badge(response) == {}
        assert 'class="fits-badge"' not in response.content.decode()

    def test_is_not_shown_to_a_visitor(self, client, owner):
        response = client.get("/zh-hans/shop/search/", {"q": FILTER_PAIR})
        assert response.context["fits_owned"] == {}
        assert 'class="fits-badge"' not in response.content.decode()

    def test_shows_on_catalogue_and_category_pages(self, client, owner):
        client.force_login(owner)
        consumables = ShopCategory.objects.get(code="consumables").get_absolute_url()
        first = client.get(consumables)
        seen = cards_with_badge(first)
        for page in range(2, first.context["paginator"].num_pages + 1):
            seen |= cards_with_badge(client.get(consumables, {"page": page}))
        assert FILTER_PAIR in seen
        assert OIL_CUP not in seen


class TestAProductPage:
    def test_of_a_part_lists_the_models_it_fits_linking_to_their_shop(self, client):
        part = Product.objects.get(upc=FILTER_PAIR)
        html = client.get(part.get_absolute_url()).content.decode()
        fits = section(html, "product-fits-title")
        for model in part.compatible_models.all():
            assert f'href="/zh-hans/shop/for/{model.model_number}/"' in fits
        assert "is-owned" not in fits

    def test_marks_the_models_the_customer_owns(self, client, owner):
        client.force_login(owner)
        html = client.get(Product.objects.get(upc=FILTER_PAIR).get_absolute_url()).content
        fits = section(html.decode(), "product-fits-title")
        owned = re.findall(r'class="product-fits__model is-owned" href="([^"]+)"', fits)
        assert owned == [f"/zh-hans/shop/for/{AC_NUMBER}/"]
        assert "适配您的" in fits  # "Fits your"

    def test_of_a_plan_names_the_category_and_the_models_of_its_price_band(self, client, ac):
        plan = Product.objects.get(upc="EWT-AC-3000-6000-3Y")
        html = client.get("/en" + plan.get_absolute_url()[len("/zh-hans") :]).content.decode()
        fits = section(html, "product-fits-title")
        assert "air conditioner" in fits
        assert AC_NUMBER in fits
        cheap = ApplianceModel.objects.filter(category=Category.AIR_CONDITIONER).exclude(
            list_price__gte=3000, list_price__lt=6000
        )
        assert cheap.exists()
        assert not any(model.model_number in fits for model in cheap)


class TestEverythingForAModel:
    def test_lists_plans_by_term_cleaning_and_parts_with_prices(self, client):
        response = client.get(f"/en/shop/for/{AC_NUMBER}/")
        assert response.status_code == 200
        html = response.content.decode()
        plans = section(html, "plans")
        assert plans.index("1 year") < plans.index("2 years") < plans.index("3 years")
        assert "¥499.00" in plans
        assert "Split AC deep clean" in section(html, "cleaning")
        parts = section(html, "consumables")
        assert "Split AC fine filter, pair" in parts and "¥39.00" in parts
        product = Product.objects.get(upc=FILTER_PAIR)
        assert f'href="{product.get_absolute_url().replace("/zh-hans/", "/en/")}"' in parts

    def test_finds_the_model_whatever_the_case_and_moves_to_its_own_address(self, client):
        response = client.get(f"/zh-hans/shop/for/{AC_NUMBER.lower()}/")
        assert response.status_code == 301
        assert response["Location"] == f"/zh-hans/shop/for/{AC_NUMBER}/"

    def test_is_not_found_for_an_unknown_model(self, client):
        assert client.get("/zh-hans/shop/for/NO-SUCH-MODEL/").status_code == 404

    def test_is_not_found_for_a_model_no_longer_sold(self, client, ac):
        ApplianceModel.objects.filter(pk=ac.pk).update(is_active=False)
        assert client.get(f"/zh-hans/shop/for/{AC_NUMBER}/").status_code == 404

    def test_says_so_when_the_shop_has_nothing_for_the_model(self, client):
        tv = make_appliance_model(
            model_number="85X-TEST", category=Category.TV, list_price=Decimal("99999")
        )
        assert not offers_for(tv)
        html = client.get("/en/shop/for/85X-TEST/").content.decode()
        assert 'class="empty-state"' in html
        assert 'id="plans"' not in html

    def test_tells_the_owner_the_model_is_theirs(self, client, owner):
        client.force_login(owner)
        assert "In your devices" in client.get(f"/en/shop/for/{AC_NUMBER}/").content.decode()

    def test_is_linked_from_the_models_e_manual(self, client, ac):
        manual = e_manual(ac, language="en")
        html = client.get(manual.url).content.decode()
        assert f'href="/en/shop/for/{AC_NUMBER}/"' in html


class TestShoppingByModel:
    def test_lists_active_models_by_appliance_category(self, client, ac):
        ApplianceModel.objects.filter(model_number=CHEAP_AC).update(is_active=False)
        html = client.get("/en/shop/for/").content.decode()
        assert "<h2" in html and "Air conditioner" in html and "Television" in html
        assert f'href="/en/shop/for/{AC_NUMBER}/"' in html
        assert f"/shop/for/{CHEAP_AC}/" not in html

    def test_picker_goes_to_the_model_whatever_the_case(self, client):
        response = client.get("/zh-hans/shop/for/", {"model": AC_NUMBER.lower()})
        assert response.status_code == 302
        assert response["Location"] == f"/zh-hans/shop/for/{AC_NUMBER}/"

    def test_picker_says_so_when_it_knows_no_such_model(self, client):
        response = client.get("/en/shop/for/", {"model": "XYZ-1"})
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode()

    def test_puts_the_customers_own_models_first(self, client, owner):
        client.force_login(owner)
        html = client.get("/en/shop/for/").content.decode()
        mine = section(html, "my-models-title")
        assert AC_NUMBER in mine and WASHER not in mine


class TestBrowsingByKind:
    @pytest.mark.parametrize(
        ("lang", "labels"),
        [
            ("zh-hans", ["延保服务", "深度清洗", "耗材配件"]),
            ("en", ["Extended warranties", "Deep cleaning", "Filters and parts"]),
        ],
    )
    def test_the_catalogue_opens_with_each_kind_and_shopping_by_model(self, client, lang, labels):
        html = client.get(f"/{lang}/shop/catalogue/").content.decode()
        ways = re.search(r'class="shop-ways".*?</nav>', html, re.S).group(0)
        for code, label in zip(
            ["extended-warranties", "deep-cleaning", "consumables"], labels, strict=True
        ):
            url = ShopCategory.objects.get(code=code).get_absolute_url()
            assert f'href="{url.replace("/zh-hans/", f"/{lang}/")}">{label}<' in ways
        assert f'href="/{lang}/shop/for/"' in ways

    def test_the_shop_bar_links_to_shopping_by_model(self, client):
        html = client.get("/en/shop/basket/").content.decode()
        nav = re.search(r'class="shop-nav".*?</nav>', html, re.S).group(0)
        assert 'href="/en/shop/for/"' in nav


class TestSearchInBothLanguages:
    @pytest.mark.parametrize("lang", ["zh-hans", "en"])
    @pytest.mark.parametrize("word", ["滤芯", "filter", "Filter"])
    def test_finds_parts_by_a_chinese_or_an_english_word(self, client, lang, word):
        products = client.get(f"/{lang}/shop/search/", {"q": word}).context["products"]
        assert products
        # The word or one of its synonyms from the staff's table (滤芯 ↔ filter ↔ 滤网).
        terms = {term.casefold() for term in synonyms.all_terms(synonyms.expand(word))}
        assert word.casefold() in terms and len(terms) > 1
        for product in products:
            text = (product.title + product.description).casefold()
            assert any(term in text for term in terms), (product.title, sorted(terms))

    def test_chinese_and_english_words_find_the_same_part(self, client):
        chinese = client.get("/en/shop/search/", {"q": "遥控器"}).context["products"]
        english = client.get("/zh-hans/shop/search/", {"q": "remote"}).context["products"]
        assert chinese and {p.pk for p in chinese} == {p.pk for p in english}

    def test_a_model_number_finds_the_parts_that_fit_it(self, client, ac):
        response = client.get("/en/shop/search/", {"q": CHEAP_AC})
        found = {product.upc for product in response.context["products"]}
        assert FILTER_PAIR in found
