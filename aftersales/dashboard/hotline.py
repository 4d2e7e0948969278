"""The hotline desk: staff open a request for a caller, after reading them the quote.

The first POST ("Show the quote") checks the form and shows cover, price and deadlines;
only the second ("Open the request") writes, through open_request, as the agent on the
phone. A serial that belongs to a registered unit brings its model and cover; the unit's
owner becomes the request's customer only when the caller's phone is the owner's, so a
stranger reading a serial off someone else's appliance cannot file on their account.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from appliances.models import ApplianceModel
from groundwork.whole_numbers import RowChoiceField

from ..models import VISIT_KINDS, Channel, RegisteredUnit, ServiceArea, ServiceKind
from ..partner_orders import phone_number
from ..services.requests import deadlines, open_request, quote


class HotlineForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Type"), choices=ServiceKind.choices)
    serial = forms.CharField(
        label=gettext_lazy("Serial number"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("A registered unit is found by its serial, with its cover."),
    )
    model = forms.CharField(
        label=gettext_lazy("Model number"),
        max_length=64,
        required=False,
        help_text=gettext_lazy("Not needed when the serial belongs to a registered unit."),
    )
    contact_name = forms.CharField(label=gettext_lazy("Caller's name"), max_length=64)
    contact_phone = forms.CharField(
        label=gettext_lazy("Caller's phone"), max_length=20, validators=[phone_number]
    )
    email = forms.EmailField(label=gettext_lazy("Email"), required=False)
    language = forms.ChoiceField(
        label=gettext_lazy("Caller's language"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )
    area = RowChoiceField(
        label=gettext_lazy("Service area"),
        queryset=ServiceArea.objects.filter(is_active=True),
        required=False,
        empty_label=gettext_lazy("Not known yet"),
    )
    address = forms.CharField(label=gettext_lazy("Address"), max_length=255, required=False)
    symptom = forms.CharField(
        label=gettext_lazy("What happened"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        serial = (data.get("serial") or "").strip()
        number = (data.get("model") or "").strip()
        model = None
        if number:
            model = ApplianceModel.objects.filter(model_number__iexact=number).first()
            if model is None:
                self.add_error("model", _("Unknown model “%(model)s”.") % {"model": number})
                return data
        unit = None
        if serial:
            units = RegisteredUnit.objects.select_related("appliance_model", "owner")
            units = units.filter(serial=serial)
            if model is not None:
                units = units.filter(appliance_model=model)
            found = list(units[:2])
            if len(found) == 1:
                unit = found[0]
                model = unit.appliance_model
            elif len(found) > 1:
                self.add_error("model", _("Several models have this serial; enter the model."))
                return data
        if model is None:
            self.add_error("model", _("Enter the model, or the serial of a registered unit."))
            return data
        kind = data.get("kind")
        if kind in VISIT_KINDS and not data.get("address"):
            self.add_error("address", _("A visit needs the address."))
        data.update(serial=serial, appliance_model=model, unit=unit)
        return data


def _customer_for(unit, phone: str):
    """The unit's owner, when the caller is them (same phone on their member profile)."""
    if unit is None:
        return None
    profile = getattr(unit.owner, "member_profile", None)
    if profile is not None and profile.phone and profile.phone == phone:
        return unit.owner
    return None


class HotlineRequestView(generic.FormView):
    template_name = "aftersales/dashboard/hotline_form.html"
    form_class = HotlineForm

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        data = form.cleaned_data
        now = timezone.now()
        if "confirm" not in self.request.POST:
            price = quote(
                kind=data["kind"],
                appliance_model=data["appliance_model"],
                unit=data["unit"],
                today=timezone.localdate(now),
            )
            response_due, arrival_due = deadlines(
                kind=data["kind"], area=data["area"], opened_at=now
            )
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    quote=price,
                    response_due=response_due,
                    arrival_due=arrival_due,
                    unit=data["unit"],
                    appliance_model=data["appliance_model"],
                )
            )
        service_request = open_request(
            kind=data["kind"],
            channel=Channel.HOTLINE,
            appliance_model=data["appliance_model"],
            unit=data["unit"],
            serial=data["serial"],
            customer=_customer_for(data["unit"], data["contact_phone"]),
            contact_name=data["contact_name"],
            contact_phone=data["contact_phone"],
            email=data["email"],
            language=data["language"],
            area=data["area"],
            address=data["address"],
            symptom=data["symptom"],
            now=now,
            created_by=self.request.user,
            role="agent",
        )
        messages.success(
            self.request,
            _("Request %(number)s is open; tell the caller its number.")
            % {"number": service_request.number},
        )
        return redirect("dashboard:aftersales-hotline")
