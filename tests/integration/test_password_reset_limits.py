"""Reset mail is capped: three an hour per address, ten an hour per client, on both forms.

Over a cap the page answers as it always does (on to "check your inbox"), so a script
learns neither the caps nor whether an address has an account; it just gets no mail.
"""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

pytestmark = pytest.mark.django_db

SHOP_RESET = "/en/shop/password-reset/"
CMS_RESET = "/cms/password_reset/"
EMAIL = "lin.fang@example.cn"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def account(db):
    return get_user_model().objects.create_user(
        username="linfang", email=EMAIL, password="Right-pass-phrase-42"
    )


def ask(client, email, *, url=SHOP_RESET, ip="127.0.0.1"):
    return client.post(url, {"email": email}, REMOTE_ADDR=ip)


class TestOneAddress:
    def test_twenty_requests_send_three_mails(self, client, account):
        responses = [ask(client, EMAIL) for _ in range(20)]
        assert len(mail.outbox) == 3
        assert {r.status_code for r in responses} == {302}
        assert {r["Location"] for r in responses} == {"/en/shop/password-reset/done/"}

    def test_asking_from_many_clients_does_not_lift_the_cap(self, client, account):
        for n in range(6):
            ask(client, EMAIL, ip=f"203.0.113.{n + 1}")
        assert len(mail.outbox) == 3

    def test_the_address_is_counted_whatever_its_case(self, client, account):
        for email in [EMAIL, EMAIL.upper(), "Lin.Fang@example.cn", EMAIL]:
            ask(client, email, ip="203.0.113.1")
        assert len(mail.outbox) == 3

    def test_the_cap_lifts_after_an_hour(self, client, account):
        for _ in range(4):
            ask(client, EMAIL)
        assert len(mail.outbox) == 3
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61), tick=False):
            ask(client, EMAIL)
        assert len(mail.outbox) == 4


class TestOneClient:
    def test_twelve_accounts_from_one_client_get_ten_mails(self, client):
        User = get_user_model()
        for n in range(12):
            User.objects.create_user(username=f"m{n}", email=f"m{n}@example.cn", password="x-42-y")
        responses = [ask(client, f"m{n}@example.cn", ip="198.51.100.7") for n in range(12)]
        assert len(mail.outbox) == 10
        assert {r.status_code for r in responses} == {302}
        # Someone else, from another client, is not held back by that one.
        ask(client, "m11@example.cn", ip="198.51.100.8")
        assert len(mail.outbox) == 11
        assert mail.outbox[-1].to == ["m11@example.cn"]

    def test_unknown_addresses_count_too_and_get_the_same_answer(self, client, account):
        responses = [ask(client, f"nobody{n}@example.cn") for n in range(10)]
        assert {r["Location"] for r in responses} == {"/en/shop/password-reset/done/"}
        assert mail.outbox == []
        response = ask(client, EMAIL)
        assert response["Location"] == "/en/shop/password-reset/done/"
        assert mail.outbox == []


class TestWagtailsForm:
    def test_is_capped_too(self, client, account):
        responses = [ask(client, EMAIL, url=CMS_RESET) for _ in range(5)]
        assert len(mail.outbox) == 3
        assert {r.status_code for r in responses} == {302}

    def test_shares_the_shops_count(self, client, account):
        ask(client, EMAIL)
        ask(client, EMAIL)
        ask(client, EMAIL, url=CMS_RESET)
        ask(client, EMAIL, url=CMS_RESET)
        assert len(mail.outbox) == 3
