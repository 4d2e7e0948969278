import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from groundwork.whole_numbers import WholeNumberField

from ..models import mainland_mobile


class MemberLookupForm(forms.Form):
    """A member by mobile phone: the whole 11-digit number, no partial matches."""

    phone = forms.CharField(
        label=_("Mobile phone"),
        min_length=11,
        max_length=11,
        validators=[mainland_mobile],
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "13812345678"}
        ),
    )


class AdjustPointsForm(forms.Form):
    """A staff correction. The key, fixed when the form is shown, makes a double submit
    write one entry (it becomes the entry's source key)."""

    points = WholeNumberField(
        label=_("Points"),
        help_text=_("Positive to add, negative to take away."),
        min_value=-1_000_000,
        max_value=1_000_000,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        help_text=_("Shown to the member in their points history."),
    )
    key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def clean_points(self):
        points = self.cleaned_data["points"]
        if points == 0:
            raise forms.ValidationError(_("An adjustment moves at least one point."))
        return points
