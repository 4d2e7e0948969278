"""Addresses written the Chinese way: consignee, mobile, province → city → district, street.

The pickers are plain selects posted as codes, so each test here is also what a phone without
JavaScript does.
"""

from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from tests.factories.catalog import make_consumable
from tests.factories.shop import SHIPPING_ADDRESS, make_customer, shipping_country

UserAddress = get_model("address", "UserAddress")

ADDRESS = {**SHIPPING_ADDRESS, "notes": ""}


@pytest.fixture
def customer(db):
    shipping_country()
    return make_customer(email="addresses@example.com")


@pytest.fixture
def signed_in(client, customer):
    client.force_login(customer)
    return client


def create_url(language="zh-hans"):
    with translation.override(language):
        return reverse("customer:address-create")


class TestSavingAnAddress:
    def test_files_it_under_the_district_and_its_code(self, signed_in, customer):
        response = signed_in.post(create_url(), ADDRESS)
        assert response.status_code == 302, response.content[:400]
        address = UserAddress.objects.get(user=customer)
        assert address.district_code == "310115"
        assert (address.state, address.line4, address.line3, address.line1) == (
            "上海市",
            "上海市",
            "浦东新区",
            "世纪大道100号 8楼",
        )
        assert str(address.phone_number) == "+8613800138000"

    def test_shows_the_consignee_family_name_first_and_the_place_largest_first(
        self, signed_in, customer
    ):
        signed_in.post(create_url(), ADDRESS)
        address = UserAddress.objects.get(user=customer)
        assert address.summary.startswith("王小明, 上海市, 浦东新区, 世纪大道100号 8楼")
        assert "小明 王" not in address.summary

    def test_a_city_of_another_province_is_refused_and_the_list_narrowed(self, signed_in, customer):
        # The shopper changed the province to Beijing but the city is still Shanghai's.
        response = signed_in.post(create_url(), {**ADDRESS, "province": "11"})
        assert response.status_code == 200
        assert "请从列表中选择城市" in response.content.decode()
        assert not UserAddress.objects.filter(user=customer).exists()
        city = response.context["form"].fields["city"]
        assert [code for code, _name in city.choices] == ["", "1101"]

    def test_with_only_the_province_asks_for_the_city_from_its_list(self, signed_in, customer):
        response = signed_in.post(create_url(), {**ADDRESS, "city": "", "district": ""})
        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors["city"] == ["请选择城市。"]
        assert ("3101", "上海市") in form.fields["city"].choices
        assert not UserAddress.objects.exists()

    @pytest.mark.parametrize("mobile", ["021 6123 4567", "1380013800", "12345678901", "abc"])
    def test_refuses_what_is_not_a_chinese_mobile(self, signed_in, customer, mobile):
        response = signed_in.post(create_url(), {**ADDRESS, "mobile": mobile})
        assert response.status_code == 200
        assert "mobile" in response.context["form"].errors
        assert not UserAddress.objects.exists()

    @pytest.mark.parametrize("mobile", ["13800138000", "+86 138-0013-8000", "199 1234 5678"])
    def test_takes_a_mobile_written_in_any_usual_way(self, signed_in, customer, mobile):
        response = signed_in.post(create_url(), {**ADDRESS, "mobile": mobile})
        assert response.status_code == 302

    def test_a_district_that_does_not_exist_is_refused(self, signed_in, customer):
        response = signed_in.post(create_url(), {**ADDRESS, "district": "310199"})
        assert response.status_code == 200
        assert "district" in response.context["form"].errors


class TestTheFormInEnglish:
    def test_shows_the_same_fields_in_english(self, signed_in):
        page = signed_in.get(create_url("en")).content.decode()
        for label in (
            "Consignee",
            "Mobile number",
            "Province",
            "City",
            "District",
            "Street address",
        ):
            assert label in page
        assert "First name" not in page and "Last name" not in page and "Postcode" not in page

    def test_editing_shows_the_saved_choices(self, signed_in, customer):
        signed_in.post(create_url(), ADDRESS)
        address = UserAddress.objects.get(user=customer)
        with translation.override("en"):
            url = reverse("customer:address-detail", kwargs={"pk": address.pk})
        form = signed_in.get(url).context["form"]
        assert form["district"].value() == "310115"
        assert form["consignee"].value() == "王小明"
        assert ("310104", "徐汇区") in form.fields["district"].choices

    def test_an_address_saved_as_first_and_last_name_reads_family_name_first(
        self, signed_in, customer
    ):
        old = UserAddress.objects.create(
            user=customer,
            first_name="小明",
            last_name="王",
            line1="世纪大道100号",
            line4="上海市",
            state="上海市",
            line3="浦东新区",
            country=shipping_country(),
        )
        with translation.override("zh-hans"):
            url = reverse("customer:address-detail", kwargs={"pk": old.pk})
        form = signed_in.get(url).context["form"]
        assert form["consignee"].value() == "王小明"
        assert form["district"].value() == "310115"


