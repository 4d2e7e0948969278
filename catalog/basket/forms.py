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

from aftersales.coverage import warranty_end
from aftersales.forms import RegisterUnitForm
from aftersales.models import RegisteredUnit, ServiceSlot
from aftersales.services import NotEligible, check_plan_eligibility
from catalog.appliances.models import ApplianceModel
from catalog.appliances.selectors import CLEANING, PLAN, band_holds
from catalog.options import service_options
from groundwork.whole_numbers import row_id_or_none

Option = get_model("catalogue", "Option")

MOBILE = re.compile(r"^1[3-9]\d{9}$")
NEW_UNIT = "new"


def product_kind(product) -> str:
    return product.get_product_class().slug


class AddToBasketForm(CoreAddToBasketForm):
    new_unit = None  # an unsaved RegisteredUnit the basket view registers before adding

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
        self.fields["unit"] = forms.ChoiceField(
            label=_("The unit this plan covers"),
            choices=[(str(unit.pk), unit_label(unit)) for unit in self.eligible]
            + [(NEW_UNIT, _("A unit I have not registered yet"))],
            error_messages={"required": _("Choose the unit this plan covers.")},
        )
        # Registering inline: only what registration itself asks (DOMAIN.md: every extra
        # field costs completion). The models offered are those this plan can cover.
        self.fields["new_model"] = forms.ChoiceField(
            label=_("New unit: model"),
            required=False,
            choices=[("", "---------")]
            + [(m.model_number, f"{m.model_number} · {m.name}") for m in self._plan_models()],
        )
        self.fields["new_serial"] = forms.CharField(
            label=_("New unit: serial number"),
            required=False,
            max_length=40,
            help_text=_("On the label beside the QR code."),
            widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
        )
        self.fields["new_purchase_date"] = forms.DateField(
            label=_("New unit: purchase date"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )
        if not self.eligible:
            self.initial.setdefault("unit", NEW_UNIT)

    def _plan_models(self):
        product = self.parent_product
        band = getattr(product.attr, "price_band", None)
        models = ApplianceModel.objects.active().filter(
            category=getattr(product.attr, "category", None)
        )
        return [m for m in models.order_by("model_number") if band_holds(band, m.list_price)]

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
        value = self.cleaned_data.get("unit")
        if value in (None, ""):
            return None
        if value == NEW_UNIT:
            return NEW_UNIT
        return self.units[int(value)]

    def _clean_new_unit(self):
        """Check a unit to register with the plan as registration would, then the plan."""
        number = self.cleaned_data.get("new_model")
        model = ApplianceModel.objects.active().filter(model_number=number).first()
        if model is None:
            self.add_error("new_model", _("Choose the model of your unit."))
            return
        registration = RegisterUnitForm(
            data={
                "serial": self.cleaned_data.get("new_serial") or "",
                "purchase_date": self.data.get(self.add_prefix("new_purchase_date"), ""),
            },
            appliance_model=model,
        )
        if not registration.is_valid():
            for field, errors in registration.errors.items():
                for error in errors:
                    self.add_error(f"new_{field}" if field != "invoice" else None, error)
            return
        purchase_date = registration.cleaned_data["purchase_date"]
        unit = RegisteredUnit(
            owner=self.owner,
            appliance_model=model,
            serial=registration.cleaned_data["serial"],
            purchase_date=purchase_date,
            base_warranty_end=warranty_end(purchase_date, model.base_warranty_months),
        )
        refusal = self._plan_refusal(unit)
        if refusal:
            self.add_error("unit", refusal)
            return
        self.new_unit = unit

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
            unit = self.units.get(row_id_or_none(raw))
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
        if self.kind == PLAN and self.cleaned_data.get("unit") == NEW_UNIT:
            self._clean_new_unit()
        elif self.kind == PLAN and self.cleaned_data.get("unit") is not None:
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
        if unit is not None and unit != NEW_UNIT:
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
