"""Progress lookup without an account (issue #12, acceptance 1).

A wrong phone, a wrong name and no request at all give the same page; the 11th lookup in
ten minutes from one address, or for one phone from many addresses, gets 429; the
address, the engineer and the notes show only with a code texted to that phone, and a
code used or expired is refused.
"""

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from aftersales.models import ServiceEvent, ServiceKind
from membership.services import ensure_profile
from tests.factories.aftersales import make_area, make_booking, make_slot
from tests.factories.feedback import finished_request
from tests.factories.service import make_request

pytestmark = pytest.mark.django_db

PHONE = "13800138000"
NAME = "王小明"
ADDRESS = "上海市浦东新区世纪大道100号"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def en(name: str) -> str:
    """The English page: the tests read its words."""
    with translation.override("en"):
        return reverse(name)


def track_url():
    return en("feedback:track")


def look_up(client, phone=PHONE, name=NAME, ip="10.0.0.1"):
    return client.post(track_url(), {"phone": phone, "name": name}, REMOTE_ADDR=ip)


def day(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def sent_code(outbox) -> str:
    return re.search(r"\d{6}", outbox[-1].text).group()


def comparable(response, *echoed: str) -> str:
    """The page without its CSRF token and without the values the visitor typed."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    for value in echoed:
        html = html.replace(f'value="{value}"', 'value=""')
    return html


@pytest.fixture
def visit(django_user_model):
    """A repair visit done by an engineer, with a note on its timeline."""
    service_request = finished_request(area=make_area(), contact_phone=PHONE, contact_name=NAME)
    ServiceEvent.objects.create(
        request=service_request,
        action="note",
        status_from="done",
        status_to="done",
        actor_role="engineer",
        note="更换了电容",
        at=timezone.now(),
    )
    return service_request


class TestAnswersThatRevealNothing:
    def test_a_wrong_phone_a_wrong_name_and_no_request_give_the_same_page(self, client, visit):
        wrong_phone = look_up(client, phone="13900139000", name=NAME)
        wrong_name = look_up(client, phone=PHONE, name="李四")
        nobody = look_up(client, phone="13700137000", name="张三")
        answers = [wrong_phone, wrong_name, nobody]
        assert {answer.status_code for answer in answers} == {200}
        assert {answer.templates[0].name for answer in answers} == {
            "aftersales/feedback/track.html"
        }
        pages = {
            comparable(wrong_phone, "13900139000", NAME),
            comparable(wrong_name, PHONE, "李四"),
            comparable(nobody, "13700137000", "张三"),
        }
        assert len(pages) == 1
        assert "We found no service request or visit" in pages.pop()
        lengths = [len(answer.content) for answer in answers]
        assert max(lengths) - min(lengths) < 64

    def test_the_right_pair_shows_type_dates_and_status_nothing_more(self, client, visit):
        response = look_up(client)
        html = response.content.decode()
        assert response.status_code == 200
        assert "On-site repair" in html and "Done" in html
        assert "Request received" in html  # the timeline's first step
        for secret in (ADDRESS, visit.engineer.name, "更换了电容", visit.number):
            assert secret not in html

    def test_the_name_ignores_case_and_spaces_around_it(self, client):
        make_request(contact_phone=PHONE, contact_name="Li Lei")
        html = look_up(client, phone="+86 138-0013-8000", name="  li   lei ").content.decode()
        assert "On-site repair" in html

    def test_the_phone_on_the_customers_profile_finds_their_request(
        self, client, django_user_model
    ):
        customer = django_user_model.objects.create_user("p1", "p1@example.com", "pw")
        profile = ensure_profile(user=customer)
        profile.phone = "13600136000"
        profile.save()
        make_request(
            customer=customer,
            contact_phone="13500135000",
            contact_name=NAME,
            kind=ServiceKind.INSTALLATION,
        )
        html = look_up(client, phone="13600136000").content.decode()
        assert "Installation" in html

    def test_a_shop_visit_is_found_too(self, client, django_user_model):
        customer = django_user_model.objects.create_user("b1", "b1@example.com", "pw")
        make_booking(customer, make_slot(), contact_phone=PHONE, contact_name=NAME)
        html = look_up(client).content.decode()
        assert "AC deep clean" in html and "Booked" in html

    def test_a_malformed_phone_is_a_clear_400(self, client):
        response = look_up(client, phone="１３８００１３８０００")
        assert response.status_code == 400
        assert "11-digit mainland China mobile number" in response.content.decode()


class TestLimits:
    def test_the_eleventh_try_from_one_address_gets_429(self, client):
        for n in range(10):
            assert look_up(client, phone=f"1380013{n:04d}", ip="10.1.1.1").status_code == 200
        refused = look_up(client, phone="13800139999", ip="10.1.1.1")
        assert refused.status_code == 429
        assert "Too many lookups" in refused.content.decode()
        # Another address is not held back by this one.
        assert look_up(client, phone="13800139999", ip="10.1.1.2").status_code == 200

    def test_one_phone_from_many_addresses_gets_429_on_the_eleventh(self, client):
        for n in range(10):
            assert look_up(client, ip=f"10.2.0.{n + 1}").status_code == 200
        refused = look_up(client, ip="10.2.0.99")
        assert refused.status_code == 429
        assert "Too many lookups" in refused.content.decode()

    def test_the_limits_refuse_when_the_cache_cannot_count(self, client, monkeypatch):
        def broken(*args, **kwargs):
            raise ConnectionError("cache down")

        monkeypatch.setattr(cache, "add", broken)
        assert look_up(client).status_code == 429


class TestDetailsWithTheCode:
    def unlock(self, client, outbox):
        assert client.post(en("feedback:track-code")).status_code == 302
        return sent_code(outbox)

    def test_address_engineer_and_notes_only_once_the_code_comes_back(
        self, client, visit, sms_outbox
    ):
        look_up(client)
        code = self.unlock(client, sms_outbox)
        assert sms_outbox[-1].phone == PHONE
        before = client.get(track_url()).content.decode()
        assert ADDRESS not in before
        response = client.post(en("feedback:track-verify"), {"code": code})
        assert response.status_code == 302
        html = client.get(track_url()).content.decode()
        for detail in (ADDRESS, visit.engineer.name, "更换了电容", visit.number):
            assert detail in html

    def test_a_used_code_is_refused(self, client, visit, sms_outbox):
        look_up(client)
        code = self.unlock(client, sms_outbox)
        client.post(en("feedback:track-verify"), {"code": code})
        client.logout()  # a new session, which tries the same code again
        look_up(client)
        again = client.post(en("feedback:track-verify"), {"code": code})
        assert again.status_code == 400
        assert "not right or has expired" in again.content.decode()
        assert ADDRESS not in client.get(track_url()).content.decode()

    def test_an_expired_code_is_refused(self, client, visit, sms_outbox):
        look_up(client)
        code = self.unlock(client, sms_outbox)
        later = timezone.now() + datetime.timedelta(minutes=10, seconds=5)
        with time_machine.travel(later, tick=False):
            refused = client.post(en("feedback:track-verify"), {"code": code})
        assert refused.status_code == 400
        assert "not right or has expired" in refused.content.decode()

    def test_no_code_is_texted_for_a_lookup_that_found_nothing(self, client, sms_outbox):
        look_up(client, phone="13900139000")
        client.post(en("feedback:track-code"))
        assert sms_outbox == []

    def test_the_details_lapse_after_a_quarter_of_an_hour(self, client, visit, sms_outbox):
        look_up(client)
        code = self.unlock(client, sms_outbox)
        client.post(en("feedback:track-verify"), {"code": code})
        later = timezone.now() + datetime.timedelta(minutes=16)
        with time_machine.travel(later, tick=False):
            html = client.get(track_url()).content.decode()
        assert ADDRESS not in html


class TestQueries:
    def queries(self, client):
        with CaptureQueriesContext(connection) as queries:
            response = look_up(client, ip="10.9.9.9")
        assert response.status_code == 200
        return len(queries), response

    def test_a_lookup_costs_the_same_for_2_or_20_jobs(
        self, client, django_user_model, django_assert_max_num_queries
    ):
        customer = django_user_model.objects.create_user("q1", "q1@example.com", "pw")
        area = make_area()
        make_request(contact_phone=PHONE, contact_name=NAME)
        make_booking(customer, make_slot(area, date=day(1)), contact_phone=PHONE, contact_name=NAME)
        few, response = self.queries(client)
        assert response.content.decode().count('class="card job"') == 2
        for n in range(2, 11):
            make_request(contact_phone=PHONE, contact_name=NAME)
            make_booking(
                customer, make_slot(area, date=day(n)), contact_phone=PHONE, contact_name=NAME
            )
        cache.clear()
        with django_assert_max_num_queries(few):
            many, response = self.queries(client)
        assert response.content.decode().count('class="card job"') == 20
        assert many == few
