"""The customer's signature as the engineer's phone posts it: a PNG data URL with ink."""

import base64
import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from aftersales.signatures import MAX_DATA_URL_LENGTH, png_from_data_url
from tests.factories.dispatch import signature_data_url


def data_url(image: Image.Image, kind="PNG") -> str:
    buffer = io.BytesIO()
    image.save(buffer, format=kind)
    mime = "png" if kind == "PNG" else "jpeg"
    return f"data:image/{mime};base64," + base64.b64encode(buffer.getvalue()).decode()


def test_a_drawn_signature_gives_its_png_bytes():
    png = png_from_data_url(signature_data_url())
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_dark_ink_on_a_white_canvas_counts():
    image = Image.new("RGB", (200, 100), "white")
    image.putpixel((50, 50), (0, 0, 0))
    assert png_from_data_url(data_url(image))


@pytest.mark.parametrize(
    "text",
    [
        "",
        signature_data_url(blank=True),
        data_url(Image.new("RGB", (200, 100), "white")),  # opaque, but nothing drawn
        data_url(Image.new("RGB", (20, 20), "black"), kind="JPEG"),
        "data:image/png;base64,",
        "data:image/png;base64,!!!!",
        "data:image/png;base64," + base64.b64encode(b"not a png at all").decode(),
        "data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode(),
        "data:image/png;base64," + "A" * MAX_DATA_URL_LENGTH,
        data_url(Image.new("RGBA", (4000, 10), (0, 0, 0, 255))),  # too wide
    ],
)
def test_anything_else_is_refused_with_a_message(text):
    with pytest.raises(ValidationError):
        png_from_data_url(text)
