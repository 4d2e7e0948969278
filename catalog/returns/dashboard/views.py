"""Staff screens for returns: the list, and one request with approve, refuse and receive.

A step the request is not ready for (approving twice, receiving before approval) answers
409 with the reason on the request's page, never an error page.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic
from django_tables2 import SingleTableView
from oscar.templatetags.currency_filters import currency

from .. import selectors, services
from ..forms import DecisionForm, ReturnSearchForm
from ..models import ReturnRequest
from .tables import ReturnTable

PER_PAGE = 20


class ReturnListView(SingleTableView):
    template_name = "returns/dashboard/list.html"
    table_class = ReturnTable
    context_table_name = "returns"
    paginate_by = PER_PAGE

    def get_queryset(self):
        self.form = ReturnSearchForm(self.request.GET)
        if not self.form.is_valid():
            return ReturnRequest.objects.none()
        return selectors.returns_for_staff(**self.form.cleaned_data)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class ReturnDetailView(generic.DetailView):
    template_name = "returns/dashboard/detail.html"
    context_object_name = "return_request"
    queryset = ReturnRequest.objects.select_related(
        "line__order", "customer", "decided_by", "replacement_order"
    )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", DecisionForm())
        if self.object.kind == ReturnRequest.Kind.RETURN:
            kwargs["refund_due"] = services.refund_due(self.object.line, self.object.quantity)
        return super().get_context_data(**kwargs)


STEPS = {"approve", "refuse", "receive"}


class ReturnStepView(ReturnDetailView):
    http_method_names = ["post"]

    def post(self, request, pk, action):
        if action not in STEPS:
            raise Http404
        self.object = return_request = get_object_or_404(self.queryset, pk=pk)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        now = timezone.now()
        note = form.cleaned_data["note"]
        try:
            if action == "approve":
                done = services.approve(
                    request=return_request, actor=request.user, note=note, now=now
                )
                message = _("Request %(number)s is approved.") % {"number": done.number}
            elif action == "refuse":
                done = services.refuse(
                    request=return_request, actor=request.user, note=note, now=now
                )
                message = _("Request %(number)s is refused.") % {"number": done.number}
            else:
                done = services.receive(request=return_request, actor=request.user, now=now)
                message = _received_message(done)
        except services.NotAllowed as error:
            form.add_error("note", str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        except (services.OutOfOrder, services.RefundFailed) as error:
            messages.error(request, str(error))
            self.object.refresh_from_db()
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(request, message)
        return redirect("dashboard:returns-detail", pk=done.pk)


def _received_message(done: ReturnRequest) -> str:
    if done.replacement_order is not None:
        return _("Request %(number)s is received; replacement order %(order)s is placed.") % {
            "number": done.number,
            "order": done.replacement_order.number,
        }
    return _("Request %(number)s is received and %(amount)s is refunded.") % {
        "number": done.number,
        "amount": currency(done.refund_amount, "CNY"),
    }
