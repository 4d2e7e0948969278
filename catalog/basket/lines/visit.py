"""Adding a cleaning visit: a slot with a free place, the address, who to call."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aftersales.models import ServiceSlot
from catalog.kinds import visit_category
from groundwork.personal_names import full_name

from .service import ServiceLineForm, slot_choice, slot_label, unit_label

MOBILE = re.compile(r"^1[3-9]\d{9}$")


class VisitLineForm(ServiceLineForm):
    option_codes = frozenset({"unit", "visit"})

    def add_service_fields(self, product):
        category = visit_category(product)
        units = [u for u in self.owned_units() if u.appliance_model.category == category]
        self.units = {unit.pk: unit for unit in units}
        slots = ServiceSlot.objects.bookable(after=timezone.now())[:400]
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
            self.initial.setdefault("contact_name", full_name(self.owner))

    def _member_phone(self) -> str:
        profile = getattr(self.owner, "member_profile", None) if self.owner else None
        return getattr(profile, "phone", None) or ""

    def clean_unit(self):
        value = self.cleaned_data.get("unit")
        return None if value in (None, "") else self.units[int(value)]

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

    def service_options(self, by_code):
        slot = self.cleaned_data["slot"]
        address = self.cleaned_data["address"]
        return [
            {
                "option": by_code["visit"],
                "value": {
                    "slot": slot.pk,
                    "when": slot_label(slot),
                    "address": address,
                    "name": self.cleaned_data["contact_name"],
                    "phone": self.cleaned_data["contact_phone"],
                    "label": f"{slot_label(slot)} · {address}",
                },
            }
        ]
