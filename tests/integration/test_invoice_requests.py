"""A VAT invoice (发票) asked for at checkout, and the staff queue that issues it (issue #15).

The request is written with the order, in the transaction that places it; staff record the
number the tax system gave the e-invoice, which emails the customer once, in their language.
"""

import datetime
import smtplib
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from catalog.invoices import notices
from catalog.invoices.models import InvoiceRequest
from catalog.invoices.tasks import resend_lost_invoice_emails
from payments.models import PaymentAttempt
from tests.factories.aftersales import make_appliance_model, make_unit
from tests.factories.catalog import make_plan
from tests.factories.shop import PAY_OK, add_plan, checkout_to_preview, make_customer
from tests.factories.staff import make_shop_staff, make_staff

Order = get_model("order", "Order")
Dispatcher = get_class("communication.utils", "Dispatcher")

COMPANY_CODE = "91350100M000100Y43"
PLAN_PRICE = Decimal("329.00")
QUEUE = "/dashboard/invoices/"


def invoice_fields(**fields) -> dict:
    values = {
        "wanted": "on",
        "title_kind": "company",
        "title": "福州某某电器有限公司",
        "taxpayer_number": COMPANY_CODE,
        "email": "finance@example.cn",
    } | fields
    return {f"invoice-{name}": value for name, value in values.items() if value is not None}


@pytest.fixture
def shopper(db, client):
    """A zh-hans member at the preview with a 2-year plan (¥329) for their unit."""
    customer = make_customer(email="buyer@example.cn", tier="member")
    client.force_login(customer)
    unit = make_unit(customer, make_appliance_model(list_price=Decimal("3299.00")))
    add_plan(client, make_plan(term_years=2, price=PLAN_PRICE), unit)
    checkout_to_preview(client)
    return customer


def place_and_pay(client, fields: dict):
    response = client.post(reverse("checkout:preview"), {"action": "place_order", **fields})
    assert response.status_code == 302, response.content[:400]
    return client.post(response["Location"], {"card_number": PAY_OK})


def translated(text: str, language: str = "zh-hans") -> str:
    with translation.override(language):
        return translation.gettext(text)


class TestAskingForAnInvoiceAtCheckout:
    def test_the_preview_offers_it_with_the_customers_email(self, shopper, client):
        html = client.get(reverse("checkout:preview")).content.decode()
        assert 'name="invoice-wanted"' in html
        assert 'name="invoice-taxpayer_number"' in html
        assert 'value="buyer@example.cn"' in html

    def test_a_company_invoice_is_recorded_with_the_order(self, shopper, client):
        fields = invoice_fields(taxpayer_number=" 9135 0100 m000 100y43 ")
        response = place_and_pay(client, fields)
        assert response["Location"].endswith(reverse("checkout:thank-you"))
        order = Order.objects.get(user=shopper)
        request = InvoiceRequest.objects.get(order=order)
        assert request.user == shopper
        assert request.title_kind == InvoiceRequest.TitleKind.COMPANY
        assert request.title == "福州某某电器有限公司"
        assert request.taxpayer_number == COMPANY_CODE
        assert request.email == "finance@example.cn"
        assert request.amount == PLAN_PRICE == order.total_incl_tax
        assert request.status == InvoiceRequest.Status.REQUESTED

    def test_a_personal_invoice_needs_no_taxpayer_number(self, shopper, client):
        place_and_pay(
            client, invoice_fields(title_kind="personal", title="王小明", taxpayer_number="X")
        )
        request = InvoiceRequest.objects.get(order__user=shopper)
        assert request.title_kind == InvoiceRequest.TitleKind.PERSONAL
        assert request.taxpayer_number == ""

    def test_no_invoice_unless_ticked(self, shopper, client):
        place_and_pay(client, invoice_fields(wanted=None, taxpayer_number="nonsense"))
        assert Order.objects.filter(user=shopper).exists()
        assert not InvoiceRequest.objects.exists()

    @pytest.mark.parametrize(
        "fields, field, message",
        [
            (
                {"taxpayer_number": "91350100M000100Y44"},
                "taxpayer_number",
                "This is not a valid unified social credit code: it has 18 digits and capital "
                "letters, and its last character is a check character. Copy it from the "
                "business licence.",
            ),
            (
                {"taxpayer_number": ""},
                "taxpayer_number",
                "A company's invoice needs its taxpayer number.",
            ),
            ({"title": "  "}, "title", "Enter the name to print on the invoice."),
            ({"email": ""}, "email", "Enter the email address to send the e-invoice to."),
        ],
        ids=["wrong check character", "company without number", "no name", "no email"],
    )
    def test_bad_details_are_refused_before_any_payment(
        self, shopper, client, fields, field, message
    ):
        response = client.post(
            reverse("checkout:preview"), {"action": "place_order", **invoice_fields(**fields)}
        )
        assert response.status_code == 400
        form = response.context["invoice_form"]
        assert form.errors[field] == [translated(message)]
        html = response.content.decode()
        assert f'id="id_invoice-{field}_error"' in html
        assert " open>" in html  # the invoice section stays open on its errors
        assert not PaymentAttempt.objects.exists()
        assert not Order.objects.exists()

    def test_a_payment_that_is_declined_leaves_no_request(self, shopper, client):
        response = client.post(
            reverse("checkout:preview"), {"action": "place_order", **invoice_fields()}
        )
        client.post(response["Location"], {"card_number": "4000 0000 0000 0002"})
        assert not InvoiceRequest.objects.exists()


