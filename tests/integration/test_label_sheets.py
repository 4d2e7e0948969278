"""Printable sheets of per-unit QR labels for a factory run, made by staff in the CMS admin.

Sheets are read back the way a line worker's phone would: pdftoppm renders the pages at
150 dpi, zxing-cpp reads every code, and the decoded address is followed to the manual.
"""

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.contrib.auth.models import Permission
from PIL import Image
from wagtail.users.models import UserProfile

from appliances import signing
from cms.models import LabelBatch
from cms.qr import batches, labels
from tests.factories.aftersales import make_appliance_model
from tests.factories.cms import make_manual

LABELS_URL = "/cms/qr-labels/"
SERIAL = "AC20240301000001"


@pytest.fixture
def appliance_model(db):
    appliance_model = make_appliance_model()
    make_manual(appliance_model, languages=["zh-hans"])
    return appliance_model


@pytest.fixture
def printer(client, django_user_model):
    """Factory staff: CMS access and the right to add label batches, nothing more."""
    user = django_user_model.objects.create_user(
        username="label-printer", email="printer@example.cn", password="x"
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="cms", codename="add_labelbatch"),
    )
    set_admin_language(user, "en")
    client.force_login(user)
    return user


def set_admin_language(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def serials(count: int, start: int = 1) -> list[str]:
    return [f"AC2024030100{number:04d}" for number in range(start, start + count)]


def pdf_pages(pdf: bytes, tmp_path: Path, first: int = 1, last: int = 1) -> list[Image.Image]:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: apt-get install poppler-utils")
    source = tmp_path / "sheet.pdf"
    source.write_bytes(pdf)
    pages = ["-f", str(first), "-l", str(last)]
    subprocess.run(["pdftoppm", "-r", "150", "-png", *pages, source, tmp_path / "p"], check=True)
    return [Image.open(path) for path in sorted(tmp_path.glob("p-*.png"))]


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "sheet.pdf"
    source.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", source, "-"], check=True, capture_output=True
    ).stdout.decode()


def read_codes(page: Image.Image) -> list[str]:
    return sorted(result.text for result in zxingcpp.read_barcodes(page))


def path_of(url: str) -> str:
    return urlsplit(url).path


def body(response) -> bytes:
    return b"".join(response.streaming_content)


