"""A shop to buy from and a shopper going through it, without the demo data.

`shop_for_an_air_conditioner` builds one split air conditioner and what the shop sells for
it (plans, cleaning visits, parts), `make_customer` a member who shops there; the other
helpers drive the real views with Django's test client: adding a plan or a visit to the
basket, going to the preview, paying on the demo gateway's card page. `e_manual` publishes
the model's e-manual in both languages, for tests of what the manual links to.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.text import slugify
from oscar.core.loading import get_model
from wagtail.models import Locale, Page, Site

from aftersales.models import ServiceAreaDistrict
from appliances.models import ApplianceModel, Category
from cms.models import HomePage, ManualIndexPage, ManualPage
from groundwork import divisions
from membership import points
from membership.models import Tier
from tests.factories.aftersales import make_appliance_model
from tests.factories.catalog import make_cleaning, make_consumable, make_plan
from tests.factories.membership import ensure_tiers, make_member

Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")

# Model numbers and UPCs look like the shop's but are none of the demo's, so these rows can
# sit beside the demo data (a session that loads it for other tests) without a clash.
AC_NUMBER = "KFR-35GW/TS8Y-PH100(T3)"

# Stripe's test cards, which the demo gateway honours: 4242… pays, 4000…0002 is declined.
PAY_OK = "4242 4242 4242 4242"
PAY_DECLINED = "4000 0000 0000 0002"

# Where visits go unless a test says otherwise: 上海市 浦东新区 (catalog.basket.lines.visit).
VISIT_DISTRICT = "310115"
VISIT_STREET = "世纪大道100号 8楼"

# Checkout's Chinese address form (catalog.address.forms): the codes are 上海市 › 市辖区 › 浦东新区.
SHIPPING_ADDRESS = {
    "consignee": "王小明",
    "mobile": "138 0013 8000",
    "province": "31",
    "city": "3101",
    "district": "310115",
    "street": "世纪大道100号 8楼",
}

# (years, price) of the plans for a ¥3,000–6,000 air conditioner.
AC_PLAN_PRICES = ((1, Decimal("199.00")), (2, Decimal("329.00")), (3, Decimal("499.00")))


@dataclass
class ModelShop:
    """An appliance model and what offers_for() finds for it, each list in the shop's order."""

    model: ApplianceModel
    plans: list = field(default_factory=list)  # 1, 2 and 3 years
    visits: list = field(default_factory=list)
    parts: list = field(default_factory=list)

    @property
    def products(self) -> list:
        return [*self.plans, *self.visits, *self.parts]


def ac_plan(years: int, price: Decimal, *, band: str = "3000-6000", label: str = "3000–6000元"):
    """An air-conditioner plan titled and numbered as the shop's are (EWT-AC-<band>-<n>Y)."""
    return make_plan(
        category=Category.AIR_CONDITIONER,
        price_band=band,
        term_years=years,
        price=price,
        title=f"空调延保{years}年 · {label}机型 ({years}-yr AC plan)",
        upc=f"EWT-AC-{band.upper()}-{years}Y",
        description=(
            f"<p>厂家保修结束后再保{years}年,整机上门维修。</p>"
            f"<p>{years}-year extended warranty for air conditioners: on-site repair, parts "
            "and labour, from the day the maker's warranty ends.</p>"
        ),
    )


def shop_for_an_air_conditioner(
    *, model_number: str = AC_NUMBER, list_price: Decimal = Decimal("3299.00")
) -> ModelShop:
    """A split air conditioner and what the shop sells for it: the 1-, 2- and 3-year plans of
    its price band (¥199, ¥329, ¥499), split and cabinet deep cleans (¥129, ¥199), and three
    parts that fit it (a filter pair at ¥39, a formaldehyde filter, a remote)."""
    model = make_appliance_model(
        model_number=model_number,
        name="静悦 1.5匹 变频挂机",
        name_en="Serenity 1.5 HP inverter split AC",
        list_price=list_price,
    )
    plans = [ac_plan(years, price) for years, price in AC_PLAN_PRICES]
    visits = [
        make_cleaning(
            title="挂机深度清洗 (Split AC deep clean)",
            upc="SVT-AC-SPLIT",
            price=Decimal("129.00"),
            duration_minutes=90,
            description="<p>拆洗滤网,清洗蒸发器。</p><p>Filters washed, evaporator cleaned.</p>",
        ),
        make_cleaning(
            title="柜机深度清洗 (Cabinet AC deep clean)",
            upc="SVT-AC-CABINET",
            price=Decimal("199.00"),
            description="<p>清洗蒸发器和接水盘。</p><p>Evaporator and drip tray cleaned.</p>",
        ),
    ]
    parts = [
        make_consumable(
            title="挂机高密度过滤网(2片) (Split AC fine filter, pair)",
            upc="AFT-GW-HD",
            price=Decimal("39.00"),
            stock=180,
            fits=[model],
        ),
        make_consumable(
            title="空调除甲醛活性炭滤网 (AC formaldehyde filter)",
            upc="AFT-HCHO-01",
            price=Decimal("79.00"),
            stock=90,
            fits=[model],
        ),
        make_consumable(
            title="空调遥控器RG10A (AC remote control RG10A)",
            upc="RCT-RG10A",
            price=Decimal("59.00"),
            stock=150,
            fits=[model],
        ),
    ]
    shop = ModelShop(model=model, plans=plans, visits=visits, parts=parts)
    shop.visits.sort(key=lambda product: (product.title, product.pk))
    shop.parts.sort(key=lambda product: (product.title, product.pk))
    return shop


