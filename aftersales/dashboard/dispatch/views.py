"""The dispatcher's screens: the board, a request with its steps, a shop visit's engineer,
an engineer's day.

Every step posts to one URL per action and goes through a service; bad input re-renders
the page with the form's errors (400), a refusal (a step out of order, an engineer taken
meanwhile, a window full) re-renders it with the service's message (409). Nothing here
decides a rule.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django_tables2 import RequestConfig

from ... import rounds
from ...job_forms import PartFormSet, WorkForm
from ...models import (
    Assignment,
    ServiceAttachment,
    ServiceBooking,
    ServiceKind,
    ServiceRequest,
    ServiceSlot,
    WarrantyClaim,
)
from ...services import desk, dispatch
from ...services.bookings import CannotChange, SlotFull
from ...services.parts import PartsShort
from ...services.requests import OutOfOrder, can, step_label
from . import forms, selectors, tables

PER_PAGE = 20
WINDOW_DAYS = 14
MAX_WINDOWS = 60
FREE_WINDOWS_SHOWN = 8
REFUSALS = (OutOfOrder, dispatch.CannotDispatch, SlotFull, PartsShort, CannotChange)


class DispatchBoardView(generic.View):
    template_name = "aftersales/dashboard/dispatch/board.html"

    def get(self, request):
        form = forms.BoardFilterForm(request.GET)
        now = timezone.now()
        if form.is_valid():
            data = form.cleaned_data
            open_requests = selectors.requests_for_board(now=now, **data)
            open_bookings = selectors.bookings_for_board(now=now, **data)
        else:
            data = {}
            open_requests = ServiceRequest.objects.none()
            open_bookings = ServiceBooking.objects.none()
        config = RequestConfig(request, paginate={"per_page": PER_PAGE})
        requests_table = tables.RequestBoardTable(open_requests, prefix="r-")
        bookings_table = tables.BookingBoardTable(open_bookings, prefix="b-")
        config.configure(requests_table)
        config.configure(bookings_table)
        kind = data.get("kind", "")
        context = {
            "form": form,
            "requests_table": requests_table if kind != selectors.SHOP_VISIT else None,
            "bookings_table": (
                bookings_table
                if kind in ("", selectors.SHOP_VISIT) and not data.get("status")
                else None
            ),
        }
        return render(request, self.template_name, context)


# --- A request and its steps ------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    name: str
    step: str
    label: str
    form_class: type
    kinds: frozenset = frozenset(ServiceKind.values)
    danger: bool = False


def _kinds(*kinds) -> frozenset:
    return frozenset(kinds)


VISITS = _kinds(ServiceKind.INSTALLATION, ServiceKind.ONSITE_REPAIR, ServiceKind.GUIDANCE)
MAILIN = _kinds(ServiceKind.MAILIN_REPAIR)
NOT_VISITS = frozenset(ServiceKind.values) - VISITS

ACTIONS = {
    action.name: action
    for action in [
        Action("answer", "answer", gettext_lazy("Answer"), forms.NoteForm),
        Action("assign", "assign", gettext_lazy("Assign an engineer"), forms.AssignForm, VISITS),
        Action(
            "reassign",
            "reschedule",
            gettext_lazy("Change engineer or window"),
            forms.AssignForm,
            VISITS,
        ),
        Action(
            "unassign",
            "unassign",
            gettext_lazy("Withdraw the engineer"),
            forms.OptionalNoteForm,
            VISITS,
            danger=True,
        ),
        Action(
            "await_parcel",
            "await_parcel",
            gettext_lazy("Ask for the parcel"),
            forms.EmptyForm,
            MAILIN,
        ),
        Action(
            "receive_parcel",
            "receive_parcel",
            gettext_lazy("Parcel received"),
            forms.TrackingForm,
            MAILIN,
        ),
        Action("repair", "repair", gettext_lazy("Repaired"), WorkForm, MAILIN),
        Action("ship_back", "ship_back", gettext_lazy("Shipped back"), forms.TrackingForm, MAILIN),
        Action(
            "schedule_call",
            "schedule_call",
            gettext_lazy("Schedule the video call"),
            forms.CallForm,
            _kinds(ServiceKind.REMOTE_DIAGNOSIS),
        ),
        Action("complete", "complete", gettext_lazy("Done"), forms.NoteForm, NOT_VISITS),
        Action(
            "cancel", "cancel", gettext_lazy("Cancel the request"), forms.ReasonForm, danger=True
        ),
    ]
}


def available(service_request: ServiceRequest) -> list[Action]:
    return [
        action
        for action in ACTIONS.values()
        if service_request.kind in action.kinds and can(service_request, action.step)
    ]


def _request(pk: int) -> ServiceRequest:
    return get_object_or_404(
        ServiceRequest.objects.select_related(
            "appliance_model", "area", "engineer", "slot__area", "unit", "contract", "customer"
        ),
        pk=pk,
    )


def _assign_choices(service_request: ServiceRequest, now: datetime.datetime):
    """The engineers and windows the dispatcher may pick, and each engineer's free windows."""
    engineers = dispatch.qualified_engineers(
        area_id=service_request.area_id, category=service_request.appliance_model.category
    )
    horizon = timezone.localdate(now) + datetime.timedelta(days=WINDOW_DAYS)
    slots = ServiceSlot.objects.bookable(after=now).filter(date__lte=horizon)
    if service_request.area_id is not None:
        slots = slots.filter(area_id=service_request.area_id)
    else:
        slots = slots.filter(area__engineers__in=engineers).distinct()
    slots = list(slots[:MAX_WINDOWS])
    current = service_request.slot
    if current is not None and current.pk not in {slot.pk for slot in slots}:
        slots.insert(0, current)
    free = dispatch.engineers_free_in(engineers=engineers, slots=slots)
    rows = [
        (engineer, free[engineer.pk][:FREE_WINDOWS_SHOWN], len(free[engineer.pk]))
        for engineer in engineers
    ]
    return engineers, slots, rows


