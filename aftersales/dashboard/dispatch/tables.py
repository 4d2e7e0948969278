"""The dispatcher's board: one table of open requests, one of shop visits."""

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django_tables2 import A, Column, TemplateColumn
from oscar.core.loading import get_class

from ...models import ServiceBooking, ServiceRequest
from ...services.bookings import visit_starts
from .selectors import DUE_SOON

DashboardTable = get_class("dashboard.tables", "DashboardTable")
ROWS = "aftersales/dashboard/dispatch/rows/"
TABLE = "aftersales/dashboard/dispatch/table.html"


def time_left(deadline, what: str = "") -> str:
    """ "2026-12-09 10:00 · in 1 hour, 5 minutes" or "… · overdue by 20 minutes", as HTML."""
    now = timezone.now()
    when = date_format(timezone.localtime(deadline), "Y-m-d H:i")
    if deadline < now:
        left, css = _("overdue by %(time)s") % {"time": timesince(deadline, now, depth=2)}, "danger"
    else:
        left = _("in %(time)s") % {"time": timeuntil(deadline, now, depth=2)}
        css = "warning" if deadline - now <= DUE_SOON else "secondary"
    return format_html(
        '{}<br><small class="text-muted">{}</small> <span class="badge badge-{}">{}</span>',
        when,
        what,
        css,
        left,
    )


class DeadlineColumn(Column):
    WHAT = {"answer": gettext_lazy("answer"), "arrival": gettext_lazy("arrival")}

    def render(self, value, record):
        return time_left(value, str(self.WHAT.get(record.deadline_kind, "")))


class RequestBoardTable(DashboardTable):
    number = Column(
        verbose_name=gettext_lazy("Number"),
        linkify=lambda record: reverse(
            "dashboard:aftersales-request-detail", kwargs={"pk": record.pk}
        ),
    )
    kind = Column(verbose_name=gettext_lazy("Type"), accessor=A("get_kind_display"))
    model = Column(verbose_name=gettext_lazy("Model"), accessor=A("appliance_model__model_number"))
    area = Column(verbose_name=gettext_lazy("Area"), accessor=A("area"), default="—")
    customer = TemplateColumn(
        verbose_name=gettext_lazy("Customer"), template_name=ROWS + "contact.html"
    )
    deadline = DeadlineColumn(verbose_name=gettext_lazy("Deadline"), default="—")
    engineer = TemplateColumn(
        verbose_name=gettext_lazy("Engineer"), template_name=ROWS + "request_engineer.html"
    )
    status = Column(verbose_name=gettext_lazy("Status"), accessor=A("get_status_display"))

    icon = "fas fa-headset"
    caption = ngettext_lazy("%d open request", "%d open requests")

    class Meta(DashboardTable.Meta):
        model = ServiceRequest
        fields = ()
        sequence = ("number", "kind", "model", "area", "customer", "deadline", "engineer", "status")
        orderable = False
        template_name = TABLE
        empty_text = gettext_lazy("No open requests match.")


def _assignment(booking):
    try:
        return booking.assignment
    except ObjectDoesNotExist:
        return None


class VisitColumn(Column):
    def render(self, value, record):
        return format_html(
            "{}<br>{}",
            record.service_title,
            time_left(visit_starts(record.slot), _("visit")),
        )


class BookingEngineerColumn(Column):
    def render(self, value, record):
        assignment = _assignment(record)
        url = reverse("dashboard:aftersales-booking-dispatch", kwargs={"pk": record.pk})
        if assignment is None:
            button = '<a class="btn btn-sm btn-primary" href="{}">{}</a>'
            return format_html(button, url, _("Assign"))
        return format_html('<a href="{}">{}</a>', url, assignment.engineer.name)


class BookingBoardTable(DashboardTable):
    number = Column(
        verbose_name=gettext_lazy("Number"),
        linkify=lambda record: reverse(
            "dashboard:aftersales-booking-dispatch", kwargs={"pk": record.pk}
        ),
    )
    model = Column(
        verbose_name=gettext_lazy("Model"),
        accessor=A("unit__appliance_model__model_number"),
        default="—",
    )
    area = Column(verbose_name=gettext_lazy("Area"), accessor=A("slot__area"))
    customer = TemplateColumn(
        verbose_name=gettext_lazy("Customer"), template_name=ROWS + "contact.html"
    )
    visit = VisitColumn(verbose_name=gettext_lazy("Shop visit"), accessor=A("slot"))
    engineer = BookingEngineerColumn(verbose_name=gettext_lazy("Engineer"), empty_values=())

    icon = "fas fa-truck"
    caption = ngettext_lazy("%d shop visit", "%d shop visits")

    class Meta(DashboardTable.Meta):
        model = ServiceBooking
        fields = ()
        sequence = ("number", "model", "area", "customer", "visit", "engineer")
        orderable = False
        template_name = TABLE
        empty_text = gettext_lazy("No open shop visits match.")
