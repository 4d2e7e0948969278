"""The customer's signature, drawn on the engineer's phone and posted as a PNG data URL.

The canvas sends `data:image/png;base64,...`. Before anything is stored the text must be
exactly that, decode to a PNG of sensible size that Pillow opens, and show some ink: a
blank canvas is not a signature.
"""

import base64
import binascii
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PREFIX = "data:image/png;base64,"
MAX_BYTES = 300 * 1024
MAX_SIDE = 2000
# ~400 KB of base64 text for 300 KB of PNG; the form field's max_length.
MAX_DATA_URL_LENGTH = len(PREFIX) + (MAX_BYTES * 4) // 3 + 4


def png_from_data_url(text: str) -> bytes:
    """The PNG bytes of a drawn signature, or ValidationError with a message for the engineer."""
    text = (text or "").strip()
    if not text.startswith(PREFIX) or len(text) > MAX_DATA_URL_LENGTH:
        raise ValidationError(
            _("The signature did not arrive as a picture. Ask them to sign again.")
        )
    try:
        data = base64.b64decode(text[len(PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError(
            _("The signature did not arrive as a picture. Ask them to sign again.")
        ) from None
    if not data or len(data) > MAX_BYTES:
        raise ValidationError(_("The signature is too large. Clear it and sign again."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG" or max(image.size) > MAX_SIDE:
                raise ValidationError(_("The signature is too large. Clear it and sign again."))
            has_ink = _has_ink(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The signature did not arrive as a picture. Ask them to sign again.")
        ) from None
    if not has_ink:
        raise ValidationError(_("The signature is blank. Ask the customer to sign."))
    return data


def _has_ink(image: Image.Image) -> bool:
    """Something drawn: an opaque pixel on a transparent canvas, or a dark one on white."""
    rgba = image.convert("RGBA")
    if rgba.getchannel("A").getbbox() is None:
        return False
    # Opaque somewhere; on a white background that alone is not ink, so look for dark.
    inverted = Image.eval(rgba.convert("L"), lambda value: 255 - value)
    alpha = rgba.getchannel("A")
    ink = Image.composite(inverted, Image.new("L", rgba.size, 0), alpha)
    return ink.point(lambda value: 255 if value > 64 else 0).getbbox() is not None
