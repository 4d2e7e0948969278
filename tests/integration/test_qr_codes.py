"""The QR codes on devices: per-model and per-unit landings, the not-found page, images.

Codes are read back the way a phone would: the PNG with zxing-cpp, the SVG after Chromium
has drawn it; the decoded address is then followed with the test client.
"""

import io
import os
import re
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image

from appliances import signing
from tests.factories.aftersales import make_appliance_model
from tests.factories.cms import make_manual

# Playwright's sync API runs an event loop in this thread; Django's guard against ORM calls
# from async code would otherwise trip on the test's own database work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SERIAL = "AC20240301000001"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148"


@pytest.fixture
def model_with_manuals(db):
    """A model with a live manual in each language, by language."""
    appliance_model = make_appliance_model()
    return appliance_model, make_manual(appliance_model)


@pytest.fixture
def qr_base(settings):
    """Codes that point at the test server, so the decoded address can be followed."""
    settings.QR_BASE_URL = "HTTP://TESTSERVER"


def decode(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def path_of(url: str) -> str:
    return urlsplit(url).path


class TestAModelCode:
    def test_opens_the_manual_in_the_browsers_language(self, client, model_with_manuals):
        appliance_model, manuals = model_with_manuals
        english = client.get(f"/q/{appliance_model.public_code}", HTTP_ACCEPT_LANGUAGE="en-US")
        chinese = client.get(f"/q/{appliance_model.public_code}", HTTP_ACCEPT_LANGUAGE="zh-CN")
        assert english.status_code == chinese.status_code == 302
        assert english["Location"] == manuals["en"].url
        assert chinese["Location"] == manuals["zh-hans"].url
        assert english["Location"].startswith("/en/")

    def test_follows_the_language_cookie_before_the_browser(self, client, model_with_manuals):
        appliance_model, manuals = model_with_manuals
        client.cookies["django_language"] = "en"
        response = client.get(f"/q/{appliance_model.public_code}", HTTP_ACCEPT_LANGUAGE="zh-CN")
        assert response["Location"] == manuals["en"].url

    def test_opens_the_chinese_manual_when_there_is_none_in_english(self, client, db):
        appliance_model = make_appliance_model()
        chinese = make_manual(appliance_model, languages=["zh-hans"])["zh-hans"]
        response = client.get(f"/q/{appliance_model.public_code}", HTTP_ACCEPT_LANGUAGE="en")
        assert response["Location"] == chinese.url

    @pytest.mark.parametrize("form", ["{code}", "{lower}", "{code}/", "{lower}/"])
    def test_is_read_in_any_case_with_or_without_a_slash(self, client, model_with_manuals, form):
        appliance_model, manuals = model_with_manuals
        code = appliance_model.public_code
        response = client.get("/q/" + form.format(code=code, lower=code.lower()))
        assert response.status_code == 302
        assert response["Location"] == manuals["zh-hans"].url

    def test_redirect_is_never_cached_so_every_scan_is_counted(self, client, model_with_manuals):
        appliance_model, _ = model_with_manuals
        response = client.get(f"/q/{appliance_model.public_code}")
        assert "no-cache" in response["Cache-Control"]
        assert "Accept-Language" in response["Vary"]


class TestACodeThatLeadsNowhere:
    @pytest.fixture
    def addresses(self, db):
        retired = make_appliance_model(model_number="KFR-26GW/RETIRED", is_active=False)
        make_manual(retired, languages=["zh-hans"])
        no_manual = make_appliance_model(model_number="KFR-26GW/NOMANUAL")
        retired_sig = signing.unit_signature(retired.public_code, SERIAL)
        return {
            "unknown": "/q/ZZZZZZ",
            "retired": f"/q/{retired.public_code}",
            "without a manual": f"/q/{no_manual.public_code}",
            "malformed": "/q/not-a-code/at-all",
            "unit of a retired model": f"/q/{retired.public_code}/{SERIAL}/{retired_sig}",
        }

    def test_gets_the_same_branded_page_whatever_the_reason(self, client, addresses):
        pages = {}
        for reason, address in addresses.items():
            response = client.get(address, HTTP_ACCEPT_LANGUAGE="en")
            assert response.status_code == 404, reason
            assert "cms/qr/not_found.html" in [t.name for t in response.templates], reason
            assert "base.html" in [t.name for t in response.templates], reason
            pages[reason] = _without_tokens(response.content.decode())
        assert len(set(pages.values())) == 1, "the page differs by reason"
        body = pages["retired"]
        assert "RETIRED" not in body and "NOMANUAL" not in body

    def test_offers_search_and_the_hotline(self, client, addresses, settings):
        response = client.get(addresses["unknown"], HTTP_ACCEPT_LANGUAGE="en")
        body = response.content.decode()
        assert 'role="search"' in body and 'name="q"' in body
        assert settings.AFTERCARE_SERVICE_PHONE in body
        assert f'href="tel:{settings.AFTERCARE_SERVICE_PHONE.replace("-", "")}"' in body

    @pytest.mark.parametrize("language", ["en", "zh-hans"])
    def test_speaks_the_visitors_language(self, client, addresses, language):
        response = client.get(addresses["unknown"], HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 404
        assert response["Content-Language"] == language
        assert f'<html lang="{language}"' in response.content.decode()

    def test_is_not_redirected_to_a_language_prefixed_address(self, client, db):
        for address in ["/q/ZZZZZZ", "/q/ZZZZZZ/", "/q/ZZZZZZ/AC20240301000001/ABCDEFGHJK"]:
            assert client.get(address).status_code == 404, address


class TestAUnitCode:
    def test_lands_on_the_manual_carrying_the_signed_serial(self, client, model_with_manuals):
        appliance_model, manuals = model_with_manuals
        code = appliance_model.public_code
        sig = signing.unit_signature(code, SERIAL)
        response = client.get(f"/q/{code}/{SERIAL}/{sig}", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 302
        assert response["Location"] == f"{manuals['en'].url}?serial={SERIAL}&sig={sig}"

    def test_is_read_in_any_case_with_or_without_a_slash(self, client, model_with_manuals):
        appliance_model, manuals = model_with_manuals
        code = appliance_model.public_code
        sig = signing.unit_signature(code, SERIAL)
        for address in [f"/q/{code}/{SERIAL}/{sig}/", f"/q/{code}/{SERIAL}/{sig}".lower()]:
            response = client.get(address)
            assert response.status_code == 302, address
            assert response["Location"].endswith(f"?serial={SERIAL}&sig={sig}"), address

    def test_refuses_a_signature_changed_at_any_position(self, client, model_with_manuals):
        appliance_model, _ = model_with_manuals
        code = appliance_model.public_code
        sig = signing.unit_signature(code, SERIAL)
        for position in range(len(sig)):
            changed = sig[:position] + ("B" if sig[position] != "B" else "C") + sig[position + 1 :]
            response = client.get(f"/q/{code}/{SERIAL}/{changed}")
            assert response.status_code == 404, position

    @pytest.mark.parametrize("position", [2, 9, 15])
    def test_refuses_a_changed_serial(self, client, model_with_manuals, position):
        appliance_model, _ = model_with_manuals
        code = appliance_model.public_code
        sig = signing.unit_signature(code, SERIAL)
        digit = str((int(SERIAL[position]) + 1) % 10)
        walked = SERIAL[:position] + digit + SERIAL[position + 1 :]
        assert client.get(f"/q/{code}/{walked}/{sig}").status_code == 404

    def test_refuses_the_serial_under_another_models_code(self, client, model_with_manuals):
        appliance_model, _ = model_with_manuals
        other = make_appliance_model(model_number="KFR-72LW/OTHER")
        make_manual(other, languages=["zh-hans"])
        sig = signing.unit_signature(appliance_model.public_code, SERIAL)
        assert client.get(f"/q/{other.public_code}/{SERIAL}/{sig}").status_code == 404

    def test_refuses_a_changed_code(self, client, model_with_manuals):
        appliance_model, _ = model_with_manuals
        code = appliance_model.public_code
        sig = signing.unit_signature(code, SERIAL)
        changed = code[:-1] + ("2" if code[-1] != "2" else "3")
        assert client.get(f"/q/{changed}/{SERIAL}/{sig}").status_code == 404

    def test_a_valid_signature_is_honoured_by_registration(self, model_with_manuals):
        appliance_model, _ = model_with_manuals
        sig = signing.unit_signature(appliance_model.public_code, SERIAL)
        assert signing.verify_unit(appliance_model.public_code, SERIAL.lower(), sig)


class TestTheUpperCaseAddressInTheCode:
    def test_is_routed_like_the_lower_case_one(self, client, model_with_manuals):
        # The code spells /Q/ because lower case would leave QR alphanumeric mode.
        appliance_model, manuals = model_with_manuals
        response = client.get(f"/Q/{appliance_model.public_code}")
        assert response.status_code == 302
        assert response["Location"] == manuals["zh-hans"].url


class TestTheModelCodeImages:
    def test_png_reads_back_as_the_address_that_opens_the_manual(
        self, client, model_with_manuals, qr_base
    ):
        appliance_model, manuals = model_with_manuals
        response = client.get(f"/q/{appliance_model.public_code}.png")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        [url] = decode(response.content)
        assert url == f"HTTP://TESTSERVER/Q/{appliance_model.public_code}"
        landing = client.get(path_of(url), HTTP_ACCEPT_LANGUAGE="en")
        assert landing.status_code == 302
        assert landing["Location"] == manuals["en"].url
        manual = client.get(landing["Location"])
        assert manual.status_code == 200
        assert manual.context["page"].pk == manuals["en"].pk

    def test_png_has_the_model_number_printed_beneath(self, client, model_with_manuals):
        appliance_model, _ = model_with_manuals
        image = Image.open(io.BytesIO(client.get(f"/q/{appliance_model.public_code}.png").content))
        assert image.height > image.width, "a caption band under the square symbol"
        band = image.convert("L").crop((0, image.width, image.width, image.height))
        assert band.getextrema()[0] < 128, "something dark is written in the band"

    def test_png_keeps_a_quiet_zone_of_four_modules(self, client, model_with_manuals):
        appliance_model, _ = model_with_manuals
        image = Image.open(io.BytesIO(client.get(f"/q/{appliance_model.public_code}.png").content))
        grey = image.convert("L")
        # The default scale is 8 pixels a module: the outer 32 pixels are white.
        for box in [(0, 0, image.width, 32), (0, 0, 32, image.width)]:
            assert grey.crop(box).getextrema() == (255, 255)

    def test_svg_names_the_model_in_a_cjk_capable_font(self, client, model_with_manuals):
        appliance_model, _ = model_with_manuals
        response = client.get(f"/q/{appliance_model.public_code}.svg")
        assert response["Content-Type"] == "image/svg+xml"
        svg = response.content.decode()
        assert "Noto Sans CJK SC" in svg and "sans-serif" in svg
        assert f">{appliance_model.model_number}</text>" in svg

    def test_images_are_cacheable_for_a_day(self, client, model_with_manuals):
        appliance_model, _ = model_with_manuals
        for kind in ("svg", "png"):
            response = client.get(f"/q/{appliance_model.public_code}.{kind}")
            assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=86400"}

    def test_unknown_code_has_no_image(self, client, db):
        assert client.get("/q/ZZZZZZ.png").status_code == 404

    @pytest.mark.browser
    def test_svg_drawn_by_chromium_reads_back_as_the_landing(
        self, client, model_with_manuals, qr_base
    ):
        from playwright.sync_api import sync_playwright

        appliance_model, manuals = model_with_manuals
        svg = client.get(f"/q/{appliance_model.public_code}.svg").content.decode()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                ],
            )
            try:
                page = browser.new_page()
                page.set_content(f"<body style='margin:0;background:#fff'>{svg}</body>")
                shot = page.locator("svg").first.screenshot()
            finally:
                browser.close()
        [url] = decode(shot)
        assert url == f"HTTP://TESTSERVER/Q/{appliance_model.public_code}"
        assert client.get(path_of(url))["Location"] == manuals["zh-hans"].url


class TestTheUnitCodeImages:
    @pytest.fixture
    def staff_client(self, client, django_user_model):
        staff = django_user_model.objects.create_user(
            username="qr-staff", email="qr-staff@example.cn", password="x", is_staff=True
        )
        client.force_login(staff)
        return client

    def test_png_for_staff_reads_back_as_a_landing_with_the_serial(
        self, staff_client, model_with_manuals, qr_base
    ):
        appliance_model, manuals = model_with_manuals
        code = appliance_model.public_code
        response = staff_client.get(f"/q/{code}/{SERIAL}.png")
        assert response.status_code == 200
        [url] = decode(response.content)
        sig = signing.unit_signature(code, SERIAL)
        assert url == f"HTTP://TESTSERVER/Q/{code}/{SERIAL}/{sig}"
        landing = staff_client.get(path_of(url))
        assert landing["Location"] == f"{manuals['zh-hans'].url}?serial={SERIAL}&sig={sig}"

    def test_svg_for_staff_prints_model_number_and_serial(self, staff_client, model_with_manuals):
        appliance_model, _ = model_with_manuals
        svg = staff_client.get(f"/q/{appliance_model.public_code}/{SERIAL}.svg").content.decode()
        assert f">{appliance_model.model_number}</text>" in svg
        assert f">{SERIAL}</text>" in svg

    def test_are_not_made_for_a_serial_the_model_cannot_have(
        self, staff_client, model_with_manuals
    ):
        appliance_model, _ = model_with_manuals
        response = staff_client.get(f"/q/{appliance_model.public_code}/XX123.png")
        assert response.status_code == 404

    def test_are_refused_to_customers_and_visitors(
        self, client, model_with_manuals, django_user_model
    ):
        appliance_model, _ = model_with_manuals
        address = f"/q/{appliance_model.public_code}/{SERIAL}.png"
        assert client.get(address).status_code == 403
        customer = django_user_model.objects.create_user(
            username="qr-customer", email="qr-customer@example.cn", password="x"
        )
        client.force_login(customer)
        assert client.get(address).status_code == 403

    def test_are_made_for_catalogue_editors(self, client, model_with_manuals, django_user_model):
        from django.contrib.auth.models import Permission

        appliance_model, _ = model_with_manuals
        editor = django_user_model.objects.create_user(
            username="qr-editor", email="qr-editor@example.cn", password="x"
        )
        editor.user_permissions.add(
            Permission.objects.get(
                content_type__app_label="catalog", codename="change_appliancemodel"
            )
        )
        client.force_login(editor)
        response = client.get(f"/q/{appliance_model.public_code}/{SERIAL}.svg")
        assert response.status_code == 200


def _without_tokens(html: str) -> str:
    """The page without what differs per request: the CSRF token and the switcher's path."""
    return re.sub(r'name="(csrfmiddlewaretoken|next)" value="[^"]*"', "", html)
