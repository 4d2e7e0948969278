"""Shopping by appliance model: /<lang>/shop/for/ and /<lang>/shop/for/<model number>/.

Model numbers hold slashes and brackets (KFR-35GW/BP3DN8Y-PH200(B3)), so the URL takes the
rest of the path as the number, matched without regard to case.
"""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from aftersales.models import RegisteredUnit
from appliances.models import ApplianceModel

from .selectors import offers_for


def model_url(appliance_model: ApplianceModel) -> str:
    return reverse("appliances:model", kwargs={"model_number": appliance_model.model_number})


class ShopByModelView(TemplateView):
    """Every active model by appliance category, a picker, and the customer's own models."""

    template_name = "appliances/shop_by_model.html"

    def get(self, request, *args, **kwargs):
        self.picked = request.GET.get("model", "").strip()[:64]
        if self.picked:
            # The picker is a plain GET form, so it works without JavaScript.
            found = ApplianceModel.objects.active().filter(model_number__iexact=self.picked)
            appliance_model = found.first()
            if appliance_model is not None:
                return redirect(model_url(appliance_model))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        models = list(ApplianceModel.objects.active())
        owned = set(
            RegisteredUnit.objects.owned_by(self.request.user).values_list(
                "appliance_model_id", flat=True
            )
        )
        context.update(
            appliance_models=models,
            my_models=[model for model in models if model.pk in owned],
            picked=self.picked,
            picked_unknown=bool(self.picked),
        )
        return context


class EverythingForModelView(TemplateView):
    """Plans by term, cleaning visits and parts for one model, priced by the shop's strategy."""

    template_name = "appliances/everything_for_model.html"

    def get(self, request, *args, model_number, **kwargs):
        self.appliance_model = (
            ApplianceModel.objects.active().filter(model_number__iexact=model_number).first()
        )
        if self.appliance_model is None:
            raise Http404(_("No appliance model with this number is on sale."))
        if self.appliance_model.model_number != model_number:
            return HttpResponsePermanentRedirect(model_url(self.appliance_model))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appliance_model = self.appliance_model
        context.update(
            appliance_model=appliance_model,
            offers=offers_for(appliance_model),
            owns_one=RegisteredUnit.objects.owned_by(self.request.user)
            .filter(appliance_model=appliance_model)
            .exists(),
        )
        return context