class TestASmallBatch:
    def test_downloads_at_once_and_every_code_on_the_page_reads(
        self, client, printer, appliance_model, settings, tmp_path
    ):
        settings.QR_BASE_URL = "HTTP://TESTSERVER"
        wanted = serials(45)
        response = client.post(
            LABELS_URL,
            {"appliance_model": appliance_model.pk, "serials": "\n".join(wanted)},
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        pdf = body(response)
        assert pdf.startswith(b"%PDF")

        first_page, second_page = pdf_pages(pdf, tmp_path, 1, 2)
        code = appliance_model.public_code
        expected = sorted(
            f"HTTP://TESTSERVER/Q/{code}/{serial}/{signing.unit_signature(code, serial)}"
            for serial in wanted
        )
        assert read_codes(first_page) + read_codes(second_page) == expected

        landing = client.get(path_of(expected[0]))
        assert landing.status_code == 302
        assert f"?serial={wanted[0]}&sig=" in landing["Location"]

    def test_is_recorded_with_who_printed_which_serials(self, client, printer, appliance_model):
        client.post(LABELS_URL, {"appliance_model": appliance_model.pk, "serials": SERIAL})
        batch = LabelBatch.objects.get(appliance_model=appliance_model)
        assert (batch.status, batch.count, batch.serials) == ("done", 1, SERIAL)
        assert batch.requested_by == printer
        assert batch.finished is not None

    def test_sheet_has_a_chinese_header_and_the_serials_in_text(
        self, client, printer, appliance_model, tmp_path
    ):
        response = client.post(
            LABELS_URL, {"appliance_model": appliance_model.pk, "serials": SERIAL}
        )
        text = pdf_text(body(response), tmp_path)
        assert appliance_model.name in text  # 静悦 1.5匹 变频挂机: the CJK font is embedded
        assert appliance_model.model_number in text and SERIAL in text

    def test_generator_makes_zero_padded_serials(self, client, printer, appliance_model):
        response = client.post(
            LABELS_URL,
            {
                "appliance_model": appliance_model.pk,
                "prefix": "AC2024030100",
                "start": "7",
                "count": "3",
                "digits": "4",
            },
        )
        assert response.status_code == 200
        batch = LabelBatch.objects.get(appliance_model=appliance_model)
        assert batch.serial_list() == ["AC20240301000007", "AC20240301000008", "AC20240301000009"]


class TestALargeBatch:
    def test_runs_in_the_background_and_downloads_when_done(
        self, client, printer, appliance_model, django_capture_on_commit_callbacks, tmp_path
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = client.post(
                LABELS_URL,
                {
                    "appliance_model": appliance_model.pk,
                    "prefix": "AC2024030100",
                    "start": "1",
                    "count": str(batches.INLINE_LIMIT + 50),
                    "digits": "4",
                },
            )
        assert response.status_code == 302
        assert len(callbacks) == 1, "the task is queued once, after the commit"
        batch = LabelBatch.objects.get(appliance_model=appliance_model)
        assert (batch.status, batch.count) == ("done", 250)

        listing = client.get(LABELS_URL)
        download_url = f"/cms/qr-labels/{batch.pk}/download/"
        assert download_url.encode() in listing.content

        download = client.get(download_url)
        assert download.status_code == 200
        pdf = body(download)
        last_page = -(-250 // labels.PER_PAGE)
        [page] = pdf_pages(pdf, tmp_path, last_page, last_page)
        codes = read_codes(page)
        assert len(codes) == 250 - (last_page - 1) * labels.PER_PAGE
        assert all("/AC2024030100" in code for code in codes)

        # The sheet holds valid per-unit signatures: it is not served from /media/.
        assert client.get(f"/media/{batch.file.name}").status_code == 404
        client.logout()
        assert client.get(download_url).status_code != 200

    def test_a_pending_batch_is_listed_without_a_link(self, client, printer, appliance_model):
        batch = LabelBatch.objects.create(
            appliance_model=appliance_model, serials="\n".join(serials(300)), count=300
        )
        listing = client.get(LABELS_URL)
        assert listing.status_code == 200
        assert f"/cms/qr-labels/{batch.pk}/download/".encode() not in listing.content
        early = client.get(f"/cms/qr-labels/{batch.pk}/download/")
        assert (early.status_code, early["Location"]) == (302, LABELS_URL)

    def test_task_run_twice_renders_once(self, appliance_model, monkeypatch):
        from cms.qr.tasks import generate_label_sheet

        batch = LabelBatch.objects.create(
            appliance_model=appliance_model, serials="\n".join(serials(3)), count=3
        )
        assert generate_label_sheet.delay(batch.pk).get() is True
        first_file = LabelBatch.objects.get(pk=batch.pk).file.name
        assert generate_label_sheet.delay(batch.pk).get() is False
        assert LabelBatch.objects.get(pk=batch.pk).file.name == first_file

    def test_a_sheet_that_cannot_render_is_marked_failed(self, appliance_model, monkeypatch):
        from cms.qr.tasks import generate_label_sheet

        def broken(**kwargs):
            raise ValueError("no room on the label")

        monkeypatch.setattr(labels, "label_sheet", broken)
        batch = LabelBatch.objects.create(appliance_model=appliance_model, serials=SERIAL, count=1)
        assert generate_label_sheet.delay(batch.pk).get() is False
        batch.refresh_from_db()
        assert batch.status == "failed" and not batch.file


class TestBadSerialInput:
    @pytest.mark.parametrize(
        "data, message",
        [
            ({"serials": "AC20240301000001\nXX1\nAC2024"}, "Not serial numbers of"),
            ({"serials": "AC20240301000001\nAC20240301000001"}, "more than once"),
            ({"serials": "\n".join(serials(5001))}, "At most 5000 labels"),
            ({"serials": "", "prefix": ""}, "Paste at least one serial number"),
            ({"serials": SERIAL, "prefix": "AC2024030100", "count": "3"}, "not both"),
            ({"prefix": "AC2024030100", "count": "3"}, "also fill in: First number"),
            ({"prefix": "AC2024030100", "start": "9998", "count": "5"}, "more than 4 digits"),
            ({"prefix": "AC2024030100", "start": "1", "count": "5001"}, "less than or equal"),
        ],
    )
    def test_is_refused_with_a_clear_message_and_nothing_written(
        self, client, printer, appliance_model, data, message
    ):
        response = client.post(
            LABELS_URL, {"appliance_model": appliance_model.pk, "digits": "4", **data}
        )
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not LabelBatch.objects.filter(appliance_model=appliance_model).exists()

    def test_names_the_bad_serials(self, client, printer, appliance_model):
        response = client.post(
            LABELS_URL, {"appliance_model": appliance_model.pk, "serials": "XX1\nAC2024"}
        )
        assert "XX1, AC2024" in response.content.decode()

    def test_is_refused_in_chinese_for_a_chinese_speaking_user(
        self, client, printer, appliance_model
    ):
        set_admin_language(printer, "zh-hans")
        response = client.post(LABELS_URL, {"appliance_model": "", "serials": SERIAL})
        assert response.status_code == 400
        assert re.search(r'class="error-message">\s*[\u4e00-\u9fff]', response.content.decode())

    def test_lower_case_serials_are_read_as_upper_case(self, client, printer, appliance_model):
        client.post(LABELS_URL, {"appliance_model": appliance_model.pk, "serials": SERIAL.lower()})
        assert LabelBatch.objects.get(appliance_model=appliance_model).serials == SERIAL


class TestWhoMayPrintLabels:
    def test_visitors_are_sent_to_sign_in(self, client, db):
        response = client.get(LABELS_URL)
        assert response.status_code == 302
        assert "/login/" in response["Location"]

    def test_customers_are_kept_out(self, client, django_user_model):
        customer = django_user_model.objects.create_user(
            username="qr-customer", email="customer@example.cn", password="x"
        )
        client.force_login(customer)
        assert client.get(LABELS_URL).status_code in (302, 403)
        batch = LabelBatch.objects.create(
            appliance_model=make_appliance_model(), serials=SERIAL, count=1, status="done"
        )
        assert client.get(f"/cms/qr-labels/{batch.pk}/download/").status_code in (302, 403)

    def test_editors_without_the_permission_are_turned_back(self, client, django_user_model):
        editor = django_user_model.objects.create_user(
            username="qr-editor", email="editor@example.cn", password="x"
        )
        editor.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        client.force_login(editor)
        batch = LabelBatch.objects.create(
            appliance_model=make_appliance_model(), serials=SERIAL, count=1, status="done"
        )
        for address in (LABELS_URL, f"/cms/qr-labels/{batch.pk}/download/"):
            # Wagtail turns the PermissionDenied into a message on the dashboard.
            response = client.get(address)
            assert (response.status_code, response["Location"]) == (302, "/cms/"), address

    def test_the_menu_shows_labels_only_to_those_allowed(self, client, printer):
        assert b"qr-labels" in client.get("/cms/").content
