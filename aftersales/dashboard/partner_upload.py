"""Staff upload a partner's installation orders as CSV; each row is reported on.

Rows stand alone (aftersales.partner_orders.import_csv): good rows open their request, rows
already opened are reported with their number, bad rows write nothing and say why.
"""

import csv

from django import forms
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import generic

from groundwork.whole_numbers import RowChoiceField

from .. import partner_orders
from ..models import InstallationPartner

EXAMPLE_ROW = {
    "order_id": "JD20261202001",
    "line_id": "1",
    "model": "KFR-35GW/BP3DN8Y",
    "serial": "",
    "quantity": "1",
    "contact_name": "王小明",
    "contact_phone": "13800138000",
    "email": "",
    "address": "上海市浦东新区世纪大道100号",
    "area": "",
    "note": "",
}


class UploadForm(forms.Form):
    partner = RowChoiceField(
        label=gettext_lazy("Partner"),
        queryset=InstallationPartner.objects.filter(is_active=True),
    )
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8 or GB18030; the first row names the columns."),
    )


class PartnerOrderUploadView(generic.FormView):
    template_name = "aftersales/dashboard/partner_upload.html"
    form_class = UploadForm

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            return self.template_csv()
        return super().get(request, *args, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            results = partner_orders.import_csv(
                partner=form.cleaned_data["partner"],
                raw=upload.read(partner_orders.MAX_CSV_BYTES + 1),
                now=timezone.now(),
                created_by=self.request.user,
            )
        except partner_orders.FileRefused as refusal:
            form.add_error("file", str(refusal))
            return self.form_invalid(form)
        counts = {
            outcome: sum(1 for result in results if result.outcome == outcome)
            for outcome in ("created", "existing", "refused")
        }
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(initial={"partner": form.cleaned_data["partner"]}),
                results=results,
                counts=counts,
                partner=form.cleaned_data["partner"],
            )
        )

    def template_csv(self) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="installation-orders.csv"'
        response.write("\ufeff")
        writer = csv.DictWriter(response, fieldnames=partner_orders.CSV_COLUMNS)
        writer.writeheader()
        writer.writerow(EXAMPLE_ROW)
        return response
