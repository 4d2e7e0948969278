"""The customer hears of every step: an email (when an address is known) and a text, once.

Notices are written with the step, sent after it commits, and claimed before sending: a task
run twice, a replayed job or the sweep sends nothing more. Texts are in the request's
language.
"""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format

from aftersales import notices, tasks
from aftersales.models import ServiceBooking, ServiceNotice, ServiceRequest
from aftersales.services.requests import record_note, transition
from aftersales.services.requests_customer import cancel_request
from groundwork import sms
from tests.factories.aftersales import make_area, make_booking, make_slot
from tests.factories.service import make_engineer, make_request
from tests.factories.service_customer import assign

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status


@pytest.fixture
def customer(django_user_model):
    return django_user_model.objects.create_user("owner", "owner@example.cn", "pw")


def run_again(service_request) -> None:
    """Every task of the request's steps once more, as a retry or a replay would."""
    for event_id in service_request.events.values_list("pk", flat=True):
        tasks.send_service_notices.apply(args=[event_id])


def sms_to(outbox, phone: str) -> list[str]:
    return [message.text for message in outbox if message.phone == phone]


class TestEachStep:
    def test_one_email_and_one_text_per_step_however_often_the_task_runs(
        self, customer, django_capture_on_commit_callbacks, sms_outbox
    ):
        area = make_area()
        with django_capture_on_commit_callbacks(execute=True):
            request = make_request(customer=customer, area=area, language="en")
        with django_capture_on_commit_callbacks(execute=True):
            transition(request, action="answer", role="agent", now=timezone.now())
        slot = make_slot(area, starts_at=datetime.time(9), ends_at=datetime.time(11))
        engineer = make_engineer(areas=[area], name="Wang Wei")
        with django_capture_on_commit_callbacks(execute=True):
            transition(
                request,
                action="assign",
                role="dispatcher",
                now=timezone.now(),
                engineer=engineer,
                slot=slot,
            )
        with django_capture_on_commit_callbacks(execute=True):
            transition(
                request, action="on_the_way", role="engineer", now=timezone.now(), eta_minutes=30
            )
        with django_capture_on_commit_callbacks(execute=True):
            transition(request, action="arrive", role="engineer", now=timezone.now())
        with django_capture_on_commit_callbacks(execute=True):
            transition(request, action="complete", role="engineer", now=timezone.now())
        run_again(request)
        run_again(request)

        texts = sms_to(sms_outbox, request.contact_phone)
        assert len(texts) == 5  # received, answered, assigned, on the way, done
        assert len(mail.outbox) == 5
        assert all(message.to == ["owner@example.cn"] for message in mail.outbox)
        received, answered, assigned, on_the_way, done = texts
        assert request.number in received and "will contact you by" in received
        assert "has looked at request" in answered
        assert "Engineer Wang Wei will visit on" in assigned and "09:00" in assigned
        assert "about 30 minutes" in on_the_way
        assert f"/en/devices/service/{request.number}/" in done and "confirm" in done
        assert "Request " + request.number + " done: please confirm" in mail.outbox[-1].subject
        # The "done" message carries the signed rating link, which opens without signing in.
        rating = re.search(r"https?://\S+/en/service/rate/\S+", done)
        assert rating is not None, done
        path = "/" + rating.group().split("/", 3)[3]
        assert Client().get(path).status_code == 200
        assert ServiceNotice.objects.filter(request=request).count() == 10
        assert not ServiceNotice.objects.filter(sent_at__isnull=True).exists()

    def test_the_request_email_is_used_and_a_guest_gets_a_signed_link(
        self, django_capture_on_commit_callbacks, sms_outbox
    ):
        with django_capture_on_commit_callbacks(execute=True):
            make_request(email="guest@example.cn", language="en")
        assert mail.outbox[-1].to == ["guest@example.cn"]
        assert "/en/devices/service/guest/" in sms_outbox[-1].text

    def test_without_an_email_only_the_text_goes(
        self, django_capture_on_commit_callbacks, sms_outbox
    ):
        with django_capture_on_commit_callbacks(execute=True):
            request = make_request(language="en")
        assert mail.outbox == []
        assert list(request.notices.values_list("channel", flat=True)) == ["sms"]
        assert len(sms_outbox) == 1

    def test_staff_only_entries_say_nothing(
        self, customer, django_capture_on_commit_callbacks, sms_outbox
    ):
        request = make_request(customer=customer)
        sms_outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            record_note(request, action="escalate", role="system", now=timezone.now())
            transition(request, action="answer", role="agent", now=timezone.now())
        assert len(sms_outbox) == 1  # the answer only

    def test_a_cancellation_is_confirmed(
        self, customer, django_capture_on_commit_callbacks, sms_outbox
    ):
        request = make_request(customer=customer, language="en")
        with django_capture_on_commit_callbacks(execute=True):
            cancel_request(
                service_request=request, actor=customer, role="customer", now=timezone.now()
            )
        assert sms_outbox[-1].text == f"Request {request.number} is cancelled."


