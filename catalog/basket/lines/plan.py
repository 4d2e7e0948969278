"""Adding an extended-warranty plan: the unit it covers, chosen or registered on the spot."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aftersales.coverage import warranty_end
from aftersales.forms import RegisterUnitForm
from aftersales.models import RegisteredUnit
from aftersales.services import NotEligible, check_plan_eligibility
from appliances.models import ApplianceModel
from catalog.checkout.preflight import plan_months_in_basket
from catalog.kinds import PlanTerms
from groundwork.whole_numbers import row_id_or_none

from .service import ServiceLineForm, unit_label

NEW_UNIT = "new"


class PlanLineForm(ServiceLineForm):
    def add_service_fields(self, product):
        self.terms = PlanTerms.of(product)
        self.units = {unit.pk: unit for unit in self.owned_units()}
        self.eligible = [unit for unit in self.units.values() if self._refusal(unit) is None]
        self.fields["unit"] = forms.ChoiceField(
            label=_("The unit this plan covers"),
            choices=[(str(unit.pk), unit_label(unit)) for unit in self.eligible]
            + [(NEW_UNIT, _("A unit I have not registered yet"))],
            error_messages={"required": _("Choose the unit this plan covers.")},
        )
        # Registering inline: only what registration itself asks (DOMAIN.md: every extra
        # field costs completion). The models offered are those this plan can cover.
        self.fields["new_model"] = forms.ChoiceField(
            label=_("New unit: model"),
            required=False,
            choices=[("", "---------")]
            + [(m.model_number, f"{m.model_number} · {m.name}") for m in self._plan_models()],
        )
        self.fields["new_serial"] = forms.CharField(
            label=_("New unit: serial number"),
            required=False,
            max_length=40,
            help_text=_("On the label beside the QR code."),
            widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
        )
        self.fields["new_purchase_date"] = forms.DateField(
            label=_("New unit: purchase date"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )
        if not self.eligible:
            self.initial.setdefault("unit", NEW_UNIT)

    def _plan_models(self):
        models = ApplianceModel.objects.active().filter(category=self.terms.category)
        return [m for m in models.order_by("model_number") if self.terms.fits_model(m)]

    def _refusal(self, unit) -> str | None:
        try:
            check_plan_eligibility(
                unit=unit,
                plan_category=self.terms.category,
                plan_band_holds=self.terms.holds_price(unit.appliance_model.list_price),
                # Plans for this unit already in the basket count too: together they must
                # stay within the longest cover (catalog.checkout.preflight checks again).
                term_months=self.terms.term_months
                + (plan_months_in_basket(self.basket, unit_id=unit.pk) if unit.pk else 0),
                today=timezone.localdate(),
            )
        except NotEligible as refusal:
            return str(refusal)
        return None

    def full_clean(self):
        # A unit the customer owns but that cannot take this plan gets the reason, not
        # Django's "not one of the available choices".
        if self.is_bound and self.owner is not None:
            unit = self.units.get(row_id_or_none(self.data.get(self.add_prefix("unit"))))
            if unit is not None and unit not in self.eligible:
                super().full_clean()
                self.errors.pop("unit", None)
                self.add_error("unit", self._refusal(unit))
                return
        super().full_clean()

    def clean_unit(self):
        value = self.cleaned_data.get("unit")
        if value in (None, ""):
            return None
        if value == NEW_UNIT:
            return NEW_UNIT
        return self.units[int(value)]

    def clean(self):
        super().clean()
        unit = self.cleaned_data.get("unit")
        if unit == NEW_UNIT:
            self._clean_new_unit()
        elif unit is not None and self.line_exists({"id": unit.pk}, "unit"):
            raise forms.ValidationError(_("This plan for this unit is already in your basket."))
        return self.cleaned_data

    def _clean_new_unit(self):
        """Check a unit to register with the plan as registration would, then the plan."""
        number = self.cleaned_data.get("new_model")
        model = ApplianceModel.objects.active().filter(model_number=number).first()
        if model is None:
            self.add_error("new_model", _("Choose the model of your unit."))
            return
        registration = RegisterUnitForm(
            data={
                "serial": self.cleaned_data.get("new_serial") or "",
                "purchase_date": self.data.get(self.add_prefix("new_purchase_date"), ""),
            },
            appliance_model=model,
        )
        if not registration.is_valid():
            for field, errors in registration.errors.items():
                for error in errors:
                    self.add_error(f"new_{field}" if field != "invoice" else None, error)
            return
        purchase_date = registration.cleaned_data["purchase_date"]
        unit = RegisteredUnit(
            owner=self.owner,
            appliance_model=model,
            serial=registration.cleaned_data["serial"],
            purchase_date=purchase_date,
            base_warranty_end=warranty_end(purchase_date, model.base_warranty_months),
        )
        refusal = self._refusal(unit)
        if refusal:
            self.add_error("unit", refusal)
            return
        self.new_unit = unit
