"""The engineer's phone page: their own jobs today, and on my way, arrived, done."""

import datetime
import re
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from aftersales.models import (
    Assignment,
    Cover,
    PartUsed,
    ServiceAttachment,
    ServiceBooking,
    ServiceKind,
    ServiceRequest,
    WarrantyClaim,
)
from aftersales.services import refund_due
from catalog.kinds import CONSUMABLE
from tests.factories.aftersales import make_area, make_contract, make_unit
from tests.factories.catalog import make_consumable
from tests.factories.dispatch import (
    bulk_requests,
    make_job,
    make_working_engineer,
    photo_upload,
    signature_data_url,
    today_slot,
)
from tests.factories.service import make_engineer
from tests.factories.staff import make_shop_staff

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status
StockRecord = get_model("partner", "StockRecord")


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"engineer:{name}", kwargs=kwargs or None)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def new_customer():
    n = uuid.uuid4().hex[:8]
    return get_user_model().objects.create_user(f"c{n}", f"c{n}@example.com", "pw-12345678")


@pytest.fixture(autouse=True)
def no_codes_sent_yet():
    cache.clear()  # phone codes are limited per phone through the cache


@pytest.fixture
def area():
    return make_area()


@pytest.fixture
def engineer(area):
    return make_working_engineer(areas=[area])


@pytest.fixture
def phone(client, engineer):
    client.force_login(engineer.user)
    return client


def done_data(*, part=None, quantity=1, **overrides):
    data = {
        "resolution": "换了滤网，清洗了室内机",
        "labour_minutes": "30",
        "confirmation": "signature",
        "signature": signature_data_url(),
        "code": "",
        "parts-TOTAL_FORMS": "3",
        "parts-INITIAL_FORMS": "0",
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "10",
    }
    if part is not None:
        data["parts-0-part"] = str(part.stockrecords.get().pk)
        data["parts-0-quantity"] = str(quantity)
    data.update(overrides)
    return data


def stock_of(product) -> int:
    return StockRecord.objects.get(product=product).num_in_stock


class TestTheDay:
    def test_lists_my_jobs_today_in_window_order_with_map_and_phone(self, phone, engineer, area):
        afternoon = make_job(engineer, slot=today_slot(area, starts_at=datetime.time(14, 0)))
        morning = make_job(engineer, slot=today_slot(area, starts_at=datetime.time(9, 0)))
        visit = make_job(
            engineer,
            slot=today_slot(area, starts_at=datetime.time(11, 0)),
            booking_customer=new_customer(),
        )
        someone_else = make_job(make_working_engineer(areas=[area]))
        response = phone.get(url("day"))
        assert response.status_code == 200
        html = response.content.decode()
        numbers = [morning.job_number, visit.job_number, afternoon.job_number]
        positions = [html.index(number) for number in numbers]
        assert positions == sorted(positions)
        assert someone_else.job_number not in html
        assert "https://uri.amap.com/search?keyword=" in html
        assert f'href="tel:{morning.contact_phone}"' in html

    def test_lists_the_next_six_days_by_day_and_nothing_further(self, phone, engineer, area, today):
        def on(days, hour=9):
            slot = today_slot(
                area, day=today + datetime.timedelta(days=days), starts_at=datetime.time(hour, 0)
            )
            return make_job(engineer, slot=slot)

        tomorrow_late, tomorrow_early, sixth = on(1, 14), on(1, 9), on(6)
        seventh, yesterday = on(7), on(-1)
        someone_else = make_job(
            make_working_engineer(areas=[area]),
            slot=today_slot(area, day=today + datetime.timedelta(days=2)),
        )
        html = phone.get(url("day")).content.decode()
        coming = html[html.index('id="coming-title"') :]
        numbers = [tomorrow_early.job_number, tomorrow_late.job_number, sixth.job_number]
        positions = [coming.index(f'id="coming-{number}"') for number in numbers]
        assert positions == sorted(positions)
        assert (today + datetime.timedelta(days=1)).isoformat() in coming
        assert (today + datetime.timedelta(days=6)).isoformat() in coming
        for number in (seventh.job_number, yesterday.job_number, someone_else.job_number):
            assert number not in html

    def test_opens_in_the_engineers_preferred_language(self, phone, engineer):
        from membership.services import ensure_profile

        ensure_profile(user=engineer.user, language="en")
        with translation.override("zh-hans"):
            chinese = reverse("engineer:day")
        response = phone.get(chinese)
        assert response.status_code == 302 and response["Location"] == url("day")
        # A language picked on this phone wins over the preference.
        phone.cookies["django_language"] = "zh-hans"
        assert phone.get(chinese).status_code == 200

    def test_speaks_chinese_at_the_chinese_address(self, phone, engineer):
        job = make_job(engineer, kind=ServiceKind.INSTALLATION)
        with translation.override("zh-hans"):
            html = phone.get(reverse("engineer:day")).content.decode()
            detail = phone.get(reverse("engineer:job", kwargs={"number": job.job_number}))
        assert "今日工作" in html and "安装" in html
        assert "我已出发" in detail.content.decode()

    def test_the_bare_link_lands_in_the_engineers_language(self, phone, engineer):
        from membership.services import ensure_profile

        ensure_profile(user=engineer.user, language="en")
        response = phone.get("/engineer/")
        assert response["Location"] == url("day")

    @pytest.mark.parametrize("size", [10, 5_000])
    def test_costs_the_same_queries_however_long_the_history(
        self, phone, engineer, area, size, today, django_assert_max_num_queries
    ):
        bulk_requests(size, area=area, engineer=engineer)
        for hour in (9, 11, 14):
            make_job(engineer, slot=today_slot(area, starts_at=datetime.time(hour, 0)))
        for days in (1, 3, 6):
            make_job(engineer, slot=today_slot(area, day=today + datetime.timedelta(days=days)))
        # 1 for today, 1 for the six days after; the rest the site header.
        with django_assert_max_num_queries(15):
            response = phone.get(url("day"))
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count('class="card job ') == 3
        assert html.count('<li id="coming-') == 3


