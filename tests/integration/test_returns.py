"""Returns and exchanges of goods bought in the shop, under the three guarantees (issue #15).

A customer buys two formaldehyde filters (¥79 each), paying ¥50 of the ¥158 in points and
the rest by card; staff post the "Delivered" shipping event some days ago. Day 0 is the
delivery day: a return is possible until day 7, an exchange for a fault until day 15.
The clock stands still inside each test, so a run that starts at 23:59:50 in Shanghai
does not turn day 7 into day 8 between two steps.
"""

import datetime
import smtplib
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from oscar.core.loading import get_class, get_model

from catalog.returns import notices as return_notices
from catalog.returns import services
from catalog.returns.models import ReturnRequest
from catalog.returns.tasks import resend_lost_return_notices
from membership import points
from membership.models import LedgerEntry
from membership.services import ensure_profile
from payments.models import Refund
from tests.factories.races import needs_postgres, run_together
from tests.factories.shop import (
    add_to_basket,
    make_customer,
    pay,
    ship_to_china,
    shop_for_an_air_conditioner,
)
from tests.factories.staff import make_shop_staff

Order = get_model("order", "Order")
ShippingEventType = get_model("order", "ShippingEventType")
StockRecord = get_model("partner", "StockRecord")
EventHandler = get_class("order.processing", "EventHandler")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")

POINTS_PAID = 5000  # ¥50


@pytest.fixture
def still_clock():
    with time_machine.travel(timezone.now(), tick=False):
        yield


def buy_two_filters(client, customer):
    """The customer's paid order for two ¥79 filters, ¥50 of it in points."""
    shop = shop_for_an_air_conditioner()
    product = next(part for part in shop.parts if part.upc == "AFT-HCHO-01")
    points.award(
        member=ensure_profile(user=customer),
        points=20000,
        source_key=f"test:gift:{customer.pk}",
        reason="Test gift",
    )
    client.force_login(customer)
    assert add_to_basket(client, product, quantity=2).status_code == 302
    ship_to_china(client)
    client.post(reverse("checkout:points"), {"points": str(POINTS_PAID)})
    response = pay(client)
    assert response["Location"].endswith(reverse("checkout:thank-you")), response
    order = Order.objects.get(user=customer)
    return order, order.lines.get()


def deliver(order, line, *, days_ago: int):
    """The "Delivered" shipping event, posted through Oscar's handler, dated `days_ago`."""
    event_type, _created = ShippingEventType.objects.get_or_create(
        code="delivered", defaults={"name": "Delivered"}
    )
    event = EventHandler().handle_shipping_event(
        order, event_type, [line], [line.quantity], reference="SF1234567890"
    )
    order.shipping_events.filter(pk=event.pk).update(
        date_created=timezone.now() - datetime.timedelta(days=days_ago)
    )


def start(client, line, **data):
    return client.post(reverse("returns:start", kwargs={"line_id": line.pk}), data)


def step(client, request, action, note=""):
    url = reverse("dashboard:returns-step", kwargs={"pk": request.pk, "action": action})
    return client.post(url, {"note": note})


def in_stock(line) -> int:
    return StockRecord.objects.get(pk=line.stockrecord_id).num_in_stock


@pytest.fixture
def bought(client, db):
    customer = make_customer(email="buyer@example.cn")
    order, line = buy_two_filters(client, customer)
    return customer, order, line


@pytest.fixture
def staff_client():
    staff = make_shop_staff()
    client = Client()
    client.force_login(staff)
    return client


