"""Flat drawings of each appliance body, recognisable at thumbnail size.

Each function draws one shape from portal.demo.data.FAMILIES into a Frame; `accent` is
the category colour, used sparingly the way makers use a trim colour.
"""

from PIL import ImageDraw

from .canvas import BODY, GLASS, INK, STEEL, WHITE, Frame, mix


def _outline(f: Frame) -> dict:
    return {"outline": INK, "width": f.px(0.012)}


def split_ac(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(f.rect(0.04, 0.28, 0.96, 0.6), radius=f.px(0.07), fill=BODY, **_outline(f))
    d.rectangle(f.rect(0.1, 0.5, 0.9, 0.555), fill=GLASS)
    d.rounded_rectangle(f.rect(0.44, 0.37, 0.56, 0.43), radius=f.px(0.015), fill=accent)
    for dx in (0.3, 0.5, 0.7):
        d.arc(
            f.rect(dx - 0.12, 0.5, dx + 0.12, 0.86),
            60,
            120,
            fill=mix(accent, WHITE, 0.25),
            width=f.px(0.02),
        )


def cabinet_ac(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(f.rect(0.3, 0.04, 0.7, 0.96), radius=f.px(0.05), fill=BODY, **_outline(f))
    d.rounded_rectangle(f.rect(0.36, 0.1, 0.64, 0.36), radius=f.px(0.02), fill=GLASS)
    for i in range(6):
        y = 0.13 + i * 0.04
        d.line([f.pt(0.38, y), f.pt(0.62, y)], fill=STEEL, width=f.px(0.008))
    d.ellipse(f.circle(0.5, 0.48, 0.04), fill=accent)
    for i in range(7):
        y = 0.66 + i * 0.035
        d.line([f.pt(0.36, y), f.pt(0.64, y)], fill=STEEL, width=f.px(0.01))


def tank_heater(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    for x in (0.32, 0.44):
        d.rectangle(f.rect(x - 0.015, 0.6, x + 0.015, 0.86), fill=STEEL, outline=INK)
    d.rectangle(f.rect(0.37, 0.74, 0.39, 0.78), fill=accent)
    d.rounded_rectangle(f.rect(0.06, 0.24, 0.94, 0.64), radius=f.px(0.19), fill=BODY, **_outline(f))
    d.rounded_rectangle(f.rect(0.62, 0.35, 0.84, 0.53), radius=f.px(0.03), fill=GLASS)
    d.rectangle(f.rect(0.66, 0.39, 0.74, 0.42), fill=mix(accent, WHITE, 0.3))
    d.ellipse(f.circle(0.79, 0.47, 0.03), fill=accent)
    d.line([f.pt(0.12, 0.6), f.pt(0.56, 0.6)], fill=mix(accent, WHITE, 0.4), width=f.px(0.015))


def gas_heater(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rectangle(f.rect(0.43, 0.02, 0.57, 0.16), fill=STEEL, **_outline(f))
    d.rounded_rectangle(f.rect(0.26, 0.14, 0.74, 0.84), radius=f.px(0.04), fill=BODY, **_outline(f))
    d.rounded_rectangle(f.rect(0.36, 0.3, 0.64, 0.48), radius=f.px(0.02), fill=GLASS)
    d.polygon(f.poly((0.5, 0.34), (0.56, 0.44), (0.44, 0.44)), fill=mix(accent, "#FFB020", 0.5))
    for x in (0.4, 0.6):
        d.ellipse(f.circle(x, 0.6, 0.035), fill=WHITE, **_outline(f))
    for x in (0.36, 0.5, 0.64):
        d.rectangle(f.rect(x - 0.012, 0.84, x + 0.012, 0.96), fill=STEEL, outline=INK)


def chimney_hood(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rectangle(f.rect(0.41, 0.04, 0.59, 0.47), fill=STEEL, **_outline(f))
    d.polygon(
        f.poly((0.34, 0.46), (0.66, 0.46), (0.95, 0.68), (0.05, 0.68)), fill=BODY, **_outline(f)
    )
    d.rectangle(f.rect(0.05, 0.68, 0.95, 0.75), fill=accent, **_outline(f))
    for x in (0.25, 0.75):
        d.ellipse(f.circle(x, 0.79, 0.025), fill="#FFE9A8")
    for x in (0.44, 0.5, 0.56):
        d.ellipse(f.circle(x, 0.715, 0.012), fill=WHITE)


def side_hood(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(f.rect(0.2, 0.06, 0.8, 0.94), radius=f.px(0.03), fill=BODY, **_outline(f))
    d.polygon(f.poly((0.2, 0.46), (0.8, 0.3), (0.8, 0.78), (0.2, 0.86)), fill=GLASS)
    d.line([f.pt(0.26, 0.5), f.pt(0.74, 0.36)], fill=mix(GLASS, WHITE, 0.3), width=f.px(0.01))
    for i, x in enumerate((0.34, 0.44, 0.54, 0.64)):
        d.ellipse(f.circle(x, 0.18, 0.018), fill=accent if i == 0 else STEEL)


def purifier(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    # A gooseneck faucet beside the under-sink unit: the part customers actually see.
    d.line([f.pt(0.8, 0.92), f.pt(0.8, 0.2)], fill=STEEL, width=f.px(0.03))
    d.arc(f.rect(0.64, 0.1, 0.8, 0.3), 180, 360, fill=STEEL, width=f.px(0.03))
    d.line([f.pt(0.64, 0.2), f.pt(0.64, 0.25)], fill=STEEL, width=f.px(0.03))
    d.ellipse(f.circle(0.64, 0.31, 0.02), fill=mix(accent, WHITE, 0.2))
    d.line([f.pt(0.6, 0.8), f.pt(0.8, 0.8)], fill=mix(accent, WHITE, 0.5), width=f.px(0.012))
    d.rounded_rectangle(f.rect(0.14, 0.24, 0.6, 0.92), radius=f.px(0.04), fill=BODY, **_outline(f))
    d.rounded_rectangle(f.rect(0.22, 0.32, 0.52, 0.42), radius=f.px(0.02), fill=GLASS)
    d.rectangle(f.rect(0.25, 0.36, 0.38, 0.38), fill=accent)
    d.line([f.pt(0.2, 0.86), f.pt(0.54, 0.86)], fill=accent, width=f.px(0.012))


def front_loader(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(f.rect(0.14, 0.06, 0.86, 0.94), radius=f.px(0.04), fill=BODY, **_outline(f))
    d.line([f.pt(0.14, 0.2), f.pt(0.86, 0.2)], fill=INK, width=f.px(0.008))
    d.rounded_rectangle(f.rect(0.2, 0.1, 0.4, 0.16), radius=f.px(0.01), fill=GLASS)
    d.ellipse(f.circle(0.72, 0.13, 0.04), fill=WHITE, **_outline(f))
    d.ellipse(f.circle(0.5, 0.57, 0.27), fill=STEEL, **_outline(f))
    d.ellipse(f.circle(0.5, 0.57, 0.2), fill=mix(accent, GLASS, 0.55))
    d.arc(f.rect(0.38, 0.45, 0.6, 0.67), 200, 260, fill=mix(accent, WHITE, 0.6), width=f.px(0.02))


def top_loader(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(f.rect(0.16, 0.28, 0.84, 0.94), radius=f.px(0.03), fill=BODY, **_outline(f))
    d.rounded_rectangle(f.rect(0.16, 0.06, 0.84, 0.16), radius=f.px(0.02), fill=BODY, **_outline(f))
    d.rounded_rectangle(f.rect(0.3, 0.08, 0.7, 0.14), radius=f.px(0.01), fill=GLASS)
    d.polygon(
        f.poly((0.16, 0.28), (0.84, 0.28), (0.8, 0.16), (0.2, 0.16)),
        fill=mix(accent, GLASS, 0.5),
        **_outline(f),
    )
    d.rectangle(f.rect(0.4, 0.32, 0.6, 0.35), fill=accent)


def tv(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.polygon(
        f.poly((0.36, 0.78), (0.64, 0.78), (0.7, 0.82), (0.3, 0.82)), fill=STEEL, **_outline(f)
    )
    d.rectangle(f.rect(0.46, 0.7, 0.54, 0.78), fill=STEEL)
    d.rectangle(f.rect(0.04, 0.14, 0.96, 0.71), fill=GLASS, outline=INK, width=f.px(0.012))
    d.rectangle(f.rect(0.065, 0.17, 0.935, 0.68), fill=mix(accent, "#4FA3FF", 0.5))
    d.polygon(
        f.poly((0.065, 0.68), (0.065, 0.45), (0.4, 0.3), (0.7, 0.5), (0.935, 0.36), (0.935, 0.68)),
        fill=mix(accent, GLASS, 0.35),
    )
    d.ellipse(f.circle(0.78, 0.28, 0.05), fill="#FFE08A")


def _fridge_handle(d, f: Frame, x: float, y0: float, y1: float) -> None:
    d.rounded_rectangle(
        f.rect(x - 0.008, y0, x + 0.008, y1), radius=f.px(0.008), fill=STEEL, outline=INK
    )


def multi_door_fridge(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(f.rect(0.24, 0.03, 0.76, 0.97), radius=f.px(0.03), fill=BODY, **_outline(f))
    d.line([f.pt(0.5, 0.03), f.pt(0.5, 0.97)], fill=INK, width=f.px(0.008))
    d.line([f.pt(0.24, 0.56), f.pt(0.76, 0.56)], fill=INK, width=f.px(0.008))
    for x in (0.47, 0.53):
        _fridge_handle(d, f, x, 0.38, 0.52)
        _fridge_handle(d, f, x, 0.6, 0.72)
    d.rounded_rectangle(f.rect(0.3, 0.14, 0.44, 0.2), radius=f.px(0.01), fill=GLASS)
    d.rectangle(f.rect(0.31, 0.165, 0.37, 0.175), fill=accent)


def side_by_side_fridge(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(f.rect(0.16, 0.03, 0.84, 0.97), radius=f.px(0.03), fill=BODY, **_outline(f))
    d.line([f.pt(0.5, 0.03), f.pt(0.5, 0.97)], fill=INK, width=f.px(0.008))
    d.rounded_rectangle(f.rect(0.24, 0.22, 0.42, 0.46), radius=f.px(0.015), fill=GLASS)
    d.rectangle(f.rect(0.27, 0.25, 0.39, 0.27), fill=accent)
    for x in (0.46, 0.54):
        _fridge_handle(d, f, x, 0.2, 0.7)


def two_door_fridge(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(f.rect(0.28, 0.03, 0.72, 0.97), radius=f.px(0.03), fill=BODY, **_outline(f))
    d.line([f.pt(0.28, 0.36), f.pt(0.72, 0.36)], fill=INK, width=f.px(0.008))
    _fridge_handle(d, f, 0.34, 0.2, 0.32)
    _fridge_handle(d, f, 0.34, 0.4, 0.56)
    d.rectangle(f.rect(0.6, 0.42, 0.68, 0.44), fill=accent)


def dishwasher(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(f.rect(0.14, 0.1, 0.86, 0.92), radius=f.px(0.03), fill=BODY, **_outline(f))
    d.rectangle(f.rect(0.14, 0.1, 0.86, 0.22), fill=GLASS, outline=INK, width=f.px(0.012))
    for i, x in enumerate((0.62, 0.69, 0.76)):
        d.ellipse(f.circle(x, 0.16, 0.018), fill=accent if i == 2 else STEEL)
    d.rounded_rectangle(f.rect(0.3, 0.27, 0.7, 0.31), radius=f.px(0.01), fill=STEEL, outline=INK)
    d.rectangle(f.rect(0.14, 0.85, 0.86, 0.92), fill=STEEL, outline=INK)


def countertop_dishwasher(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(f.rect(0.14, 0.28, 0.86, 0.86), radius=f.px(0.04), fill=BODY, **_outline(f))
    d.rounded_rectangle(
        f.rect(0.2, 0.36, 0.66, 0.8), radius=f.px(0.03), fill=mix(accent, GLASS, 0.6)
    )
    for i in range(5):
        x = 0.26 + i * 0.085
        d.ellipse(f.rect(x, 0.46, x + 0.05, 0.74), fill=mix(WHITE, accent, 0.1), outline=INK)
    d.ellipse(f.circle(0.76, 0.46, 0.045), fill=WHITE, **_outline(f))
    d.rectangle(f.rect(0.72, 0.62, 0.8, 0.64), fill=accent)


SHAPES = {
    fn.__name__: fn
    for fn in (
        split_ac,
        cabinet_ac,
        tank_heater,
        gas_heater,
        chimney_hood,
        side_hood,
        purifier,
        front_loader,
        top_loader,
        tv,
        multi_door_fridge,
        side_by_side_fridge,
        two_door_fridge,
        dishwasher,
        countertop_dishwasher,
    )
}


def draw_appliance(d: ImageDraw.ImageDraw, frame: Frame, shape: str, accent: str) -> None:
    SHAPES[shape](d, frame, accent)
