"""Weekly trend charts drawn on the server as SVG: no script, no build step, printable.

Each chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>`
(aria-labelledby both), so a screen reader announces what it shows; the page puts the
same numbers in a table next to it for anyone who cannot read the lines. A week with
nothing to measure (None) leaves a gap in its line rather than a false zero.
"""

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 36
# Colour-blind-safe (Okabe–Ito), and each line also has its own dash pattern.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")


@dataclass(frozen=True)
class Series:
    name: str
    values: list  # float | None per label


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * index / (count - 1) if count > 1 else span / 2)


def _y(value: float, low: float, high: float) -> float:
    span = HEIGHT - TOP - BOTTOM
    clamped = min(max(value, low), high)
    return TOP + span * (high - clamped) / (high - low)


def _runs(values: list) -> list[list[tuple[int, float]]]:
    """Unbroken stretches of (index, value), split where a value is None."""
    runs, current = [], []
    for index, value in enumerate(values):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((index, value))
    if current:
        runs.append(current)
    return runs


def nice_ceiling(span: float, ticks: int = 4) -> float:
    """The smallest span of `ticks` equal steps of 1, 2, 2.5 or 5 × 10ⁿ that holds `span`,
    so the axis reads 0, 20, 40, 60, 80 rather than 0, 17.5, 35…"""
    magnitude = 10 ** math.floor(math.log10(span / ticks)) if span > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude * ticks >= span:
            return factor * magnitude * ticks
    return 10 * magnitude * ticks


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    return [low + (high - low) * step / count for step in range(count + 1)]


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[Series],
    low: float = 0,
    high: float | None = None,
    unit: str = "",
    empty_text: str = "",
) -> SafeString:
    """An SVG line chart of `series` over `labels`, its y axis from `low` to `high` (the
    largest value, or 1, when not given)."""
    present = [value for line in series for value in line.values if value is not None]
    if high is None:
        high = nice_ceiling(max([*present, low + 1]) - low) + low
    if high <= low:
        high = low + 1
    count = len(labels)
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" viewBox="0 0 {} {}" '
            'role="img" aria-labelledby="{}-title {}-desc" preserveAspectRatio="xMidYMid meet">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
            WIDTH,
            HEIGHT,
            chart_id,
            chart_id,
            chart_id,
            title,
            chart_id,
            description,
        )
    ]
    for tick in _ticks(low, high):
        y = _y(tick, low, high)
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ccc" stroke-width="1"/>'
                '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#333">{}{}</text>',
                LEFT,
                WIDTH - RIGHT,
                f"{y:.1f}",
                f"{y:.1f}",
                LEFT - 4,
                f"{y + 4:.1f}",
                f"{tick:g}",
                unit,
            )
        )
    step = max(1, -(-count // 8))  # at most about eight labels along the bottom
    parts.append(
        format_html_join(
            "",
            '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#333">{}</text>',
            (
                (f"{_x(index, count):.1f}", HEIGHT - BOTTOM + 16, label)
                for index, label in enumerate(labels)
                if index % step == 0
            ),
        )
    )
    if not present:
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="13" text-anchor="middle" fill="#333">{}</text>',
                WIDTH // 2,
                HEIGHT // 2,
                empty_text,
            )
        )
    for number, line in enumerate(series):
        colour, dash = COLOURS[number % len(COLOURS)], DASHES[number % len(DASHES)]
        parts.append(format_html('<g class="trend-series" data-series="{}">', line.name))
        for run in _runs(line.values):
            points = " ".join(
                f"{_x(index, count):.1f},{_y(value, low, high):.1f}" for index, value in run
            )
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"'
                    ' stroke-dasharray="{}"/>',
                    points,
                    colour,
                    dash,
                )
            )
            parts.append(
                format_html_join(
                    "",
                    '<circle cx="{}" cy="{}" r="3" fill="{}"/>',
                    (
                        (f"{_x(index, count):.1f}", f"{_y(value, low, high):.1f}", colour)
                        for index, value in run
                    ),
                )
            )
        parts.append(mark_safe("</g>"))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def legend(series: list[Series]) -> list[dict]:
    """Name, colour and dash of each line, for the key printed under the chart."""
    return [
        {
            "name": line.name,
            "colour": COLOURS[number % len(COLOURS)],
            "dash": DASHES[number % len(DASHES)],
        }
        for number, line in enumerate(series)
    ]
