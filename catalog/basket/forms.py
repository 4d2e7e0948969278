"""Add-to-basket for services: a plan names the unit it covers, a visit its slot and address.

What is chosen travels as Oscar basket-line options ("unit", "visit"), whose values are
small dicts with a "label" for display, so the same plan for two units makes two lines and
the choice reaches the order line as a line attribute without further code.
"""

import re

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket.forms import AddToBasketForm as CoreAddToBasketForm
from oscar.apps.basket.forms import SimpleAddToBasketMixin
from oscar.core.loading import get_model

from aftersales.models import RegisteredUnit, ServiceSlot
from aftersales.services import NotEligible, check_plan_eligibility
from catalog.appliances.selectors import CLEANING, PLAN, band_holds
from catalog.options import service_options

Option = get_model("catalogue", "Option")

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def product_kind(product) -> str:
    return product.get_product_class().slug


class AddToBasketForm(CoreAddToBasketForm):
    def __init__(self, basket, product, *args, **kwargs):
        super().__init__(basket, product, *args, **kwargs)
        self.owner = basket.owner if basket.owner_id else None
        self.kind = product_kind(product)
        if self.kind == PLAN:
            self._add_unit_field(product)
        elif self.kind == CLEANING:
            self._add_visit_fields(product)
        if self.kind in (PLAN, CLEANING):
            # One plan covers one unit, one visit is one booking: the quantity is always 1.
            self.fields["quantity"].widget = forms.HiddenInput()
            self.fields["quantity"].max_value = 1

    # --- fields -------------------------------------------------------------------------

    def _owned_units(self):
        if self.owner is None:
            return []
        return list(RegisteredUnit.objects.owned_by(self.owner).select_related("appliance_model"))

    def _add_unit_field(self, product):
        self.units = {unit.pk: unit for unit in self._owned_units()}
        self.eligible = [unit for unit in self.units.values() if self._plan_refusal(unit) is None]
        self.fields["unit"] = forms.TypedChoiceField(
            label=_("The unit this plan covers"),
            coerce=int,
            choices=[(unit.pk, unit_label(unit)) for unit in self.eligible],
            error_messages={"required": _("Choose the unit this plan covers.")},
        )

    def _add_visit_fields(self, product):
        category = getattr(product.attr, "category", None)
        units = [u for u in self._owned_units() if u.appliance_model.category == category]
        self.units = {unit.pk: unit for unit in units}
        now = timezone.now()
        slots = ServiceSlot.objects.bookable(after=now)[:400]
        groups: dict[str, list] = {}
        for slot in slots:
            groups.setdefault(str(slot.area), []).append((slot.pk, slot_choice(slot)))
        self.fields["slot"] = forms.TypedChoiceField(
            label=_("Area and time"),
            coerce=int,
            choices=list(groups.items()),
            error_messages={"required": _("Choose when the technician should come.")},
        )
        self.fields["address"] = forms.CharField(
            label=_("Address for the visit"),
            max_length=200,
            widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
            error_messages={"required": _("Enter the address the technician should come to.")},
        )
        self.fields["contact_name"] = forms.CharField(
            label=_("Contact name"),
            max_length=40,
            widget=forms.TextInput(attrs={"autocomplete": "name"}),
        )
        self.fields["contact_phone"] = forms.CharField(
            label=_("Mobile number"),
            max_length=11,
            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        )
        if units:
            self.fields["unit"] = forms.TypedChoiceField(
                label=_("Which unit (optional)"),
                coerce=int,
                required=False,
                empty_value=None,
                choices=[("", _("Not registered / not listed"))]
                + [(unit.pk, unit_label(unit)) for unit in units],
            )
        self.initial.setdefault("contact_phone", self._member_phone())
        if self.owner is not None:
            self.initial.setdefault("contact_name", self.owner.get_full_name())

    def _member_phone(self) -> str:
        profile = getattr(self.owner, "member_profile", None) if self.owner else None
        return getattr(profile, "phone", None) or ""

    def _plan_refusal(self, unit) -> str | None:
        product = self.parent_product
        try:
            check_plan_eligibility(
                unit=unit,
                plan_category=getattr(product.attr, "category", None),
                plan_band_holds=band_holds(
                    getattr(product.attr, "price_band", None), unit.appliance_model.list_price
                ),
                term_months=12 * int(getattr(product.attr, "term_years", 1) or 1),
                today=timezone.localdate(),
            )
        except NotEligible as refusal:
            return str(refusal)
        return None

    # --- cleaning -----------------------------------------------------------------------

    def clean_unit(self):
        pk = self.cleaned_data.get("unit")
        if pk is None:
            return None
        return self.units[pk]

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip().replace(" ", "").replace("-", "")
        if not MOBILE.match(phone):
            raise forms.ValidationError(_("Enter an 11-digit mainland mobile number."))
        return phone

    def clean_slot(self):
        slot = ServiceSlot.objects.select_related("area").filter(pk=self.cleaned_data["slot"])
        slot = slot.first()
        if slot is None or slot.free <= 0:
            raise forms.ValidationError(
                _("That time slot has just been fully booked. Please choose another.")
            )
        return slot

    def full_clean(self):
        # A unit the customer owns but that cannot take this plan gets the reason, not
        # Django's "not one of the available choices".
        if self.is_bound and self.kind == PLAN and self.owner is not None:
            raw = self.data.get(self.add_prefix("unit"))
            try:
                unit = self.units.get(int(raw))
            except (TypeError, ValueError):
                unit = None
            if unit is not None and unit not in self.eligible:
                super().full_clean()
                self.errors.pop("unit", None)
                self.add_error("unit", self._plan_refusal(unit))
                return
        super().full_clean()

    def clean(self):
        if self.kind in (PLAN, CLEANING) and self.owner is None:
            raise forms.ValidationError(_("Please sign in first."))
        if self.kind not in (PLAN, CLEANING):
            return super().clean()
        # Oscar counts the product across all lines; a service counts per line (per unit
        # or per visit), which the options keep apart.
        info = self.basket.strategy.fetch_for_product(self.product)
        if not info.price.exists:
            raise forms.ValidationError(_("This service is not on sale at the moment."))
        if self.kind == PLAN and self.cleaned_data.get("unit") is not None:
            if self._line_exists({"id": self.cleaned_data["unit"].pk}, "unit"):
                raise forms.ValidationError(_("This plan for this unit is already in your basket."))
        return self.cleaned_data

    def _line_exists(self, value: dict, code: str) -> bool:
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
        codes = {"unit"} if self.kind == PLAN else {"unit", "visit"}
        by_code = service_options(codes)
        unit = self.cleaned_data.get("unit")
        if unit is not None:
            options.append(
                {"option": by_code["unit"], "value": {"id": unit.pk, "label": unit_label(unit)}}
            )
        if self.kind == CLEANING:
            slot = self.cleaned_data["slot"]
            options.append(
                {
                    "option": by_code["visit"],
                    "value": {
                        "slot": slot.pk,
                        "when": slot_label(slot),
                        "address": self.cleaned_data["address"],
                        "name": self.cleaned_data["contact_name"],
                        "phone": self.cleaned_data["contact_phone"],
                        "label": f"{slot_label(slot)} · {self.cleaned_data['address']}",
                    },
                }
            )
        return options


class SimpleAddToBasketForm(SimpleAddToBasketMixin, AddToBasketForm):
    pass


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
