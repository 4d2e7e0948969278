"""A repair from the QR code on the appliance to the customer's confirmation (issue #11,
acceptance 1), at 360 px in Chinese, with three people on three phones.

The customer scans their air conditioner's per-unit code, reads the manual's
troubleshooting, taps "still not fixed", sees the unit, its cover and the call-out fee,
attaches a photo and sends the request; the dispatcher gives it to the area's engineer in
a free window; the engineer sets off, arrives and finishes with a part, a photo and the
customer's signature; the customer follows each step on the timeline and confirms.

Messages: one per customer-visible step that aftersales.notices announces (STEP_NOTICES):
received, assigned, on the way, done, each by email and by text. "Arrived" and the
customer's own "confirmed" send none. All in Chinese, the language the request was made in.
"""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from aftersales.models import (
    Assignment,
    Channel,
    Engineer,
    PartUsed,
    ServiceArea,
    ServiceAttachment,
    ServiceNotice,
    ServiceRequest,
)
from appliances import signing
from appliances.models import ApplianceModel
from cms.models import ManualPage
from tests.factories.aftersales import make_unit

from .service_people import LANG, Person, has_chinese, jpeg, new_serial, sign_on_the_pad

pytestmark = pytest.mark.browser

CUSTOMER = "customer@aftercare.demo"  # 李娜: given name 娜, family name 李
DISPATCHER = "dispatcher@aftercare.demo"
ENGINEER = "engineer@aftercare.demo"  # 王建国, Shanghai Pudong
PHONE_NUMBER = "13912340011"
STEPS_ANNOUNCED = ["received", "assigned", "on_the_way", "done"]


@pytest.fixture
def people(browser, demo_transactional):
    made = []

    def person(name):
        made.append(Person(browser, name))
        return made[-1]

    yield person
    errors = [error for someone in made for error in someone.errors]
    for someone in made:
        someone.keep_last_page()
        someone.close()
    assert errors == [], f"JavaScript errors: {errors}"


def air_conditioner_with_a_manual() -> ApplianceModel:
    with_manual = ManualPage.objects.live().filter(appliance_model__category="air_conditioner")
    return ApplianceModel.objects.filter(
        is_active=True, pk__in=with_manual.values("appliance_model")
    ).order_by("pk")[0]


def out_of_warranty_unit(customer):
    model = air_conditioner_with_a_manual()
    today = timezone.localdate()
    return make_unit(
        customer,
        model,
        serial=new_serial(model),
        purchase_date=today - datetime.timedelta(days=3 * 365),
        base_warranty_end=today - datetime.timedelta(days=2 * 365),
    )


def dashboard_url(name, **kwargs) -> str:
    with translation.override(LANG):
        return reverse(f"dashboard:{name}", kwargs=kwargs)


def free_window_of(engineer: Engineer, page) -> str:
    """An arrival window offered on the assign form in which `engineer` has no job yet."""
    offered = page.locator("form[action$='/assign/'] select[name=assign-slot] option").evaluate_all(
        "options => options.map(o => o.value).filter(Boolean)"
    )
    taken = set(Assignment.objects.filter(engineer=engineer).values_list("date", "starts_at"))
    from aftersales.models import ServiceSlot

    for slot in ServiceSlot.objects.filter(pk__in=offered).order_by("date", "starts_at"):
        if (slot.date, slot.starts_at) not in taken:
            return str(slot.pk)
    raise AssertionError("the demo leaves the engineer a free window in the next two weeks")


def timeline_actions(page) -> list[str]:
    return page.locator(".timeline__step").evaluate_all("steps => steps.map(s => s.dataset.action)")


