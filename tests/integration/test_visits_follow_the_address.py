"""A cleaning visit is booked for an address, and the address decides the area and its times.

Shanghai Pudong and Beijing Chaoyang each have a team with windows; Xuhui has none.
"""

import datetime

import pytest
from django.utils import timezone, translation
from oscar.core.loading import get_model

from tests.factories.aftersales import make_area, make_slot
from tests.factories.catalog import make_cleaning
from tests.factories.shop import (
    SHIPPING_ADDRESS,
    add_to_basket,
    make_customer,
    make_visit_address,
    serve_district,
    shipping_country,
)

Basket = get_model("basket", "Basket")
UserAddress = get_model("address", "UserAddress")

PUDONG, CHAOYANG, XUHUI = "310115", "110105", "310104"


@pytest.fixture
def areas(db):
    shipping_country()
    pudong = make_area(code="sh-pudong", name="上海浦东新区", name_en="Shanghai Pudong")
    chaoyang = make_area(code="bj-chaoyang", name="北京朝阳区", name_en="Beijing Chaoyang")
    serve_district(pudong, PUDONG)
    serve_district(chaoyang, CHAOYANG)
    day = timezone.localdate() + datetime.timedelta(days=5)
    slots = {
        "pudong": [
            make_slot(pudong, date=day, starts_at=datetime.time(9), ends_at=datetime.time(12)),
            make_slot(pudong, date=day, starts_at=datetime.time(14), ends_at=datetime.time(18)),
            make_slot(
                pudong,
                date=day + datetime.timedelta(days=1),
                starts_at=datetime.time(9),
                ends_at=datetime.time(12),
            ),
        ],
        "pudong_full": make_slot(
            pudong, date=day, starts_at=datetime.time(19), ends_at=datetime.time(21), booked=3
        ),
        "chaoyang": make_slot(chaoyang, date=day),
    }
    return slots


@pytest.fixture
def customer(db):
    return make_customer(email="visits@example.com")


@pytest.fixture
def signed_in(client, customer):
    client.force_login(customer)
    return client


@pytest.fixture
def cleaning(db):
    return make_cleaning()


def product_page(client, product, language="zh-hans"):
    with translation.override(language):
        return client.get(product.get_absolute_url())


def visit_lines(customer):
    basket = Basket.open.filter(owner=customer).first()
    return list(basket.all_lines()) if basket else []


class TestASavedShanghaiAddress:
    def test_offers_only_its_areas_windows_with_free_places(
        self, signed_in, customer, cleaning, areas
    ):
        make_visit_address(customer, district_code=PUDONG)
        form = product_page(signed_in, cleaning).context["basket_form"]
        offered = {pk for pk, _label in form.fields["slot"].choices}
        assert offered == {slot.pk for slot in areas["pudong"]}

    def test_shows_the_windows_as_a_calendar_of_days(self, signed_in, customer, cleaning, areas):
        make_visit_address(customer, district_code=PUDONG)
        html = product_page(signed_in, cleaning).content.decode()
        assert html.count('class="visit-day"') == 2
        assert "09:00–12:00" in html and "14:00–18:00" in html
        assert "上海浦东新区" in html

    def test_a_beijing_window_posted_anyway_is_refused_and_nothing_added(
        self, signed_in, customer, cleaning, areas
    ):
        address = make_visit_address(customer, district_code=PUDONG)
        beijing = areas["chaoyang"]
        response = add_to_basket(signed_in, cleaning, address=address.pk, slot=beijing.pk)
        assert response.status_code == 302
        assert visit_lines(customer) == []
        beijing.refresh_from_db()
        assert beijing.booked == 0
        page = signed_in.get(response["Location"]).content.decode()
        assert "该时间不对此地址所在区域开放" in page

    def test_a_pudong_window_is_added_with_the_address(self, signed_in, customer, cleaning, areas):
        address = make_visit_address(customer, district_code=PUDONG)
        slot = areas["pudong"][0]
        response = add_to_basket(signed_in, cleaning, address=address.pk, slot=slot.pk)
        assert response.status_code == 302
        [line] = visit_lines(customer)
        value = line.attributes.get(option__code="visit").value
        assert value["slot"] == slot.pk
        assert value["address"] == "上海市 浦东新区 世纪大道100号 8楼"
        assert (value["name"], value["phone"]) == ("王小明", "13800138000")

    def test_a_full_window_of_its_area_is_not_offered(self, signed_in, customer, cleaning, areas):
        make_visit_address(customer, district_code=PUDONG)
        form = product_page(signed_in, cleaning).context["basket_form"]
        assert areas["pudong_full"].pk not in {pk for pk, _ in form.fields["slot"].choices}


