"""The customer's forms of the feedback loop: lookup, code, rating, mailbox."""

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from groundwork.whole_numbers import RowChoiceField, WholeNumberField

from ..models import MailboxMessage, RegisteredUnit, ServiceRequest
from .phones import MobilePhoneField

NAME_MAX = 64


class NameField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", NAME_MAX)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "name"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return " ".join(value.split()) if isinstance(value, str) else value


class LookupForm(forms.Form):
    phone = MobilePhoneField(
        label=_("Mobile phone"),
        help_text=_("The number you gave when you booked."),
        error_messages={"required": _("Enter your mobile phone number.")},
    )
    name = NameField(
        label=_("Your name"),
        help_text=_("As you gave it when you booked."),
        error_messages={"required": _("Enter your name.")},
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the text message"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
        error_messages={
            "required": _("Enter the six-digit code we texted you."),
            "min_length": _("The code has six digits."),
            "max_length": _("The code has six digits."),
        },
    )


class GuestPhoneForm(forms.Form):
    """A guest's name and phone, before the code that proves the phone is theirs."""

    name = NameField(label=_("Your name"), error_messages={"required": _("Enter your name.")})
    phone = MobilePhoneField(
        label=_("Mobile phone"),
        help_text=_("We text a code to this number, and our reply too."),
        error_messages={"required": _("Enter your mobile phone number.")},
    )


def _score(label, low, high):
    return WholeNumberField(
        label=label,
        min_value=low,
        max_value=high,
        widget=forms.RadioSelect(choices=[(n, str(n)) for n in range(low, high + 1)]),
        error_messages={
            "required": _("Choose a score."),
            "invalid": _("Choose one of the scores shown."),
            "min_value": _("Choose one of the scores shown."),
            "max_value": _("Choose one of the scores shown."),
        },
    )


class RatingForm(forms.Form):
    punctuality = _score(_("Punctuality: on time, or told us when late"), 1, 5)
    attitude = _score(_("Attitude: polite and clear"), 1, 5)
    skill = _score(_("Skill: the job done right"), 1, 5)
    tidiness = _score(_("Tidiness: the place left clean"), 1, 5)
    nps = _score(
        _("How likely are you to recommend us to a friend? (0 = not at all, 10 = very)"), 0, 10
    )
    comment = forms.CharField(
        label=_("Anything else you want to tell us? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MailboxForm(forms.Form):
    """A message to the director's mailbox, tied if the sender wishes to one of their own
    requests, orders or units (the choices and the order lookup are scoped to them)."""

    kind = forms.ChoiceField(
        label=_("This is a"),
        choices=MailboxMessage.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose complaint, suggestion or praise.")},
    )
    topic = forms.ChoiceField(
        label=_("About"),
        choices=MailboxMessage.Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether it is about a product or our service.")},
    )
    body = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write your message.")},
    )
    tag = forms.ChoiceField(label=_("Campaign"), required=False)
    service_request = RowChoiceField(
        label=_("Service request (optional)"),
        queryset=ServiceRequest.objects.none(),
        required=False,
        to_field_name="number",
        error_messages={"invalid_choice": _("Choose one of your service requests listed.")},
    )
    order_number = forms.CharField(
        label=_("Order number (optional)"), max_length=32, required=False
    )
    unit = RowChoiceField(
        label=_("Appliance (optional)"),
        queryset=RegisteredUnit.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose one of your appliances listed.")},
    )
    email = forms.EmailField(
        label=_("Email for our reply (optional)"),
        required=False,
        help_text=_("We also text you when we reply."),
    )

    def __init__(self, *args, user=None, guest_phone: str = "", campaign_tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        self.fields["tag"].choices = [("", _("None"))] + [(tag, tag) for tag in campaign_tags]
        if not campaign_tags:
            del self.fields["tag"]
        if self.user is not None:
            requests = ServiceRequest.objects.owned_by(self.user)
            self.fields["unit"].queryset = (
                RegisteredUnit.objects.owned_by(self.user)
                .select_related("appliance_model")
                .order_by("-registered_at", "-pk")
            )
            self.fields["unit"].label_from_instance = lambda unit: (
                f"{unit.appliance_model.model_number} · {unit.serial}"
            )
            del self.fields["email"]
        else:
            requests = ServiceRequest.objects.filter(
                customer__isnull=True, contact_phone=guest_phone
            )
            del self.fields["unit"], self.fields["order_number"]
        self.fields["service_request"].queryset = requests.order_by("-opened_at", "-pk")
        self.fields["service_request"].label_from_instance = lambda req: (
            f"{req.number} · {req.get_kind_display()} · {req.opened_at:%Y-%m-%d}"
        )

    def clean_order_number(self):
        number = (self.cleaned_data.get("order_number") or "").strip()
        if not number:
            return None
        Order = apps.get_model("order", "Order")
        order = Order.objects.filter(user=self.user, number=number).first()
        if order is None:
            raise forms.ValidationError(
                _("We found no order %(number)s in your account."), params={"number": number}
            )
        return order
