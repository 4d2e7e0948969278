"""What every service line shares: a signed-in owner, one per line, a price, a unit option.

What is chosen travels as Oscar basket-line options ("unit", "visit"), whose values are
small dicts with a "label" for display, so the same plan for two units makes two lines and
the choice reaches the order line as a line attribute without further code.
"""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket.forms import AddToBasketForm as CoreAddToBasketForm

from aftersales.models import RegisteredUnit
from catalog.options import service_options


class ServiceLineForm(CoreAddToBasketForm):
    """A service is bought by a signed-in customer, one per line."""

    option_codes: frozenset = frozenset({"unit"})
    new_unit = None  # an unsaved RegisteredUnit the basket view registers before adding

    def __init__(self, basket, product, *args, **kwargs):
        super().__init__(basket, product, *args, **kwargs)
        self.owner = basket.owner if basket.owner_id else None
        self.units: dict = {}
        self.add_service_fields(product)
        # One plan covers one unit, one visit is one booking: the quantity is always 1.
        self.fields["quantity"].widget = forms.HiddenInput()
        self.fields["quantity"].max_value = 1

    def add_service_fields(self, product) -> None:
        """The fields this kind of line asks for; each kind's form adds its own."""

    def owned_units(self):
        if self.owner is None:
            return []
        return list(RegisteredUnit.objects.owned_by(self.owner).select_related("appliance_model"))

    def clean(self):
        if self.owner is None:
            raise forms.ValidationError(_("Please sign in first."))
        # Oscar counts the product across all lines; a service counts per line (per unit
        # or per visit), which the options keep apart.
        info = self.basket.strategy.fetch_for_product(self.product)
        if not info.price.exists:
            raise forms.ValidationError(_("This service is not on sale at the moment."))
        return self.cleaned_data

    def line_exists(self, value: dict, code: str) -> bool:
        if self.basket.id is None:
            return False
        return any(
            attr.option.code == code and (attr.value or {}).get("id") == value["id"]
            for line in self.basket.all_lines()
            if line.product_id == self.product.pk
            for attr in line.attributes.all()
        )

    def cleaned_options(self):
        options = super().cleaned_options()
        by_code = service_options(self.option_codes)
        unit = self.cleaned_data.get("unit")
        if isinstance(unit, RegisteredUnit):
            options.append(
                {"option": by_code["unit"], "value": {"id": unit.pk, "label": unit_label(unit)}}
            )
        options.extend(self.service_options(by_code))
        return options

    def service_options(self, by_code: dict) -> list[dict]:
        return []


def unit_label(unit) -> str:
    return f"{unit.appliance_model.model_number} · {unit.serial}"


def slot_label(slot) -> str:
    day = formats.date_format(slot.date, "MONTH_DAY_FORMAT")
    return f"{slot.area} · {day} {slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}"


def slot_choice(slot) -> str:
    day = formats.date_format(slot.date, "MONTH_DAY_FORMAT")
    weekday = formats.date_format(slot.date, "D")
    return _("%(day)s %(weekday)s %(start)s–%(end)s (%(free)s left)") % {
        "day": day,
        "weekday": weekday,
        "start": f"{slot.starts_at:%H:%M}",
        "end": f"{slot.ends_at:%H:%M}",
        "free": slot.free,
    }
