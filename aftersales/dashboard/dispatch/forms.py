import datetime
import re

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groundwork.whole_numbers import RowChoiceField

from ...models import Engineer, ServiceArea, ServiceKind, ServiceRequest, ServiceSlot
from ...services.dispatch import window_text
from ..forms import DateInput
from .selectors import SHOP_VISIT

Status = ServiceRequest.Status


def _open_statuses():
    return [(value, label) for value, label in Status.choices if value not in ServiceRequest.FINAL]


class BoardFilterForm(forms.Form):
    text = forms.CharField(label=_("Number or phone"), required=False, max_length=40)
    area = RowChoiceField(
        label=_("Area"), required=False, queryset=ServiceArea.objects.all(), empty_label=_("All")
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Any type")), *ServiceKind.choices, (SHOP_VISIT, _("Shop visit"))],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any open status")), *_open_statuses()]
    )
    engineer = forms.ChoiceField(
        label=_("Engineer"),
        required=False,
        choices=[
            ("", _("Assigned or not")),
            ("unassigned", _("Unassigned")),
            ("assigned", _("Assigned")),
        ],
    )
    due = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[("", _("Any")), ("soon", _("Due within 2 hours")), ("overdue", _("Overdue"))],
    )


class EngineerDayForm(forms.Form):
    engineer = RowChoiceField(
        label=_("Engineer"),
        queryset=Engineer.objects.order_by("name", "pk"),
        error_messages={"required": _("Choose an engineer.")},
    )
    date = forms.DateField(label=_("Date"), widget=DateInput)


class SlotChoiceField(RowChoiceField):
    def label_from_instance(self, slot):
        return _("%(window)s · %(area)s · %(free)s free") % {
            "window": window_text(slot),
            "area": slot.area,
            "free": slot.free,
        }


class AssignForm(forms.Form):
    """An engineer and a window, from the lists the dispatcher was shown."""

    engineer = RowChoiceField(
        label=_("Engineer"),
        queryset=Engineer.objects.none(),
        error_messages={
            "required": _("Choose an engineer."),
            "invalid_choice": _("Choose one of the engineers listed."),
        },
    )
    slot = SlotChoiceField(
        label=_("Arrival window"),
        queryset=ServiceSlot.objects.none(),
        error_messages={
            "required": _("Choose an arrival window."),
            "invalid_choice": _("Choose one of the windows listed."),
        },
    )

    def __init__(self, *args, engineers, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engineer"].queryset = Engineer.objects.filter(
            pk__in=[engineer.pk for engineer in engineers]
        )
        self.fields["engineer"].choices = [("", "---------")] + [
            (engineer.pk, engineer.name) for engineer in engineers
        ]
        if slots is None:  # a shop visit keeps its window
            del self.fields["slot"]
        else:
            self.fields["slot"].queryset = ServiceSlot.objects.filter(
                pk__in=[slot.pk for slot in slots]
            ).select_related("area")
            self.fields["slot"].choices = [("", "---------")] + [
                (slot.pk, self.fields["slot"].label_from_instance(slot)) for slot in slots
            ]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write what the customer was told.")},
    )


class OptionalNoteForm(NoteForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = False


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason.")},
    )


class EmptyForm(forms.Form):
    pass


TRACKING = re.compile(r"^[A-Za-z0-9-]{6,40}$")


class TrackingForm(forms.Form):
    tracking = forms.CharField(
        label=_("Tracking number"),
        max_length=40,
        error_messages={"required": _("Give the tracking number.")},
    )

    def clean_tracking(self):
        tracking = self.cleaned_data["tracking"].strip().upper()
        if not TRACKING.match(tracking):
            raise forms.ValidationError(
                _("A tracking number is 6 to 40 letters, digits or dashes, e.g. SF1234567890.")
            )
        return tracking


class CallForm(forms.Form):
    appointment_at = forms.DateTimeField(
        label=_("Video call at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"required": _("Give the time of the call.")},
    )
    call_link = forms.URLField(
        label=_("Call link"),
        max_length=200,
        validators=[URLValidator(schemes=["https"])],
        assume_scheme="https",
        error_messages={"required": _("Give the link the customer joins the call with.")},
    )

    def clean_appointment_at(self):
        when: datetime.datetime = self.cleaned_data["appointment_at"]
        if when <= timezone.now():
            raise forms.ValidationError(_("The call must be in the future."))
        return when

    def clean_call_link(self):
        link = self.cleaned_data["call_link"]
        if not link.startswith("https://"):
            raise forms.ValidationError(_("The call link must start with https://."))
        return link
