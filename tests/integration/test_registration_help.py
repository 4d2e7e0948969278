"""Registration that helps: the model's own serial format, and adding a unit without its QR code."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from aftersales.forms import RegisterUnitForm
from aftersales.models import RegisteredUnit
from tests.factories.aftersales import make_appliance_model, make_unit

pytestmark = pytest.mark.usefixtures("db")

REGISTER = "/{lang}/devices/register/"
DEVICES = "/{lang}/devices/"


@pytest.fixture
def model(db):
    return make_appliance_model(
        model_number="KFR-35GW/HELP01", serial_pattern=r"^KG[0-9]{4}[A-Z0-9]{12}$"
    )


@pytest.fixture
def customer(client, db):
    user = get_user_model().objects.create_user("helped", "helped@example.com", "pw-12345678")
    client.force_login(user)
    return user


class TestTheSerialHint:
    def test_shows_the_models_own_format_and_an_example_it_accepts(self, client, customer, model):
        html = client.get(REGISTER.format(lang="en"), {"model": model.public_code}).content
        html = html.decode()
        assert "KG + 4 digits + 12 letters or digits" in html
        assert "KG2403A1B2C3D4E5F6" in html
        assert model.serial_is_valid("KG2403A1B2C3D4E5F6")
        assert "AC20240301000001" not in html  # the old example, of no model's format

    def test_in_chinese(self, client, customer, model):
        html = client.get(REGISTER.format(lang="zh-hans"), {"model": model.public_code})
        assert "KG + 4 位数字 + 12 位字母或数字" in html.content.decode()


class TestAWrongSerial:
    def test_is_refused_with_the_models_expected_format(self, client, customer, model):
        response = client.post(
            REGISTER.format(lang="zh-hans"),
            {"model": model.public_code, "serial": "AC2024030100", "purchase_date": "2025-03-01"},
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "AC2024030100 不是 KFR-35GW/HELP01 的序列号" in html
        assert "KG + 4 位数字 + 12 位字母或数字" in html and "KG2403A1B2C3D4E5F6" in html
        assert not RegisteredUnit.objects.exists()

    def test_the_form_the_plan_shares_says_the_format_too(self, client, customer, model):
        with translation.override("en"):
            form = RegisterUnitForm(
                data={"serial": "123", "purchase_date": "2025-03-01"}, appliance_model=model
            )
            assert not form.is_valid()
            assert "KG + 4 digits + 12 letters or digits" in form.errors["serial"][0]


class TestAddingADeviceWithoutItsQrCode:
    def test_register_without_a_model_is_a_model_search_not_a_404(self, client, customer):
        response = client.get(REGISTER.format(lang="zh-hans"))
        assert response.status_code == 200
        assert 'name="q"' in response.content.decode()

    def test_finds_the_model_by_part_of_its_number(self, client, customer, model):
        make_appliance_model(model_number="XQG100-OTHER")
        response = client.get(REGISTER.format(lang="zh-hans"), {"q": "kfr 35gw/help"})
        html = response.content.decode()
        assert f'href="?model={model.public_code}"' in html
        assert "XQG100-OTHER" not in html

    def test_an_unmatched_number_says_so_and_offers_the_hotline(self, client, customer, model):
        html = client.get(REGISTER.format(lang="en"), {"q": "NOPE-999"}).content.decode()
        assert "No model on sale matches" in html and "400-820-8820" in html

    def test_then_registers_the_unit_from_my_devices(self, client, customer, model):
        devices = client.get(DEVICES.format(lang="zh-hans")).content.decode()
        assert 'href="/zh-hans/devices/register/"' in devices
        found = client.get(REGISTER.format(lang="zh-hans"), {"q": "HELP01"}).content.decode()
        assert f"?model={model.public_code}" in found
        response = client.post(
            REGISTER.format(lang="zh-hans"),
            {
                "model": model.public_code,
                "serial": "KG2403A1B2C3D4E5F6",
                "purchase_date": (datetime.date(2025, 3, 1)).isoformat(),
            },
        )
        assert response.status_code == 302
        unit = RegisteredUnit.objects.get(owner=customer)
        assert (unit.appliance_model, unit.serial) == (model, "KG2403A1B2C3D4E5F6")
        assert unit.source == RegisteredUnit.Source.MODEL_QR

    @pytest.mark.parametrize("count", [3, 21])
    def test_the_search_costs_the_same_queries_for_few_or_many_models(
        self, client, customer, count, django_assert_max_num_queries
    ):
        for n in range(count):
            make_appliance_model(model_number=f"KFR-72LW/Q{n:03d}")
        with django_assert_max_num_queries(14):
            response = client.get(REGISTER.format(lang="zh-hans"), {"q": "72LW"})
        assert response.content.decode().count("find-model__item") == min(count, 20)


class TestMyDevices:
    def test_each_card_has_one_tap_plan_cleaning_and_filter_actions(self, client, customer, model):
        make_unit(customer, model, serial="KG2403A1B2C3D4E5F6")
        html = client.get(DEVICES.format(lang="en")).content.decode()
        base = "/en/shop/for/KFR-35GW/HELP01/"
        for anchor in ("#plans", "#cleaning", "#consumables"):
            assert f'href="{base}{anchor}"' in html
        assert "Extend the warranty" in html and "Book a cleaning" in html

    @pytest.mark.parametrize("count", [1, 6])
    def test_lists_in_a_fixed_number_of_queries(
        self, client, customer, model, count, django_assert_max_num_queries
    ):
        for n in range(count):
            make_unit(customer, model, serial=f"KG2403A1B2C3D4E{n:03d}")
        with django_assert_max_num_queries(15):
            response = client.get(DEVICES.format(lang="en"))
        assert response.content.decode().count('class="device__actions"') == count
