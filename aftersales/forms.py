import datetime

from django import forms
from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from appliances import serials

INVOICE_MAX_BYTES = settings.AFTERCARE_INVOICE_MAX_UPLOAD_SIZE
INVOICE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


class RegisterUnitForm(forms.Form):
    """Serial, purchase date and an optional invoice photo: nothing more is asked."""

    serial = forms.CharField(
        label=_("Serial number"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    purchase_date = forms.DateField(
        label=_("Purchase date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("As on your receipt. Your base warranty counts from this day."),
    )
    invoice = forms.ImageField(
        label=_("Invoice photo (optional)"),
        required=False,
        validators=[FileExtensionValidator(INVOICE_EXTENSIONS)],
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, appliance_model, serial_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.appliance_model = appliance_model
        self.serial_format = serials.describe(appliance_model.serial_pattern)
        self.serial_example = serials.example(appliance_model.serial_pattern)
        if self.serial_format:
            # The model's own format, not a generic example that may not match it.
            self.fields["serial"].help_text = _(
                "On the label beside the QR code. A %(model)s serial is %(format)s, "
                "e.g. %(example)s."
            ) % {
                "model": appliance_model.model_number,
                "format": self.serial_format,
                "example": self.serial_example,
            }
        else:
            self.fields["serial"].help_text = _("On the label beside the QR code.")
        if serial_locked:
            self.fields["serial"].widget.attrs["readonly"] = True

    def clean_serial(self):
        serial = self.cleaned_data["serial"].strip().upper().replace(" ", "")
        if not self.appliance_model.serial_is_valid(serial):
            if self.serial_format:
                raise forms.ValidationError(
                    _(
                        "%(serial)s is not a serial number of %(model)s. Its serials are "
                        "%(format)s, e.g. %(example)s: check the label beside the QR code."
                    ),
                    params={
                        "serial": serial[:40],
                        "model": self.appliance_model.model_number,
                        "format": self.serial_format,
                        "example": self.serial_example,
                    },
                )
            raise forms.ValidationError(
                _(
                    "This is not a serial number of %(model)s. Check the label beside the QR "
                    "code: it has letters and digits only."
                ),
                params={"model": self.appliance_model.model_number},
            )
        return serial

    def clean_purchase_date(self):
        date: datetime.date = self.cleaned_data["purchase_date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The purchase date cannot be in the future."))
        launch = self.appliance_model.launch_date
        if date < launch:
            raise forms.ValidationError(
                _("%(model)s went on sale on %(date)s: the purchase date cannot be earlier."),
                params={
                    "model": self.appliance_model.model_number,
                    "date": date_format(launch, "DATE_FORMAT"),
                },
            )
        return date

    def clean_invoice(self):
        invoice = self.cleaned_data.get("invoice")
        if invoice and invoice.size > INVOICE_MAX_BYTES:
            raise forms.ValidationError(_("The photo is larger than 5 MB."))
        return invoice
