"""A Chinese name is written family name first and unspaced wherever the site prints it.

Django's `get_full_name()` writes "first last": 李娜 (last_name 李, first_name 娜) became
"娜 李" on the customer's profile, under their product reviews, in the return emails and on
the staff's screens. Each of those now prints the name in its own order
(groundwork.personal_names); a name in Latin letters keeps the Western order.
"""

import pytest
from oscar.core.loading import get_model

from tests.factories.catalog import make_consumable
from tests.factories.shop import make_customer

ProductReview = get_model("reviews", "ProductReview")

pytestmark = pytest.mark.django_db


@pytest.fixture
def li_na():
    return make_customer(email="lina@example.cn", first_name="娜", last_name="李")


class TestTheCustomersOwnPages:
    def test_the_profile_names_her_family_name_first(self, client, li_na):
        client.force_login(li_na)
        html = client.get("/zh-hans/shop/accounts/profile/").content.decode()
        assert "李娜" in html and "娜 李" not in html

    def test_a_latin_name_keeps_its_order(self, client):
        customer = make_customer(email="anna@example.com", first_name="Anna", last_name="Smith")
        client.force_login(customer)
        assert "Anna Smith" in client.get("/en/shop/accounts/profile/").content.decode()


class TestHerProductReview:
    def test_is_signed_family_name_first(self, client, li_na):
        part = make_consumable(title="除垢剂")
        part.reviews.create(
            user=li_na, score=5, title="很好用", body="水垢全没了。", status=ProductReview.APPROVED
        )
        html = client.get(part.get_absolute_url()).content.decode()
        assert "很好用" in html
        assert "李娜" in html and "娜 李" not in html

    def test_a_guest_review_keeps_the_name_given(self, client):
        part = make_consumable(title="滤网")
        part.reviews.create(
            name="王先生",
            email="wang@example.cn",
            score=4,
            title="不错",
            body="好。",
            status=ProductReview.APPROVED,
        )
        assert "王先生" in client.get(part.get_absolute_url()).content.decode()
