"""Registering a unit from the QR landing: serial, purchase date, optional invoice photo."""

import datetime
import io
import uuid

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from aftersales.coverage import warranty_end
from aftersales.models import RegisteredUnit
from appliances import signing
from tests.factories.aftersales import make_appliance_model

pytestmark = pytest.mark.usefixtures("db")

URL = "/zh-hans/devices/register/"


@pytest.fixture
def model(db):
    """An air conditioner whose serials are AC and 14 digits, with the usual 12-month cover."""
    return make_appliance_model(serial_pattern=r"^AC[0-9]{14}$", base_warranty_months=12)


@pytest.fixture
def serial(model):
    serial = "AC20240301000001"
    assert model.serial_is_valid(serial)
    return serial


@pytest.fixture
def customer(client, db):
    user = get_user_model().objects.create_user("reg", "reg@example.com", "pw-12345678")
    client.force_login(user)
    return user


def photo(fmt="PNG", size=(40, 30), name=None):
    name = name or f"invoice-{uuid.uuid4().hex[:8]}.png"
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def post(client, model, serial, purchase_date, **extra):
    data = {"model": model.public_code, "serial": serial, "purchase_date": purchase_date, **extra}
    return client.post(URL, data)


class TestAVisitorWhoIsNotSignedIn:
    def test_is_offered_sign_in_or_sign_up_and_comes_back(self, client, model):
        response = client.get(URL, {"model": model.public_code})
        assert response.status_code == 200
        html = response.content.decode()
        assert "/zh-hans/shop/accounts/login/?next=" in html
        assert "devices/register/%3Fmodel%3D" + model.public_code in html

    def test_cannot_post_a_registration(self, client, model, serial):
        response = post(client, model, serial, "2025-01-01")
        assert response.status_code == 403
        assert not RegisteredUnit.objects.filter(serial=serial).exists()


class TestRegistering:
    def test_creates_the_unit_with_its_base_warranty_end(self, client, customer, model, serial):
        response = post(client, model, serial.lower(), "2025-03-01")
        assert response.status_code == 302
        assert response["Location"] == "/zh-hans/devices/"
        unit = RegisteredUnit.objects.get(owner=customer)
        assert unit.serial == serial
        assert unit.base_warranty_end == warranty_end(
            datetime.date(2025, 3, 1), model.base_warranty_months
        )
        if model.base_warranty_months == 12:
            assert unit.base_warranty_end == datetime.date(2026, 2, 28)

    def test_shows_the_unit_in_my_devices(self, client, customer, model, serial):
        post(client, model, serial, "2025-03-01")
        response = client.get("/zh-hans/devices/")
        html = response.content.decode()
        assert serial in html and model.model_number in html
        unit = RegisteredUnit.objects.get(owner=customer)
        assert f'data-date="{unit.base_warranty_end:%Y-%m-%d}"' in html

    def test_keeps_an_invoice_photo_out_of_public_media(self, client, customer, model, serial):
        post(client, model, serial, "2025-03-01", invoice=photo())
        unit = RegisteredUnit.objects.get(owner=customer)
        assert unit.invoice.name.startswith("invoices/")
        assert not (settings.MEDIA_ROOT / unit.invoice.name).exists()
        assert client.get(f"/media/{unit.invoice.name}").status_code == 404
        own = client.get(f"/zh-hans/devices/{unit.pk}/invoice/")
        assert own.status_code == 200
        assert b"".join(own.streaming_content).startswith(b"\x89PNG")

    def test_an_invoice_photo_is_shown_to_its_owner_only(self, client, customer, model, serial):
        post(client, model, serial, "2025-03-01", invoice=photo())
        unit = RegisteredUnit.objects.get(owner=customer)
        other = get_user_model().objects.create_user("nosy", "nosy@example.com", "pw")
        client.force_login(other)
        assert client.get(f"/zh-hans/devices/{unit.pk}/invoice/").status_code == 404

    def test_a_signed_unit_code_prefills_and_locks_the_serial(
        self, client, customer, model, serial
    ):
        sig = signing.unit_signature(model.public_code, serial)
        response = client.get(URL, {"model": model.public_code, "serial": serial, "sig": sig})
        html = response.content.decode()
        assert f'value="{serial}" readonly' in html
        post(client, model, serial, "2025-03-01", sig=sig)
        assert RegisteredUnit.objects.get(owner=customer).source == RegisteredUnit.Source.UNIT_QR

    def test_a_forged_signature_prefills_nothing(self, client, customer, model, serial):
        sig = signing.unit_signature(model.public_code, serial)
        forged = ("A" if sig[0] != "A" else "B") + sig[1:]
        response = client.get(URL, {"model": model.public_code, "serial": serial, "sig": forged})
        assert "readonly" not in response.content.decode()


