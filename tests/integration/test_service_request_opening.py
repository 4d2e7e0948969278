"""Opening a service request: from My devices, a unit's QR code, a manual's fault, as a guest.

Two screens: the details, then the review with the cover and price; nothing is stored until
the customer confirms the review, and the confirmation works the price out again.
"""

import datetime
import html
import re
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from aftersales import attachments
from aftersales.models import (
    Channel,
    Cover,
    RepairRate,
    ServiceAttachment,
    ServiceKind,
    ServicePromise,
    ServiceRequest,
)
from appliances import signing
from appliances.models import Category
from tests.factories.aftersales import make_appliance_model, make_area, make_contract, make_unit
from tests.factories.service import make_request
from tests.factories.service_customer import not_a_photo, photo, video

pytestmark = pytest.mark.django_db

NEW = "/en/devices/service/new/"
PHONE = "13912345678"
# My devices: count, a page of units (cover and installation asked joined in), their
# contracts in force and their open requests; and the site's own (session, user, basket…).
DEVICES_QUERIES = 12


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()  # phone-code and per-client limits live in the cache


@pytest.fixture
def customer(client, django_user_model):
    user = django_user_model.objects.create_user("owner", "owner@example.cn", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def area():
    return make_area()


def details(service_area, **overrides) -> dict:
    fields = {
        "step": "details",
        "token": uuid.uuid4().hex,
        "kind": ServiceKind.ONSITE_REPAIR,
        "symptom": "不制冷，显示 E1",
        "area": service_area.pk,
        "address": "上海市浦东新区世纪大道100号 8楼",
        "contact_name": "王小明",
        "contact_phone": PHONE,
        "email": "",
    }
    fields.update(overrides)
    return {key: value for key, value in fields.items() if value is not None}


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def review(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 200, response.content.decode()[:3000]
    return response


def quote_shown(response) -> str:
    return re.search(r'name="quote" value="([^"]*)"', response.content.decode()).group(1)


def confirm(client, url, data, review_response, **extra):
    """Press "Confirm" on the review screen: the same fields, the quote it showed."""
    posted = {**data, "step": "confirm", "quote": quote_shown(review_response), **extra}
    return client.post(url, posted)


def hidden_subject(response) -> dict:
    """The link's own parameters the page carries on in hidden fields."""
    names = ("unit", "model", "serial", "sig", "fault", "fault_title")
    found = re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', text_of(response))
    return {name: value for name, value in found if name in names}


def private_files() -> set[Path]:
    root = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


class TestFromMyDevices:
    def test_each_unit_offers_the_requests_that_make_sense(self, client, customer):
        ac = make_unit(customer)
        purifier = make_unit(
            customer,
            make_appliance_model(category=Category.WATER_PURIFIER, serial_pattern=r"^WP[0-9]{14}$"),
            serial="WP00000000000001",
        )
        make_request(kind=ServiceKind.INSTALLATION, customer=customer, unit=purifier)
        html = client.get("/en/devices/").content.decode()
        ac_card = html[html.index(ac.serial) :]
        assert f"{NEW}?unit={ac.pk}&amp;kind=onsite_repair" in html
        assert f"{NEW}?unit={ac.pk}&amp;kind=installation" in html
        assert f"{NEW}?unit={ac.pk}&amp;kind=mailin_repair" not in html  # a wall unit
        assert f"{NEW}?unit={purifier.pk}&amp;kind=mailin_repair" in html
        # Installed already (or on its way): not offered again; its open request is shown.
        assert f"{NEW}?unit={purifier.pk}&amp;kind=installation" not in html
        assert "Request SR" in html and ac_card

    def test_my_devices_costs_the_same_queries_for_2_or_40_units(
        self, client, customer, django_assert_max_num_queries
    ):
        model = make_appliance_model()
        for _n in range(2):
            make_request(customer=customer, unit=make_unit(customer, model))
        client.get("/en/devices/")  # the first visit makes the basket
        with django_assert_max_num_queries(DEVICES_QUERIES):
            assert client.get("/en/devices/").status_code == 200
        for _n in range(38):
            unit = make_unit(customer, model)
            make_request(kind=ServiceKind.INSTALLATION, customer=customer, unit=unit)
        with django_assert_max_num_queries(DEVICES_QUERIES):
            assert client.get("/en/devices/").status_code == 200

    def test_the_form_knows_the_unit_and_does_not_ask_for_it(self, client, customer):
        unit = make_unit(customer)
        html = client.get(f"{NEW}?unit={unit.pk}&kind=onsite_repair").content.decode()
        assert unit.serial in html
        assert 'id="id_serial"' not in html and 'id="id_model_number"' not in html
        assert re.search(r'value="onsite_repair"[^>]*checked', html)

    def test_someone_elses_unit_is_not_found(self, client, customer, django_user_model):
        stranger = django_user_model.objects.create_user("s", "s@example.cn", "pw")
        unit = make_unit(stranger)
        assert client.get(f"{NEW}?unit={unit.pk}").status_code == 404
        assert client.get(f"{NEW}?unit=abc").status_code == 404
        client.logout()
        response = client.get(f"{NEW}?unit={unit.pk}")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_in_warranty_the_review_says_free_and_confirming_opens_it(self, client, customer, area):
        unit = make_unit(customer)
        url = f"{NEW}?unit={unit.pk}"
        data = {**details(area), "unit": unit.pk}
        shown = review(client, url, data)
        assert "Covered by the maker's warranty" in text_of(shown)
        assert ServiceRequest.objects.count() == 0  # nothing until confirmed
        response = confirm(client, url, data, shown)
        request = ServiceRequest.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/en/devices/service/{request.number}/"
        assert (request.customer, request.unit, request.cover) == (customer, unit, Cover.BASE)
        assert (request.channel, request.language) == (Channel.WEB, "en")
        assert request.area == area and request.symptom == "不制冷，显示 E1"
        assert list(request.events.values_list("action", flat=True)) == ["open"]

    def test_out_of_warranty_the_fee_and_estimate_must_be_accepted(
        self, client, customer, area, today
    ):
        unit = make_unit(customer, purchase_date=today - datetime.timedelta(days=900))
        ServicePromise.objects.create(kind=ServiceKind.ONSITE_REPAIR, callout_fee=Decimal("50"))
        RepairRate.objects.create(
            kind=ServiceKind.ONSITE_REPAIR,
            category=unit.appliance_model.category,
            labour=Decimal("120"),
            parts=Decimal("80"),
        )
        url = f"{NEW}?unit={unit.pk}"
        data = {**details(area), "unit": unit.pk}
        shown = review(client, url, data)
        html = shown.content.decode()
        assert "Out of warranty" in html
        for amount in ("50.00", "120.00", "80.00", "250.00"):
            assert amount in html
        refused = confirm(client, url, data, shown)
        assert refused.status_code == 400
        assert "Please accept the estimate" in refused.content.decode()
        assert ServiceRequest.objects.count() == 0
        assert confirm(client, url, data, shown, agree="1").status_code == 302
        request = ServiceRequest.objects.get()
        assert (request.cover, request.estimate_total) == (Cover.NONE, Decimal("250"))

    def test_a_price_that_changed_since_the_review_is_shown_again(
        self, client, customer, area, today
    ):
        unit = make_unit(customer, purchase_date=today - datetime.timedelta(days=900))
        url = f"{NEW}?unit={unit.pk}"
        data = {**details(area), "unit": unit.pk}
        shown = review(client, url, data)
        make_contract(unit, starts_on=today - datetime.timedelta(days=1))  # bought meanwhile
        response = confirm(client, url, data, shown, agree="1")
        assert response.status_code == 409
        assert "has changed since you looked" in response.content.decode()
        assert "Covered by your extended warranty" in response.content.decode()
        assert ServiceRequest.objects.count() == 0

    def test_pressing_confirm_twice_opens_one_request(self, client, customer, area):
        unit = make_unit(customer)
        url = f"{NEW}?unit={unit.pk}"
        data = {**details(area), "unit": unit.pk}
        shown = review(client, url, data)
        first = confirm(client, url, data, shown, files=[photo()])
        assert first.status_code == 302, text_of(first)[-3000:]
        second = confirm(client, url, data, shown, files=[photo()])
        request = ServiceRequest.objects.get()
        assert first["Location"] == second["Location"] == f"/en/devices/service/{request.number}/"
        assert request.attachments.count() == 1

    def test_an_installed_unit_is_not_installed_again(self, client, customer, area):
        unit = make_unit(customer)
        make_request(kind=ServiceKind.INSTALLATION, customer=customer, unit=unit)
        html = client.get(f"{NEW}?unit={unit.pk}").content.decode()
        assert 'value="installation"' not in html
        response = client.post(
            f"{NEW}?unit={unit.pk}",
            {**details(area, kind=ServiceKind.INSTALLATION), "unit": unit.pk},
        )
        assert response.status_code == 400
        assert "Choose one of the services listed" in response.content.decode()

    def test_a_visit_needs_the_area_and_the_address(self, client, customer):
        unit = make_unit(customer)
        data = {**details(make_area(), area="", address=""), "unit": unit.pk}
        html = client.post(f"{NEW}?unit={unit.pk}", data).content.decode()
        assert "Choose the district the engineer comes to." in html
        assert "Enter the address the engineer comes to." in html

    def test_a_second_open_repair_of_the_same_unit_points_to_the_first(
        self, client, customer, area
    ):
        unit = make_unit(customer)
        first = make_request(customer=customer, unit=unit)
        response = client.post(f"{NEW}?unit={unit.pk}", {**details(area), "unit": unit.pk})
        assert response.status_code == 400
        assert f"You already have an open request for this appliance: {first.number}" in (
            response.content.decode()
        )

    def test_a_chinese_name_is_prefilled_family_name_first(self, client, customer):
        customer.first_name, customer.last_name = "娜", "李"
        customer.save()
        unit = make_unit(customer)
        html = text_of(client.get(f"{NEW}?unit={unit.pk}"))
        assert 'name="contact_name" value="李娜"' in html
        assert "娜 李" not in html

    def test_a_signed_in_customer_can_choose_among_their_units(self, client, customer, area):
        unit = make_unit(customer)
        html = client.get(NEW).content.decode()
        assert f'<option value="{unit.pk}">' in html
        data = details(area, unit=unit.pk)
        shown = review(client, NEW, data)
        assert confirm(client, NEW, data, shown).status_code == 302
        assert ServiceRequest.objects.get().unit == unit


class TestFromAUnitsQRCode:
    def test_the_owner_gets_their_unit_and_the_request_comes_by_qr(self, client, customer, area):
        unit = make_unit(customer)
        code = unit.appliance_model.public_code
        sig = signing.unit_signature(code, unit.serial)
        url = f"{NEW}?model={code}&serial={unit.serial}&sig={sig}"
        html = client.get(url).content.decode()
        assert unit.serial in html and 'id="id_serial"' not in html
        data = {**details(area), "model": code, "serial": unit.serial, "sig": sig}
        shown = review(client, url, data)
        assert confirm(client, url, data, shown).status_code == 302
        request = ServiceRequest.objects.get()
        assert (request.channel, request.unit) == (Channel.QR, unit)

    def test_the_pages_carry_the_scan_on_so_it_stays_a_qr_request(self, client, customer, area):
        # What the browser sends back is what the pages put in their hidden fields: the
        # details page's subject decides the review's, and the review's decides the channel.
        unit = make_unit(customer)
        code = unit.appliance_model.public_code
        sig = signing.unit_signature(code, unit.serial)
        url = f"{NEW}?model={code}&serial={unit.serial}&sig={sig}"
        carried = hidden_subject(client.get(url))
        assert carried == {"model": code, "serial": unit.serial, "sig": sig}
        data = {**details(area), **carried}
        shown = review(client, NEW, data)
        carried = hidden_subject(shown)
        assert carried == {"model": code, "serial": unit.serial, "sig": sig}
        assert confirm(client, NEW, {**data, **carried}, shown).status_code == 302
        request = ServiceRequest.objects.get()
        assert (request.channel, request.unit) == (Channel.QR, unit)

    def test_a_forged_signature_is_ignored(self, client, customer):
        model = make_appliance_model()
        html = client.get(f"{NEW}?model={model.public_code}&serial=AC1&sig=AAAAAAAAAA").content
        assert b'id="id_serial"' in html and b'value="AC1"' not in html

    def test_an_unknown_model_code_is_not_found(self, client):
        assert client.get(f"{NEW}?model=NOPE").status_code == 404


class TestFromATroubleshootingEntry:
    def test_the_entry_is_prefilled_and_attached(self, client, customer, area):
        unit = make_unit(customer)
        code = unit.appliance_model.public_code
        url = f"{NEW}?model={code}&fault=e1&fault_title=E1%20不制冷"
        html = text_of(client.get(url))
        assert "From the manual's troubleshooting: E1 不制冷 (#e1)" in html
        assert "E1 不制冷</textarea>" in html
        data = {
            **details(area, symptom="E1 不制冷，试过重启"),
            "model": code,
            "fault": "e1",
            "fault_title": "E1 不制冷",
            "unit": unit.pk,
        }
        shown = review(client, url, data)
        assert confirm(client, url, data, shown).status_code == 302
        assert ServiceRequest.objects.get().troubleshooting == "E1 不制冷 (#e1)"

    def test_a_malformed_entry_is_ignored(self, client, customer):
        model = make_appliance_model()
        html = client.get(f"{NEW}?model={model.public_code}&fault=<script>").content.decode()
        assert "From the manual" not in html


class TestInChinese:
    def test_the_review_speaks_chinese(self, client, customer, area):
        unit = make_unit(customer)
        url = f"/zh-hans/devices/service/new/?unit={unit.pk}"
        data = {**details(area), "unit": unit.pk}
        body = text_of(review(client, url, data))
        assert "核对并确认" in body and "在厂家保修期内" in body
        assert "确认并提交服务单" in body and "上门维修" in body


class TestAsAGuest:
    def model_and_serial(self):
        model = make_appliance_model()
        return model, "AC20240301000042"

    def test_the_phone_is_confirmed_by_a_code_before_anything_is_opened(
        self, client, area, sms_outbox
    ):
        model, serial = self.model_and_serial()
        data = details(area, model_number=model.model_number.lower(), serial=serial)
        shown = review(client, NEW, data)
        assert "139****5678" in shown.content.decode()
        assert sms_outbox[-1].phone == PHONE
        code = re.search(r"\d{6}", sms_outbox[-1].text).group()
        assert confirm(client, NEW, data, shown).status_code == 400
        assert confirm(client, NEW, data, shown, code="000000" if code != "000000" else "1")
        assert ServiceRequest.objects.count() == 0
        response = confirm(client, NEW, data, shown, code=code)
        request = ServiceRequest.objects.get()
        assert request.customer is None and request.contact_phone == PHONE
        assert (request.appliance_model, request.serial, request.unit) == (model, serial, None)
        assert request.cover == Cover.NONE  # until staff see the receipt
        assert response.status_code == 302
        assert response["Location"].startswith("/en/devices/service/guest/")
        page = client.get(response["Location"])
        assert page.status_code == 200 and request.number in page.content.decode()

    def test_a_wrong_code_opens_nothing(self, client, area, sms_outbox):
        model, serial = self.model_and_serial()
        data = details(area, model_number=model.model_number, serial=serial)
        shown = review(client, NEW, data)
        code = re.search(r"\d{6}", sms_outbox[-1].text).group()
        wrong = f"{(int(code) + 1) % 10**6:06d}"
        response = confirm(client, NEW, data, shown, code=wrong)
        assert response.status_code == 400
        assert "not right or has expired" in response.content.decode()
        assert ServiceRequest.objects.count() == 0

    def test_a_guests_link_cannot_be_changed_to_another_request(self, client):
        assert client.get("/en/devices/service/guest/SR1:forged/").status_code == 404
        request = make_request()
        assert client.get(f"/en/devices/service/guest/{request.number}/").status_code == 404

    def test_an_unknown_model_number_or_a_bad_serial_is_explained(self, client, area):
        data = details(area, model_number="NOT-A-MODEL", serial="X")
        html = client.post(NEW, data).content.decode()
        assert "We do not know the model number NOT-A-MODEL" in html
        model, _serial = self.model_and_serial()
        html = client.post(NEW, details(area, model_number=model.model_number, serial="X")).content
        assert b"This is not a serial number of" in html


class TestPhotosAndVideo:
    def open_with(self, client, customer, area, files, **extra):
        unit = make_unit(customer)
        url = f"{NEW}?unit={unit.pk}"
        data = {**details(area), "unit": unit.pk}
        shown = review(client, url, data)
        return confirm(client, url, data, shown, files=files, **extra)

    def test_photos_are_kept_privately_and_shown_to_their_owner_only(
        self, client, customer, area, django_user_model
    ):
        response = self.open_with(
            client, customer, area, [photo(), photo("b.png", image_format="PNG")]
        )
        assert response.status_code == 302
        request = ServiceRequest.objects.get()
        first, second = request.attachments.order_by("pk")
        assert (first.content_type, second.content_type) == ("image/jpeg", "image/png")
        assert first.stage == ServiceAttachment.Stage.FAULT and first.uploaded_by == customer
        assert "fault" not in first.file.name  # stored under a name of its own
        url = f"/en/devices/service/{request.number}/files/{first.pk}/"
        assert url in client.get(response["Location"]).content.decode()
        served = client.get(url)
        assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
        assert served["Cache-Control"] == "private, no-store"
        client.force_login(django_user_model.objects.create_user("x", "x@example.cn", "pw"))
        assert client.get(url).status_code == 404

    def test_one_short_video_is_accepted(self, client, customer, area):
        assert self.open_with(client, customer, area, [video()]).status_code == 302
        assert ServiceAttachment.objects.get().content_type == "video/mp4"

    @pytest.mark.parametrize(
        "files, message",
        [
            (lambda: [not_a_photo()], "is not a photo"),
            (lambda: [photo(f"{n}.jpg") for n in range(4)], "up to 3 photos, or one short video"),
            (lambda: [photo(), video()], "up to 3 photos, or one short video"),
            (lambda: [video(), video("b.mp4")], "up to 3 photos, or one short video"),
        ],
    )
    def test_refused_files_open_nothing(self, client, customer, area, files, message):
        before = private_files()
        response = self.open_with(client, customer, area, files())
        assert response.status_code == 400
        assert message in response.content.decode()
        assert ServiceRequest.objects.count() == 0 and ServiceAttachment.objects.count() == 0
        assert private_files() == before

    def test_a_photo_or_video_over_the_limit_is_refused(self, client, customer, area, monkeypatch):
        monkeypatch.setattr(attachments, "PHOTO_MAX_BYTES", 200)
        monkeypatch.setattr(attachments, "VIDEO_MAX_BYTES", 1000)
        response = self.open_with(client, customer, area, [photo(size=(400, 400))])
        assert response.status_code == 400
        assert "a photo can be at most 200" in text_of(response).replace("\xa0", " ")
        response = self.open_with(client, customer, area, [video(size=5000)])
        assert response.status_code == 400
        assert "a video can be at most" in response.content.decode()
        assert ServiceRequest.objects.count() == 0
