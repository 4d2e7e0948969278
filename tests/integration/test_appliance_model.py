import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from appliances.models import ApplianceModel, Category


def make_model(**overrides):
    fields = {
        "model_number": "KFR-35GW/TEST1",
        "name": "静悦 1.5匹 变频挂机",
        "name_en": "Serenity 1.5 HP inverter split AC",
        "category": Category.AIR_CONDITIONER,
        "launch_date": datetime.date(2024, 3, 1),
        "list_price": Decimal("3299.00"),
        "serial_pattern": r"^AC[0-9]{14}$",
    }
    fields.update(overrides)
    return ApplianceModel.objects.create(**fields)


@pytest.mark.django_db
class TestANewApplianceModel:
    def test_gets_a_unique_public_code(self):
        first = make_model()
        second = make_model(model_number="KFR-35GW/TEST2")
        assert first.public_code and second.public_code
        assert first.public_code != second.public_code

    def test_keeps_its_public_code_when_saved_again(self):
        model = make_model()
        code = model.public_code
        model.name = "改名"
        model.save()
        model.refresh_from_db()
        assert model.public_code == code

    def test_is_found_by_its_code_in_any_case(self):
        model = make_model()
        assert ApplianceModel.objects.by_public_code(model.public_code.lower()).get() == model

    def test_is_not_found_by_code_once_retired(self):
        model = make_model(is_active=False)
        assert not ApplianceModel.objects.by_public_code(model.public_code).exists()

    def test_checks_serials_against_its_format(self):
        model = make_model()
        assert model.serial_is_valid("AC20240301000001")
        assert not model.serial_is_valid("AC2024")
        assert not model.serial_is_valid("XX20240301000001")

    def test_shows_its_name_in_the_active_language(self):
        model = make_model()
        with translation.override("en"):
            assert model.display_name == "Serenity 1.5 HP inverter split AC"
        with translation.override("zh-hans"):
            assert model.display_name == "静悦 1.5匹 变频挂机"


@pytest.mark.django_db
class TestTheApplianceAdmin:
    def test_lists_and_searches_models_for_staff(self, admin_client, django_assert_max_num_queries):
        make_model()
        with django_assert_max_num_queries(12):
            response = admin_client.get("/django-admin/catalog/appliancemodel/", {"q": "TEST1"})
        assert response.status_code == 200
        assert b"KFR-35GW/TEST1" in response.content

    def test_rejects_a_serial_format_that_is_not_a_regular_expression(self, admin_client):
        response = admin_client.post(
            "/django-admin/catalog/appliancemodel/add/",
            {
                "model_number": "BAD-1",
                "name": "坏格式",
                "category": "tv",
                "launch_date": "2024-01-01",
                "base_warranty_months": 12,
                "list_price": "100",
                "serial_pattern": "([A-Z",
                "is_active": "on",
            },
        )
        assert response.status_code == 200
        assert not ApplianceModel.objects.filter(model_number="BAD-1").exists()
