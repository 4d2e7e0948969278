"""The Chinese address form: consignee, mobile, province → city → district, street.

The division pickers are plain selects posted as codes and checked here, so the form works
without JavaScript: a city or district that does not belong to the chosen province or city is
refused, and the page comes back with that province's cities (or that city's districts) to
choose from. static/js/divisions.js only refills the next list as soon as one is chosen.

The same fields serve Oscar's address book (UserAddress, which also keeps the district's code)
and checkout's new shipping address (ShippingAddress, text only).
"""

from types import SimpleNamespace

import phonenumbers
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from phonenumber_field.phonenumber import PhoneNumber

from groundwork import divisions
from groundwork.personal_names import full_name

UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")

MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def clean_mobile(raw: str) -> PhoneNumber:
    """A mainland China mobile number, written with or without +86, spaces or dashes."""
    message = _(
        "Enter a mainland China mobile number: 11 digits starting with 1, e.g. 138 0013 8000."
    )
    try:
        number = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        raise forms.ValidationError(message, code="invalid_mobile") from None
    if not phonenumbers.is_valid_number_for_region(number, "CN"):
        raise forms.ValidationError(message, code="invalid_mobile")
    if phonenumbers.number_type(number) not in MOBILE_TYPES:
        raise forms.ValidationError(message, code="invalid_mobile")
    return PhoneNumber.from_string(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    )


def division_label(division) -> str:
    """A division as the picker shows it: a municipality's district grouping as the city."""
    if division.level == 2 and division.name in divisions.GROUPING_NAMES:
        return divisions.get(division.parent).name if division.name == "市辖区" else division.name
    return division.name


def china() -> "Country":
    country = Country._default_manager.filter(iso_3166_1_a2="CN").first()
    if country is None:
        # Reference data, as the demo and Oscar's fixtures create it: the one country we ship to.
        country, _created = Country._default_manager.get_or_create(
            iso_3166_1_a2="CN",
            defaults={
                "iso_3166_1_a3": "CHN",
                "iso_3166_1_numeric": "156",
                "name": "People's Republic of China",
                "printable_name": "中国",
                "is_shipping_country": True,
            },
        )
    return country


class DivisionSelect(forms.Select):
    """A select that names the list it refills (data-division-child) and where to ask."""

    template_name = "address/division_select.html"

    def __init__(self, *, child: str = "", first: bool = False):
        super().__init__(attrs={"data-division-child": child} if child else {})
        self.first = first

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["first"] = self.first
        context["widget"]["attrs"]["data-divisions-url"] = reverse("divisions")
        return context


class DivisionFields(forms.Form):
    """Consignee, mobile, province, city, district and street, for any form.

    `selected_place()` is the district chosen (a divisions.Place) once the form is valid.
    """

    consignee = forms.CharField(
        label=_("Consignee"),
        max_length=255,
        help_text=_("Full name, family name first."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Enter the name of the person who receives the visit or parcel.")
        },
    )
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("Enter a mobile number we can call.")},
    )
    province = forms.ChoiceField(
        label=_("Province"),
        error_messages={
            "required": _("Choose the province."),
            "invalid_choice": _("Choose the province from the list."),
        },
    )
    city = forms.ChoiceField(
        label=_("City"),
        error_messages={
            "required": _("Choose the city."),
            "invalid_choice": _("Choose the city from the list: the province has changed."),
        },
    )
    district = forms.ChoiceField(
        label=_("District"),
        error_messages={
            "required": _("Choose the district."),
            "invalid_choice": _("Choose the district from the list: the city has changed."),
        },
    )
    street = forms.CharField(
        label=_("Street address"),
        max_length=255,
        help_text=_("Street, number, building, floor and room."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages={"required": _("Enter the street, number and room.")},
    )

    def setup_divisions(self, district_code: str = "") -> None:
        """Fill the three lists from what was posted, else from `district_code`."""
        prefix = self.add_prefix
        self.fields["province"].widget = DivisionSelect(child=self["city"].auto_id, first=True)
        self.fields["city"].widget = DivisionSelect(child=self["district"].auto_id)
        self.fields["district"].widget = DivisionSelect()
        place = divisions.place(district_code)
        if self.is_bound:
            province = self.data.get(prefix("province"), "")
            city = self.data.get(prefix("city"), "")
        else:
            province = place.province.code if place else ""
            city = place.city.code if place else ""
            if place:
                self.initial.update(province=province, city=city, district=place.district.code)
        self.fields["province"].choices = _choices(divisions.provinces(), _("Choose a province"))
        cities = divisions.children(province) if divisions.get(province) else ()
        self.fields["city"].choices = _choices(cities, _("Choose a city"))
        districts = divisions.children(city) if city[:2] == province and len(province) == 2 else ()
        self.fields["district"].choices = _choices(districts, _("Choose a district"))

    def clean_mobile(self):
        return clean_mobile(self.cleaned_data["mobile"])

    def clean_consignee(self):
        return " ".join(self.cleaned_data["consignee"].split())

    def selected_place(self):
        code = self.cleaned_data.get("district") if hasattr(self, "cleaned_data") else None
        return divisions.place(code)


def _choices(options, placeholder) -> list[tuple[str, str]]:
    return [("", placeholder), *((d.code, division_label(d)) for d in options)]


class ChineseAddressForm(DivisionFields, forms.ModelForm):
    """An Oscar address (shipping or address book) written the Chinese way.

    Where each part is kept is described in catalog/address/models.py.
    """

    field_order = ["consignee", "mobile", "province", "city", "district", "street"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        address = self.instance
        code = getattr(address, "district_code", "")
        if not code and (address.state or address.line3):
            found = divisions.find_place(address.state, address.line4, address.line3)
            code = found.district.code if found else ""
        if not self.is_bound:
            self.initial.setdefault("consignee", full_name(address))
            self.initial.setdefault(
                "street", " ".join(filter(None, [address.line1, address.line2]))
            )
            phone = self.initial.get("phone_number") or address.phone_number
            if phone:
                self.initial.setdefault("mobile", _national(phone))
            self._initial_from_session()
        self.setup_divisions(code or self.initial.get("district", ""))

    def _initial_from_session(self) -> None:
        # Checkout keeps a new address in the session as the model's fields.
        initial = self.initial
        if "last_name" in initial or "first_name" in initial:
            initial["consignee"] = full_name(SimpleNamespace(**initial))
        if "line1" in initial:
            initial["street"] = initial["line1"]
        if "state" in initial:
            found = divisions.find_place(
                initial["state"], initial.get("line4"), initial.get("line3")
            )
            if found:
                initial["district"] = found.district.code

    def clean(self):
        cleaned = super().clean()
        place = self.selected_place()
        if place is not None:
            address = self.instance
            address.first_name = ""
            address.last_name = cleaned.get("consignee", "")
            address.phone_number = cleaned.get("mobile")
            address.line1 = cleaned.get("street", "")
            address.line2 = ""
            address.line3 = place.district.name
            address.line4 = place.city_name
            address.state = place.province.name
            address.postcode = ""
            address.country = china()
            if hasattr(address, "district_code"):
                address.district_code = place.district.code
        return cleaned


def _national(phone) -> str:
    text = str(phone)
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


class UserAddressForm(ChineseAddressForm):
    class Meta:
        model = UserAddress
        fields = ["notes"]

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.fields["notes"].label = _("Notes for the courier or technician")
        self.fields["notes"].widget = forms.Textarea(attrs={"rows": 2})
