"""Where the shop delivers and sends technicians: China, five districts, three weeks of slots.

Slots are dated from today, so a rerun on a later day adds the days that came into view
and a rerun on the same day adds nothing. A slot's places and bookings belong to the
running site once it exists: a rerun never resets them.
"""

import datetime

from django.utils import timezone
from oscar.core.loading import get_model

from aftersales.models import ServiceArea, ServiceSlot

from .records import ensure

Country = get_model("address", "Country")

# code: (Chinese name, English name)
AREAS = {
    "shanghai-pudong": ("上海浦东新区", "Shanghai Pudong"),
    "shanghai-xuhui": ("上海徐汇区", "Shanghai Xuhui"),
    "beijing-chaoyang": ("北京朝阳区", "Beijing Chaoyang"),
    "guangzhou-tianhe": ("广州天河区", "Guangzhou Tianhe"),
    "shenzhen-nanshan": ("深圳南山区", "Shenzhen Nanshan"),
}

DAYS_AHEAD = 21
# Arrival windows: four two-hour rounds a day, two in the morning, two in the afternoon.
WINDOWS = [
    (datetime.time(9, 0), datetime.time(11, 0)),
    (datetime.time(11, 0), datetime.time(13, 0)),
    (datetime.time(14, 0), datetime.time(16, 0)),
    (datetime.time(16, 0), datetime.time(18, 0)),
]
# Crews per window; weekends run an extra crew, as that is when people are at home.
WEEKDAY_PLACES = 3
WEEKEND_PLACES = 4


def load_service_areas() -> dict[str, int]:
    _china()
    areas = [_area(code, zh, en) for code, (zh, en) in AREAS.items()]
    first_day = timezone.localdate()
    days = [first_day + datetime.timedelta(days=n) for n in range(DAYS_AHEAD)]
    slots = [_slot(area, day, window) for area in areas for day in days for window in WINDOWS]
    return {"service areas": len(areas), "service slots": len(slots)}


def _china():
    # Oscar's address forms offer only shipping countries; checkout needs at least one.
    ensure(
        Country,
        {"iso_3166_1_a2": "CN"},
        {
            "iso_3166_1_a3": "CHN",
            "iso_3166_1_numeric": "156",
            "name": "People's Republic of China",
            "printable_name": "中国",
            "is_shipping_country": True,
        },
    )


def _area(code: str, name: str, name_en: str) -> ServiceArea:
    area, _ = ensure(ServiceArea, {"code": code}, {"name": name, "name_en": name_en})
    return area


def _slot(area: ServiceArea, day: datetime.date, window) -> ServiceSlot:
    starts_at, ends_at = window
    places = WEEKEND_PLACES if day.weekday() >= 5 else WEEKDAY_PLACES
    slot, _ = ensure(
        ServiceSlot,
        {"area": area, "date": day, "starts_at": starts_at},
        {"ends_at": ends_at},
        # Staff may add or remove crews later, and lowering places under the bookings
        # taken would break the slot's check constraint.
        initial={"capacity": places},
    )
    return slot
