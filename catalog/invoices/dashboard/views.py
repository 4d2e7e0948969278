"""The VAT invoice queue: filter the requests, record an issued invoice (which emails the
customer). A refusal is a message on the queue with a 400, never an error page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic

from groundwork.queue import enqueue_on_commit

from .. import selectors, services, tasks
from ..forms import InvoiceFilterForm, IssueForm
from ..models import InvoiceRequest

PER_PAGE = 25


class RequestListView(generic.ListView):
    template_name = "invoices/dashboard/request_list.html"
    context_object_name = "requests"
    paginate_by = PER_PAGE

    def get_queryset(self):
        data = self.request.GET if self.request.GET else {"status": "requested"}
        self.form = InvoiceFilterForm(data)
        if not self.form.is_valid():
            return InvoiceRequest.objects.none()
        return selectors.requests_for_staff(**self.form.cleaned_data)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form, query=self.request.GET.urlencode(), **kwargs
        )


class IssueView(RequestListView):
    http_method_names = ["post"]

    def post(self, request, pk):
        invoice = get_object_or_404(InvoiceRequest, pk=pk)
        form = IssueForm(request.POST)
        if form.is_valid():
            try:
                issued = services.mark_issued(
                    request_id=invoice.pk,
                    invoice_number=form.cleaned_data["invoice_number"],
                    actor=request.user,
                )
            except services.CannotIssue as refusal:
                messages.error(request, str(refusal))
            else:
                enqueue_on_commit(tasks.send_invoice_issued, issued.pk)
                messages.success(
                    request,
                    _("Invoice %(number)s recorded for order %(order)s; the customer is emailed.")
                    % {"number": issued.invoice_number, "order": issued.order.number},
                )
                back = reverse("dashboard:invoices-request-list")
                query = request.GET.urlencode()
                return redirect(f"{back}?{query}" if query else back)
        else:
            for error in form.errors.get("invoice_number", []):
                messages.error(request, error)
        response = self.get(request)
        response.status_code = 400
        return response
