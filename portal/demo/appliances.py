"""The maker's appliance models, keyed by model number, each with a drawn picture."""

from functools import partial

from django.utils.text import slugify

from appliances.models import ApplianceModel

from . import images
from .data import APPLIANCES, CATEGORIES, FAMILIES
from .records import ensure


def load_appliances() -> dict[str, ApplianceModel]:
    """Every demo model by model number; public QR codes are minted once, on creation."""
    by_number = {}
    for appliance in APPLIANCES:
        family = FAMILIES[appliance.family]
        model, _created = ensure(
            ApplianceModel,
            {"model_number": appliance.model_number},
            {
                "name": appliance.name,
                "name_en": appliance.name_en,
                "category": family.category,
                "launch_date": appliance.launch_date,
                "base_warranty_months": appliance.base_warranty_months,
                "list_price": appliance.list_price,
                "serial_pattern": family.serial_pattern,
                "is_active": True,
            },
        )
        _zh, category_en, colour = CATEGORIES[family.category]
        drawn = images.store(
            model.image,
            f"{slugify(appliance.model_number)}.png",
            partial(
                images.appliance_picture,
                shape=family.shape,
                accent=colour,
                category_en=category_en,
                model_number=appliance.model_number,
            ),
        )
        if drawn:
            model.save(update_fields=["image"])
        by_number[model.model_number] = model
    return by_number
