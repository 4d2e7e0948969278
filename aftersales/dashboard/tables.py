from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_tables2 import A, Column, TemplateColumn
from oscar.core.loading import get_class
from oscar.templatetags.currency_filters import currency

from ..models import ServiceBooking, ServiceSlot, WarrantyContract

DashboardTable = get_class("dashboard.tables", "DashboardTable")


class MoneyColumn(Column):
    def render(self, value):
        return currency(value, "CNY")


ROWS = "aftersales/dashboard/rows/"


class ContractTable(DashboardTable):
    number = TemplateColumn(template_name=ROWS + "contract_number.html", order_by="number")
    customer = TemplateColumn(
        verbose_name=_("Customer"),
        template_name=ROWS + "customer.html",
        accessor=A("unit__owner"),
        order_by="unit__owner__email",
    )
    unit = TemplateColumn(
        verbose_name=_("Model and serial"),
        template_name=ROWS + "unit.html",
        order_by=("unit__appliance_model__model_number", "unit__serial"),
    )
    order = TemplateColumn(
        verbose_name=_("Order"),
        template_name=ROWS + "order_link.html",
        accessor=A("order_line__order"),
        orderable=False,
    )

    refund_amount = MoneyColumn(verbose_name=_("Refunded"))

    icon = "fas fa-shield-alt"
    caption = ngettext_lazy("%d contract", "%d contracts")

    class Meta(DashboardTable.Meta):
        model = WarrantyContract
        fields = (
            "number",
            "plan_title",
            "starts_on",
            "ends_on",
            "status",
            "refund_amount",
        )
        sequence = ("number", "customer", "unit", "plan_title", "...", "order")
        empty_text = _("No contracts found.")


class BookingTable(DashboardTable):
    number = TemplateColumn(template_name=ROWS + "booking_number.html", order_by="number")
    contact = TemplateColumn(
        verbose_name=_("Contact"),
        template_name=ROWS + "booking_contact.html",
        order_by="contact_name",
    )
    area = Column(verbose_name=_("Area"), accessor=A("slot__area"), order_by="slot__area__code")
    visit = TemplateColumn(
        verbose_name=_("Visit"),
        template_name=ROWS + "slot_time.html",
        accessor=A("slot"),
        order_by=("slot__date", "slot__starts_at"),
    )
    actions = TemplateColumn(
        verbose_name=_("Actions"),
        template_name=ROWS + "booking_actions.html",
        orderable=False,
    )

    price = MoneyColumn(verbose_name=_("Price paid"))
    refund_amount = MoneyColumn(verbose_name=_("Refunded"))

    icon = "fas fa-truck"
    caption = ngettext_lazy("%d booking", "%d bookings")

    class Meta(DashboardTable.Meta):
        model = ServiceBooking
        fields = ("number", "service_title", "address", "price", "status", "refund_amount")
        sequence = ("number", "visit", "area", "service_title", "contact", "address", "...")
        empty_text = _("No bookings found.")


class SlotTable(DashboardTable):
    area = Column(verbose_name=_("Area"), order_by="area__code")
    window = TemplateColumn(
        verbose_name=_("Arrival window"),
        template_code="{{ record.starts_at|time:'H:i' }}–{{ record.ends_at|time:'H:i' }}",
        order_by="starts_at",
    )
    free = Column(verbose_name=_("Places free"), orderable=False)
    actions = TemplateColumn(
        verbose_name=_("Actions"),
        template_name=ROWS + "slot_actions.html",
        orderable=False,
    )

    icon = "fas fa-calendar-alt"
    caption = ngettext_lazy("%d slot", "%d slots")

    class Meta(DashboardTable.Meta):
        model = ServiceSlot
        fields = ("area", "date", "capacity", "booked")
        sequence = ("area", "date", "window", "capacity", "booked", "free", "actions")
        empty_text = _("No slots found.")
