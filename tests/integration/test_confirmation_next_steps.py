"""The confirmation answers the next question (issue #15): the thank-you page and the email
link the warranty certificate and the visit, itemise the points paid and earned, name each
way of paying, and say what happens next."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from aftersales.models import ServiceBooking, WarrantyContract
from catalog.checkout.next_steps import payment_label
from membership import points
from membership.services import ensure_profile
from tests.factories.aftersales import make_slot, make_unit
from tests.factories.shop import (
    add_plan,
    add_to_basket,
    add_visit,
    make_customer,
    pay,
    ship_to_china,
    shop_for_an_air_conditioner,
)

Order = get_model("order", "Order")
POINTS_PAID = 5000


@pytest.fixture
def confirmed(client, db, django_capture_on_commit_callbacks):
    """A plan, a cleaning visit and a filter, ¥50 of them paid in points, the rest by card."""
    shop = shop_for_an_air_conditioner()
    customer = make_customer(email="confirmed@example.cn")
    points.award(
        member=ensure_profile(user=customer),
        points=20000,
        source_key="test:gift:confirmed",
        reason="Test gift",
    )
    client.force_login(customer)
    for response in (
        add_plan(client, shop.plans[0], make_unit(customer, shop.model)),
        add_visit(client, shop.visits[0], make_slot()),
        add_to_basket(client, shop.parts[0]),
    ):
        assert response.status_code == 302
    ship_to_china(client)
    client.post(reverse("checkout:points"), {"points": str(POINTS_PAID)})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = pay(client)
    assert response["Location"].endswith(reverse("checkout:thank-you"))
    order = Order.objects.get(user=customer)
    with translation.override("en"):
        page = client.get(reverse("checkout:thank-you"))
    assert page.status_code == 200
    return order, page


def earned(order) -> int:
    return points.undone(source_key=f"order:{order.number}:earn")[0]


class TestTheThankYouPage:
    def test_links_the_certificate_and_the_booking(self, confirmed):
        order, page = confirmed
        html = page.content.decode()
        contract = WarrantyContract.objects.get(order_line__order=order)
        booking = ServiceBooking.objects.get(order_line__order=order)
        with translation.override("en"):
            certificate = reverse("aftersales:warranty-certificate", args=[contract.number])
            bookings = reverse("aftersales:bookings")
        assert f'href="{certificate}"' in html
        assert f'href="{bookings}#booking-{booking.number}"' in html

    def test_itemises_the_points_paid_and_earned(self, confirmed):
        order, page = confirmed
        steps = page.context["next_steps"]
        assert steps.points_paid == POINTS_PAID
        assert steps.points_earned == earned(order) > 0
        html = page.content.decode()
        with translation.override("en"):
            fifty = currency(Decimal("50.00"), "CNY")
            card = currency(order.total_incl_tax - Decimal("50.00"), "CNY")
        assert f"Points: 5,000 points ({fifty})" in html
        assert f'class="points-earned">{steps.points_earned:,}<' in html
        assert f"Bank card (demo, no money moves): {card}" in html
        assert "from type" not in html  # Oscar's "Allocation of … from type …" is gone

    def test_says_what_happens_next(self, confirmed):
        order, page = confirmed
        html = page.content.decode()
        assert "What happens next" in html
        assert "within 7 days of delivery" in html  # goods: the return windows
        assert "24 hours ahead" in html  # the visit
        with translation.override("en"):
            assert reverse("customer:order", kwargs={"order_number": order.number}) in html

    def test_leaves_no_link_without_a_target(self, confirmed):
        order, page = confirmed
        html = page.content.decode()
        assert 'href=""' not in html
        contents = html.split('class="list-unstyled basket-items"')[1].split("</ul>")[0]
        assert "<img" in contents
        assert not re.search(r"<a\b[^>]*>\s*<img", contents)  # the picture is not a bare link


class TestTheConfirmationEmail:
    def test_says_the_same(self, confirmed):
        order, page = confirmed
        [email] = [m for m in mail.outbox if order.number in m.subject]
        contract = WarrantyContract.objects.get(order_line__order=order)
        booking = ServiceBooking.objects.get(order_line__order=order)
        body = email.body
        assert f"{contract.number}/certificate.pdf" in body
        assert f"#booking-{booking.number}" in body
        assert re.search(r"\b5,?000\b", body)  # the points paid, with or without a comma
        assert re.search(rf"\b{earned(order):,}\b".replace(",", ",?"), body)
        html = email.alternatives[0][0]
        assert f"{contract.number}/certificate.pdf" in html
        assert 'href=""' not in html


class TestPaymentNames:
    @pytest.mark.parametrize(
        ("code", "english", "chinese"),
        [
            ("points", "Points", "积分"),
            ("alipay", "Alipay", "支付宝"),
            ("wechat_pay", "WeChat Pay", "微信支付"),
            ("stripe", "Bank card", "银行卡"),
        ],
    )
    def test_read_as_the_customer_knows_them(self, code, english, chinese):
        with translation.override("en"):
            assert payment_label(code) == english
        with translation.override("zh-hans"):
            assert payment_label(code) == chinese

    def test_an_unknown_gateway_shows_its_own_name(self):
        assert payment_label("unionpay", "UnionPay") == "UnionPay"