def make_request(customer, *, status="requested", number="", **fields) -> InvoiceRequest:
    order = create_order(user=customer)
    values = {
        "order": order,
        "user": customer,
        "title_kind": "company",
        "title": "上海某某科技有限公司",
        "taxpayer_number": COMPANY_CODE,
        "email": customer.email,
        "amount": order.total_incl_tax,
        "status": status,
        "invoice_number": number,
    } | fields
    return InvoiceRequest.objects.create(**values)


@pytest.fixture
def staff(db, client):
    user = make_shop_staff()
    client.force_login(user)
    return user


@pytest.fixture
def customer(db):
    return make_customer(email="member@example.cn", tier="member")


def queries_for(client, address):
    client.get(address)  # warm per-process caches (site, content types, menu)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries), response


class TestTheQueue:
    def test_shows_requests_waiting_first_by_default(self, client, staff, customer):
        waiting = make_request(customer)
        issued = make_request(customer, status="issued", number="26312000000123456789")
        response = client.get(QUEUE)
        assert response.status_code == 200
        assert list(response.context["requests"]) == [waiting]
        everything = client.get(QUEUE, {"status": ""})
        assert set(everything.context["requests"]) == {waiting, issued}

    def test_finds_a_request_by_order_number_or_taxpayer_number(self, client, staff, customer):
        wanted = make_request(customer, taxpayer_number="91440300708461136T")
        make_request(customer)
        by_order = client.get(QUEUE, {"q": wanted.order.number})
        assert list(by_order.context["requests"]) == [wanted]
        by_number = client.get(QUEUE, {"q": "91440300708461136t"})
        assert list(by_number.context["requests"]) == [wanted]

    def test_a_bad_filter_lists_nothing(self, client, staff, customer):
        make_request(customer)
        response = client.get(QUEUE, {"status": "lost"})
        assert response.status_code == 200
        assert list(response.context["requests"]) == []

    @pytest.mark.parametrize(
        "role, status",
        [("Dispatcher", 403), (None, 403)],
        ids=["a dispatcher", "a customer"],
    )
    def test_is_closed_to_those_without_the_right(self, client, customer, role, status):
        make_request(customer)
        client.force_login(make_staff(role) if role else customer)
        response = client.get(QUEUE)
        assert response.status_code == status

    def test_costs_the_same_queries_for_3_or_40_requests(
        self, client, staff, customer, django_assert_max_num_queries
    ):
        for _n in range(3):
            make_request(customer)
        few, response = queries_for(client, QUEUE)
        assert len(response.context["requests"]) == 3
        for _n in range(37):
            make_request(customer)
        with django_assert_max_num_queries(few):
            response = client.get(QUEUE)
        assert len(response.context["requests"]) == 25
        assert response.context["paginator"].count == 40