class TestWhoMaySeeAJob:
    def test_another_engineers_job_is_not_found_and_cannot_be_changed(self, phone, area):
        theirs = make_job(make_working_engineer(areas=[area]))
        number = theirs.job_number
        assert phone.get(url("job", number=number)).status_code == 404
        for step in ("on-the-way", "arrived", "done", "code"):
            response = phone.post(url(step, number=number), {"eta_minutes": "10"})
            assert response.status_code == 404, step
        theirs.request.refresh_from_db()
        assert theirs.request.status == Status.ASSIGNED

    def test_the_customers_photos_open_for_the_engineer_on_the_job_only(
        self, phone, engineer, area
    ):
        from django.core.files.base import ContentFile

        def with_photo(job):
            photo = ServiceAttachment(
                request=job.request, stage="fault", content_type="image/png", size=4
            )
            photo.file.save("fault.png", ContentFile(b"\x89PNG"), save=False)
            photo.save()
            return photo

        mine = make_job(engineer)
        my_photo = with_photo(mine)
        theirs = make_job(make_working_engineer(areas=[area]))
        their_photo = with_photo(theirs)
        response = phone.get(url("file", number=mine.job_number, pk=my_photo.pk))
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
        assert (
            phone.get(url("file", number=theirs.job_number, pk=their_photo.pk)).status_code == 404
        )
        # Nor through my own job's address.
        assert phone.get(url("file", number=mine.job_number, pk=their_photo.pk)).status_code == 404

    def test_staff_without_the_permission_are_refused(self, client, engineer):
        job = make_job(engineer)
        client.force_login(make_shop_staff())
        assert client.get(url("day")).status_code == 403
        assert client.get(url("job", number=job.job_number)).status_code == 403

    def test_an_account_with_the_permission_but_no_engineer_is_refused(self, client, engineer):
        user = make_engineer().user  # an engineer's account without the permission
        client.force_login(user)
        assert client.get(url("day")).status_code == 403

    def test_a_visitor_is_asked_to_sign_in(self, client):
        response = client.get(url("day"))
        assert response.status_code == 302 and "login" in response["Location"]


class TestOnMyWayAndArrived:
    def test_on_my_way_records_the_eta(self, phone, engineer):
        job = make_job(engineer)
        response = phone.post(url("on-the-way", number=job.job_number), {"eta_minutes": "25"})
        assert response.status_code == 302
        job.refresh_from_db()
        job.request.refresh_from_db()
        assert (job.request.status, job.request.eta_minutes) == (Status.ON_THE_WAY, 25)
        assert job.on_the_way_at is not None
        assert job.request.events.filter(action="on_the_way", actor=engineer.user).exists()

    @pytest.mark.parametrize("eta", ["", "0", "abc", "٣٠", "100000"])
    def test_a_bad_eta_is_refused(self, phone, engineer, eta):
        job = make_job(engineer)
        response = phone.post(url("on-the-way", number=job.job_number), {"eta_minutes": eta})
        assert response.status_code == 400
        job.request.refresh_from_db()
        assert job.request.status == Status.ASSIGNED

    def test_arrived_then_a_second_arrival_is_out_of_order(self, phone, engineer):
        job = make_job(engineer)
        assert phone.post(url("arrived", number=job.job_number)).status_code == 302
        job.request.refresh_from_db()
        assert job.request.status == Status.ARRIVED
        again = phone.post(url("arrived", number=job.job_number))
        assert again.status_code == 409

    def test_a_shop_visit_is_stamped(self, phone, engineer):
        job = make_job(engineer, booking_customer=new_customer())
        phone.post(url("on-the-way", number=job.job_number), {"eta_minutes": "15"})
        phone.post(url("arrived", number=job.job_number))
        job.refresh_from_db()
        assert job.on_the_way_at and job.arrived_at
        assert phone.post(url("arrived", number=job.job_number)).status_code == 409