class RequestDetailView(generic.View):
    template_name = "aftersales/dashboard/dispatch/request_detail.html"

    def get(self, request, pk):
        return self.show(request, _request(pk))

    def show(self, request, service_request, *, bound=None, status=200, problem=""):
        """The page with a form for every step the status allows; `bound` is the one posted."""
        now = timezone.now()
        actions = available(service_request)
        engineers = slots = free_rows = None
        if any(action.form_class is forms.AssignForm for action in actions):
            engineers, slots, free_rows = _assign_choices(service_request, now)
        cards = []
        for action in actions:
            if bound is not None and bound[0] == action.name:
                form, formset = bound[1], bound[2]
            else:
                form = _make_form(action, None, engineers=engineers, slots=slots)
                formset = PartFormSet(prefix="parts") if action.name == "repair" else None
            cards.append({"action": action, "form": form, "formset": formset})
        if problem:
            messages.error(request, problem)
        events = list(service_request.events.select_related("actor").order_by("at", "pk"))
        for event in events:
            event.action_label = step_label(event.action)
        context = {
            "service_request": service_request,
            "events": events,
            "repair_centre_address": settings.AFTERCARE_REPAIR_CENTRE_ADDRESS,
            "attachments": service_request.attachments.all(),
            "parts_used": service_request.parts_used.all(),
            "claim": _claim(service_request),
            "cards": cards,
            "free_rows": free_rows,
        }
        return render(request, self.template_name, context, status=status)


def _claim(service_request):
    return WarrantyClaim.objects.filter(service_request=service_request).first()


def _make_form(action: Action, data, *, engineers, slots):
    if action.form_class is forms.AssignForm:
        return forms.AssignForm(data, engineers=engineers, slots=slots, prefix=action.name)
    return action.form_class(data, prefix=action.name)


class RequestStepView(RequestDetailView):
    http_method_names = ["post"]

    def post(self, request, pk, action):
        action = ACTIONS.get(action)
        if action is None:
            raise Http404
        service_request = _request(pk)
        if action not in available(service_request):
            return self.show(
                request,
                service_request,
                status=409,
                problem=_("“%(step)s” cannot happen now: the request is “%(status)s”.")
                % {"step": action.label, "status": service_request.get_status_display()},
            )
        now = timezone.now()
        engineers = slots = None
        if action.form_class is forms.AssignForm:
            engineers, slots, _rows = _assign_choices(service_request, now)
        form = _make_form(action, request.POST, engineers=engineers, slots=slots)
        formset = PartFormSet(request.POST, prefix="parts") if action.name == "repair" else None
        if not form.is_valid() or (formset is not None and not formset.is_valid()):
            return self.show(
                request,
                service_request,
                bound=(action.name, form, formset),
                status=400,
                problem=_("Nothing was changed; please correct the form."),
            )
        try:
            STEP_HANDLERS[action.name](
                service_request, form.cleaned_data, formset, actor=request.user, now=now
            )
        except REFUSALS as refusal:
            service_request = _request(pk)
            return self.show(request, service_request, status=409, problem=str(refusal))
        messages.success(
            request,
            _("%(number)s: %(step)s.")
            % {"number": service_request.number, "step": step_label(action.step)},
        )
        return redirect("dashboard:aftersales-request-detail", pk=service_request.pk)


def _assign(service_request, data, formset, *, actor, now):
    dispatch.assign(
        job=service_request, engineer=data["engineer"], slot=data["slot"], actor=actor, now=now
    )


def _reassign(service_request, data, formset, *, actor, now):
    dispatch.reassign(
        job=service_request, engineer=data["engineer"], slot=data["slot"], actor=actor, now=now
    )


def _repair(service_request, data, formset, *, actor, now):
    desk.repair(
        service_request=service_request,
        resolution=data["resolution"],
        labour_minutes=data["labour_minutes"],
        parts=formset.lines(),
        actor=actor,
        now=now,
    )


