from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from appliances import signing
from appliances.models import ApplianceModel
from groundwork.whole_numbers import page_number

from .. import coverage, selectors, services
from ..forms import RegisterUnitForm
from ..models import RegisteredUnit
from ..request_kinds import actions_for

DEVICES_PER_PAGE = 20


class RegisterUnitView(View):
    """Register a unit of the model named by ?model=<public code>, from a QR scan or a link.

    A per-unit code also passes ?serial=&sig=: when the signature holds, the serial is
    prefilled and locked; when it does not, it is ignored as if never given.
    """

    template_name = "aftersales/register.html"

    def dispatch(self, request, *args, **kwargs):
        params = request.POST if request.method == "POST" else request.GET
        code = params.get("model", "")
        if not code and request.method == "GET":
            # "Add a device" from My devices: find the model by its number, no QR code needed.
            return find_model(request)
        self.appliance_model = ApplianceModel.objects.by_public_code(code).first() if code else None
        if self.appliance_model is None:
            return render(request, "aftersales/unknown_model.html", status=404)
        serial, sig = params.get("serial", ""), params.get("sig", "")
        verified = serial and signing.verify_unit(self.appliance_model.public_code, serial, sig)
        self.signed_serial = serial.upper() if verified else ""
        self.signature = sig.upper() if verified else ""
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        initial = {"serial": self.signed_serial} if self.signed_serial else {}
        return self.render(request, self.make_form(initial=initial))

    def post(self, request):
        if not request.user.is_authenticated:
            return self.render(request, None, status=403)
        form = self.make_form(data=request.POST, files=request.FILES)
        if not form.is_valid():
            return self.render(request, form, status=400)
        try:
            unit = services.register_unit(
                owner=request.user,
                appliance_model=self.appliance_model,
                serial=form.cleaned_data["serial"],
                purchase_date=form.cleaned_data["purchase_date"],
                invoice=form.cleaned_data.get("invoice"),
                source=self.source(form.cleaned_data["serial"]),
            )
        except services.AlreadyYours:
            messages.info(request, _("This unit is already in your devices."))
            return redirect("aftersales:devices")
        except services.SerialTaken:
            return self.render(request, form, status=409, serial_taken=True)
        messages.success(
            request,
            _("%(model)s registered. Its base warranty runs to %(date)s.")
            % {"model": unit.appliance_model.model_number, "date": unit.base_warranty_end},
        )
        return redirect("aftersales:devices")

    def source(self, serial: str) -> str:
        if self.signed_serial and serial == self.signed_serial:
            return RegisteredUnit.Source.UNIT_QR
        return RegisteredUnit.Source.MODEL_QR

    def make_form(self, **kwargs):
        if not self.request.user.is_authenticated:
            return None
        return RegisterUnitForm(
            appliance_model=self.appliance_model,
            serial_locked=bool(self.signed_serial),
            **kwargs,
        )

    def render(self, request, form, status=200, **extra):
        context = {
            "appliance_model": self.appliance_model,
            "form": form,
            "signed_serial": self.signed_serial,
            "signature": self.signature,
            "here": request.get_full_path(),
            **extra,
        }
        return render(request, self.template_name, context, status=status)


MODELS_FOUND = 20


def find_model(request):
    """The models whose number or name holds ?q=, each a link to register a unit of it."""
    query = " ".join(request.GET.get("q", "").split())[:60]
    found = list(selectors.models_matching(query)[: MODELS_FOUND + 1]) if query else []
    return render(
        request,
        "aftersales/register_find_model.html",
        {"query": query, "found": found[:MODELS_FOUND], "more": len(found) > MODELS_FOUND},
    )


@login_required
def invoice_photo(request, pk: int):
    """The invoice photo of one of the signed-in customer's own units; 404 for anyone else."""
    unit = get_object_or_404(
        RegisteredUnit.objects.owned_by(request.user).exclude(invoice=""), pk=pk
    )
    response = FileResponse(unit.invoice.open("rb"))
    response["Cache-Control"] = "private, no-store"
    return response


@method_decorator(login_required, name="dispatch")
class MyDevicesView(View):
    template_name = "aftersales/my_devices.html"

    def get(self, request):
        units = selectors.units_with_cover(request.user)
        page = Paginator(units, DEVICES_PER_PAGE).get_page(page_number(request))
        today = timezone.localdate()
        rows = [
            (
                unit,
                coverage.for_unit(unit, today=today),
                selectors.extended_cover(unit),
                actions_for(
                    category=unit.appliance_model.category, installed=unit.installation_asked
                ),
                unit.open_requests[0] if unit.open_requests else None,
            )
            for unit in page.object_list
        ]
        return render(
            request,
            self.template_name,
            {"page_obj": page, "rows": rows},
        )
