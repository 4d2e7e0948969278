from django import forms
from django.utils.translation import gettext_lazy as _

from . import credit_code
from .models import InvoiceRequest

TitleKind = InvoiceRequest.TitleKind


class InvoiceRequestForm(forms.Form):
    """The checkout's "I need a VAT invoice" fields, posted with the place-order button.

    Left unticked it asks nothing. A company's invoice needs its unified social credit code
    (checked character by character); a personal one needs only the name.
    """

    wanted = forms.BooleanField(label=_("I need a VAT invoice (fapiao)"), required=False)
    title_kind = forms.ChoiceField(
        label=_("Invoice title"),
        choices=TitleKind.choices,
        initial=TitleKind.PERSONAL,
        widget=forms.RadioSelect,
        required=False,
    )
    title = forms.CharField(
        label=_("Name on the invoice"),
        help_text=_("Your name, or the company's full registered name."),
        max_length=100,
        required=False,
    )
    taxpayer_number = forms.CharField(
        label=_("Taxpayer number"),
        help_text=_("For a company: its 18-character unified social credit code."),
        max_length=40,
        required=False,
    )
    email = forms.EmailField(
        label=_("Email for the e-invoice"),
        help_text=_("We send the e-invoice to this address once it is issued."),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not data.get("wanted"):
            return {"wanted": False}
        kind = data.get("title_kind") or TitleKind.PERSONAL
        if not data.get("title", "").strip():
            self.add_error("title", _("Enter the name to print on the invoice."))
        if not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter the email address to send the e-invoice to."))
        number = credit_code.normalise(data.get("taxpayer_number", ""))
        if kind == TitleKind.COMPANY:
            if not number:
                self.add_error(
                    "taxpayer_number", _("A company's invoice needs its taxpayer number.")
                )
            elif not credit_code.is_valid(number):
                self.add_error(
                    "taxpayer_number",
                    _(
                        "This is not a valid unified social credit code: it has 18 digits and "
                        "capital letters, and its last character is a check character. Copy it "
                        "from the business licence."
                    ),
                )
        else:
            number = ""  # a person has no taxpayer number on a personal invoice
        data.update(title_kind=kind, title=data.get("title", "").strip(), taxpayer_number=number)
        return data

    def details(self) -> dict | None:
        """What placement stores as the request; None when no invoice was asked for."""
        data = self.cleaned_data
        if not data.get("wanted"):
            return None
        return {
            "title_kind": data["title_kind"],
            "title": data["title"],
            "taxpayer_number": data["taxpayer_number"],
            "email": data["email"],
        }


class IssueForm(forms.Form):
    invoice_number = forms.RegexField(
        label=_("Invoice number"),
        regex=r"^\d{8,20}$",
        max_length=20,
        help_text=_("The number the tax system gave the e-invoice: 8 to 20 digits."),
        error_messages={"invalid": _("Enter the invoice number: 8 to 20 digits.")},
    )


class InvoiceFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *InvoiceRequest.Status.choices],
        required=False,
    )
    q = forms.CharField(label=_("Order, name or taxpayer number"), max_length=100, required=False)
