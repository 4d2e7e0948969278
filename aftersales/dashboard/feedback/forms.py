from django import forms
from django.utils.translation import gettext_lazy as _

from groundwork.whole_numbers import RowChoiceField

from ...models import FeedbackCampaign, FollowUp, MailboxMessage, ServiceArea


class MailboxSearchForm(forms.Form):
    text = forms.CharField(label=_("Number, phone, name or words"), required=False, max_length=100)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("open", _("Waiting for a reply")),
            ("overdue", _("Overdue")),
            ("answered", _("Replied")),
            ("all", _("All")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + MailboxMessage.Kind.choices
    )
    topic = forms.ChoiceField(
        label=_("About"), required=False, choices=[("", _("All"))] + MailboxMessage.Topic.choices
    )
    owner = forms.ChoiceField(
        label=_("Owner"),
        required=False,
        choices=[("", _("Anyone")), ("mine", _("Mine")), ("none", _("No owner yet"))],
    )
    campaign = RowChoiceField(
        label=_("Campaign"), required=False, queryset=FeedbackCampaign.objects.all()
    )
    date_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Received to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Reply to the customer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the reply.")},
    )


class FollowUpSearchForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("Still open")),
            ("overdue", _("Overdue")),
            ("closed", _("Closed")),
            ("all", _("All")),
        ],
    )
    mine = forms.BooleanField(label=_("Mine only"), required=False)
    area = RowChoiceField(label=_("Area"), required=False, queryset=ServiceArea.objects.all())


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=FollowUp.Outcome.choices,
        error_messages={"required": _("Choose the outcome.")},
    )
    note = forms.CharField(
        label=_("What was done"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what was done.")},
    )


class TagsField(forms.CharField):
    """Tags typed on one line, separated by spaces or commas: #吐槽产品# #吐槽服务#."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return " ".join(value)
        return value

    def clean(self, value):
        value = super().clean(value) or ""
        tags = [tag for tag in value.replace(",", " ").replace("，", " ").split() if tag]
        if not tags:
            raise forms.ValidationError(_("Give the campaign at least one tag."))
        if any(len(tag) > 40 for tag in tags):
            raise forms.ValidationError(_("A tag has at most 40 characters."))
        return list(dict.fromkeys(tags))


class CampaignForm(forms.ModelForm):
    tags = TagsField(
        label=_("Tags"),
        max_length=400,
        help_text=_("Separated by spaces, e.g. #吐槽产品# #吐槽服务#."),
    )

    class Meta:
        model = FeedbackCampaign
        fields = ["name", "tags", "starts_on", "ends_on", "gift"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The campaign cannot end before it starts."))
        return data
