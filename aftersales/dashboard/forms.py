import datetime
import re
from itertools import pairwise

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groundwork.whole_numbers import RowChoiceField, WholeNumberField

from ..models import ServiceArea, ServiceBooking, WarrantyClaim, WarrantyContract


class DateInput(forms.DateInput):
    """The browser's date picker; it reads and writes ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def check_range(form, first: str, last: str) -> None:
    start, end = form.cleaned_data.get(first), form.cleaned_data.get(last)
    if start and end and end < start:
        form.add_error(last, _("The end date is before the start date."))


class ContractSearchForm(forms.Form):
    text = forms.CharField(
        label=_("Number, serial, email or phone"), required=False, max_length=100
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *WarrantyContract.Status.choices],
    )
    ends_from = forms.DateField(label=_("Cover ends from"), required=False, widget=DateInput)
    ends_to = forms.DateField(label=_("Cover ends by"), required=False, widget=DateInput)

    def clean(self):
        check_range(self, "ends_from", "ends_to")
        return self.cleaned_data


class BookingSearchForm(forms.Form):
    text = forms.CharField(label=_("Number, phone or email"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ServiceBooking.Status.choices],
    )
    area = RowChoiceField(
        label=_("Area"), required=False, queryset=ServiceArea.objects.all(), empty_label=_("All")
    )
    date_from = forms.DateField(label=_("Visit from"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Visit to"), required=False, widget=DateInput)

    def clean(self):
        check_range(self, "date_from", "date_to")
        return self.cleaned_data


class SlotSearchForm(forms.Form):
    area = RowChoiceField(
        label=_("Area"), required=False, queryset=ServiceArea.objects.all(), empty_label=_("All")
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def clean(self):
        check_range(self, "date_from", "date_to")
        return self.cleaned_data


class ClaimForm(forms.ModelForm):
    """A repair paid under `contract`: on a day of its cover, not in the future."""

    class Meta:
        model = WarrantyClaim
        fields = ["opened_on", "description", "amount"]
        widgets = {"opened_on": DateInput}

    def __init__(self, *args, contract: WarrantyContract, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        self.fields["amount"].widget.attrs["min"] = "0"

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount < 0:
            raise forms.ValidationError(_("The amount cannot be negative."))
        return amount

    def clean_opened_on(self):
        opened_on = self.cleaned_data["opened_on"]
        if opened_on > timezone.localdate():
            raise forms.ValidationError(_("A claim cannot be dated in the future."))
        if not self.contract.starts_on <= opened_on <= self.contract.ends_on:
            raise forms.ValidationError(
                _("The contract covers %(start)s to %(end)s only.")
                % {"start": self.contract.starts_on, "end": self.contract.ends_on}
            )
        return opened_on

    def clean(self):
        if not self.contract.is_active:
            # Its refund is settled; a claim now would not be kept back from anything.
            raise forms.ValidationError(_("This contract is cancelled; no claims can be added."))
        return super().clean()

    def save(self, *, recorded_by, commit=True):
        self.instance.contract = self.contract
        self.instance.recorded_by = recorded_by
        return super().save(commit=commit)


class SlotCapacityForm(forms.Form):
    capacity = WholeNumberField(label=_("Places"), min_value=0, max_value=100)

    def __init__(self, *args, slot, **kwargs):
        super().__init__(*args, **kwargs)
        self.slot = slot

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < self.slot.booked:
            raise forms.ValidationError(
                _("%(booked)s places are already booked; the capacity cannot go below that.")
                % {"booked": self.slot.booked}
            )
        return capacity


WINDOW = re.compile(r"^(\d{1,2}:\d{2})\s*[-–—~]\s*(\d{1,2}:\d{2})$")
MAX_DAYS = 92


def parse_window(text: str) -> tuple[datetime.time, datetime.time]:
    match = WINDOW.match(text)
    try:
        if match is None:
            raise ValueError(text)
        start, end = (datetime.time.fromisoformat(t.zfill(5)) for t in match.groups())
    except ValueError:
        raise forms.ValidationError(
            _("“%(window)s” is not a window like 09:00-12:00.") % {"window": text}
        ) from None
    if end <= start:
        raise forms.ValidationError(
            _("The window %(window)s ends before it starts.") % {"window": text}
        )
    return start, end


class SlotBatchForm(forms.Form):
    """Open the same arrival windows on every day of a range, in one area."""

    area = RowChoiceField(label=_("Area"), queryset=ServiceArea.objects.all())
    first_day = forms.DateField(label=_("From"), widget=DateInput)
    last_day = forms.DateField(label=_("To"), widget=DateInput)
    windows = forms.CharField(
        label=_("Arrival windows"),
        initial="09:00-12:00, 14:00-18:00",
        help_text=_("Start and end of each window, separated by commas, e.g. 09:00-12:00."),
    )
    capacity = WholeNumberField(label=_("Places per window"), min_value=1, max_value=100)

    def clean_first_day(self):
        first_day = self.cleaned_data["first_day"]
        if first_day < timezone.localdate():
            raise forms.ValidationError(_("Slots cannot be opened in the past."))
        return first_day

    def clean_windows(self):
        parts = (part.strip() for part in self.cleaned_data["windows"].split(","))
        windows = sorted(parse_window(part) for part in parts if part)
        if not windows:
            raise forms.ValidationError(_("Give at least one window."))
        for earlier, later in pairwise(windows):
            if later[0] < earlier[1]:
                raise forms.ValidationError(_("Windows overlap; give each time once."))
        return windows

    def clean(self):
        check_range(self, "first_day", "last_day")
        first, last = self.cleaned_data.get("first_day"), self.cleaned_data.get("last_day")
        if first and last and (last - first).days >= MAX_DAYS:
            self.add_error(
                "last_day", _("Open at most %(days)s days at a time.") % {"days": MAX_DAYS}
            )
        return self.cleaned_data
