"""Demo pictures: one per appliance model, plan, cleaning service and part.

Everything is drawn here with Pillow, so the demo needs no download and no licence.
Pictures are drawn at twice their size and scaled down, which smooths the edges
Pillow's drawing primitives leave jagged.
"""

import io

from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from PIL import Image, ImageDraw

from .canvas import BRAND, INK, WHITE, Frame, font, mix
from .parts import draw_part
from .silhouettes import draw_appliance

SIZE = 640
SCALE = 2


def _canvas(accent: str) -> tuple[Image.Image, ImageDraw.ImageDraw, Frame]:
    side = SIZE * SCALE
    image = Image.new("RGB", (side, side), mix(accent, WHITE, 0.9))
    return image, ImageDraw.Draw(image), Frame(0, 0, side, side)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.resize((SIZE, SIZE), Image.Resampling.LANCZOS).save(buffer, "PNG")
    return buffer.getvalue()


def _text(
    d: ImageDraw.ImageDraw, frame: Frame, fy: float, text: str, size: float, fill: str
) -> None:
    """`text` centred on row `fy`, shrunk until it fits the width with a margin."""
    px = frame.px(size)
    while px > 8 and d.textlength(text, font=font(px)) > frame.w * 0.9:
        px -= 2
    d.text(frame.pt(0.5, fy), text, fill=fill, font=font(px), anchor="mm")


def _chrome(
    d: ImageDraw.ImageDraw, frame: Frame, label: str, footer: list[str], accent: str
) -> None:
    """The brand mark, a label in the corner and a white footer with up to two lines."""
    d.text(frame.pt(0.05, 0.05), "AFTERCARE", fill=BRAND, font=font(frame.px(0.04)), anchor="lm")
    d.text(frame.pt(0.95, 0.05), label.upper(), fill=INK, font=font(frame.px(0.032)), anchor="rm")
    d.rectangle(frame.rect(0, 0.84, 1, 1), fill=WHITE)
    d.rectangle(frame.rect(0, 0.84, 1, 0.85), fill=accent)
    if len(footer) == 1:
        _text(d, frame, 0.92, footer[0], 0.06, INK)
    else:
        _text(d, frame, 0.895, footer[0], 0.05, INK)
        _text(d, frame, 0.95, footer[1], 0.036, mix(INK, WHITE, 0.3))


def appliance_picture(*, shape: str, accent: str, category_en: str, model_number: str) -> bytes:
    image, d, frame = _canvas(accent)
    draw_appliance(d, frame.sub(0.1, 0.1, 0.9, 0.82), shape, accent)
    _chrome(d, frame, category_en, [model_number], accent)
    return _png(image)


def plan_picture(*, shape: str, accent: str, category_en: str, years: int, band_en: str) -> bytes:
    image, d, frame = _canvas(accent)
    draw_appliance(d, frame.sub(0.04, 0.2, 0.56, 0.76), shape, accent)
    shield = frame.sub(0.5, 0.14, 0.94, 0.8)
    d.polygon(
        shield.poly((0.5, 0.02), (0.94, 0.16), (0.88, 0.6), (0.5, 0.98), (0.12, 0.6), (0.06, 0.16)),
        fill=BRAND,
        outline=accent,
        width=shield.px(0.03),
    )
    d.text(shield.pt(0.5, 0.4), str(years), fill=WHITE, font=font(shield.px(0.42)), anchor="mm")
    d.text(
        shield.pt(0.5, 0.68),
        "YEAR" if years == 1 else "YEARS",
        fill=WHITE,
        font=font(shield.px(0.1)),
        anchor="mm",
    )
    _chrome(d, frame, category_en, ["EXTENDED WARRANTY", _ascii(band_en)], accent)
    return _png(image)


def service_picture(
    *, shape: str, accent: str, category_en: str, minutes: int, title_en: str
) -> bytes:
    image, d, frame = _canvas(accent)
    draw_appliance(d, frame.sub(0.14, 0.12, 0.86, 0.8), shape, accent)
    for fx, fy, r in (
        (0.2, 0.26, 0.06),
        (0.8, 0.22, 0.045),
        (0.76, 0.68, 0.055),
        (0.26, 0.7, 0.035),
    ):
        _sparkle(d, frame, fx, fy, r, mix(accent, WHITE, 0.15))
    _chrome(
        d, frame, category_en, [title_en.upper(), f"ON-SITE VISIT - ABOUT {minutes} MIN"], accent
    )
    return _png(image)


def part_picture(*, kind: str, accent: str, category_en: str, part_number: str) -> bytes:
    image, d, frame = _canvas(accent)
    draw_part(d, frame.sub(0.12, 0.1, 0.88, 0.82), kind, accent)
    _chrome(d, frame, category_en, [part_number, "GENUINE PART"], accent)
    return _png(image)


def _ascii(label: str) -> str:
    """A price band as the drawn font can show it (no yen sign, no en dash)."""
    return label.replace("¥", "CNY ").replace("–", "-").upper()


def _sparkle(d: ImageDraw.ImageDraw, frame: Frame, fx: float, fy: float, r: float, fill) -> None:
    n = r * 0.25
    d.polygon(
        frame.poly(
            (fx, fy - r),
            (fx + n, fy - n),
            (fx + r, fy),
            (fx + n, fy + n),
            (fx, fy + r),
            (fx - n, fy + n),
            (fx - r, fy),
            (fx - n, fy - n),
        ),
        fill=fill,
    )


def store(field: FieldFile, filename: str, draw) -> bool:
    """Draw into `field` unless it already holds a file that exists; True when drawn.

    The instance is not saved here: the caller saves it with its other fields.
    """
    if field and field.storage.exists(field.name):
        return False
    # A file left by an earlier database under the same name is the same drawing:
    # replace it rather than let the storage invent a suffixed name each run.
    target = field.field.generate_filename(field.instance, filename)
    if field.storage.exists(target):
        field.storage.delete(target)
    field.save(filename, ContentFile(draw()), save=False)
    return True
