"""Staff screens for warranty contracts, service bookings and slots.

Writes go through aftersales.services (and aftersales.cancellations for money back); a rule
that refuses becomes a message on the page the staff member came from, never an error page.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import generic
from django_tables2 import SingleTableView
from oscar.templatetags.currency_filters import currency

from .. import services
from ..cancellations import RefundFailed, refund_booking, refund_contract
from ..models import ServiceArea, ServiceBooking, ServiceSlot, WarrantyContract
from ..refunds import booking_refund
from . import forms, selectors, tables

PER_PAGE = 20


class FilteredTableView(SingleTableView):
    """A paginated table narrowed by a GET form whose fields are the selector's arguments.

    A filter that does not validate lists nothing and shows the form's errors, rather than
    quietly listing everything.
    """

    form_class = None
    selector = None
    paginate_by = PER_PAGE

    def filter_data(self):
        return self.request.GET

    def get_queryset(self):
        self.form = self.form_class(self.filter_data())
        if not self.form.is_valid():
            return self.selector().none()
        return self.selector(**self.form.cleaned_data)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


def back_to(request, default: str) -> str:
    """The page a POST came from, if it is one of ours; else `default`."""
    url = request.POST.get("next", "")
    # A path only: redirect() reads any other word as a URL name and fails to reverse it.
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def money(amount) -> str:
    return currency(amount, "CNY")


# --- Warranty contracts -------------------------------------------------------------------


class ContractListView(FilteredTableView):
    template_name = "aftersales/dashboard/contract_list.html"
    form_class = forms.ContractSearchForm
    selector = staticmethod(selectors.contracts_for_staff)
    table_class = tables.ContractTable
    context_table_name = "contracts"


class ContractDetailView(generic.DetailView):
    template_name = "aftersales/dashboard/contract_detail.html"
    context_object_name = "contract"
    queryset = WarrantyContract.objects.select_related(
        "unit__owner__member_profile", "unit__appliance_model", "order_line__order"
    )

    def get_context_data(self, **kwargs):
        contract = self.object
        kwargs.setdefault(
            "claim_form",
            forms.ClaimForm(contract=contract, initial={"opened_on": timezone.localdate()}),
        )
        if contract.is_active:
            kwargs["refund_due"] = services.refund_due(contract, today=timezone.localdate())
        return super().get_context_data(
            claims=contract.claims.select_related("recorded_by"), **kwargs
        )


class ClaimCreateView(ContractDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = contract = self.get_object()
        form = forms.ClaimForm(request.POST, contract=contract)
        if not form.is_valid():
            messages.error(request, _("The claim was not recorded; please correct the form."))
            return self.render_to_response(self.get_context_data(claim_form=form))
        claim = form.save(recorded_by=request.user)
        messages.success(
            request,
            _("Claim of %(amount)s recorded on %(number)s.")
            % {"amount": money(claim.amount), "number": contract.number},
        )
        return redirect("dashboard:aftersales-contract-detail", pk=contract.pk)


class ContractCancelView(generic.DetailView):
    """GET asks for confirmation with the refund due today; POST cancels and pays it back."""

    template_name = "aftersales/dashboard/contract_cancel.html"
    context_object_name = "contract"
    queryset = ContractDetailView.queryset

    def get(self, request, *args, **kwargs):
        self.object = contract = self.get_object()
        if not contract.is_active:
            messages.info(request, _("This warranty is already cancelled."))
            return redirect("dashboard:aftersales-contract-detail", pk=contract.pk)
        today = timezone.localdate()
        refund_due = services.refund_due(contract, today=today)
        return self.render_to_response(self.get_context_data(today=today, refund_due=refund_due))

    def post(self, request, *args, **kwargs):
        contract = self.get_object()
        try:
            amount = refund_contract(
                contract=contract, today=timezone.localdate(), actor=request.user
            )
        except (services.CannotCancel, RefundFailed) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Contract %(number)s is cancelled and %(amount)s is refunded.")
                % {"number": contract.number, "amount": money(amount)},
            )
        return redirect("dashboard:aftersales-contract-detail", pk=contract.pk)


# --- Service bookings ---------------------------------------------------------------------


class BookingListView(FilteredTableView):
    template_name = "aftersales/dashboard/booking_list.html"
    form_class = forms.BookingSearchForm
    selector = staticmethod(selectors.bookings_for_staff)
    table_class = tables.BookingTable
    context_table_name = "bookings"


class BookingCompleteView(generic.View):
    def post(self, request, pk):
        booking = get_object_or_404(ServiceBooking, pk=pk)
        try:
            services.complete_booking(booking=booking)
        except services.CannotChange as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Booking %(number)s is completed.") % {"number": booking.number}
            )
        return redirect(back_to(request, reverse("dashboard:aftersales-booking-list")))


class BookingCancelView(generic.DetailView):
    """GET asks for confirmation; POST cancels, frees the place and pays the visit back.

    The 24-hour rule holds for staff as for customers: a visit that close is already in a
    technician's round, so it is changed by phone with the service desk, not from here.
    """

    template_name = "aftersales/dashboard/booking_cancel.html"
    context_object_name = "booking"
    queryset = ServiceBooking.objects.select_related("customer", "slot__area", "order_line__order")

    def get_context_data(self, **kwargs):
        booking = self.object
        visit_starts = services.visit_starts(booking.slot)
        kwargs["refund"] = booking_refund(
            price=booking.price, visit_starts=visit_starts, now=timezone.now()
        )
        return super().get_context_data(visit_starts=visit_starts, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = booking = self.get_object()
        if booking.status != ServiceBooking.Status.BOOKED:
            messages.info(request, _("This booking is not open any more."))
            return redirect("dashboard:aftersales-booking-list")
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        booking = self.get_object()
        try:
            amount = refund_booking(booking=booking, now=timezone.now(), actor=request.user)
        except (services.CannotChange, RefundFailed) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Booking %(number)s is cancelled and %(amount)s is refunded.")
                % {"number": booking.number, "amount": money(amount)},
            )
        return redirect(back_to(request, reverse("dashboard:aftersales-booking-list")))


# --- Service slots and areas ----------------------------------------------------------------


class SlotListView(FilteredTableView):
    template_name = "aftersales/dashboard/slot_list.html"
    form_class = forms.SlotSearchForm
    selector = staticmethod(selectors.slots_for_staff)
    table_class = tables.SlotTable
    context_table_name = "slots"

    def filter_data(self):
        # Past days are history: the list starts today unless asked otherwise.
        data = self.request.GET.copy()
        data.setdefault("date_from", timezone.localdate().isoformat())
        return data

    def get_context_data(self, **kwargs):
        return super().get_context_data(areas=ServiceArea.objects.all(), **kwargs)


class SlotCapacityView(generic.FormView):
    template_name = "aftersales/dashboard/slot_form.html"
    form_class = forms.SlotCapacityForm

    def dispatch(self, request, *args, **kwargs):
        self.slot = get_object_or_404(ServiceSlot.objects.select_related("area"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"capacity": self.slot.capacity}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "slot": self.slot}

    def get_context_data(self, **kwargs):
        return super().get_context_data(slot=self.slot, **kwargs)

    def form_valid(self, form):
        try:
            services.set_capacity(slot=self.slot, capacity=form.cleaned_data["capacity"])
        except services.CapacityBelowBooked as error:
            form.add_error("capacity", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(slot)s now has %(capacity)s places.")
            % {"slot": self.slot, "capacity": self.slot.capacity},
        )
        return redirect("dashboard:aftersales-slot-list")

    def form_invalid(self, form):
        messages.error(self.request, _("The number of places was not changed."))
        return super().form_invalid(form)


class SlotBatchCreateView(generic.FormView):
    template_name = "aftersales/dashboard/slot_batch_form.html"
    form_class = forms.SlotBatchForm

    def form_valid(self, form):
        data = form.cleaned_data
        opened, skipped = services.open_slots(
            area=data["area"],
            first_day=data["first_day"],
            last_day=data["last_day"],
            windows=data["windows"],
            capacity=data["capacity"],
        )
        text = ngettext("%(opened)d slot opened.", "%(opened)d slots opened.", opened) % {
            "opened": opened
        }
        if skipped:
            text += " " + ngettext(
                "%(skipped)d already existed and was left as it was.",
                "%(skipped)d already existed and were left as they were.",
                skipped,
            ) % {"skipped": skipped}
        messages.success(self.request, text)
        query = f"?area={data['area'].pk}&date_from={data['first_day']}&date_to={data['last_day']}"
        return redirect(reverse("dashboard:aftersales-slot-list") + query)


class AreaBookingsView(generic.View):
    """Close an area to new bookings (crews away, a flood) or open it again."""

    def post(self, request, pk):
        area = get_object_or_404(ServiceArea, pk=pk)
        active = request.POST.get("active") == "1"
        services.set_area_taking_bookings(area=area, active=active)
        if active:
            text = _("%(area)s takes bookings again.")
        else:
            text = _("%(area)s is closed to new bookings; visits already booked stay booked.")
        messages.success(request, text % {"area": area})
        return redirect(back_to(request, reverse("dashboard:aftersales-slot-list")))
