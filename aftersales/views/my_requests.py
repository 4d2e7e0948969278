"""My service requests: the list, one request's timeline, and what the customer may change.

A signed-in customer reaches their own requests by number (anyone else's answers 404, the
same as a number that does not exist); a guest reaches theirs through the signed link their
text messages carry. A step the request's status does not allow answers 409 with the reason.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST

from groundwork.whole_numbers import page_number

from .. import selectors
from ..models import ServiceRequest, ServiceSlot
from ..request_links import number_from_token
from ..services.bookings import SlotFull
from ..services.requests import OutOfOrder, Quote
from ..services.requests_customer import (
    MOVE_AHEAD,
    CannotMove,
    TooLate,
    cancel_request,
    confirm_request,
    reschedule_request,
)
from .bookings import RescheduleForm
from .requests import when

REQUESTS_PER_PAGE = 20
SLOTS_PER_PAGE = 20
DETAIL_RELATED = ("appliance_model", "engineer", "slot__area", "area", "unit", "contract")


class MyServiceRequestsView(View):
    template_name = "aftersales/service/my_requests.html"

    def get(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        page = Paginator(selectors.requests_of(request.user), REQUESTS_PER_PAGE).get_page(
            page_number(request)
        )
        return render(request, self.template_name, {"page_obj": page})


class RequestPage(View):
    """A page about one request, found by number (its owner) or by a guest's signed link."""

    def dispatch(self, request, *args, number: str = "", token: str = "", **kwargs):
        if token:
            number = number_from_token(token)
            if number is None:
                raise Http404
            requests = ServiceRequest.objects.filter(customer__isnull=True)
        elif not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        else:
            requests = ServiceRequest.objects.owned_by(request.user)
        self.token = token
        self.service_request = get_object_or_404(
            requests.select_related(*DETAIL_RELATED), number=number
        )
        self.role = "customer" if not token else "guest"
        return super().dispatch(request, *args, **kwargs)

    def url(self, name: str, *args) -> str:
        if self.token:
            full = "service-guest" if name == "detail" else f"service-guest-{name}"
            return reverse(f"aftersales:{full}", args=[self.token, *args])
        return reverse(f"aftersales:service-{name}", args=[self.service_request.number, *args])

    def links(self) -> dict[str, str]:
        return {name: self.url(name) for name in ("detail", "cancel", "reschedule", "confirm")}

    def refused(self, message: str):
        context = {
            "service_request": self.service_request,
            "message": message,
            "links": self.links(),
        }
        return render(self.request, "aftersales/service/refused.html", context, status=409)

    @property
    def actor(self):
        return self.request.user if self.request.user.is_authenticated else None


class RequestDetailView(RequestPage):
    template_name = "aftersales/service/detail.html"

    def get(self, request, **kwargs):
        service_request = self.service_request
        context = {
            "service_request": service_request,
            "state": selectors.RequestState(service_request=service_request, now=timezone.now()),
            "timeline": selectors.timeline(service_request),
            "attachments": [
                (attachment, self.url("file", attachment.pk))
                for attachment in service_request.attachments.all()
            ],
            "area_name": selectors.area_name(service_request.area) if service_request.area else "",
            "answer_due": when(service_request.response_due),
            "price": Quote(
                cover=service_request.cover,
                contract=service_request.contract,
                callout_fee=service_request.callout_fee,
                labour=service_request.labour_estimate,
                parts=service_request.parts_estimate,
            ),
            "links": self.links(),
            "guest": bool(self.token),
        }
        return render(request, self.template_name, context)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why are you cancelling? (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CancelRequestView(RequestPage):
    template_name = "aftersales/service/cancel.html"

    def get(self, request, **kwargs):
        state = selectors.RequestState(service_request=self.service_request, now=timezone.now())
        return self.render(CancelForm(), state)

    def post(self, request, **kwargs):
        form = CancelForm(request.POST)
        state = selectors.RequestState(service_request=self.service_request, now=timezone.now())
        if not form.is_valid():
            return self.render(form, state, status=400)
        try:
            cancel_request(
                service_request=self.service_request,
                actor=self.actor,
                role=self.role,
                now=timezone.now(),
                reason=form.cleaned_data["reason"],
            )
        except (OutOfOrder, TooLate) as refusal:
            return self.refused(str(refusal))
        messages.success(
            request, _("Request %(number)s is cancelled.") % {"number": self.service_request.number}
        )
        return redirect(self.url("detail"))

    def render(self, form, state, status=200):
        context = {
            "service_request": self.service_request,
            "state": state,
            "form": form,
            "links": self.links(),
        }
        return render(self.request, self.template_name, context, status=status)


class RescheduleRequestView(RequestPage):
    """Another window of the same area, more than 24 hours ahead."""

    template_name = "aftersales/service/reschedule.html"

    def get(self, request, **kwargs):
        return self.render(self.make_form())

    def post(self, request, **kwargs):
        form = self.make_form(data=request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            reschedule_request(
                service_request=self.service_request,
                slot_id=form.cleaned_data["slot"].pk,
                actor=self.actor,
                now=timezone.now(),
            )
        except (OutOfOrder, TooLate) as refusal:
            return self.refused(str(refusal))
        except (CannotMove, SlotFull) as problem:
            return self.render(form, status=409, problem=str(problem))
        self.service_request.refresh_from_db()
        if self.service_request.status == ServiceRequest.Status.ASSIGNED:
            messages.success(request, _("Your visit is moved. The same engineer will come."))
        else:
            messages.info(
                request,
                _(
                    "Your engineer is not free then, so we are finding another one for that "
                    "time. We will text you the engineer's name."
                ),
            )
        return redirect(self.url("detail"))

    def make_form(self, data=None):
        return RescheduleForm(data, area_id=self.service_request.area_id or 0)

    def render(self, form, status=200, problem=""):
        now = timezone.now()
        state = selectors.RequestState(service_request=self.service_request, now=now)
        slots = (
            ServiceSlot.objects.bookable(after=timezone.localtime(now + MOVE_AHEAD))
            .filter(area_id=self.service_request.area_id)
            .exclude(pk=self.service_request.slot_id)
        )
        page = Paginator(slots, SLOTS_PER_PAGE).get_page(page_number(self.request))
        chosen = form["slot"].value() if form.is_bound else None
        context = {
            "service_request": self.service_request,
            "state": state,
            "form": form,
            "page_obj": page,
            "chosen": str(chosen or ""),
            "problem": problem,
            "links": self.links(),
        }
        return render(self.request, self.template_name, context, status=status)


class ConfirmRequestView(RequestPage):
    """The customer confirms the job is done (from the detail page or the "done" message)."""

    def post(self, request, **kwargs):
        try:
            confirm_request(
                service_request=self.service_request,
                actor=self.actor,
                role=self.role,
                now=timezone.now(),
            )
        except OutOfOrder as refusal:
            return self.refused(str(refusal))
        messages.success(request, _("Thank you for confirming. We are glad it is sorted."))
        return redirect(self.url("detail"))


class AttachmentFileView(RequestPage):
    """A photo or video of the request, for its owner (or guest link) only; 404 otherwise."""

    def get(self, request, pk: int, **kwargs):
        attachment = get_object_or_404(self.service_request.attachments.all(), pk=pk)
        response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
        response["Cache-Control"] = "private, no-store"
        response["Content-Disposition"] = "inline"
        return response


confirm_view = require_POST(ConfirmRequestView.as_view())
