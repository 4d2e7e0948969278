import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...models import Engineer, ServiceArea, Touchpoint
from ..forms import DateInput, check_range
from .selectors import area_label

DEFAULT_WEEKS = 18
# Two years of days is about 14,600 rows per area and touchpoint: still one quick GROUP BY.
LONGEST = datetime.timedelta(days=731)


class TouchpointFilterForm(forms.Form):
    """Date range, area, engineer and touchpoint. Areas and engineers are read once each
    and checked against that list (a choice, not a lookup per value), so the page's query
    count does not grow with the filters chosen; a cleaned area or engineer is its id."""

    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)
    area = forms.TypedChoiceField(label=_("Area"), required=False, coerce=int, empty_value=None)
    engineer = forms.TypedChoiceField(
        label=_("Engineer"), required=False, coerce=int, empty_value=None
    )
    touchpoint = forms.ChoiceField(
        label=_("Touchpoint"),
        required=False,
        choices=[("", _("All touchpoints")), *Touchpoint.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        areas = ServiceArea.objects.order_by("code").values_list("pk", "name", "name_en")
        self.fields["area"].choices = [
            ("", _("All areas")),
            *((str(pk), area_label(name, name_en)) for pk, name, name_en in areas),
        ]
        engineers = Engineer.objects.order_by("name", "pk").values_list("pk", "name")
        self.fields["engineer"].choices = [
            ("", _("All engineers")),
            *((str(pk), name) for pk, name in engineers),
        ]

    def clean(self):
        data = self.cleaned_data
        check_range(self, "date_from", "date_to")
        if self.errors:
            return data
        today = timezone.localdate()
        data["date_to"] = data.get("date_to") or today
        data["date_from"] = data.get("date_from") or (
            data["date_to"] - datetime.timedelta(weeks=DEFAULT_WEEKS) + datetime.timedelta(days=1)
        )
        if data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date is before the start date."))
        elif data["date_to"] - data["date_from"] > LONGEST:
            self.add_error("date_from", _("Choose at most two years at a time."))
        return data
