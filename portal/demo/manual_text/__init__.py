"""What the demo e-manuals say, per appliance category (per family where families differ).

Split by where the appliance lives so that each table stays readable; fault codes follow
the conventions of Chinese makers' service manuals (E1, E4, E21...).
"""

from .climate import AIR_CONDITIONER, ELECTRIC_HEATER, GAS_HEATER
from .kitchen_living import RANGE_HOOD, REFRIGERATOR, TV
from .tables import (
    COMMON_SAFETY,
    INTRO,
    SAFETY_LEAD,
    SECTION_TITLES,
    SPEC_CAPTION,
    SPEC_MODEL,
    SPEC_WARRANTY,
    SPEC_WARRANTY_VALUE,
    TITLE,
    Fault,
    ManualText,
    Pair,
)
from .water import DISHWASHER, WASHING_MACHINE, WATER_PURIFIER

BY_CATEGORY = {
    "air_conditioner": AIR_CONDITIONER,
    "water_heater": ELECTRIC_HEATER,
    "water_purifier": WATER_PURIFIER,
    "range_hood": RANGE_HOOD,
    "washing_machine": WASHING_MACHINE,
    "tv": TV,
    "refrigerator": REFRIGERATOR,
    "dishwasher": DISHWASHER,
}
# Families whose manual differs from the rest of their category.
BY_FAMILY = {"gas_heater": GAS_HEATER}

__all__ = [
    "COMMON_SAFETY",
    "INTRO",
    "SAFETY_LEAD",
    "SECTION_TITLES",
    "SPEC_CAPTION",
    "SPEC_MODEL",
    "SPEC_WARRANTY",
    "SPEC_WARRANTY_VALUE",
    "TITLE",
    "Fault",
    "ManualText",
    "Pair",
    "text_for",
]


def text_for(*, family: str, category: str) -> ManualText:
    return BY_FAMILY.get(family) or BY_CATEGORY[category]
