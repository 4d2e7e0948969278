import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .keyset import BadCursor, Cursor
from .models import LedgerEntry

# Dates outside these bounds mean nothing to the ledger, and the far ends of the calendar
# overflow when turned into local midnights.
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2999, 12, 31)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d", attrs={"class": "form-control"})


class HistoryFilterForm(forms.Form):
    """The history page's GET form; the cursor fields come from its "newer/older" links."""

    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All"))] + LedgerEntry.Kind.choices,
        widget=forms.Select(attrs={"class": "form-control"}),
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput(),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=DateInput(),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )
    before = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    after = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def full_clean(self):
        super().full_clean()
        # Point each field in error at its message, for screen readers.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )

    def _cursor(self, name: str) -> Cursor | None:
        text = self.cleaned_data.get(name, "")
        if not text:
            return None
        try:
            return Cursor.parse(text)
        except BadCursor:
            raise forms.ValidationError(
                _("This page link is broken. Start again from the newest entries."),
                code="bad_cursor",
            ) from None

    def clean_before(self):
        return self._cursor("before")

    def clean_after(self):
        return self._cursor("after")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date is before the start date."))
        if data.get("before") and data.get("after"):
            raise forms.ValidationError(
                _("This page link is broken. Start again from the newest entries."),
                code="bad_cursor",
            )
        return data

    @property
    def is_filtered(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("kind", "start", "end"))
