"""The people of a service journey on their own phones: a customer, a dispatcher, an engineer.

Each gets a browser context of their own (cookies, language) at 360 px, signs in through
the site's own sign-in page, and has any JavaScript error on their pages fail the walk.
"""

import io
import uuid
from pathlib import Path

from PIL import Image

from appliances.models import ApplianceModel
from portal.demo.accounts import PASSWORD as DEMO_PASSWORD

ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE = {"width": 360, "height": 780}
LANG = "zh-hans"


class Person:
    def __init__(self, browser, name: str):
        self.name = name
        self.context = browser.new_context(
            viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
        )
        self.context.set_extra_http_headers({"Accept-Language": LANG})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"{name}: {exc}"))

    def sign_in(self, live_server, email: str, password: str = DEMO_PASSWORD) -> None:
        page = self.page
        page.goto(f"{live_server.url}/{LANG}/shop/accounts/login/")
        page.fill("#id_login-username", email)
        page.fill("#id_login-password", password)
        page.locator("button[name=login_submit]").tap()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    def submit(self, button) -> None:
        """Tap `button` and wait for the page its form leads to."""
        with self.page.expect_navigation():
            button.tap()

    def fits_the_phone(self) -> bool:
        return self.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    def keep_last_page(self) -> None:
        """The page each person last saw, in tests/browser/artifacts/, to read after a run."""
        ARTIFACTS.mkdir(exist_ok=True)
        try:
            (ARTIFACTS / f"service-{self.name}.html").write_text(self.page.content())
            self.page.screenshot(path=str(ARTIFACTS / f"service-{self.name}.png"), full_page=True)
        except Exception:  # noqa: BLE001 - a page already gone leaves nothing to keep
            pass

    def close(self) -> None:
        self.context.close()


def jpeg(name: str = "photo.jpg", colour=(200, 40, 40)) -> dict:
    """A small real JPEG, as set_input_files takes it."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="JPEG")
    return {"name": name, "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def sign_on_the_pad(page, selector: str = ".signature__pad") -> None:
    """Draw a zigzag across the signature pad with the pointer, as a finger would."""
    box = page.locator(selector).bounding_box()
    x, y, width, height = box["x"], box["y"], box["width"], box["height"]
    page.mouse.move(x + width * 0.1, y + height * 0.5)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(
            x + width * (0.1 + 0.07 * step), y + height * (0.3 if step % 2 else 0.7), steps=4
        )
    page.mouse.up()


def new_serial(model: ApplianceModel) -> str:
    """A serial of `model` no one has registered: the demo's patterns, a random tail."""
    tail = uuid.uuid4().hex.upper()
    for candidate in (f"KG2403{tail[:12]}", f"KL2403{tail[:12]}", tail[:16]):
        if model.serial_is_valid(candidate):
            return candidate
    raise AssertionError(f"no test serial fits {model.serial_pattern}")


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)