def shipping_country():
    """China, the country checkout ships to (Oscar's address form offers no other)."""
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="CN",
        defaults={
            "iso_3166_1_a3": "CHN",
            "iso_3166_1_numeric": "156",
            "name": "People's Republic of China",
            "printable_name": "中国",
            "is_shipping_country": True,
        },
    )
    return country


def tier_offer() -> None:
    """The site offer giving each tier its discount on services, made by membership's data
    migration; put back if a transactional test emptied the tables."""
    import_module("membership.migrations.0005_tier_service_offer_data").create_offer(apps, None)


def make_customer(*, tier: str = "silver", **user_fields):
    """A customer (a Django user) who is a member in `tier`, reached by points earned.

    Silver by default: the tier carries a discount on services, so a basket of services
    runs the tier offer's whole path.
    """
    ensure_tiers()  # a transactional test may have emptied the tables
    tier_offer()
    member = make_member(language="zh-hans", **user_fields)
    threshold = Tier.objects.get(code=tier).threshold
    if threshold:
        points.award(
            member=member,
            points=threshold,
            source_key=f"test:tier:{member.pk}",
            reason="Points that reached the tier",
        )
    return member.user


# --- what the shopper does, through the views ----------------------------------------------


def add_to_basket(client, product, **data):
    return client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1, **data})


def add_plan(client, plan, unit):
    return add_to_basket(client, plan, unit=unit.pk)


def serve_district(area, district_code: str = VISIT_DISTRICT):
    """Send `area`'s crews to the district (taking it from any area that had it)."""
    served, _created = ServiceAreaDistrict.objects.update_or_create(
        district_code=district_code, defaults={"area": area}
    )
    return served


def make_visit_address(
    user,
    *,
    district_code: str = VISIT_DISTRICT,
    street: str = VISIT_STREET,
    consignee: str = "王小明",
    mobile: str = "+8613800138000",
):
    """A saved address of `user` in the district, written as the Chinese address form does."""
    place = divisions.place(district_code)
    address, _created = UserAddress.objects.get_or_create(
        user=user,
        district_code=district_code,
        line1=street,
        defaults={
            "last_name": consignee,
            "phone_number": mobile,
            "line3": place.district.name,
            "line4": place.city_name,
            "state": place.province.name,
            "country": shipping_country(),
        },
    )
    return address


def add_visit(client, visit, slot, *, address=None, **data):
    """Add `visit` in `slot` for the signed-in customer, at a saved address in the slot's area.

    Without `address`, one in 浦东新区 is saved for the customer and the slot's area is made to
    serve that district, so the visit form offers the slot.
    """
    if address is None:
        user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
        address = make_visit_address(user)
    serve_district(slot.area, address.district_code)
    return add_to_basket(client, visit, slot=slot.pk, address=address.pk, **data)


def checkout_to_preview(client):
    """Through checkout's steps to the preview (a basket of services skips the shipping ones)."""
    response = client.get(reverse("checkout:index"), follow=True)
    assert response.status_code == 200
    return response


def place_order(client):
    """The preview's "place order": the answer sends the browser to the card page."""
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def pay(client, card: str = PAY_OK):
    """Place the order and pay on the demo gateway's card page with `card`."""
    response = place_order(client)
    assert response.status_code == 302, response.content[:500]
    pay_url = response["Location"]
    assert "/pay/" in pay_url
    return client.post(pay_url, {"card_number": card})


def ship_to_china(client):
    """The shipping steps of a basket with goods: the address, then the one method."""
    shipping_country()
    response = client.get(reverse("checkout:index"), follow=True)
    assert response.request["PATH_INFO"].endswith(reverse("checkout:shipping-address"))
    response = client.post(reverse("checkout:shipping-address"), SHIPPING_ADDRESS)
    assert response.status_code == 302, response.content[:300]
    client.get(reverse("checkout:shipping-method"), follow=True)
    return response


# --- the model's e-manual ----------------------------------------------------------------


def e_manual(appliance_model: ApplianceModel, *, language: str = "en"):
    """The published e-manual of `appliance_model` in `language`, with the Chinese original.

    The tree is the site's: a Chinese home page (the default site's root) with an index of
    manuals, each page translated into English with Wagtail's copy_for_translation.
    """
    zh, _created = Locale.objects.get_or_create(language_code="zh-hans")
    en, _created = Locale.objects.get_or_create(language_code="en")
    home = HomePage.objects.filter(locale=zh, depth=2).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=zh)
        )
        home = root.add_child(instance=HomePage(title="售后服务", slug="aftercare", locale=zh))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home},
        )
        home.copy_for_translation(en).save_revision().publish()
    index = ManualIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ManualIndexPage(title="电子说明书", slug="manuals", locale=zh)
        )
        index.copy_for_translation(en).save_revision().publish()
    manual = index.add_child(
        instance=ManualPage(
            title=f"{appliance_model.name}使用说明书",
            slug=slugify(appliance_model.model_number),
            locale=zh,
            appliance_model=appliance_model,
        )
    )
    manual.save_revision().publish()
    if language == "zh-hans":
        return manual
    translated = manual.copy_for_translation(en)
    translated.title = f"{appliance_model.name_en}: user manual"
    translated.save_revision().publish()
    return translated
