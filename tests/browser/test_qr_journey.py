"""A customer beside an air conditioner scans its per-unit code and registers it, on a phone."""

import datetime
import re

import pytest

from aftersales.coverage import warranty_end
from aftersales.models import RegisteredUnit
from appliances.models import ApplianceModel

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_transactional")]


def valid_serial(model):
    for candidate in [f"KG2403{n:012d}" for n in range(1, 9)]:
        if model.serial_is_valid(candidate):
            return candidate
    raise AssertionError(f"no test serial fits {model.serial_pattern}")


def test_scan_watch_troubleshoot_sign_up_register(live_server, phone, shoot):
    from appliances import signing
    from cms.models import ManualPage

    page = phone
    manual = (
        ManualPage.objects.live()
        .filter(locale__language_code="zh-hans", appliance_model__category="air_conditioner")
        .filter(body__icontains='"video"')
        .select_related("appliance_model")
        .first()
    )
    assert manual is not None, "the demo has an AC manual with a video"
    model: ApplianceModel = manual.appliance_model
    serial = valid_serial(model)
    sig = signing.unit_signature(model.public_code, serial)

    media_statuses = []
    page.on(
        "response",
        lambda r: media_statuses.append(r.status) if "/media/videos/" in r.url else None,
    )
    page.set_extra_http_headers({"Accept-Language": "zh-CN,zh;q=0.9"})

    # 1. The scan: the per-unit URL lands on the manual, first screen shows the quick actions.
    page.goto(f"{live_server.url}/q/{model.public_code}/{serial}/{sig}")
    assert re.search(r"/zh-hans/manuals/.+\?serial=", page.url), page.url
    assert model.model_number in page.content()
    register_link = page.locator("a[href*='/devices/register/']").first
    box = register_link.bounding_box()
    assert box and box["y"] + box["height"] <= 780 * 1.5, "register is near the first screen"
    shoot(page, "qr-1-landing")

    # 2. The usage video plays and seeks; the server answers ranges with 206.
    video = page.locator("video").first
    video.scroll_into_view_if_needed()
    page.evaluate(
        """async (el) => {
            el.muted = true;
            await el.play();
            await new Promise(r => setTimeout(r, 500));
            el.pause();
            await new Promise((resolve) => {
                el.addEventListener('seeked', resolve, {once: true});
                el.currentTime = 5;
            });
        }""",
        video.element_handle(),
    )
    state = video.evaluate(
        "el => ({t: el.currentTime, d: el.duration, r: el.readyState, e: el.error && el.error.code,"
        " src: el.currentSrc})"
    )
    assert state["t"] == pytest.approx(5, abs=0.6), (state, media_statuses)
    assert 206 in media_statuses, media_statuses
    shoot(page, "qr-2-video")

    # 3. Troubleshooting: open the first fault.
    fault = page.locator("details.fault, .troubleshooting details").first
    fault.scroll_into_view_if_needed()
    fault.locator("summary").click()
    assert fault.evaluate("el => el.open")
    shoot(page, "qr-3-troubleshooting")

    # 4. Register: sign up on the spot, come back with the serial prefilled.
    page.locator("a[href*='/devices/register/']").first.click()
    page.wait_for_url(re.compile(r"/devices/register/"))
    page.locator(".register-unit a[href*='/accounts/login/']").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.fill("#id_registration-email", "scanner@example.com")
    page.fill("#id_registration-password1", "a-Long-pass-phrase-42")
    page.fill("#id_registration-password2", "a-Long-pass-phrase-42")
    page.locator("button[name=registration_submit]").click()
    page.wait_for_load_state()
    shoot(page, "qr-3b-after-signup")
    page.wait_for_url(re.compile(r"/devices/register/\?"))
    assert page.locator("input[readonly]").first.input_value() == serial
    purchase = model.launch_date + datetime.timedelta(days=30)
    page.fill("#id_purchase_date", purchase.isoformat())
    shoot(page, "qr-4-register")
    page.locator("form.register-unit__form [type=submit]").click()

    # 5. My devices shows the unit with the right base warranty end.
    page.wait_for_url(re.compile(r"/zh-hans/devices/$"))
    expected_end = warranty_end(purchase, model.base_warranty_months)
    assert page.locator(".device__serial").first.inner_text() == serial
    shown = page.locator(".device__warranty-end").first.get_attribute("data-date")
    assert shown == expected_end.isoformat()
    unit = RegisteredUnit.objects.get(serial=serial)
    assert unit.owner.email == "scanner@example.com"
    assert unit.source == RegisteredUnit.Source.UNIT_QR
    shoot(page, "qr-5-my-devices")
