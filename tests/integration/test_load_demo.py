import pytest
from django.apps import apps
from django.core.management import call_command
from oscar.core.loading import get_model

from appliances.models import ApplianceModel

# Reads the demo data (tests/conftest.py): to move onto tests/factories/.
pytestmark = pytest.mark.demo


def row_counts():
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


@pytest.mark.django_db
class TestTheDemoData:
    def test_running_it_again_leaves_the_same_number_of_rows(self, demo):
        before = row_counts()
        call_command("load_demo", "--quiet")
        after = row_counts()
        changed = {
            label: (before[label], after[label])
            for label in before
            if before[label] != after[label]
        }
        assert changed == {}

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
