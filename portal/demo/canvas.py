"""Shared ground for the demo drawings: a box to draw in, the palette, a font.

Drawings are laid out in fractions of their box, so one silhouette serves a full
picture and a small badge alike.
"""

from functools import lru_cache

from PIL import ImageColor, ImageFont

INK = "#2F3742"
BODY = "#F7F8FA"
STEEL = "#C9CED6"
GLASS = "#1E2630"
BRAND = "#0F4C81"
WHITE = "#FFFFFF"


def mix(colour: str, other: str, share: float) -> tuple[int, int, int]:
    """`colour` moved `share` of the way towards `other` (0 keeps it, 1 replaces it)."""
    a, b = ImageColor.getrgb(colour), ImageColor.getrgb(other)
    return tuple(round(x + (y - x) * share) for x, y in zip(a[:3], b[:3], strict=True))


@lru_cache(maxsize=32)
def font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's bundled face: the same on every machine, and it needs no CJK font,
    # which is why every drawn text is ASCII.
    return ImageFont.load_default(size=size)


class Frame:
    """A box on the canvas; coordinates are fractions of its width and height."""

    def __init__(self, x0: float, y0: float, x1: float, y1: float):
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.w, self.h = x1 - x0, y1 - y0

    def pt(self, fx: float, fy: float) -> tuple[float, float]:
        return (self.x0 + fx * self.w, self.y0 + fy * self.h)

    def rect(self, fx0: float, fy0: float, fx1: float, fy1: float) -> list[float]:
        return [*self.pt(fx0, fy0), *self.pt(fx1, fy1)]

    def poly(self, *points: tuple[float, float]) -> list[tuple[float, float]]:
        return [self.pt(fx, fy) for fx, fy in points]

    def circle(self, fx: float, fy: float, fr: float) -> list[float]:
        """A circle centred at (fx, fy) whose radius is `fr` of the box's shorter side."""
        cx, cy = self.pt(fx, fy)
        r = fr * min(self.w, self.h)
        return [cx - r, cy - r, cx + r, cy + r]

    def px(self, f: float) -> int:
        """A length (line width, corner radius) as a share of the shorter side."""
        return max(1, round(f * min(self.w, self.h)))

    def sub(self, fx0: float, fy0: float, fx1: float, fy1: float) -> "Frame":
        return Frame(*self.rect(fx0, fy0, fx1, fy1))
