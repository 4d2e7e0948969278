"""The service request form: which appliance, what is needed, where, and whom to call.

What the page already knows is not asked again: a unit chosen in My devices, or the model
and signed serial a QR code carried, is the `Subject`; the form asks only for the rest and
checks it against the appliance (its kinds, its serial format, an open request already
there).
"""

import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from appliances.models import ApplianceModel
from groundwork.whole_numbers import RowChoiceField
from membership.models.profiles import mainland_mobile

from . import selectors
from .models import REPAIR_KINDS, VISIT_KINDS, RegisteredUnit, ServiceArea, ServiceKind
from .models import ServiceRequest as Request
from .request_kinds import kinds_for

TOKEN = re.compile(r"[0-9a-f]{32}")
NEEDS_SYMPTOM = REPAIR_KINDS | {ServiceKind.REMOTE_DIAGNOSIS}
NEEDS_ADDRESS = VISIT_KINDS | {ServiceKind.MAILIN_REPAIR}


@dataclass(frozen=True)
class Subject:
    """What the link into the form already settled."""

    unit: RegisteredUnit | None = None
    appliance_model: ApplianceModel | None = None
    serial: str = ""  # from a signed per-unit code
    signature: str = ""
    troubleshooting: str = ""
    fault: str = ""
    fault_title: str = ""

    @property
    def known_model(self) -> ApplianceModel | None:
        return self.unit.appliance_model if self.unit else self.appliance_model

    @property
    def from_qr(self) -> bool:
        return bool(self.signature)