class TestMarkingAnInvoiceIssued:
    def issue(self, client, request, number="26312000000123456789"):
        return client.post(
            reverse("dashboard:invoices-request-issue", kwargs={"pk": request.pk}),
            {"invoice_number": number},
        )

    def test_records_it_and_emails_the_customer_once_in_their_language(
        self, client, staff, customer, django_capture_on_commit_callbacks
    ):
        request = make_request(customer, email="finance@example.cn")
        with django_capture_on_commit_callbacks(execute=True):
            response = self.issue(client, request)
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == InvoiceRequest.Status.ISSUED
        assert request.invoice_number == "26312000000123456789"
        assert request.issued_by == staff
        assert request.issued_at is not None
        [email] = mail.outbox
        assert email.to == ["finance@example.cn"]
        assert request.order.number in email.subject
        assert "电子发票" in email.subject  # the member reads Chinese
        assert "26312000000123456789" in email.body
        assert COMPANY_CODE in email.body
        # Issued again (a double click): refused, and no second email.
        with django_capture_on_commit_callbacks(execute=True):
            again = self.issue(client, request, number="26312000000123456790")
        assert again.status_code == 400
        request.refresh_from_db()
        assert request.invoice_number == "26312000000123456789"
        assert len(mail.outbox) == 1

    def test_a_number_already_used_is_refused(self, client, staff, customer):
        make_request(customer, status="issued", number="26312000000123456789")
        request = make_request(customer)
        response = self.issue(client, request)
        assert response.status_code == 400
        [message] = [str(m) for m in response.context["messages"]]
        assert "26312000000123456789" in message
        request.refresh_from_db()
        assert request.status == InvoiceRequest.Status.REQUESTED
        assert mail.outbox == []

    @pytest.mark.parametrize("number", ["", "1234567", "2631200000012345678X", "1" * 21])
    def test_a_malformed_number_is_refused(self, client, staff, customer, number):
        request = make_request(customer)
        response = self.issue(client, request, number=number)
        assert response.status_code == 400
        request.refresh_from_db()
        assert request.status == InvoiceRequest.Status.REQUESTED

    def test_a_dispatcher_cannot(self, client, customer):
        request = make_request(customer)
        client.force_login(make_staff("Dispatcher"))
        assert self.issue(client, request).status_code == 403
        request.refresh_from_db()
        assert request.status == InvoiceRequest.Status.REQUESTED


def test_shop_staff_have_the_queues_rights_from_the_roles_migration(db):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Shop staff")
    codenames = set(
        group.permissions.filter(content_type__app_label="invoices").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {"view_invoicerequest", "change_invoicerequest"}


class TestAnEmailWhoseQueueingWasLost:
    """Issued while the broker was down: the on-commit queueing never ran (no capture here),
    so only the sweep can send it, once, and not before it counts as lost."""

    def issue_without_queueing(self, client, request):
        response = TestMarkingAnInvoiceIssued().issue(client, request)
        assert response.status_code == 302
        assert mail.outbox == []

    def test_is_sent_by_the_sweep_once(self, client, staff, customer):
        request = make_request(customer, email="finance@example.cn")
        self.issue_without_queueing(client, request)
        assert resend_lost_invoice_emails() == 0  # still on its way, maybe
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
            assert resend_lost_invoice_emails() == 1
            assert resend_lost_invoice_emails() == 0
        [email] = mail.outbox
        assert email.to == ["finance@example.cn"]
        assert "26312000000123456789" in email.body

    def test_a_send_that_fails_is_released_for_the_retry(
        self, client, staff, customer, monkeypatch
    ):
        request = make_request(customer)
        self.issue_without_queueing(client, request)

        def mail_server_gone(*args, **kwargs):
            raise smtplib.SMTPServerDisconnected("gone")

        with monkeypatch.context() as patch:
            patch.setattr(Dispatcher, "dispatch_direct_messages", mail_server_gone)
            with pytest.raises(smtplib.SMTPServerDisconnected):
                notices.send_invoice_issued(request_id=request.pk)
        request.refresh_from_db()
        assert request.emailed_at is None
        assert notices.send_invoice_issued(request_id=request.pk) is True
        assert notices.send_invoice_issued(request_id=request.pk) is False
        assert len(mail.outbox) == 1

    def test_the_sweep_is_on_the_beat(self, settings):
        scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        assert "catalog.invoices.tasks.resend_lost_invoice_emails" in scheduled