@pytest.mark.usefixtures("still_clock")
class TestAFilterReturnedOnDaySeven:
    def test_is_refunded_to_card_and_points_in_proportion_and_restocked_on_receipt(
        self, client, bought, staff_client, django_capture_on_commit_callbacks
    ):
        customer, order, line = bought
        deliver(order, line, days_ago=7)
        stock_delivered = in_stock(line)
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            response = start(client, line, kind="return", quantity=1, unopened="on")
        assert response.status_code == 302, response.content.decode()[:2000]
        request = ReturnRequest.objects.get(line=line)
        assert (request.kind, request.status) == ("return", "requested")

        with django_capture_on_commit_callbacks(execute=True):
            assert step(staff_client, request, "approve", "OK").status_code == 302
        assert in_stock(line) == stock_delivered  # nothing back before the parcel arrives
        with django_capture_on_commit_callbacks(execute=True):
            assert step(staff_client, request, "receive").status_code == 302

        request.refresh_from_db()
        assert request.status == "received"
        assert request.refund_amount == Decimal("79.00")  # one of two filters
        assert in_stock(line) == stock_delivered + 1
        # Half the order is refunded: half the points paid go back, the card the rest.
        sources = {s.source_type.code: s for s in order.sources.all()}
        assert sources["points"].amount_refunded == Decimal("25.00")
        card = Refund.objects.get(key=f"return-{request.pk}")
        assert card.amount == Decimal("54.00")
        assert sources["demo"].amount_refunded == Decimal("54.00")
        back = LedgerEntry.objects.get(source_key=f"return-{request.pk}:points-back")
        assert back.points == POINTS_PAID // 2
        subjects = [message.subject for message in mail.outbox]
        assert len(subjects) == 3
        assert all(request.number in subject for subject in subjects)
        assert "54" in mail.outbox[-1].body or "79" in mail.outbox[-1].body

    def test_the_order_page_offers_the_return(self, client, bought):
        customer, order, line = bought
        deliver(order, line, days_ago=7)
        page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
        assert reverse("returns:start", kwargs={"line_id": line.pk}) in page.content.decode()


@pytest.mark.usefixtures("still_clock")
class TestAReturnOnDayEight:
    def test_is_refused_with_the_reason(self, client, bought):
        customer, order, line = bought
        deliver(order, line, days_ago=8)
        with translation.override("en"):
            url = reverse("returns:start", kwargs={"line_id": line.pk})
        response = client.post(url, {"kind": "return", "quantity": 1, "unopened": "on"})
        assert response.status_code == 200
        errors = response.context["form"].non_field_errors()
        assert len(errors) == 1
        assert "within 7 days of delivery" in errors[0]
        last = timezone.localdate() - datetime.timedelta(days=1)
        with translation.override("en"):
            assert date_format(last, "DATE_FORMAT") in errors[0]
        assert not ReturnRequest.objects.exists()

    def test_an_opened_item_is_refused_on_day_seven(self, client, bought):
        customer, order, line = bought
        deliver(order, line, days_ago=7)
        response = start(client, line, kind="return", quantity=1)
        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
        assert not ReturnRequest.objects.exists()


@pytest.mark.usefixtures("still_clock")
class TestAnExchangeForAFaultOnDayFifteen:
    def test_creates_the_replacement_order_once(self, client, bought, staff_client):
        customer, order, line = bought
        deliver(order, line, days_ago=15)
        response = start(client, line, kind="exchange", quantity=1, reason="Smells of smoke")
        assert response.status_code == 302
        request = ReturnRequest.objects.get(line=line)
        step(staff_client, request, "approve")
        stock_before = in_stock(line)
        assert step(staff_client, request, "receive").status_code == 302
        again = step(staff_client, request, "receive")
        assert again.status_code == 409
        request.refresh_from_db()
        replacement = request.replacement_order
        assert replacement.user == customer
        assert Order.objects.filter(user=customer).count() == 2
        assert list(replacement.lines.values_list("product_id", "quantity")) == [
            (line.product_id, 1)
        ]
        assert replacement.total_incl_tax == Decimal("0.00")
        assert not Refund.objects.filter(key=f"return-{request.pk}").exists()
        assert in_stock(line) == stock_before  # the faulty one is not put back on sale

    def test_day_sixteen_is_offered_a_repair(self, client, bought):
        customer, order, line = bought
        deliver(order, line, days_ago=16)
        response = start(client, line, kind="exchange", quantity=1, reason="Broken")
        assert response.status_code == 200
        assert response.context["repair_only"]
        assert reverse("aftersales:service-new") in response.content.decode()
        assert not ReturnRequest.objects.exists()


