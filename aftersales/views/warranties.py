"""My warranties: the customer's extended warranty contracts, their certificates, cancelling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from oscar.templatetags.currency_filters import currency

from groundwork.whole_numbers import page_number

from .. import selectors, services
from ..cancellations import RefundFailed, refund_contract
from ..certificates import render_certificate
from ..models import WarrantyContract

CONTRACTS_PER_PAGE = 20


@method_decorator(login_required, name="dispatch")
class MyWarrantiesView(View):
    template_name = "aftersales/my_warranties.html"

    def get(self, request):
        contracts = selectors.contracts_of(request.user)
        page = Paginator(contracts, CONTRACTS_PER_PAGE).get_page(page_number(request))
        today = timezone.localdate()
        rows = [selectors.ContractState(contract=c, today=today) for c in page.object_list]
        return render(request, self.template_name, {"page_obj": page, "rows": rows})


@login_required
def certificate_pdf(request, number: str):
    """The certificate of one of the customer's own contracts; 404 for anyone else's."""
    contract = get_object_or_404(
        WarrantyContract.objects.owned_by(request.user).select_related(
            "unit__appliance_model", "unit__owner"
        ),
        number=number,
    )
    response = HttpResponse(render_certificate(contract), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{contract.number}.pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@method_decorator(login_required, name="dispatch")
class CancelContractView(View):
    """Confirm, then cancel a plan and pay its refund back through the gateway."""

    template_name = "aftersales/cancel_contract.html"

    def get(self, request, number: str):
        contract = get_object_or_404(selectors.contracts_of(request.user), number=number)
        today = timezone.localdate()
        state = selectors.ContractState(contract=contract, today=today)
        if not state.may_cancel:
            messages.error(request, refusal(state))
            return redirect("aftersales:warranties")
        context = {
            "contract": contract,
            "state": state,
            "refund": services.refund_due(contract, today=today),
        }
        return render(request, self.template_name, context)

    def post(self, request, number: str):
        contract = get_object_or_404(selectors.contracts_of(request.user), number=number)
        try:
            amount = refund_contract(
                contract=contract, today=timezone.localdate(), actor=request.user
            )
        except (services.CannotCancel, RefundFailed) as exc:
            messages.error(request, str(exc))
            return redirect("aftersales:warranties")
        messages.success(
            request,
            _("Warranty %(number)s is cancelled. %(amount)s will be refunded to you.")
            % {"number": contract.number, "amount": currency(amount, "CNY")},
        )
        return redirect("aftersales:warranties")


def refusal(state: selectors.ContractState) -> str:
    """Why the plan cannot be cancelled online, in cancel_contract's own words."""
    if state.cancelled:
        return _("This warranty is already cancelled.")
    if state.ended:
        return _("This warranty has already ended.")
    return _("Cancel the later plan on this unit first.")
