"""My bookings: the customer's service visits, moved or cancelled up to 24 hours ahead."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from oscar.templatetags.currency_filters import currency

from groundwork.whole_numbers import RowChoiceField, page_number

from .. import selectors, services
from ..cancellations import RefundFailed, refund_booking
from ..models import ServiceSlot

BOOKINGS_PER_PAGE = 20
SLOTS_PER_PAGE = 20


class RescheduleForm(forms.Form):
    """A slot of the booking's own area: crews work by area, so a visit cannot change area.

    Any slot of the area validates; whether it still has a place and has not started is
    reschedule_booking's to decide, so that a slot taken meanwhile gets its own message.
    """

    slot = RowChoiceField(
        queryset=ServiceSlot.objects.none(),
        widget=forms.RadioSelect,
        label=gettext_lazy("New time"),
        error_messages={
            "required": gettext_lazy("Choose a new time for the visit."),
            "invalid_choice": gettext_lazy("Choose one of the times listed."),
        },
    )

    def __init__(self, *args, area_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = ServiceSlot.objects.filter(area_id=area_id)


@method_decorator(login_required, name="dispatch")
class MyBookingsView(View):
    template_name = "aftersales/my_bookings.html"

    def get(self, request):
        bookings = selectors.bookings_of(request.user)
        page = Paginator(bookings, BOOKINGS_PER_PAGE).get_page(page_number(request))
        now = timezone.now()
        rows = [selectors.VisitState(booking=b, now=now) for b in page.object_list]
        return render(request, self.template_name, {"page_obj": page, "rows": rows})


@method_decorator(login_required, name="dispatch")
class RescheduleBookingView(View):
    """Pick another window in the same area; the new place is taken before the old is freed."""

    template_name = "aftersales/reschedule_booking.html"

    def get(self, request, number: str):
        booking = get_object_or_404(selectors.bookings_of(request.user), number=number)
        return self.render(request, booking, RescheduleForm(area_id=booking.slot.area_id))

    def post(self, request, number: str):
        booking = get_object_or_404(selectors.bookings_of(request.user), number=number)
        form = RescheduleForm(request.POST, area_id=booking.slot.area_id)
        if not form.is_valid():
            return self.render(request, booking, form, status=400)
        try:
            booking = services.reschedule_booking(
                booking=booking, new_slot_id=form.cleaned_data["slot"].pk, now=timezone.now()
            )
        except (services.SlotFull, services.CannotChange) as exc:
            return self.render(request, booking, form, status=409, problem=str(exc))
        slot = booking.slot
        messages.success(
            request,
            _("Your visit %(number)s is now on %(date)s, %(start)s–%(end)s.")
            % {
                "number": booking.number,
                "date": date_format(slot.date, "DATE_FORMAT"),
                "start": time_format(slot.starts_at, "H:i"),
                "end": time_format(slot.ends_at, "H:i"),
            },
        )
        return redirect("aftersales:bookings")

    def render(self, request, booking, form, status=200, problem=""):
        now = timezone.now()
        state = selectors.VisitState(booking=booking, now=now)
        slots = (
            ServiceSlot.objects.bookable(after=now)
            .filter(area_id=booking.slot.area_id)
            .exclude(pk=booking.slot_id)
        )
        page = Paginator(slots, SLOTS_PER_PAGE).get_page(page_number(request))
        chosen = form["slot"].value() if form.is_bound else None
        context = {
            "booking": booking,
            "state": state,
            "form": form,
            "page_obj": page,
            "chosen": str(chosen or ""),
            "problem": problem,
        }
        return render(request, self.template_name, context, status=status)


@method_decorator(login_required, name="dispatch")
class CancelBookingView(View):
    """Confirm, then cancel a visit more than 24 hours ahead and refund it in full."""

    template_name = "aftersales/cancel_booking.html"

    def get(self, request, number: str):
        booking = get_object_or_404(selectors.bookings_of(request.user), number=number)
        state = selectors.VisitState(booking=booking, now=timezone.now())
        if not state.changeable:
            messages.error(request, refusal(state))
            return redirect("aftersales:bookings")
        return render(request, self.template_name, {"booking": booking, "state": state})

    def post(self, request, number: str):
        booking = get_object_or_404(selectors.bookings_of(request.user), number=number)
        try:
            amount = refund_booking(booking=booking, now=timezone.now(), actor=request.user)
        except (services.CannotChange, RefundFailed) as exc:
            messages.error(request, str(exc))
            return redirect("aftersales:bookings")
        messages.success(
            request,
            _("Visit %(number)s is cancelled. %(amount)s will be refunded to you.")
            % {"number": booking.number, "amount": currency(amount, "CNY")},
        )
        return redirect("aftersales:bookings")


def refusal(state: selectors.VisitState) -> str:
    """Why the visit cannot be cancelled online, in cancel_booking's own words."""
    if not state.is_open:
        return _("This booking is not open any more.")
    return _("Visits less than 24 hours away cannot be cancelled online; please call us.")