class TestTheDivisionLists:
    def test_answer_the_cities_of_a_province(self, client):
        with translation.override("zh-hans"):
            url = reverse("divisions")
        data = client.get(url, {"parent": "44"}).json()["divisions"]
        assert {"code": "4403", "name": "深圳市"} in data

    def test_name_a_municipalitys_district_grouping_as_the_city(self, client):
        with translation.override("zh-hans"):
            url = reverse("divisions")
        assert client.get(url, {"parent": "31"}).json()["divisions"] == [
            {"code": "3101", "name": "上海市"}
        ]

    def test_answer_404_for_an_unknown_code(self, client, db):
        with translation.override("zh-hans"):
            url = reverse("divisions")
        response = client.get(url, {"parent": "<script>"})
        assert response.status_code == 404
        assert response.json() == {"divisions": []}


class TestAddressesSavedBeforeThePicker:
    def test_are_filed_under_their_district_where_the_text_names_one(self, customer):
        china = shipping_country()
        old = UserAddress.objects.create(
            user=customer,
            last_name="王",
            first_name="小明",
            line1="世纪大道100号",
            line4="上海市",
            state="浦东新区",
            country=china,
            phone_number="+8613800138000",
        )
        vague = UserAddress.objects.create(
            user=customer,
            last_name="李",
            line1="建国路88号",
            state="朝阳区",
            country=china,
        )
        import_module("catalog.address.migrations.0009_fill_district_codes").fill(apps, None)
        old.refresh_from_db()
        vague.refresh_from_db()
        assert old.district_code == "310115"
        assert vague.district_code == ""  # Beijing's or Changchun's: asked when next edited


class TestTheAddressBook:
    @pytest.mark.parametrize("count", [1, 6])
    def test_lists_in_a_fixed_number_of_queries(
        self, signed_in, customer, count, django_assert_max_num_queries
    ):
        china = shipping_country()
        for n in range(count):
            UserAddress.objects.create(
                user=customer,
                last_name="王小明",
                line1=f"世纪大道{n}号",
                line3="浦东新区",
                line4="上海市",
                state="上海市",
                country=china,
                district_code="310115",
                phone_number="+8613800138000",
            )
        with translation.override("zh-hans"):
            url = reverse("customer:address-list")
        signed_in.get(url)  # caches warm, as on a live site (each test starts with none)
        with django_assert_max_num_queries(14):
            response = signed_in.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("世纪大道") == count


class TestTheCheckoutAddressStep:
    @pytest.fixture
    def basket_with_a_filter(self, signed_in):
        part = make_consumable(price=Decimal("39.00"))
        signed_in.post(reverse("basket:add", kwargs={"pk": part.pk}), {"quantity": 1})
        return signed_in

    def url(self):
        with translation.override("zh-hans"):
            return reverse("checkout:shipping-address")

    def test_with_errors_comes_back_with_the_messages(self, basket_with_a_filter):
        response = basket_with_a_filter.post(self.url(), {**ADDRESS, "mobile": "12", "city": ""})
        assert response.status_code == 200
        page = response.content.decode()
        assert "请选择城市。" in page
        assert "请输入中国大陆手机号" in page

    def test_keeps_a_new_address_for_the_order_and_shows_it_again(self, basket_with_a_filter):
        response = basket_with_a_filter.post(self.url(), ADDRESS)
        assert response.status_code == 302
        form = basket_with_a_filter.get(self.url()).context["form"]
        assert form["district"].value() == "310115"
        assert form["consignee"].value() == "王小明"

    def test_offers_the_saved_addresses_largest_place_first(self, basket_with_a_filter, customer):
        basket_with_a_filter.post(create_url(), ADDRESS)
        page = basket_with_a_filter.get(self.url()).content.decode()
        assert page.index("上海市") < page.index("浦东新区") < page.index("世纪大道100号")
