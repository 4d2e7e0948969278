"""Adding a cleaning visit: where (a saved address or a new one), then a window of that area.

The area comes from the address's district (aftersales.selectors.area_for_district), and
only that area's windows with a free place are offered, as a calendar of days. Whatever is
posted, a window of another area is refused here, before anything is added or saved.

Choosing the address is a step of its own: the "show times" button posts the form only to
bring it back with the address's windows (BasketAddView keeps the posted data, as Oscar does
for a form with errors, and answers with the product page again). static/js/visit.js
presses it as soon as an address or a district is chosen.
"""

import copy
import datetime

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from aftersales.models import ServiceSlot
from aftersales.selectors import area_for_district, area_name
from catalog.address.forms import DivisionFields, china
from catalog.kinds import visit_category
from groundwork.personal_names import full_name

from .service import ServiceLineForm, slot_label, unit_label

UserAddress = get_model("address", "UserAddress")

NEW_ADDRESS = "new"
SHOW_TIMES = "show_times"
# Three weeks of a morning and an afternoon window: the calendar the demo areas open.
MAX_WINDOWS = 60
NEW_ADDRESS_FIELDS = ("consignee", "mobile", "province", "city", "district", "street")


class VisitLineForm(ServiceLineForm):
    option_codes = frozenset({"unit", "visit"})
    new_address = None  # an unsaved UserAddress the basket view files in the address book

    def add_service_fields(self, product):
        category = visit_category(product)
        units = [u for u in self.owned_units() if u.appliance_model.category == category]
        self.units = {unit.pk: unit for unit in units}
        self._add_address_fields()
        self.area = None
        self.outside = False  # an address chosen, in no area
        self._add_slot_field()
        if units:
            self.fields["unit"] = forms.TypedChoiceField(
                label=_("Which unit (optional)"),
                coerce=int,
                required=False,
                empty_value=None,
                choices=[("", _("Not registered / not listed"))]
                + [(unit.pk, unit_label(unit)) for unit in units],
            )

    # --- where ------------------------------------------------------------------------

    def _add_address_fields(self) -> None:
        owner = self.owner
        saved = list(UserAddress.objects.filter(user=owner)) if owner is not None else []
        saved.sort(key=lambda a: (not a.is_default_for_shipping, -a.pk))
        self.addresses = {str(address.pk): address for address in saved}
        self.fields["address"] = forms.ChoiceField(
            label=_("Address for the visit"),
            widget=forms.RadioSelect,
            choices=[
                *((key, address.summary) for key, address in self.addresses.items()),
                (NEW_ADDRESS, _("A new address")),
            ],
            error_messages={
                "required": _("Choose the address the technician should come to."),
                "invalid_choice": _("Choose one of your addresses or enter a new one."),
            },
        )
        with_district = [key for key, a in self.addresses.items() if a.district_code]
        self.initial.setdefault("address", with_district[0] if with_district else NEW_ADDRESS)
        for name in NEW_ADDRESS_FIELDS:
            self.fields[name] = copy.deepcopy(DivisionFields.base_fields[name])
        DivisionFields.setup_divisions(self)
        if owner is not None and not self.is_bound:
            self.initial.setdefault("consignee", full_name(owner))
            self.initial.setdefault("mobile", self._member_phone())

    def _member_phone(self) -> str:
        profile = getattr(self.owner, "member_profile", None) if self.owner else None
        return getattr(profile, "phone", None) or ""

    @property
    def choosing_new_address(self) -> bool:
        return self._value("address") == NEW_ADDRESS

    @property
    def just_choosing(self) -> bool:
        """Posted with "show times": the address is chosen, nothing is to be added yet."""
        return self.is_bound and SHOW_TIMES in self.data

    def _value(self, name):
        return self[name].value()

    def chosen_district(self) -> str:
        if self.choosing_new_address:
            district = self._value("district") or ""
            city = self._value("city") or ""
            return district if district[:4] == city and city[:2] == self._value("province") else ""
        address = self.addresses.get(str(self._value("address")))
        return address.district_code if address else ""

    # --- when -------------------------------------------------------------------------

    def _add_slot_field(self) -> None:
        district = self.chosen_district()
        self.area = area_for_district(district)
        self.outside = bool(district) and self.area is None
        if self.area is None:
            slots = []
        else:
            slots = list(
                ServiceSlot.objects.bookable(after=timezone.now()).filter(area=self.area)[
                    :MAX_WINDOWS
                ]
            )
        self.slots = {slot.pk: slot for slot in slots}
        self.fields["slot"] = forms.TypedChoiceField(
            label=_("Day and time"),
            coerce=int,
            widget=forms.RadioSelect,
            choices=[(slot.pk, window_label(slot)) for slot in slots],
            error_messages={
                "required": _("Choose when the technician should come."),
                "invalid_choice": _(
                    "That time is not open for this address's area. Please choose one of "
                    "the times shown."
                ),
            },
        )

    def calendar(self) -> list[tuple[datetime.date, list]]:
        """The slot radios grouped by day, soonest first."""
        days: dict[datetime.date, list] = {}
        for radio in self["slot"]:
            slot = self.slots[int(radio.data["value"])]
            days.setdefault(slot.date, []).append(radio)
        return list(days.items())

    def area_label(self) -> str:
        return area_name(self.area) if self.area else ""

    # --- checking what was posted -----------------------------------------------------

    def full_clean(self):
        if self.is_bound and not self.choosing_new_address:
            # A saved address: the new address's fields are not asked for.
            for name in NEW_ADDRESS_FIELDS:
                self.fields[name].required = False
        super().full_clean()
        if self.just_choosing:
            # Only the place is chosen so far: nothing is wrong with the rest yet.
            self._errors.clear()

    def is_valid(self):
        return super().is_valid() and not self.just_choosing

    def clean_mobile(self):
        if not self.choosing_new_address:
            return ""
        return DivisionFields.clean_mobile(self)

    def clean_unit(self):
        value = self.cleaned_data.get("unit")
        return None if value in (None, "") else self.units[int(value)]

    def clean_slot(self):
        # The choices are this area's windows, so a window of another area never gets here;
        # the slot is read again because a place may have gone since the page was drawn.
        slot = ServiceSlot.objects.select_related("area").filter(pk=self.cleaned_data["slot"])
        slot = slot.first()
        if slot is None or self.area is None or slot.area_id != self.area.pk:
            raise forms.ValidationError(self.fields["slot"].error_messages["invalid_choice"])
        if slot.free <= 0:
            raise forms.ValidationError(
                _("That time slot has just been fully booked. Please choose another.")
            )
        return slot

    def clean(self):
        cleaned = super().clean()
        if self.area is None and not self.just_choosing:
            raise forms.ValidationError(
                _(
                    "We do not send technicians to this address's district yet. Please call "
                    "our service hotline and we will arrange the visit."
                )
                if self.outside
                else _("Choose the address the technician should come to.")
            )
        if self.choosing_new_address and "district" in cleaned:
            self.new_address = self._new_address(cleaned)
        return cleaned

    def _new_address(self, cleaned) -> "UserAddress":
        place = DivisionFields.selected_place(self)
        return UserAddress(
            user=self.owner,
            last_name=cleaned["consignee"],
            phone_number=cleaned["mobile"],
            line1=cleaned["street"],
            line3=place.district.name,
            line4=place.city_name,
            state=place.province.name,
            country=china(),
            district_code=place.district.code,
        )

    def visit_address(self) -> tuple[str, str, str]:
        """(address text, contact name, contact phone) of the visit."""
        if self.new_address is not None:
            address = self.new_address
        else:
            address = self.addresses[str(self.cleaned_data["address"])]
        place = " ".join(dict.fromkeys([address.state, address.line4, address.line3]))
        phone = address.phone_number.national_number if address.phone_number else ""
        return f"{place} {address.line1}", full_name(address), str(phone)

    def service_options(self, by_code):
        slot = self.cleaned_data["slot"]
        address, name, phone = self.visit_address()
        return [
            {
                "option": by_code["visit"],
                "value": {
                    "slot": slot.pk,
                    "when": slot_label(slot),
                    "address": address,
                    "name": name,
                    "phone": phone,
                    "label": f"{slot_label(slot)} · {address}",
                },
            }
        ]


def window_label(slot) -> str:
    return _("%(start)s–%(end)s (%(free)s left)") % {
        "start": f"{slot.starts_at:%H:%M}",
        "end": f"{slot.ends_at:%H:%M}",
        "free": slot.free,
    }


def day_label(day: datetime.date) -> str:
    return f"{formats.date_format(day, 'MONTH_DAY_FORMAT')} {formats.date_format(day, 'D')}"
