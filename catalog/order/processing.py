"""Oscar's order event handler, with two changes.

A shipping event posted without a reference (the order dashboard reads the field with
`POST.get`, which gives None for a form that left it out) is refused as an invalid event,
which the dashboard shows as a message, instead of failing on the NOT NULL notes column.

A "Delivered" event takes the delivered goods out of stock: their allocation is consumed,
so a return received later (catalog.returns) puts them back into stock.
"""

from django.utils.translation import gettext as _
from oscar.apps.order import exceptions
from oscar.apps.order.processing import EventHandler as OscarEventHandler

DELIVERED = "delivered"


class EventHandler(OscarEventHandler):
    def validate_shipping_event(self, order, event_type, lines, line_quantities, **kwargs):
        if "reference" in kwargs and kwargs["reference"] is None:
            raise exceptions.InvalidShippingEvent(
                _("The form was incomplete: the reference field is missing.")
            )
        super().validate_shipping_event(order, event_type, lines, line_quantities, **kwargs)

    def handle_shipping_event(self, order, event_type, lines, line_quantities, **kwargs):
        event = super().handle_shipping_event(order, event_type, lines, line_quantities, **kwargs)
        if event_type.code == DELIVERED:
            for line, quantity in zip(lines, line_quantities, strict=True):
                if line.is_allocation_consumption_possible(quantity):
                    line.consume_allocation(quantity)
        return event