@pytest.mark.usefixtures("still_clock")
class TestStepsOutOfOrder:
    def test_receiving_twice_refunds_once(self, client, bought, staff_client):
        customer, order, line = bought
        deliver(order, line, days_ago=1)
        start(client, line, kind="return", quantity=2, unopened="on")
        request = ReturnRequest.objects.get()
        step(staff_client, request, "approve")
        assert step(staff_client, request, "receive").status_code == 302
        stock = in_stock(line)
        response = step(staff_client, request, "receive")
        assert response.status_code == 409
        assert Refund.objects.filter(key=f"return-{request.pk}").count() == 1
        assert in_stock(line) == stock
        assert LedgerEntry.objects.filter(source_key__startswith=f"return-{request.pk}:").count()

    def test_receiving_before_approval_is_refused(self, client, bought, staff_client):
        customer, order, line = bought
        deliver(order, line, days_ago=1)
        start(client, line, kind="return", quantity=1, unopened="on")
        request = ReturnRequest.objects.get()
        assert step(staff_client, request, "receive").status_code == 409
        assert step(staff_client, request, "approve").status_code == 302
        assert step(staff_client, request, "approve").status_code == 409

    def test_refusing_needs_a_reason_and_tells_the_customer(
        self, client, bought, staff_client, django_capture_on_commit_callbacks
    ):
        customer, order, line = bought
        deliver(order, line, days_ago=1)
        start(client, line, kind="return", quantity=1, unopened="on")
        request = ReturnRequest.objects.get()
        assert step(staff_client, request, "refuse").status_code == 400
        with django_capture_on_commit_callbacks(execute=True):
            response = step(staff_client, request, "refuse", "The seal is broken")
        assert response.status_code == 302
        assert "The seal is broken" in mail.outbox[-1].body
        # A refused request can be asked again.
        assert start(client, line, kind="return", quantity=1, unopened="on").status_code == 302

    def test_a_second_request_for_the_same_item_is_refused(self, client, bought):
        customer, order, line = bought
        deliver(order, line, days_ago=1)
        start(client, line, kind="return", quantity=1, unopened="on")
        response = start(client, line, kind="return", quantity=1, unopened="on")
        assert response.status_code == 200
        assert ReturnRequest.objects.count() == 1

    def test_an_undelivered_item_cannot_be_returned(self, client, bought):
        customer, order, line = bought
        response = start(client, line, kind="return", quantity=1, unopened="on")
        assert response.status_code == 200
        assert not ReturnRequest.objects.exists()


class TestWhoMayStartAReturn:
    def test_another_customer_cannot_start_one_on_your_order(self, client, bought):
        customer, order, line = bought
        deliver(order, line, days_ago=1)
        other = Client()
        other.force_login(make_customer(email="other@example.cn"))
        url = reverse("returns:start", kwargs={"line_id": line.pk})
        assert other.get(url).status_code == 404
        data = {"kind": "return", "quantity": 1, "unopened": "on"}
        assert other.post(url, data).status_code == 404
        assert not ReturnRequest.objects.exists()

    def test_a_customer_cannot_read_anothers_request(self, client, bought):
        customer, order, line = bought
        deliver(order, line, days_ago=1)
        start(client, line, kind="return", quantity=1, unopened="on")
        other = Client()
        other.force_login(make_customer(email="other@example.cn"))
        request = ReturnRequest.objects.get()
        assert other.get(reverse("returns:detail", kwargs={"pk": request.pk})).status_code == 404
        assert client.get(reverse("returns:detail", kwargs={"pk": request.pk})).status_code == 200

    def test_staff_without_the_right_cannot_decide(self, client, bought):
        customer, order, line = bought
        deliver(order, line, days_ago=1)
        start(client, line, kind="return", quantity=1, unopened="on")
        request = ReturnRequest.objects.get()
        dispatcher = Client()
        from tests.factories.staff import make_dispatcher

        dispatcher.force_login(make_dispatcher())
        response = step(dispatcher, request, "approve")
        assert response.status_code in (302, 403)
        request.refresh_from_db()
        assert request.status == "requested"


