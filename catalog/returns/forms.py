from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReturnRequest


class StartReturnForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like?"),
        choices=ReturnRequest.Kind.choices,
        widget=forms.RadioSelect,
    )
    unopened = forms.BooleanField(
        label=_("The goods are unopened, in their original packaging"), required=False
    )
    reason = forms.CharField(
        label=_("What is wrong (for an exchange)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quantity"] = forms.IntegerField(
            label=_("How many items"),
            min_value=1,
            max_value=line.quantity,
            initial=line.quantity,
            widget=forms.HiddenInput() if line.quantity == 1 else forms.NumberInput(),
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == ReturnRequest.Kind.EXCHANGE and not data.get("reason", "").strip():
            self.add_error("reason", _("Tell us what is wrong with the item."))
        return data


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (sent to the customer)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnSearchForm(forms.Form):
    text = forms.CharField(
        label=_("Return number, order, email or item"), required=False, max_length=100
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ReturnRequest.Status.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *ReturnRequest.Kind.choices]
    )