@pytest.fixture
def covered_job(engineer, today):
    """An on-site repair under an extended contract bought long ago, the engineer on site."""
    customer = new_customer()
    unit = make_unit(customer, purchase_date=today - datetime.timedelta(days=400))
    contract = make_contract(unit, purchased_on=today - datetime.timedelta(days=100))
    job = make_job(engineer, status=Status.ARRIVED, unit=unit, customer=customer)
    assert job.request.cover == Cover.EXTENDED and job.request.contract == contract
    return job


class TestDone:
    def test_a_covered_repair_takes_parts_from_stock_and_records_its_claim(
        self, phone, covered_job, settings
    ):
        settings.AFTERCARE_LABOUR_RATE_PER_HOUR = Decimal("120.00")
        part = make_consumable(price=Decimal("20.00"), stock=10)
        data = done_data(part=part, quantity=2, labour_minutes="45")
        data["photos"] = [photo_upload("a.jpg"), photo_upload("b.jpg")]
        response = phone.post(url("done", number=covered_job.job_number), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        request = ServiceRequest.objects.get(pk=covered_job.request_id)
        assert request.status == Status.DONE and request.labour_minutes == 45
        assert request.completed_at is not None and "滤网" in request.resolution
        assert stock_of(part) == 8
        (used,) = PartUsed.objects.filter(request=request)
        assert (used.quantity, used.unit_price, used.title) == (2, Decimal("20.00"), part.title)
        claim = WarrantyClaim.objects.get(service_request=request)
        assert claim.contract == request.contract
        assert claim.amount == Decimal("40.00") + Decimal("90.00")  # parts + 45 min at 120/h
        stages = sorted(request.attachments.values_list("stage", flat=True))
        assert stages == ["signature", "work", "work"]
        signature = request.attachments.get(stage=ServiceAttachment.Stage.SIGNATURE)
        assert signature.content_type == "image/png"
        assert request.events.filter(action="signed").exists()
        assert Assignment.objects.get(pk=covered_job.pk).done_at is not None

    def test_a_real_sized_signature_gets_through(self, phone, covered_job):
        signature = signature_data_url(size=(640, 280), scribbles=40)
        assert len(signature) > 20_000  # past the site's 10,000-character cap on a value
        response = phone.post(
            url("done", number=covered_job.job_number), done_data(signature=signature)
        )
        assert response.status_code == 302
        assert covered_job.request.attachments.get().stage == ServiceAttachment.Stage.SIGNATURE

    def test_done_twice_records_one_claim_and_one_stock_movement(self, phone, covered_job):
        part = make_consumable(price=Decimal("20.00"), stock=10)
        data = done_data(part=part)
        assert phone.post(url("done", number=covered_job.job_number), data).status_code == 302
        again = phone.post(url("done", number=covered_job.job_number), done_data(part=part))
        assert again.status_code == 409
        assert stock_of(part) == 9
        assert WarrantyClaim.objects.filter(service_request=covered_job.request).count() == 1
        assert PartUsed.objects.count() == 1

    def test_a_later_cancellation_of_the_plan_deducts_the_claim(self, phone, covered_job, today):
        contract = covered_job.request.contract
        before = refund_due(contract, today=today)
        part = make_consumable(price=Decimal("20.00"), stock=10)
        phone.post(url("done", number=covered_job.job_number), done_data(part=part))
        claim = WarrantyClaim.objects.get(service_request=covered_job.request)
        contract.refresh_from_db()
        assert refund_due(contract, today=today) == before - claim.amount

    def test_a_base_warranty_repair_records_parts_but_no_claim(self, phone, engineer, today):
        customer = new_customer()
        unit = make_unit(customer, purchase_date=today - datetime.timedelta(days=30))
        job = make_job(engineer, status=Status.ARRIVED, unit=unit, customer=customer)
        assert job.request.cover == Cover.BASE
        part = make_consumable(stock=5)
        assert phone.post(url("done", number=job.job_number), done_data(part=part)).status_code == (
            302
        )
        assert not WarrantyClaim.objects.exists()
        assert PartUsed.objects.filter(request=job.request).count() == 1

    def test_the_customers_code_confirms(self, phone, covered_job, sms_outbox):
        number = covered_job.job_number
        assert phone.post(url("code", number=number)).status_code == 302
        (message,) = sms_outbox
        assert message.phone == covered_job.request.contact_phone and number in message.text
        assert "验证码" in message.text  # in the customer's language (the request's)
        code = re.search(r"\b(\d{6})\b", message.text).group(1)
        wrong = "000000" if code != "000000" else "111111"
        data = done_data(confirmation="code", code=wrong, signature="")
        refused = phone.post(url("done", number=number), data)
        assert refused.status_code == 400
        data["code"] = code
        assert phone.post(url("done", number=number), data).status_code == 302
        request = ServiceRequest.objects.get(pk=covered_job.request_id)
        assert request.status == Status.DONE
        assert request.events.filter(action="code_confirmed").exists()

    def test_asking_for_codes_too_fast_is_paused(self, phone, covered_job):
        number = covered_job.job_number
        phone.post(url("code", number=number))
        assert phone.post(url("code", number=number)).status_code == 429

    @pytest.mark.parametrize(
        "overrides",
        [
            {"signature": signature_data_url(blank=True)},
            {"signature": ""},
            {"signature": "data:image/png;base64,not-base64!"},
            {"signature": "data:text/html;base64,PGgxPg=="},
            {"confirmation": ""},
            {"confirmation": "code", "code": "12ab"},
            {"resolution": ""},
            {"labour_minutes": "-5"},
            {"parts-0-part": "99999999", "parts-0-quantity": "1"},
            {"parts-TOTAL_FORMS": "50"},
        ],
    )
    def test_bad_input_is_refused_and_nothing_is_done(self, phone, covered_job, overrides):
        response = phone.post(url("done", number=covered_job.job_number), done_data(**overrides))
        assert response.status_code == 400
        covered_job.request.refresh_from_db()
        assert covered_job.request.status == Status.ARRIVED
        assert not WarrantyClaim.objects.exists()

    def test_a_part_out_of_stock_leaves_everything_as_it_was(self, phone, covered_job):
        part = make_consumable(stock=1)
        response = phone.post(
            url("done", number=covered_job.job_number), done_data(part=part, quantity=2)
        )
        assert response.status_code == 409
        assert "left in stock" in " ".join(messages_of(response))
        covered_job.request.refresh_from_db()
        assert covered_job.request.status == Status.ARRIVED
        assert stock_of(part) == 1
        assert not WarrantyClaim.objects.exists() and not PartUsed.objects.exists()
        assert not covered_job.request.attachments.exists()

    def test_only_consumables_are_offered(self, phone, covered_job):
        from tests.factories.catalog import make_plan

        plan = make_plan()
        part = make_consumable()
        html = phone.get(url("job", number=covered_job.job_number)).content.decode()
        assert part.title in html and plan.title not in html
        response = phone.post(
            url("done", number=covered_job.job_number),
            done_data(**{"parts-0-part": str(plan.stockrecords.get().pk), "parts-0-quantity": "1"}),
        )
        assert response.status_code == 400

    def test_a_shop_visit_is_completed_with_the_customers_code(self, phone, engineer, sms_outbox):
        job = make_job(engineer, booking_customer=new_customer())
        number = job.job_number
        phone.post(url("code", number=number))
        code = re.search(r"\b(\d{6})\b", sms_outbox[0].text).group(1)
        part = make_consumable(stock=4)
        data = done_data(part=part, confirmation="code", code=code)
        response = phone.post(url("done", number=number), data)
        assert response.status_code == 302
        booking = ServiceBooking.objects.get(pk=job.booking_id)
        assert booking.status == ServiceBooking.Status.COMPLETED
        assert stock_of(part) == 3
        assert PartUsed.objects.get().booking == booking


def test_the_parts_class_is_the_shops_consumables():
    from aftersales.services.parts import PARTS_PRODUCT_CLASS

    assert PARTS_PRODUCT_CLASS == CONSUMABLE


def test_a_guidance_visit_is_not_a_repair_and_claims_nothing(phone, engineer, today):
    customer = new_customer()
    unit = make_unit(customer, purchase_date=today - datetime.timedelta(days=400))
    make_contract(unit, purchased_on=today - datetime.timedelta(days=100))
    job = make_job(
        engineer, status=Status.ARRIVED, unit=unit, customer=customer, kind=ServiceKind.GUIDANCE
    )
    assert phone.post(url("done", number=job.job_number), done_data()).status_code == 302
    assert not WarrantyClaim.objects.exists()