class TestBadInput:
    @pytest.mark.parametrize(
        "serial_value, message",
        [("123", "不是"), ("AC-2024-03-01-0000", "不是")],
    )
    def test_a_serial_in_the_wrong_format_is_refused(
        self, client, customer, model, serial_value, message
    ):
        response = post(client, model, serial_value, "2025-03-01")
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not RegisteredUnit.objects.exists()

    def test_a_purchase_date_in_the_future_is_refused(self, client, customer, model, serial):
        tomorrow = datetime.date.today() + datetime.timedelta(days=2)
        response = post(client, model, serial, tomorrow.isoformat())
        assert response.status_code == 400
        assert "未来" in response.content.decode()

    def test_a_purchase_before_the_model_launched_is_refused(self, client, customer, model, serial):
        before = model.launch_date - datetime.timedelta(days=1)
        response = client.post(
            "/en/devices/register/",
            {"model": model.public_code, "serial": serial, "purchase_date": before.isoformat()},
        )
        assert response.status_code == 400
        assert "went on sale" in response.content.decode()

    def test_a_file_that_is_not_an_image_is_refused(self, client, customer, model, serial):
        fake = SimpleUploadedFile("invoice.png", b"%PDF-1.4 not an image", "image/png")
        response = post(client, model, serial, "2025-03-01", invoice=fake)
        assert response.status_code == 400
        assert not RegisteredUnit.objects.exists()

    def test_an_unknown_model_code_is_a_friendly_404(self, client, customer):
        response = client.get(URL, {"model": "ZZZZZZ"})
        assert response.status_code == 404
        assert "400-820-8820" in response.content.decode()


class TestASerialAlreadyRegistered:
    def test_to_someone_else_gets_a_clear_message_and_a_way_to_service(
        self, client, customer, model, serial
    ):
        other = get_user_model().objects.create_user("o", "other.owner@example.com", "pw")
        RegisteredUnit.objects.create(
            owner=other,
            appliance_model=model,
            serial=serial,
            purchase_date=datetime.date(2025, 1, 1),
            base_warranty_end=datetime.date(2025, 12, 31),
        )
        response = client.post(
            "/en/devices/register/",
            {"model": model.public_code, "serial": serial, "purchase_date": "2025-03-01"},
        )
        assert response.status_code == 409
        html = response.content.decode()
        assert "already registered to another account" in html
        assert "/en/contact/" in html
        assert "other.owner" not in html
        assert RegisteredUnit.objects.filter(serial=serial).count() == 1

    def test_to_yourself_sends_you_to_your_devices(self, client, customer, model, serial):
        post(client, model, serial, "2025-03-01")
        response = post(client, model, serial, "2025-03-01")
        assert response.status_code == 302
        assert RegisteredUnit.objects.filter(serial=serial).count() == 1


class TestMyDevices:
    def test_shows_only_your_own_units(self, client, customer, model, serial):
        other = get_user_model().objects.create_user("o2", "o2@example.com", "pw")
        RegisteredUnit.objects.create(
            owner=other,
            appliance_model=model,
            serial=serial,
            purchase_date=datetime.date(2025, 1, 1),
            base_warranty_end=datetime.date(2025, 12, 31),
        )
        assert serial not in client.get("/zh-hans/devices/").content.decode()

    def test_needs_a_sign_in(self, client):
        response = client.get("/zh-hans/devices/")
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_query_count_does_not_grow_with_units(
        self, client, customer, model, django_assert_max_num_queries
    ):
        def add(n):
            RegisteredUnit.objects.bulk_create(
                RegisteredUnit(
                    owner=customer,
                    appliance_model=model,
                    serial=f"BULK{n}{i:06d}",
                    purchase_date=datetime.date(2025, 1, 1),
                    base_warranty_end=datetime.date(2025, 12, 31),
                )
                for i in range(n)
            )

        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        add(2)
        client.get("/zh-hans/devices/")  # warm the per-process site-root cache
        with CaptureQueriesContext(connection) as few:
            client.get("/zh-hans/devices/")
        RegisteredUnit.objects.all().delete()
        add(40)
        with CaptureQueriesContext(connection) as many:
            assert client.get("/zh-hans/devices/").status_code == 200
        assert len(many) == len(few)
