"""Flat drawings of consumables and spare parts, one per `Consumable.drawing` kind."""

from PIL import ImageDraw

from .canvas import BODY, GLASS, INK, STEEL, WHITE, Frame, mix


def _line(f: Frame) -> dict:
    return {"outline": INK, "width": f.px(0.012)}


def cartridge(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rectangle(f.rect(0.36, 0.16, 0.64, 0.84), fill=BODY, **_line(f))
    d.ellipse(f.rect(0.36, 0.78, 0.64, 0.9), fill=BODY, **_line(f))
    d.rectangle(f.rect(0.365, 0.16, 0.635, 0.84), fill=BODY)
    d.ellipse(f.rect(0.36, 0.1, 0.64, 0.22), fill=STEEL, **_line(f))
    d.ellipse(f.circle(0.5, 0.16, 0.03), fill=GLASS)
    d.rectangle(f.rect(0.365, 0.4, 0.635, 0.6), fill=accent)
    d.rectangle(f.rect(0.365, 0.3, 0.635, 0.32), fill=mix(accent, WHITE, 0.5))


def filter_mesh(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(
        f.rect(0.14, 0.22, 0.86, 0.78), radius=f.px(0.03), fill=mix(accent, WHITE, 0.8), **_line(f)
    )
    for i in range(1, 12):
        x = 0.14 + i * 0.06
        d.line([f.pt(x, 0.24), f.pt(x, 0.76)], fill=mix(accent, WHITE, 0.3), width=f.px(0.005))
    for i in range(1, 9):
        y = 0.22 + i * 0.062
        d.line([f.pt(0.16, y), f.pt(0.84, y)], fill=mix(accent, WHITE, 0.3), width=f.px(0.005))
    d.rectangle(f.rect(0.14, 0.22, 0.86, 0.27), fill=accent, **_line(f))


def remote(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(f.rect(0.38, 0.08, 0.62, 0.92), radius=f.px(0.08), fill=BODY, **_line(f))
    d.rounded_rectangle(f.rect(0.42, 0.14, 0.58, 0.26), radius=f.px(0.015), fill=GLASS)
    d.ellipse(f.circle(0.5, 0.34, 0.03), fill=accent)
    d.ellipse(f.circle(0.5, 0.48, 0.065), fill=STEEL, **_line(f))
    for row in range(3):
        for col in range(3):
            d.ellipse(f.circle(0.44 + col * 0.06, 0.62 + row * 0.07, 0.018), fill=STEEL)


def oil_cup(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.polygon(
        f.poly((0.26, 0.36), (0.74, 0.36), (0.66, 0.72), (0.34, 0.72)), fill=STEEL, **_line(f)
    )
    d.polygon(
        f.poly((0.3, 0.52), (0.7, 0.52), (0.66, 0.72), (0.34, 0.72)),
        fill=mix(accent, "#C89B3C", 0.7),
    )
    d.rectangle(f.rect(0.22, 0.32, 0.78, 0.37), fill=BODY, **_line(f))
    d.rectangle(f.rect(0.47, 0.24, 0.53, 0.32), fill=STEEL, **_line(f))


def oil_pad(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    for i, shade in enumerate((0.7, 0.82, 0.95)):
        o = 0.05 * (2 - i)
        d.rectangle(
            f.rect(0.18 + o, 0.2 + o, 0.72 + o, 0.74 + o),
            fill=mix(accent, WHITE, shade),
            **_line(f),
        )
    for row in range(5):
        for col in range(5):
            d.ellipse(
                f.circle(0.27 + col * 0.09, 0.29 + row * 0.09, 0.012), fill=mix(accent, WHITE, 0.4)
            )


def anode(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rectangle(f.rect(0.47, 0.26, 0.53, 0.9), fill="#A9AFB8", **_line(f))
    for i in range(8):
        y = 0.32 + i * 0.07
        d.line([f.pt(0.47, y), f.pt(0.53, y + 0.02)], fill=INK, width=f.px(0.004))
    d.polygon(
        f.poly((0.4, 0.14), (0.6, 0.14), (0.64, 0.2), (0.6, 0.26), (0.4, 0.26), (0.36, 0.2)),
        fill=STEEL,
        **_line(f),
    )
    d.rectangle(f.rect(0.43, 0.1, 0.57, 0.14), fill=accent, **_line(f))


def bottle(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rounded_rectangle(f.rect(0.33, 0.3, 0.67, 0.9), radius=f.px(0.05), fill=BODY, **_line(f))
    d.rectangle(f.rect(0.44, 0.18, 0.56, 0.31), fill=BODY, **_line(f))
    d.rounded_rectangle(f.rect(0.42, 0.09, 0.58, 0.19), radius=f.px(0.015), fill=accent, **_line(f))
    d.rectangle(f.rect(0.335, 0.46, 0.665, 0.72), fill=mix(accent, WHITE, 0.75))
    d.rectangle(f.rect(0.335, 0.46, 0.665, 0.5), fill=accent)


def seal(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.ellipse(f.circle(0.5, 0.5, 0.36), fill="#4A525E", **_line(f))
    d.ellipse(f.circle(0.5, 0.5, 0.26), fill=mix(accent, WHITE, 0.88), **_line(f))
    d.arc(f.rect(0.2, 0.2, 0.8, 0.8), 200, 250, fill="#7D8794", width=f.px(0.02))


def hose(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.arc(f.rect(0.16, 0.16, 0.84, 0.84), 150, 390, fill=mix(accent, WHITE, 0.7), width=f.px(0.06))
    d.arc(f.rect(0.16, 0.16, 0.84, 0.84), 150, 390, fill=INK, width=f.px(0.006))
    for fx, fy in ((0.2, 0.67), (0.8, 0.67)):
        d.rounded_rectangle(
            f.rect(fx - 0.06, fy, fx + 0.06, fy + 0.14), radius=f.px(0.015), fill=STEEL, **_line(f)
        )


def bracket(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.rectangle(f.rect(0.14, 0.34, 0.86, 0.42), fill=GLASS, **_line(f))
    d.rectangle(f.rect(0.14, 0.58, 0.86, 0.66), fill=GLASS, **_line(f))
    for x in (0.3, 0.7):
        d.rectangle(f.rect(x - 0.04, 0.16, x + 0.04, 0.84), fill=STEEL, **_line(f))
    for x, y in ((0.3, 0.22), (0.7, 0.22), (0.3, 0.78), (0.7, 0.78)):
        d.ellipse(f.circle(x, y, 0.015), fill=accent)


def bag(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.polygon(f.poly((0.26, 0.2), (0.74, 0.2), (0.78, 0.88), (0.22, 0.88)), fill=BODY, **_line(f))
    teeth = [(0.26 + i * 0.04, 0.2 if i % 2 == 0 else 0.16) for i in range(13)]
    d.line(f.poly(*teeth), fill=INK, width=f.px(0.008))
    d.rectangle(f.rect(0.28, 0.42, 0.72, 0.66), fill=accent)
    for x, y in ((0.36, 0.74), (0.48, 0.78), (0.6, 0.75), (0.42, 0.82), (0.56, 0.83)):
        d.rectangle(f.rect(x, y, x + 0.03, y + 0.03), fill=STEEL)


def tablets(d: ImageDraw.ImageDraw, f: Frame, accent: str) -> None:
    d.polygon(
        f.poly((0.14, 0.4), (0.7, 0.4), (0.86, 0.3), (0.3, 0.3)),
        fill=mix(accent, WHITE, 0.5),
        **_line(f),
    )
    d.rectangle(f.rect(0.14, 0.4, 0.7, 0.86), fill=accent, **_line(f))
    d.polygon(
        f.poly((0.7, 0.4), (0.86, 0.3), (0.86, 0.76), (0.7, 0.86)),
        fill=mix(accent, GLASS, 0.3),
        **_line(f),
    )
    for x in (0.22, 0.42):
        d.rounded_rectangle(
            f.rect(x, 0.52, x + 0.16, 0.68), radius=f.px(0.02), fill=WHITE, **_line(f)
        )
        d.ellipse(f.circle(x + 0.08, 0.6, 0.03), fill="#4FA3FF")


KINDS = {
    fn.__name__: fn
    for fn in (
        cartridge,
        filter_mesh,
        remote,
        oil_cup,
        oil_pad,
        anode,
        bottle,
        seal,
        hose,
        bracket,
        bag,
        tablets,
    )
}


def draw_part(d: ImageDraw.ImageDraw, frame: Frame, kind: str, accent: str) -> None:
    KINDS[kind](d, frame, accent)
