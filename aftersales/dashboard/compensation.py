"""Staff screens for compensation: grant on a request within one's caps, and the spend report.

A grant refused by the caps is shown on the form with the reason and answered 403; a form
that does not validate is answered 400. Each form carries its own key, so sending it twice
(a double click, a reload) grants once.
"""

import csv
import datetime
import uuid

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from groundwork.whole_numbers import WholeNumberField, page_number

from .. import compensation, ladder
from ..models import (
    CompensationGrant,
    CompensationKind,
    CompensationReason,
    ServiceRequest,
    StaffLevel,
)
from .forms import DateInput, check_range

PER_PAGE = 25


class GrantForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=CompensationKind.choices)
    amount = WholeNumberField(
        label=gettext_lazy("Amount"),
        min_value=1,
        max_value=1_000_000,
        help_text=gettext_lazy("Points, months, vouchers or yuan, by the kind."),
    )
    reason = forms.ChoiceField(label=gettext_lazy("Reason"), choices=CompensationReason.choices)
    note = forms.CharField(
        label=gettext_lazy("What happened"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    key = forms.UUIDField(widget=forms.HiddenInput)


def request_for_staff(number: str) -> ServiceRequest:
    return get_object_or_404(
        ServiceRequest.objects.select_related("customer", "unit", "appliance_model", "area"),
        number=number,
    )


class GrantView(generic.TemplateView):
    template_name = "aftersales/dashboard/grant_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.service_request = request_for_staff(kwargs["number"])
        self.level = ladder.level_of(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", GrantForm(initial={"key": uuid.uuid4()}))
        level = self.level if self.level is not None else StaffLevel.AGENT
        return super().get_context_data(
            service_request=self.service_request,
            level_label=StaffLevel(level).label,
            allowances=compensation.allowances(level=level, service_request=self.service_request),
            grants=self.service_request.compensations.select_related("granted_by").order_by(
                "-created_at", "-pk"
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = GrantForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            grant, made = compensation.grant(
                service_request=self.service_request,
                kind=data["kind"],
                amount=data["amount"],
                reason=data["reason"],
                note=data["note"],
                granted_by=request.user,
                key=f"staff:{data['key']}",
                now=timezone.now(),
            )
        except compensation.GrantRefused as refusal:
            form.add_error(None, str(refusal))
            return self.render_to_response(self.get_context_data(form=form), status=403)
        if made:
            messages.success(
                request,
                _("Granted %(what)s on %(number)s.")
                % {
                    "what": compensation.describe(grant.kind, grant.amount),
                    "number": self.service_request.number,
                },
            )
        else:
            messages.info(request, _("This grant was already made."))
        return redirect("dashboard:aftersales-grant", number=self.service_request.number)


# --- The spend report ----------------------------------------------------------------------


class ReportForm(forms.Form):
    date_from = forms.DateField(label=gettext_lazy("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=gettext_lazy("To"), required=False, widget=DateInput)
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"),
        required=False,
        choices=[("", gettext_lazy("Any reason")), *CompensationReason.choices],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("Any kind")), *CompensationKind.choices],
    )

    def clean(self):
        check_range(self, "date_from", "date_to")
        return self.cleaned_data


def grants_for_report(
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    reason: str = "",
    kind: str = "",
):
    grants = CompensationGrant.objects.all()
    tz = timezone.get_current_timezone()
    if date_from:
        grants = grants.filter(
            created_at__gte=datetime.datetime.combine(date_from, datetime.time.min, tzinfo=tz)
        )
    if date_to:
        end = date_to + datetime.timedelta(days=1)
        grants = grants.filter(
            created_at__lt=datetime.datetime.combine(end, datetime.time.min, tzinfo=tz)
        )
    if reason:
        grants = grants.filter(reason=reason)
    if kind:
        grants = grants.filter(kind=kind)
    return grants


def spend_by_month(grants) -> list[dict]:
    """(month, reason, kind) → number of grants and total amount, newest month first."""
    rows = (
        grants.annotate(month=TruncMonth("created_at"))
        .values("month", "reason", "kind")
        .annotate(grants=Count("pk"), total=Sum("amount"))
        .order_by("-month", "reason", "kind")
    )
    return [
        {
            **row,
            "month": timezone.localtime(row["month"]).strftime("%Y-%m"),
            "reason_label": CompensationReason(row["reason"]).label,
            "kind_label": CompensationKind(row["kind"]).label,
        }
        for row in rows
    ]


class _Echo:
    def write(self, value):
        return value


class CompensationReportView(generic.TemplateView):
    template_name = "aftersales/dashboard/compensation_report.html"

    def get(self, request, *args, **kwargs):
        form = ReportForm(request.GET)
        grants = (
            grants_for_report(**form.cleaned_data)
            if form.is_valid()
            else CompensationGrant.objects.none()
        )
        export = request.GET.get("export", "")
        if export == "summary":
            return self.summary_csv(spend_by_month(grants))
        if export == "grants":
            return self.grants_csv(grants)
        listed = grants.select_related("service_request", "granted_by", "customer").order_by(
            "-created_at", "-pk"
        )
        page = self.paginate(listed)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                summary=spend_by_month(grants),
                page=page,
                grants=page.object_list,
                filters=_without(request.GET, "page", "export"),
            )
        )

    def paginate(self, queryset):
        return Paginator(queryset, PER_PAGE).get_page(page_number(self.request))

    def summary_csv(self, rows) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="compensation-by-month.csv"'
        response.write("\ufeff")  # so that Excel reads the Chinese as UTF-8
        writer = csv.writer(response)
        writer.writerow([_("Month"), _("Reason"), _("Kind"), _("Grants"), _("Total amount")])
        for row in rows:
            writer.writerow(
                [row["month"], row["reason_label"], row["kind_label"], row["grants"], row["total"]]
            )
        return response

    def grants_csv(self, grants) -> StreamingHttpResponse:
        header = [
            _("Granted at"),
            _("Request"),
            _("Reason"),
            _("Kind"),
            _("Amount"),
            _("As"),
            _("Granted by"),
            _("Status"),
            _("Voucher codes"),
            _("Note"),
        ]
        rows = grants.select_related("service_request", "granted_by").order_by("created_at", "pk")

        def lines():
            writer = csv.writer(_Echo())
            yield "\ufeff" + writer.writerow(header)
            for grant in rows.iterator(chunk_size=500):
                yield writer.writerow(
                    [
                        timezone.localtime(grant.created_at).strftime("%Y-%m-%d %H:%M"),
                        grant.service_request.number if grant.service_request else "",
                        grant.get_reason_display(),
                        grant.get_kind_display(),
                        grant.amount,
                        grant.get_role_display(),
                        grant.granted_by.email if grant.granted_by else "",
                        grant.get_status_display(),
                        grant.voucher_codes,
                        _csv_safe(grant.note),
                    ]
                )

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="compensation-grants.csv"'
        return response


def _csv_safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _without(query, *names) -> str:
    kept = query.copy()
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()
