"""Staff screens for points: three reports with CSV, and a member's points by phone number.

Adjustments go through membership.points.adjust, which records who made them; a refusal
(no reason, more points taken than the member has) is a form error, never an error page.
"""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from .. import points
from ..models import LedgerEntry, MemberProfile
from . import reports
from .forms import AdjustPointsForm, MemberLookupForm

RECENT_ENTRIES = 20


class ReportView(generic.TemplateView):
    """A report as a table, or as CSV with ?format=csv."""

    template_name = "membership/dashboard/report.html"

    def build(self) -> reports.Report:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        report = self.build()
        if request.GET.get("format") == "csv":
            return csv_response(report, today=timezone.localdate())
        return self.render_to_response(self.get_context_data(report=report))


class LiabilityView(ReportView):
    def build(self):
        return reports.liability()


class RollForwardView(ReportView):
    def build(self):
        return reports.roll_forward(today=timezone.localdate())


class TierMembersView(ReportView):
    def build(self):
        return reports.tier_members()


def csv_response(report: reports.Report, *, today) -> HttpResponse:
    """The report as UTF-8 CSV with a byte-order mark, so that Excel reads Chinese right."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{report.filename}-{today.isoformat()}.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([column.label for column in report.columns])
    for row in [*report.body, *([report.footer] if report.footer else [])]:
        writer.writerow([csv_value(cell) for cell in row])
    return response


def csv_value(cell: reports.Cell) -> str:
    if cell.kind == "month" and hasattr(cell.value, "strftime"):
        return cell.value.strftime("%Y-%m")
    return str(cell.value)


class MemberLookupView(generic.FormView):
    """Find a member by their whole mobile number and open their page."""

    template_name = "membership/dashboard/member_lookup.html"
    form_class = MemberLookupForm

    def get(self, request, *args, **kwargs):
        if "phone" not in request.GET:
            return self.render_to_response(self.get_context_data(form=MemberLookupForm()))
        form = MemberLookupForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        member = MemberProfile.objects.filter(phone=form.cleaned_data["phone"]).first()
        if member is None:
            return self.render_to_response(self.get_context_data(form=form, not_found=True))
        return redirect("dashboard:membership-member-detail", pk=member.pk)


class MemberDetailView(generic.DetailView):
    """Profile, balance, tier and the last 20 entries, with the adjust form."""

    template_name = "membership/dashboard/member_detail.html"
    context_object_name = "member"
    queryset = MemberProfile.objects.select_related("user", "points_account__tier")

    def get_context_data(self, **kwargs):
        member = self.object
        kwargs.setdefault("adjust_form", AdjustPointsForm())
        entries = LedgerEntry.objects.filter(member=member).select_related("created_by")
        return super().get_context_data(
            account=getattr(member, "points_account", None),
            entries=entries[:RECENT_ENTRIES],
            lookup_form=MemberLookupForm(initial={"phone": member.phone}),
            **kwargs,
        )


class AdjustPointsView(MemberDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = member = self.get_object()
        form = AdjustPointsForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = points.adjust(
                    member=member,
                    points=data["points"],
                    reason=data["reason"],
                    actor=request.user,
                    source_key=f"adjust:{data['key']}",
                    today=timezone.localdate(),
                )
            except (points.AdjustmentRefused, points.InsufficientPoints) as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("%(points)+d points recorded; the balance is now %(balance)d.")
                    % {"points": entry.points, "balance": entry.balance_after},
                )
                return redirect("dashboard:membership-member-detail", pk=member.pk)
        messages.error(request, _("The points were not adjusted; please correct the form."))
        return self.render_to_response(self.get_context_data(adjust_form=form))
