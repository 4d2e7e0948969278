"""Forms for the work on a job, shared by the engineer's page and the repair centre's desk:
the parts taken from stock, the labour, what was done."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.templatetags.currency_filters import currency

from groundwork.whole_numbers import RowChoiceField, WholeNumberField

from . import signatures
from .attachments import PHOTO_MAX_BYTES as IMAGE_MAX_BYTES
from .services.parts import PartLine, free_to_use, parts_catalogue

MAX_PART_ROWS = 10


class PartChoiceField(RowChoiceField):
    def label_from_instance(self, stockrecord):
        return _("%(part)s · %(price)s · %(left)s in stock") % {
            "part": stockrecord.product.get_title(),
            "price": currency(stockrecord.price or 0, "CNY"),
            "left": free_to_use(stockrecord),
        }


class PartForm(forms.Form):
    part = PartChoiceField(
        label=_("Part"),
        queryset=parts_catalogue(),
        required=False,
        empty_label=_("No part"),
        error_messages={"invalid_choice": _("Choose one of the parts listed.")},
    )
    quantity = WholeNumberField(
        label=_("Quantity"), min_value=1, max_value=99, required=False, initial=1
    )

    def clean(self):
        data = super().clean()
        if data.get("part") is not None and not data.get("quantity"):
            self.add_error("quantity", _("How many were used?"))
        return data


class BasePartFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the catalogue, shared by every row's select.
        choices = list(parts_catalogue())
        for form in self.forms:
            form.fields["part"].queryset = parts_catalogue()
            form.fields["part"].choices = [("", form.fields["part"].empty_label)] + [
                (record.pk, form.fields["part"].label_from_instance(record)) for record in choices
            ]

    def lines(self) -> list[PartLine]:
        return [
            PartLine(form.cleaned_data["part"], form.cleaned_data["quantity"])
            for form in self.forms
            if form.cleaned_data.get("part") is not None
        ]


PartFormSet = forms.formset_factory(
    PartForm,
    formset=BasePartFormSet,
    extra=3,
    max_num=MAX_PART_ROWS,
    validate_max=True,
    absolute_max=MAX_PART_ROWS,
)


class WorkForm(forms.Form):
    resolution = forms.CharField(
        label=_("What was done"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what was done.")},
    )
    labour_minutes = WholeNumberField(
        label=_("Labour (minutes)"),
        min_value=0,
        max_value=24 * 60,
        error_messages={"required": _("Give the labour time in minutes.")},
    )


MAX_PHOTOS = 5


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.ImageField):
    """Several photos in one field, each checked as Django's ImageField checks one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(
                _("At most %(count)s photos at a time.") % {"count": MAX_PHOTOS}
            )
        cleaned = [super(MultiplePhotoField, self).clean(one, initial) for one in files]
        for photo in cleaned:
            if photo.size > IMAGE_MAX_BYTES:
                raise forms.ValidationError(_("A photo can be at most 5 MB."))
        return cleaned


class OnTheWayForm(forms.Form):
    eta_minutes = WholeNumberField(
        label=_("Arriving in (minutes)"),
        min_value=1,
        max_value=600,
        initial=30,
        error_messages={"required": _("Say in how many minutes you will be there.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


SIGNATURE, CODE = "signature", "code"


class DoneForm(WorkForm):
    """What was done, and the customer's confirmation: their signature or their code.

    A shop visit records its parts and the customer's code only: it has no resolution,
    labour or photos of its own to keep.
    """

    photos = MultiplePhotoField(
        label=_("Photos of the work (optional)"),
        required=False,
        help_text=_("Up to 5 photos, JPEG, PNG or WebP, at most 5 MB each."),
    )
    confirmation = forms.ChoiceField(
        label=_("The customer confirms with"),
        widget=forms.RadioSelect,
        choices=[
            (SIGNATURE, _("Their signature on this screen")),
            (CODE, _("The code from their text message")),
        ],
        error_messages={"required": _("The customer must sign or give their code.")},
    )
    signature = forms.CharField(
        required=False, widget=forms.HiddenInput, max_length=signatures.MAX_DATA_URL_LENGTH
    )
    code = forms.CharField(
        label=_("Code from their text message"),
        required=False,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
    )

    def __init__(self, *args, for_booking: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_booking = for_booking
        if for_booking:
            for name in ("resolution", "labour_minutes", "photos", "signature"):
                del self.fields[name]
            self.fields["confirmation"].choices = [(CODE, _("The code from their text message"))]
            self.fields["confirmation"].initial = CODE

    def clean(self):
        data = super().clean()
        data["signature_png"] = None
        if data.get("confirmation") == SIGNATURE:
            try:
                data["signature_png"] = signatures.png_from_data_url(data.get("signature", ""))
            except forms.ValidationError as error:
                self.add_error("confirmation", error)
            data["code"] = ""
        elif data.get("confirmation") == CODE:
            code = (data.get("code") or "").strip()
            if not (len(code) == 6 and code.isascii() and code.isdigit()):
                self.add_error("code", _("Type the 6 digits the customer received."))
            data["code"] = code
        return data
