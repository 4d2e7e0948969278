"""QR symbols as SVG and PNG, with the model number (and serial) printed under the code.

Level M survives ~15 % damage (a scratched rating plate, a greasy range hood) while
keeping the symbol small. segno picks the smallest version and, for our upper-case URLs,
alphanumeric mode. Error boosting stays off so a code's version and level depend only on
its URL, which is what the label layout and the tests rely on.
"""

import io
from xml.sax.saxutils import escape

import segno
from PIL import Image, ImageDraw, ImageFont

ERROR_LEVEL = "m"
# ISO/IEC 18004 asks for four light modules around the symbol; scanners need it.
QUIET_ZONE = 4
# Caption lines are about two modules tall, with half a module between them.
CAPTION_MODULES = 2.5
SVG_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans', sans-serif"


def symbol(data: str) -> segno.QRCode:
    return segno.make(data, error=ERROR_LEVEL, micro=False, boost_error=False)


def svg(*, data: str, caption: list[str], scale: int = 8) -> str:
    """A standalone SVG document: the symbol on white, the caption centred beneath."""
    qr = symbol(data)
    size = qr.symbol_size(scale=scale, border=QUIET_ZONE)[0]
    out = io.BytesIO()
    qr.save(
        out,
        kind="svg",
        scale=scale,
        border=QUIET_ZONE,
        light="#fff",
        xmldecl=False,
        svgns=True,
        nl=False,
    )
    line_height = CAPTION_MODULES * scale
    height = size + line_height * len(caption) + scale
    texts = "".join(
        f'<text x="{size / 2:g}" y="{size + line_height * (index + 1) - scale / 2:g}" '
        f'font-size="{_font_size(line, size, scale):g}" text-anchor="middle">'
        f"{escape(line)}</text>"
        for index, line in enumerate(caption)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{height:g}" '
        f'viewBox="0 0 {size} {height:g}">'
        f'<rect width="100%" height="100%" fill="#fff"/>'
        f"{out.getvalue().decode('utf-8')}"
        f'<g font-family="{SVG_FONT_FAMILY}" fill="#000">{texts}</g>'
        "</svg>"
    )


def png(*, data: str, caption: list[str], scale: int = 8) -> bytes:
    qr = symbol(data)
    symbol_png = io.BytesIO()
    qr.save(symbol_png, kind="png", scale=scale, border=QUIET_ZONE)
    symbol_png.seek(0)
    code = Image.open(symbol_png).convert("L")
    size = code.width
    line_height = round(CAPTION_MODULES * scale)
    canvas = Image.new("L", (size, size + line_height * len(caption) + scale), 255)
    canvas.paste(code, (0, 0))
    draw = ImageDraw.Draw(canvas)
    for index, line in enumerate(caption):
        font = ImageFont.load_default(size=_font_size(line, size, scale))
        baseline_top = size + line_height * index
        draw.text((size / 2, baseline_top), line, fill=0, font=font, anchor="ma")
    out = io.BytesIO()
    canvas.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _font_size(line: str, width: int, scale: int) -> float:
    # Two modules tall, smaller when a long model number would run past the quiet zone.
    return max(6, min(2 * scale, width / (0.62 * max(len(line), 1))))