STEP_HANDLERS = {
    "answer": lambda r, d, f, **kw: desk.answer(service_request=r, note=d["note"], **kw),
    "assign": _assign,
    "reassign": _reassign,
    "unassign": lambda r, d, f, **kw: dispatch.unassign(job=r, reason=d["note"], **kw),
    "await_parcel": lambda r, d, f, **kw: desk.await_parcel(service_request=r, **kw),
    "receive_parcel": lambda r, d, f, **kw: desk.receive_parcel(
        service_request=r, tracking=d["tracking"], **kw
    ),
    "repair": _repair,
    "ship_back": lambda r, d, f, **kw: desk.ship_back(
        service_request=r, tracking=d["tracking"], **kw
    ),
    "schedule_call": lambda r, d, f, **kw: desk.schedule_call(
        service_request=r, appointment_at=d["appointment_at"], call_link=d["call_link"], **kw
    ),
    "complete": lambda r, d, f, **kw: desk.finish(service_request=r, note=d["note"], **kw),
    "cancel": lambda r, d, f, **kw: dispatch.cancel_request(
        service_request=r, role=dispatch.DISPATCHER, reason=d["reason"], **kw
    ),
}


def attachment_file(request, pk: int):
    """A request's photo, video or signature, for staff who dispatch; never cached."""
    attachment = get_object_or_404(ServiceAttachment, pk=pk)
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


# --- A shop visit's engineer -------------------------------------------------------------


def _booking(pk: int) -> ServiceBooking:
    return get_object_or_404(
        ServiceBooking.objects.select_related("slot__area", "unit__appliance_model", "customer"),
        pk=pk,
    )


def _booking_choices(booking: ServiceBooking):
    """Engineers of the visit's area qualified for it and free in its window."""
    engineers = dispatch.qualified_engineers(
        area_id=booking.slot.area_id, category=dispatch.category_of(booking)
    )
    free = dispatch.engineers_free_in(engineers=engineers, slots=[booking.slot])
    return [engineer for engineer in engineers if free[engineer.pk]]


BOOKING_ACTIONS = {"assign", "reassign", "unassign"}


class BookingDispatchView(generic.View):
    template_name = "aftersales/dashboard/dispatch/booking_dispatch.html"

    def get(self, request, pk):
        return self.show(request, _booking(pk))

    def show(self, request, booking, *, form=None, status=200, problem=""):
        assignment = Assignment.objects.select_related("engineer").filter(booking=booking).first()
        if form is None and booking.status == ServiceBooking.Status.BOOKED:
            form = forms.AssignForm(engineers=_booking_choices(booking), slots=None)
        if problem:
            messages.error(request, problem)
        context = {"booking": booking, "assignment": assignment, "form": form}
        return render(request, self.template_name, context, status=status)


class BookingDispatchStepView(BookingDispatchView):
    http_method_names = ["post"]

    def post(self, request, pk, action):
        if action not in BOOKING_ACTIONS:
            raise Http404
        booking = _booking(pk)
        now = timezone.now()
        if action == "unassign":
            try:
                dispatch.unassign(job=booking, actor=request.user, now=now)
            except REFUSALS as refusal:
                return self.show(request, booking, status=409, problem=str(refusal))
            messages.success(
                request, _("The engineer is off %(number)s.") % {"number": booking.number}
            )
            return redirect("dashboard:aftersales-booking-dispatch", pk=booking.pk)
        form = forms.AssignForm(request.POST, engineers=_booking_choices(booking), slots=None)
        if not form.is_valid():
            return self.show(
                request,
                booking,
                form=form,
                status=400,
                problem=_("Nothing was changed; please correct the form."),
            )
        service = dispatch.assign if action == "assign" else dispatch.reassign
        try:
            service(
                job=booking,
                engineer=form.cleaned_data["engineer"],
                slot=booking.slot,
                actor=request.user,
                now=now,
            )
        except REFUSALS as refusal:
            return self.show(request, _booking(pk), status=409, problem=str(refusal))
        messages.success(
            request,
            _("%(engineer)s will do %(number)s.")
            % {"engineer": form.cleaned_data["engineer"], "number": booking.number},
        )
        return redirect("dashboard:aftersales-booking-dispatch", pk=booking.pk)


# --- An engineer's day --------------------------------------------------------------------


class EngineerDayView(generic.View):
    template_name = "aftersales/dashboard/dispatch/engineer_day.html"

    def get(self, request):
        jobs = None
        if request.GET:
            form = forms.EngineerDayForm(request.GET)
            if form.is_valid():
                jobs = rounds.day_of(form.cleaned_data["engineer"], form.cleaned_data["date"])
        else:
            form = forms.EngineerDayForm(initial={"date": timezone.localdate()})
        status = 400 if form.is_bound and not form.is_valid() else 200
        return render(request, self.template_name, {"form": form, "jobs": jobs}, status=status)
