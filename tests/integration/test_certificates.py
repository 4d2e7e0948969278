"""The extended warranty certificate: one bilingual A4 page whose text can be read back.

PDFs are read the way a customer's reader or a screen reader would, with poppler's
pdftotext (and pdfinfo for the page count).
"""

import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.conf import settings

from aftersales.certificates import render_certificate
from aftersales.models import WarrantyContract
from tests.factories.aftersales import COVERAGE_TERMS, make_contract, make_unit

pytestmark = pytest.mark.usefixtures("db")


def pdf_text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    run = subprocess.run(["pdftotext", source, "-"], check=True, capture_output=True)
    return run.stdout.decode()


def pdf_pages(pdf: bytes, tmp_path) -> int:
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", source], check=True, capture_output=True).stdout.decode()
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user(
        "cert-owner", "cert@example.cn", "pw", first_name="小明", last_name="王"
    )


@pytest.fixture
def unit(owner):
    return make_unit(owner, purchase_date=datetime.date(2025, 3, 1), serial="AC20250301000042")


@pytest.fixture
def contract(unit):
    return make_contract(unit, price=Decimal("1299.00"), purchased_on=datetime.date(2025, 3, 10))


def url(contract, language="zh-hans"):
    return f"/{language}/devices/warranties/{contract.number}/certificate.pdf"


class TestTheCertificateOfAnActivePlan:
    def test_names_the_contract_unit_and_holder(self, contract, unit, tmp_path):
        text = pdf_text(render_certificate(contract), tmp_path)
        assert contract.number in text
        assert unit.serial in text
        assert unit.appliance_model.model_number in text
        assert unit.appliance_model.name in text
        assert unit.appliance_model.name_en in text
        assert "王小明" in text  # family name first, as a Chinese name is written

    def test_gives_the_unit_and_cover_dates(self, contract, unit, tmp_path):
        text = pdf_text(render_certificate(contract), tmp_path)
        assert "2025-03-01" in text  # the unit's purchase date
        assert f"{unit.base_warranty_end:%Y-%m-%d}" == "2026-02-28"
        assert "2026-02-28" in text
        assert f"{contract.starts_on:%Y-%m-%d} – {contract.ends_on:%Y-%m-%d}" in text
        assert "2026-03-01 – 2029-02-28" in text

    def test_gives_plan_term_price_and_hotline(self, contract, tmp_path):
        text = pdf_text(render_certificate(contract), tmp_path)
        assert "3-year extended warranty" in text
        assert "36 个月" in text and "36 months" in text
        assert "CNY 1,299.00" in text and "人民币 1,299.00 元" in text
        assert settings.AFTERCARE_SERVICE_PHONE in text

    def test_chinese_and_english_are_both_extractable(self, contract, tmp_path):
        text = pdf_text(render_certificate(contract), tmp_path)
        assert "延长保修服务凭证" in text
        assert "Extended warranty certificate" in text
        for zh, en in [("合同编号", "Contract number"), ("产品序列号", "Serial number")]:
            assert zh in text and en in text
        assert "有效" in text and "Active" in text
        assert "CANCELLED" not in text

    def test_wraps_the_coverage_terms_by_character(self, contract, tmp_path):
        text = pdf_text(render_certificate(contract), tmp_path)
        assert "保障范围" in text
        # Chinese has no spaces: the terms wrap mid-phrase, but every line is whole text.
        joined = "".join(line.strip() for line in text.splitlines())
        assert COVERAGE_TERMS in joined

    def test_is_one_a4_page_even_with_very_long_terms(self, unit, tmp_path):
        long_terms = make_contract(unit, coverage_terms=COVERAGE_TERMS * 40)
        pdf = render_certificate(long_terms)
        assert pdf.startswith(b"%PDF")
        assert pdf_pages(pdf, tmp_path) == 1


class TestTheCertificateOfACancelledPlan:
    def test_says_prominently_that_it_is_void(self, unit, tmp_path):
        cancelled = make_contract(
            unit,
            status=WarrantyContract.Status.CANCELLED,
            cancelled_on=datetime.date(2025, 4, 1),
            refund_amount=Decimal("299.00"),
        )
        text = pdf_text(render_certificate(cancelled), tmp_path)
        assert "已取消" in text and "本凭证已失效" in text
        assert "CANCELLED: this certificate is void" in text
        assert "Cancelled on 2025-04-01" in text
        assert "Refunded CNY 299.00" in text
        assert "有效 Active" not in text


class TestDownloadingACertificate:
    def test_the_owner_gets_the_pdf(self, client, owner, contract):
        client.force_login(owner)
        response = client.get(url(contract))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert f'filename="{contract.number}.pdf"' in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
        assert response.content.startswith(b"%PDF")

    def test_is_the_same_bilingual_page_in_english(self, client, owner, contract, tmp_path):
        client.force_login(owner)
        text = pdf_text(client.get(url(contract, "en")).content, tmp_path)
        assert "延长保修服务凭证" in text and "Extended warranty certificate" in text

    def test_anyone_else_gets_a_404(self, client, contract, django_user_model):
        client.force_login(django_user_model.objects.create_user("nosy", "n@example.cn", "pw"))
        assert client.get(url(contract)).status_code == 404

    def test_an_unknown_number_is_the_same_404(self, client, owner, contract):
        client.force_login(owner)
        missing = client.get("/zh-hans/devices/warranties/WC999999-9/certificate.pdf")
        assert missing.status_code == 404

    def test_a_visitor_is_sent_to_sign_in(self, client, contract):
        response = client.get(url(contract))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_a_cancelled_plan_still_downloads_marked_void(self, client, owner, unit, tmp_path):
        cancelled = make_contract(unit, status=WarrantyContract.Status.CANCELLED)
        client.force_login(owner)
        text = pdf_text(client.get(url(cancelled)).content, tmp_path)
        assert "CANCELLED" in text
