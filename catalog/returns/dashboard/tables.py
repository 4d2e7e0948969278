from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_tables2 import A, Column, TemplateColumn
from oscar.core.loading import get_class

from ..models import ReturnRequest

DashboardTable = get_class("dashboard.tables", "DashboardTable")


class ReturnTable(DashboardTable):
    number = TemplateColumn(
        verbose_name=_("Number"),
        template_code=(
            "<a href=\"{% url 'dashboard:returns-detail' pk=record.pk %}\">{{ record.number }}</a>"
        ),
        order_by="pk",
    )
    order = Column(verbose_name=_("Order"), accessor=A("line__order__number"))
    item = Column(verbose_name=_("Item"), accessor=A("line__title"))
    customer = Column(verbose_name=_("Customer"), accessor=A("customer__email"))

    icon = "fas fa-undo"
    caption = ngettext_lazy("%d return or exchange", "%d returns and exchanges")

    class Meta(DashboardTable.Meta):
        model = ReturnRequest
        fields = ("kind", "status", "quantity", "delivered_on", "requested_on")
        sequence = ("number", "order", "item", "customer", "...")
        empty_text = _("No returns or exchanges found.")