class TestTheStaffList:
    def test_lists_and_filters_with_few_queries(
        self, client, bought, staff_client, django_assert_max_num_queries
    ):
        customer, order, line = bought
        deliver(order, line, days_ago=1)
        start(client, line, kind="return", quantity=1, unopened="on")
        url = reverse("dashboard:returns-list")
        with django_assert_max_num_queries(20):
            page = staff_client.get(url)
        assert ReturnRequest.objects.get().number in page.content.decode()
        # More rows, the same queries.
        for n in range(5):
            more = make_customer(email=f"more{n}@example.cn")
            ReturnRequest.objects.create(
                line=line,
                customer=more,
                kind="return",
                status="refused",
                quantity=1,
                delivered_on=timezone.localdate(),
                requested_on=timezone.localdate(),
            )
        with django_assert_max_num_queries(20):
            page = staff_client.get(url)
        assert page.context["returns"].paginator.count == 6
        page = staff_client.get(url, {"status": "refused"})
        assert page.context["returns"].paginator.count == 5
        page = staff_client.get(url, {"status": "nonsense"})
        assert page.status_code == 200
        assert page.context["returns"].paginator.count == 0


@needs_postgres
@pytest.mark.django_db(transaction=True)
class TestTwoReceiptsAtOnce:
    def test_refund_once(self, client):
        customer = make_customer(email="racer@example.cn")
        order, line = buy_two_filters(client, customer)
        deliver(order, line, days_ago=1)
        staff = make_shop_staff()
        request = services.start_request(
            line=line,
            customer=customer,
            kind="return",
            quantity=2,
            reason="",
            unopened=True,
            today=timezone.localdate(),
        )
        services.approve(request=request, actor=staff, now=timezone.now())
        stock = in_stock(line)

        def receive():
            return services.receive(request=request, actor=staff, now=timezone.now())

        outcomes = run_together(receive, receive, expected=(services.OutOfOrder,))
        assert sum(isinstance(o, services.OutOfOrder) for o in outcomes) == 1
        assert Refund.objects.filter(key=f"return-{request.pk}").count() == 1
        assert in_stock(line) == stock + 2


class TestReturnEmails:
    """Each step's email goes once. One whose queueing was lost (the broker down as the step
    was taken: here the on-commit queueing never runs) is sent by the sweep, once."""

    def test_a_lost_step_is_sent_by_the_sweep_once(self, client, bought, staff_client):
        customer, order, line = bought
        deliver(order, line, days_ago=1)
        mail.outbox.clear()
        assert start(client, line, kind="return", quantity=1, unopened="on").status_code == 302
        request = ReturnRequest.objects.get()
        assert step(staff_client, request, "approve").status_code == 302
        assert mail.outbox == []
        assert resend_lost_return_notices() == 0  # maybe still on their way
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
            assert resend_lost_return_notices() == 2  # the request, and its approval
            assert resend_lost_return_notices() == 0
        assert len(mail.outbox) == 2
        assert all(order.number in email.subject + email.body for email in mail.outbox)

    def test_a_step_sent_twice_is_emailed_once(self, client, bought):
        customer, order, line = bought
        deliver(order, line, days_ago=1)
        start(client, line, kind="return", quantity=1, unopened="on")
        request = ReturnRequest.objects.get()
        mail.outbox.clear()
        assert return_notices.send_return_notice(request_id=request.pk, step="requested")
        assert not return_notices.send_return_notice(request_id=request.pk, step="requested")
        assert len(mail.outbox) == 1

    def test_a_send_that_fails_is_released_for_the_retry(self, client, bought, monkeypatch):
        customer, order, line = bought
        deliver(order, line, days_ago=1)
        start(client, line, kind="return", quantity=1, unopened="on")
        request = ReturnRequest.objects.get()
        mail.outbox.clear()

        def mail_server_gone(*args, **kwargs):
            raise smtplib.SMTPServerDisconnected("gone")

        with monkeypatch.context() as patch:
            patch.setattr(OrderDispatcher, "dispatch_order_messages", mail_server_gone)
            with pytest.raises(smtplib.SMTPServerDisconnected):
                return_notices.send_return_notice(request_id=request.pk, step="requested")
        request.refresh_from_db()
        assert request.requested_notified_at is None
        assert return_notices.send_return_notice(request_id=request.pk, step="requested")
        assert len(mail.outbox) == 1

    def test_the_sweep_is_on_the_beat(self, settings):
        scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        assert "catalog.returns.tasks.resend_lost_return_notices" in scheduled