class ServiceRequestForm(forms.Form):
    unit = RowChoiceField(
        queryset=RegisteredUnit.objects.none(),
        required=False,
        label=_("Which appliance?"),
        empty_label=_("Another one (not in My devices)"),
        error_messages={"invalid_choice": _("Choose one of your appliances.")},
    )
    model_number = forms.CharField(
        label=_("Model number"),
        max_length=64,
        required=False,
        help_text=_("On the label beside the QR code, e.g. KFR-35GW/BP3DN8Y."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    serial = forms.CharField(
        label=_("Serial number"),
        max_length=40,
        required=False,
        help_text=_("On the same label, letters and digits."),
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    kind = forms.ChoiceField(
        label=_("What do you need?"),
        choices=ServiceKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you need."),
            "invalid_choice": _("Choose one of the services listed."),
        },
    )
    symptom = forms.CharField(
        label=_("What happened?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you see or hear, an error code on the display, since when."),
    )
    area = RowChoiceField(
        queryset=ServiceArea.objects.filter(is_active=True),
        required=False,
        label=_("Service area"),
        empty_label=_("Choose your district"),
        error_messages={"invalid_choice": _("Choose one of the districts listed.")},
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=255,
        required=False,
        help_text=_("Street, building, floor and flat, so the engineer finds you."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Tell us whom to ask for.")},
    )
    contact_phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=11,
        validators=[mainland_mobile],
        help_text=_("We call or text you on this number about the request."),
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
        error_messages={"required": _("Enter a mobile number we can reach you on.")},
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_("For a copy of each update."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=32)

    def __init__(self, *args, subject: Subject, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject = subject
        self.user = user
        self.signed_in = user.is_authenticated
        if subject.unit is not None:
            for name in ("unit", "model_number", "serial"):
                del self.fields[name]
        else:
            own = RegisteredUnit.objects.owned_by(user).select_related("appliance_model")
            if subject.appliance_model is not None:
                own = own.filter(appliance_model=subject.appliance_model)
            if subject.serial or not self.signed_in or not own.exists():
                del self.fields["unit"]
            else:
                self.fields["unit"].queryset = own
                self.fields["unit"].label_from_instance = _unit_label
            if subject.appliance_model is not None:
                del self.fields["model_number"]
            if subject.serial:
                del self.fields["serial"]
        known = subject.known_model
        if known is not None:
            serial = subject.unit.serial if subject.unit else subject.serial
            installed = bool(serial) and selectors.installation_asked(
                appliance_model=known, serial=serial
            )
            allowed = kinds_for(category=known.category, installed=installed)
            self.fields["kind"].choices = [(kind.value, kind.label) for kind in allowed]

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not TOKEN.fullmatch(token):
            raise forms.ValidationError(_("This form has expired. Please start again."))
        return token

    def clean_serial(self):
        return self.cleaned_data.get("serial", "").strip().upper().replace(" ", "")

    def clean(self):
        data = super().clean()
        appliance_model, unit, serial = self._appliance(data)
        data.update(appliance_model=appliance_model, resolved_unit=unit, resolved_serial=serial)
        kind = data.get("kind")
        if appliance_model is None or not kind:
            return data
        installed = selectors.installation_asked(appliance_model=appliance_model, serial=serial)
        if kind not in kinds_for(category=appliance_model.category, installed=installed):
            self.add_error(
                "kind",
                _("%(kind)s is not available for this appliance.")
                % {"kind": ServiceKind(kind).label},
            )
            return data
        if kind in NEEDS_SYMPTOM and not data.get("symptom", "").strip():
            self.add_error(
                "symptom", _("Tell us what happened, so the engineer brings the right parts.")
            )
        if kind in VISIT_KINDS and not data.get("area"):
            self.add_error("area", _("Choose the district the engineer comes to."))
        if kind in NEEDS_ADDRESS and not data.get("address", "").strip():
            if kind == ServiceKind.MAILIN_REPAIR:
                self.add_error("address", _("Enter the address we send the appliance back to."))
            else:
                self.add_error("address", _("Enter the address the engineer comes to."))
        self._refuse_a_second_open_request(appliance_model, serial, kind)
        return data

    def _appliance(self, data):
        """(model, unit or None, serial) from the subject, the unit chosen or what was typed."""
        subject = self.subject
        if subject.unit is not None:
            return subject.unit.appliance_model, subject.unit, subject.unit.serial
        if data.get("unit"):
            unit = data["unit"]
            return unit.appliance_model, unit, unit.serial
        appliance_model = subject.appliance_model
        if appliance_model is None:
            number = data.get("model_number", "").strip()
            if not number:
                self.add_error("model_number", _("Enter the model number from the label."))
                return None, None, ""
            appliance_model = (
                ApplianceModel.objects.active().filter(model_number__iexact=number).first()
            )
            if appliance_model is None:
                self.add_error(
                    "model_number",
                    _(
                        "We do not know the model number %(number)s. Check the label beside "
                        "the QR code."
                    )
                    % {"number": number},
                )
                return None, None, ""
        serial = subject.serial or data.get("serial", "")
        if not serial:
            self.add_error("serial", _("Enter the serial number from the label."))
            return appliance_model, None, ""
        if not subject.serial and not appliance_model.serial_is_valid(serial):
            self.add_error(
                "serial",
                _("This is not a serial number of %(model)s. Check the label beside the QR code.")
                % {"model": appliance_model.model_number},
            )
            return appliance_model, None, serial
        unit = selectors.owned_unit(self.user, appliance_model=appliance_model, serial=serial)
        return appliance_model, unit, serial

    def _refuse_a_second_open_request(self, appliance_model, serial, kind) -> None:
        if not serial:
            return
        existing = (
            Request.objects.open()
            .filter(appliance_model=appliance_model, serial=serial, kind=kind)
            .only("number", "customer_id")
            .first()
        )
        if existing is None:
            return
        if self.signed_in and existing.customer_id == self.user.pk:
            message = _(
                "You already have an open request for this appliance: %(number)s. Follow it in "
                "My service requests."
            ) % {"number": existing.number}
        else:
            message = _(
                "This appliance already has an open request of this kind. Follow it from the "
                "link we texted, or call our service hotline %(phone)s."
            ) % {"phone": settings.AFTERCARE_SERVICE_PHONE}
        self.add_error("kind", message)


def _unit_label(unit: RegisteredUnit) -> str:
    return (
        f"{unit.appliance_model.display_name} · {unit.appliance_model.model_number} · {unit.serial}"
    )


class ConfirmForm(forms.Form):
    """The review screen's own fields: the quote the customer saw, their yes, a guest's code."""

    quote = forms.CharField(max_length=120)
    agree = forms.BooleanField(required=False)
    code = forms.CharField(
        label=_("Code from the text message"),
        max_length=6,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )
