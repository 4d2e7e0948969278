"""Input for label sheets (staff) and the manual's open beacon (browsers)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from appliances.models import ApplianceModel
from cms.models import SectionOpenCount
from groundwork.whole_numbers import RowChoiceField, WholeNumberField

MAX_LABELS = 5_000
# How many bad serials an error message names before it says "and N more".
SHOWN_PROBLEMS = 10


class LabelBatchForm(forms.Form):
    """Serials as a pasted list, or generated as prefix + zero-padded running number."""

    appliance_model = RowChoiceField(
        label=_("Appliance model"),
        queryset=ApplianceModel.objects.active().order_by("model_number"),
    )
    serials = forms.CharField(
        label=_("Serial numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_("One per line. Or leave empty and generate them below."),
    )
    prefix = forms.CharField(
        label=_("Prefix"),
        required=False,
        max_length=40,
        help_text=_("For example AC2024030100: factory, line and production date."),
    )
    start = WholeNumberField(label=_("First number"), required=False, min_value=0)
    count = WholeNumberField(label=_("How many"), required=False, min_value=1, max_value=MAX_LABELS)
    digits = WholeNumberField(
        label=_("Digits"),
        required=False,
        min_value=1,
        max_value=12,
        initial=4,
        help_text=_("The running number is padded with zeros to this width."),
    )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        pasted = cleaned.get("serials", "").split()
        generating = any(cleaned.get(name) not in (None, "") for name in ("prefix", "count"))
        if pasted and generating:
            raise forms.ValidationError(
                _("Paste serial numbers or generate them, not both."), code="both"
            )
        serials = self._generated(cleaned) if generating else pasted
        if not serials:
            raise forms.ValidationError(
                _("Paste at least one serial number, or fill in prefix and how many."),
                code="empty",
            )
        serials = [serial.upper() for serial in serials]
        self._check(serials, cleaned["appliance_model"])
        cleaned["serial_list"] = serials
        return cleaned

    def _generated(self, cleaned) -> list[str]:
        prefix, start = cleaned.get("prefix", "").strip(), cleaned.get("start")
        count, digits = cleaned.get("count"), cleaned.get("digits") or 4
        missing = [
            str(self.fields[name].label)
            for name, value in (("prefix", prefix), ("start", start), ("count", count))
            if value in (None, "")
        ]
        if missing:
            raise forms.ValidationError(
                _("To generate serial numbers, also fill in: %(fields)s."),
                params={"fields": ", ".join(missing)},
                code="incomplete",
            )
        last = start + count - 1
        if len(str(last)) > digits:
            raise forms.ValidationError(
                _("%(last)s has more than %(digits)s digits: raise the number of digits."),
                params={"last": last, "digits": digits},
                code="overflow",
            )
        return [f"{prefix}{number:0{digits}d}" for number in range(start, last + 1)]

    def _check(self, serials: list[str], model: ApplianceModel) -> None:
        if len(serials) > MAX_LABELS:
            raise forms.ValidationError(
                _("At most %(max)s labels per batch; this one has %(count)s."),
                params={"max": MAX_LABELS, "count": len(serials)},
                code="too_many",
            )
        invalid = [serial for serial in serials if not model.serial_is_valid(serial)]
        if invalid:
            raise forms.ValidationError(
                _("Not serial numbers of %(model)s: %(serials)s."),
                params={"model": model.model_number, "serials": _listed(invalid)},
                code="invalid_serial",
            )
        seen, duplicates = set(), []
        for serial in serials:
            if serial in seen and serial not in duplicates:
                duplicates.append(serial)
            seen.add(serial)
        if duplicates:
            raise forms.ValidationError(
                _("These serial numbers are listed more than once: %(serials)s."),
                params={"serials": _listed(duplicates)},
                code="duplicate",
            )


def _listed(serials: list[str]) -> str:
    shown = ", ".join(serials[:SHOWN_PROBLEMS])
    rest = len(serials) - SHOWN_PROBLEMS
    if rest <= 0:
        return shown
    return shown + " " + ngettext("and %(n)s more", "and %(n)s more", rest) % {"n": rest}


class OpenBeaconForm(forms.Form):
    """What the manual page's sendBeacon posts when a reader opens a section."""

    kind = forms.ChoiceField(choices=SectionOpenCount.Kind.choices)
    key = forms.SlugField(max_length=80)

    def first_error(self) -> str:
        field, errors = next(iter(self.errors.items()))
        return f"{field}: {errors[0]}"
