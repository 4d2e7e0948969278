"""Shipping events posted from the order dashboard (Oscar's order page, line actions)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from tests.factories.staff import make_shop_staff

ShippingEventType = get_model("order", "ShippingEventType")


@pytest.fixture
def order_page(client, db):
    client.force_login(make_shop_staff())
    order = create_order()
    ShippingEventType.objects.get_or_create(code="delivered", defaults={"name": "Delivered"})
    return order, reverse("dashboard:order-detail", kwargs={"number": order.number})


def post_event(client, url, line, **extra):
    data = {
        "line_action": "create_shipping_event",
        "selected_line": [line.pk],
        f"selected_line_qty_{line.pk}": line.quantity,
        "shipping_event_type": "delivered",
        **extra,
    }
    return client.post(url, data)


class TestAShippingEventFromTheOrderDashboard:
    def test_without_a_reference_is_a_form_error_not_a_server_error(self, client, order_page):
        order, url = order_page
        response = post_event(client, url, order.lines.get())
        assert response.status_code == 302
        errors = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
        assert errors
        assert "reference" in errors[0].lower() or "参考号" in errors[0]
        assert not order.shipping_events.exists()

    def test_with_a_reference_is_recorded(self, client, order_page):
        order, url = order_page
        response = post_event(client, url, order.lines.get(), reference="SF1234567890")
        assert response.status_code == 302
        event = order.shipping_events.get()
        assert event.notes == "SF1234567890"
        assert event.event_type.code == "delivered"
