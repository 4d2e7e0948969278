import datetime

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from aftersales.models import ServiceSlot
from appliances.models import ApplianceModel
from portal.demo.service_areas import AREAS, DAYS_AHEAD, WINDOWS

# Tests of the demo data itself: they run with the demo group (tests/conftest.py).
pytestmark = pytest.mark.demo


def row_counts():
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


@pytest.mark.django_db
class TestTheDemoData:
    def test_running_it_again_the_same_day_leaves_the_same_number_of_rows(self, demo):
        # The slots count from the day the demo runs, and the session loaded it before this
        # test began, perhaps on the day before: both runs here happen on one frozen instant.
        with time_machine.travel(timezone.now(), tick=False):
            call_command("load_demo", "--quiet")
            before = row_counts()
            call_command("load_demo", "--quiet")
            after = row_counts()
        changed = {
            label: (before[label], after[label])
            for label in before
            if before[label] != after[label]
        }
        assert changed == {}

    def test_running_it_the_next_day_opens_the_slots_of_the_day_that_came_into_view(self, demo):
        with time_machine.travel(timezone.now(), tick=False) as clock:
            call_command("load_demo", "--quiet")
            clock.shift(datetime.timedelta(days=1))
            horizon = timezone.localdate() + datetime.timedelta(days=DAYS_AHEAD - 1)
            slots = ServiceSlot.objects.filter(area__code__in=AREAS, date=horizon)
            assert not slots.exists()
            call_command("load_demo", "--quiet")
        assert slots.count() == len(AREAS) * len(WINDOWS)

    def test_covers_six_categories_and_two_dozen_models(self, demo):
        assert ApplianceModel.objects.values("category").distinct().count() >= 6
        assert ApplianceModel.objects.count() >= 24
        assert not ApplianceModel.objects.filter(image="").exists()

    def test_sells_the_three_kinds_of_service_in_yuan(self, demo):
        Product = get_model("catalogue", "Product")
        StockRecord = get_model("partner", "StockRecord")
        for slug in ["extended-warranty", "cleaning-service"]:
            assert Product.objects.filter(product_class__slug=slug).exists(), slug
        assert Product.objects.filter(product_class__slug="consumable").count() >= 20
        assert set(StockRecord.objects.values_list("price_currency", flat=True)) == {"CNY"}
        consumables = Product.objects.filter(product_class__slug="consumable")
        assert not consumables.filter(compatible_models=None).exists()

    def test_has_home_and_content_pages_in_both_languages(self, demo):
        from cms.models import ContentPage, HomePage

        assert set(HomePage.objects.live().values_list("locale__language_code", flat=True)) == {
            "zh-hans",
            "en",
        }
        assert ContentPage.objects.live().filter(locale__language_code="en").count() >= 3

    def test_has_an_account_for_every_role(self, demo):
        User = get_model("auth", "User")
        emails = set(User.objects.values_list("email", flat=True))
        for role in ["customer", "editor", "moderator", "staff", "admin"]:
            assert f"{role}@aftercare.demo" in emails
        assert User.objects.get(email="admin@aftercare.demo").is_superuser