class TestInChinese:
    def test_a_chinese_request_is_told_in_chinese(
        self, customer, django_capture_on_commit_callbacks, sms_outbox
    ):
        area = make_area()
        with django_capture_on_commit_callbacks(execute=True):
            request = make_request(customer=customer, area=area, language="zh-hans")
        slot = make_slot(area, starts_at=datetime.time(14), ends_at=datetime.time(16))
        engineer = make_engineer(areas=[area], name="王师傅")
        with django_capture_on_commit_callbacks(execute=True):
            transition(
                request,
                action="assign",
                role="dispatcher",
                now=timezone.now(),
                engineer=engineer,
                slot=slot,
            )
        received, assigned = sms_to(sms_outbox, request.contact_phone)
        assert f"您的上门维修服务单 {request.number} 已受理" in received
        assert "/zh-hans/devices/service/" in received
        with translation.override("zh-hans"):
            day = date_format(slot.date, "MONTH_DAY_FORMAT")
        assert f"工程师 王师傅 将于 {day} 14:00–16:00 上门" in assigned
        assert "服务单" in mail.outbox[-1].subject
        assert "服务热线" in mail.outbox[-1].body


class TestTheDayBefore:
    def test_tomorrows_visits_and_shop_visits_are_reminded_once(
        self, customer, django_capture_on_commit_callbacks, sms_outbox, today
    ):
        area = make_area()
        tomorrow = make_slot(area, date=today + datetime.timedelta(days=1))
        later = make_slot(area, date=today + datetime.timedelta(days=3))
        visit = make_request(customer=customer, area=area, language="en")
        assign(visit, slot=tomorrow)
        not_yet = make_request(customer=customer, area=area, contact_phone="13900000001")
        assign(not_yet, slot=later)
        booking = make_booking(customer, tomorrow, contact_phone="13700000002")
        make_booking(customer, tomorrow, status=ServiceBooking.Status.CANCELLED)
        sms_outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.send_day_before_reminders.apply().get() == 4
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.send_day_before_reminders.apply().get() == 0
        assert len(sms_to(sms_outbox, visit.contact_phone)) == 1
        assert "Reminder: engineer" in sms_to(sms_outbox, visit.contact_phone)[0]
        assert sms_to(sms_outbox, "13900000001") == []
        (shop,) = sms_to(sms_outbox, "13700000002")
        # No member profile: the site's language, Chinese.
        assert booking.number in shop and "将于明天" in shop
        assert len(mail.outbox) == 2

    def test_a_visit_cancelled_before_its_reminder_goes_is_not_reminded(
        self, customer, sms_outbox, today
    ):
        area = make_area()
        visit = make_request(customer=customer, area=area)
        assign(visit, slot=make_slot(area, date=today + datetime.timedelta(days=1)))
        (first, *_rest) = notices.write_reminders(today=today)
        ServiceRequest.objects.filter(pk=visit.pk).update(status=Status.CANCELLED)
        sms_outbox.clear()
        assert notices.send_notice(notice_id=first) is False
        assert sms_outbox == []
        assert ServiceNotice.objects.get(pk=first).error == "no longer due"


class TestWhenSendingFails:
    def test_a_lost_notice_is_sent_by_the_sweep_once(self, customer, sms_outbox):
        request = make_request(customer=customer)  # its queueing "lost": nothing ran
        assert sms_outbox == []
        ServiceNotice.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=20))
        assert tasks.resend_lost_service_notices.apply().get() == 2
        assert tasks.resend_lost_service_notices.apply().get() == 0
        assert len(sms_outbox) == 1 and len(mail.outbox) == 1
        assert request.number in sms_outbox[0].text

    def test_a_notice_on_its_way_is_left_to_its_task(self, customer, sms_outbox):
        make_request(customer=customer)
        assert tasks.resend_lost_service_notices.apply().get() == 0

    def test_a_passing_failure_is_retried_and_sends_once(self, customer, monkeypatch, sms_outbox):
        request = make_request(customer=customer)
        event = request.events.get()
        real_send = sms.LocmemBackend.send
        calls = []

        def flaky(self, message):
            calls.append(message)
            if len(calls) == 1:
                raise ConnectionError("network down")
            return real_send(self, message)

        monkeypatch.setattr(sms.LocmemBackend, "send", flaky)
        with pytest.raises(ConnectionError):
            notices.send_for_event(event_id=event.pk)
        assert len(mail.outbox) == 1  # the email went; the text is released for the retry
        assert ServiceNotice.objects.get(channel="sms").sent_at is None
        assert notices.send_for_event(event_id=event.pk) == 1
        assert notices.send_for_event(event_id=event.pk) == 0
        assert len(sms_outbox) == 1 and len(mail.outbox) == 1

    def test_a_refused_text_is_recorded_and_not_retried(self, customer, monkeypatch):
        request = make_request(customer=customer)

        def refuse(self, message):
            raise sms.SmsRefused("isv.MOBILE_NUMBER_ILLEGAL: bad number")

        monkeypatch.setattr(sms.LocmemBackend, "send", refuse)
        notices.send_for_event(event_id=request.events.get().pk)
        notice = ServiceNotice.objects.get(channel="sms")
        assert notice.sent_at is not None and "MOBILE_NUMBER_ILLEGAL" in notice.error