class TestSomeoneElsesAddress:
    def test_cannot_be_used(self, signed_in, customer, cleaning, areas, django_user_model):
        other = django_user_model.objects.create_user(username="o", email="o@example.com")
        theirs = make_visit_address(other, district_code=PUDONG)
        response = add_to_basket(signed_in, cleaning, address=theirs.pk, slot=areas["pudong"][0].pk)
        assert response.status_code == 302
        assert visit_lines(customer) == []


class TestANewAddressChosenWithThePicker:
    def post(self, client, cleaning, **data):
        fields = {**SHIPPING_ADDRESS, "address": "new", **data}
        return add_to_basket(client, cleaning, **fields)

    def test_show_times_comes_back_with_that_districts_windows_and_no_error(
        self, signed_in, customer, cleaning, areas
    ):
        response = self.post(signed_in, cleaning, show_times="1")
        assert response.status_code == 302
        page = signed_in.get(response["Location"])
        form = page.context["basket_form"]
        assert {pk for pk, _ in form.fields["slot"].choices} == {s.pk for s in areas["pudong"]}
        assert 'class="alert alert-danger"' not in page.content.decode()
        assert visit_lines(customer) == []

    def test_is_booked_and_saved_in_the_address_book(self, signed_in, customer, cleaning, areas):
        self.post(signed_in, cleaning, slot=areas["pudong"][1].pk)
        assert len(visit_lines(customer)) == 1
        saved = UserAddress.objects.get(user=customer)
        assert (saved.district_code, saved.line1) == (PUDONG, "世纪大道100号 8楼")

    def test_a_beijing_window_is_refused(self, signed_in, customer, cleaning, areas):
        self.post(signed_in, cleaning, slot=areas["chaoyang"].pk)
        assert visit_lines(customer) == []
        assert not UserAddress.objects.filter(user=customer).exists()

    def test_a_district_not_in_the_chosen_city_finds_no_area(
        self, signed_in, customer, cleaning, areas
    ):
        # Beijing's Chaoyang posted under Shanghai's city: the picker's chain is broken.
        self.post(signed_in, cleaning, district=CHAOYANG, slot=areas["chaoyang"].pk)
        assert visit_lines(customer) == []


class TestAnAddressOutsideEveryArea:
    def test_is_told_so_and_offered_the_hotline(self, signed_in, customer, cleaning, areas):
        make_visit_address(customer, district_code=XUHUI, street="漕溪北路1号")
        response = product_page(signed_in, cleaning)
        html = response.content.decode()
        assert "我们暂未向该地址所在区县派遣师傅" in html
        assert 'href="tel:' in html
        assert response.context["basket_form"].fields["slot"].choices == []

    def test_cannot_book_any_window(self, signed_in, customer, cleaning, areas):
        address = make_visit_address(customer, district_code=XUHUI, street="漕溪北路1号")
        add_to_basket(signed_in, cleaning, address=address.pk, slot=areas["pudong"][0].pk)
        assert visit_lines(customer) == []


class TestTheVisitFormInEnglish:
    def test_asks_where_then_when(self, signed_in, customer, cleaning, areas):
        make_visit_address(customer, district_code=PUDONG)
        html = product_page(signed_in, cleaning, "en").content.decode()
        assert "Where should the technician come?" in html
        assert "Shanghai Pudong" in html
        assert "Province" in html


class TestTheProductPage:
    @pytest.mark.parametrize("addresses", [1, 5])
    def test_costs_the_same_queries_with_more_saved_addresses(
        self, signed_in, customer, cleaning, areas, addresses, django_assert_max_num_queries
    ):
        for n in range(addresses):
            make_visit_address(customer, district_code=PUDONG, street=f"世纪大道{n}号")
        product_page(signed_in, cleaning)  # caches warm, as on a live site (each test starts empty)
        with django_assert_max_num_queries(40):
            response = product_page(signed_in, cleaning)
        assert response.content.decode().count('name="address"') == addresses + 1