class TestARepairFromTheQRCodeToTheConfirmation:
    def test_every_step_is_seen_and_announced_once_in_chinese(
        self, live_server, people, sms_outbox
    ):
        from django.contrib.auth import get_user_model

        customer_user = get_user_model().objects.get(email=CUSTOMER)
        unit = out_of_warranty_unit(customer_user)
        code = unit.appliance_model.public_code
        engineer = Engineer.objects.get(user__email=ENGINEER)
        area = ServiceArea.objects.get(code="shanghai-pudong")
        mail.outbox.clear()
        problems = []

        # -- the customer, next to the appliance ------------------------------------------
        customer = people("customer")
        customer.sign_in(live_server, CUSTOMER)
        page = customer.page
        sig = signing.unit_signature(code, unit.serial)
        page.goto(f"{live_server.url}/q/{code}/{unit.serial}/{sig}")
        assert f"sig={sig}" in page.url and f"/{LANG}/" in page.url
        fault = page.locator("details:has(a[data-carry-unit])").first
        fault.locator("summary").tap()
        request_link = fault.locator("a[data-carry-unit]")
        assert f"sig={sig}" in request_link.get_attribute("href")  # manual.js carried it on
        customer.submit(request_link)
        assert "/devices/service/new/" in page.url
        assert unit.serial in page.locator(".lead").inner_text()
        assert page.locator("input[name=kind][value=onsite_repair]").is_checked()
        assert page.input_value("#id_contact_name") == "李娜"
        page.select_option("#id_area", str(area.pk))
        page.fill("#id_address", "上海市浦东新区世纪大道100号 8楼")
        page.fill("#id_contact_phone", PHONE_NUMBER)
        if not customer.fits_the_phone():
            problems.append("the request form scrolls sideways")
        customer.submit(page.locator(".service-form button[type=submit]"))

        review = page.locator(".review__summary").inner_text()
        assert unit.appliance_model.model_number in review and unit.serial in review
        assert "李娜" in review and "娜 李" not in review
        price = page.locator(".review__price").inner_text()
        assert "保修" in price  # what covers it (here: nothing any more)
        callout_fee = re.search(r"50(\.00)?", price)
        assert callout_fee, price
        page.set_input_files("#id_files", [jpeg("fault.jpg")])
        page.check("#id_agree")
        if not customer.fits_the_phone():
            problems.append("the review scrolls sideways")
        customer.submit(page.locator("button[name=step][value=confirm]"))

        service_request = ServiceRequest.objects.get(unit=unit)
        assert service_request.channel == Channel.QR
        assert service_request.contact_name == "李娜"
        assert service_request.language == LANG
        assert service_request.attachments.filter(stage="fault").count() == 1
        assert service_request.number in page.content()
        detail_url = page.url

        # -- the dispatcher -----------------------------------------------------------------
        dispatcher = people("dispatcher")
        dispatcher.sign_in(live_server, DISPATCHER)
        desk = dispatcher.page
        desk.goto(
            live_server.url + dashboard_url("aftersales-request-detail", pk=service_request.pk)
        )
        assign = desk.locator("form[action$='/assign/']")
        # select2 draws its own box over each select: the form posts the select's value.
        assign.locator("select[name=assign-engineer]").select_option(str(engineer.pk), force=True)
        slot_id = free_window_of(engineer, desk)
        assign.locator("select[name=assign-slot]").select_option(slot_id, force=True)
        assert "娜 李" not in desk.content()  # the timeline's customer: 李娜
        dispatcher.submit(assign.locator("button[type=submit]"))
        service_request.refresh_from_db()
        assert service_request.status == ServiceRequest.Status.ASSIGNED
        assert (service_request.engineer_id, str(service_request.slot_id)) == (engineer.pk, slot_id)

        # -- the engineer, on their phone ---------------------------------------------------
        worker = people("engineer")
        worker.sign_in(live_server, ENGINEER)
        job = worker.page
        with translation.override(LANG):
            job_url = reverse("engineer:job", kwargs={"number": service_request.number})
        job.goto(live_server.url + job_url)
        assert "我已出发" in job.content()
        job.fill("#id_eta_minutes", "25")
        worker.submit(job.locator("form[action$='/on-the-way/'] button[type=submit]"))
        worker.submit(job.locator("form[action$='/arrived/'] button[type=submit]"))
        done = job.locator("form.done-form")
        done.locator("textarea[name=resolution]").fill("更换启动电容，试机制冷正常")
        done.locator("input[name=labour_minutes]").fill("45")
        part_choice = done.locator("select[name='parts-0-part']")
        part = part_choice.locator("option").evaluate_all(
            "options => options.map(o => o.value).filter(Boolean)"
        )[0]
        part_choice.select_option(part)
        done.locator("input[name='parts-0-quantity']").fill("1")
        done.locator("input[name=photos]").set_input_files([jpeg("work.jpg", (40, 160, 40))])
        done.locator("input[name=confirmation][value=signature]").check()
        sign_on_the_pad(job)
        if not worker.fits_the_phone():
            problems.append("the engineer's job page scrolls sideways")
        worker.submit(done.locator("button[type=submit]"))
        service_request.refresh_from_db()
        assert service_request.status == ServiceRequest.Status.DONE, job.content()[:2000]
        assert PartUsed.objects.filter(request=service_request).count() == 1
        # The customer's fault photo, the engineer's photo of the work and the signature.
        kept = ServiceAttachment.objects.filter(request=service_request)
        assert kept.count() == 3 and kept.filter(stage="fault").count() == 1

        # -- the customer follows it and confirms ---------------------------------------------
        page.goto(detail_url)
        assert timeline_actions(page) == [
            "open",
            "assign",
            "on_the_way",
            "arrive",
            "complete",
            "signed",
        ]
        customer.submit(page.locator("form.actions button[type=submit]"))
        service_request.refresh_from_db()
        assert service_request.status == ServiceRequest.Status.CONFIRMED
        assert timeline_actions(page)[-1] == "confirm"
        if not customer.fits_the_phone():
            problems.append("the request's page scrolls sideways")

        # -- one message per announced step, by email and by text, in Chinese --------------
        notices = ServiceNotice.objects.filter(request=service_request).order_by("pk")
        for channel in (ServiceNotice.Channel.EMAIL, ServiceNotice.Channel.SMS):
            sent = notices.filter(channel=channel)
            assert list(sent.values_list("step", flat=True)) == STEPS_ANNOUNCED, channel
            assert not sent.filter(sent_at__isnull=True).exists()
        emails = [message for message in mail.outbox if message.to == [CUSTOMER]]
        texts = [message for message in sms_outbox if message.phone == PHONE_NUMBER]
        assert len(emails) == len(STEPS_ANNOUNCED)
        assert len(texts) == len(STEPS_ANNOUNCED)
        for message in emails:
            assert has_chinese(message.subject) and has_chinese(message.body), message.subject
            assert service_request.number in message.body
        for text in texts:
            assert has_chinese(text.text) and service_request.number in text.text, text.text
        assert problems == []
