"""The touchpoint dashboard's reads: sums of `TouchpointDay` rows, never the source tables.

Each function is one query whatever the history holds (a GROUP BY over pre-counted days).
"""

import datetime

from django.db.models import Sum
from django.db.models.functions import TruncWeek
from django.utils.translation import get_language

from ...models import Touchpoint, TouchpointChannel, TouchpointDay
from ...models.touchpoints import COUNTS
from ...touchpoints import Figures, share

SUMS = {name: Sum(name) for name in COUNTS}


def rows_for(
    *,
    date_from: datetime.date,
    date_to: datetime.date,
    area=None,
    engineer=None,
    touchpoint: str = "",
):
    """The rows of a period; `area` and `engineer` are rows or their ids."""
    rows = TouchpointDay.objects.filter(day__range=(date_from, date_to))
    if area is not None:
        rows = rows.filter(area=area)
    if engineer is not None:
        rows = rows.filter(engineer=engineer)
    if touchpoint:
        rows = rows.filter(touchpoint=touchpoint)
    return rows


def _figures(row: dict) -> Figures:
    return Figures({name: row.get(name) or 0 for name in COUNTS})


def totals(rows) -> Figures:
    return _figures(rows.order_by().aggregate(**SUMS))


def sum_of(entries: list[dict]) -> Figures:
    """All of `by_touchpoint`'s entries together, without another query: each fact is
    counted under exactly one touchpoint, so their sum is the whole."""
    return Figures(
        {name: sum(getattr(entry["figures"], name) for entry in entries) for name in COUNTS}
    )


def by_touchpoint(rows) -> list[dict]:
    """Every touchpoint in the articles' order, with dashes where nothing happened."""
    found = {
        row["touchpoint"]: row for row in rows.order_by().values("touchpoint").annotate(**SUMS)
    }
    return [
        {"key": key, "label": label, "figures": _figures(found.get(key, {}))}
        for key, label in Touchpoint.choices
    ]


def area_label(name: str, name_en: str) -> str:
    if name_en and not (get_language() or "").startswith("zh"):
        return name_en
    return name


def by_area(rows) -> list[dict]:
    """Areas with activity in the selection; rows with no area (plans bought in the shop,
    messages about nothing local) are one line of their own."""
    grouped = (
        rows.order_by()
        .values("area_id", "area__code", "area__name", "area__name_en")
        .annotate(**SUMS)
        .order_by("area__code")
    )
    return [
        {
            "key": row["area_id"],
            "label": area_label(row["area__name"], row["area__name_en"]) if row["area_id"] else "",
            "figures": _figures(row),
        }
        for row in grouped
    ]


def by_engineer(rows) -> list[dict]:
    grouped = (
        rows.filter(engineer__isnull=False)
        .order_by()
        .values("engineer_id", "engineer__name")
        .annotate(**SUMS)
        .order_by("engineer__name", "engineer_id")
    )
    return [
        {"key": row["engineer_id"], "label": row["engineer__name"], "figures": _figures(row)}
        for row in grouped
    ]


def channel_mix(rows) -> dict[str, list[dict]]:
    """Per touchpoint (and "" for all): each channel's share of the volume, largest first."""
    grouped = (
        rows.filter(volume__gt=0)
        .order_by()
        .values("touchpoint", "channel")
        .annotate(volume=Sum("volume"))
    )
    volumes: dict[str, dict[str, int]] = {}
    for row in grouped:
        for key in (row["touchpoint"], ""):
            channels = volumes.setdefault(key, {})
            channels[row["channel"]] = channels.get(row["channel"], 0) + row["volume"]
    return {
        key: [
            {
                "channel": channel,
                "label": TouchpointChannel(channel).label,
                "volume": volume,
                "share": share(volume, sum(channels.values())),
            }
            for channel, volume in sorted(channels.items(), key=lambda item: (-item[1], item[0]))
        ]
        for key, channels in volumes.items()
    }


def weekly(rows) -> list[dict]:
    """Week by week (weeks start on Monday), oldest first."""
    grouped = (
        rows.order_by()
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(**SUMS)
        .order_by("week")
    )
    return [{"week": _as_date(row["week"]), "figures": _figures(row)} for row in grouped]


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
