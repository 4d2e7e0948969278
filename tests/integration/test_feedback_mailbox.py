"""The director's mailbox (issue #12, acceptance 3).

Every message gets a named owner and a 48-hour deadline; an overdue one escalates one
level at a time however often the job runs; the reply shows on the customer's page and is
sent to them; the reply rate shown equals the figure worked out by hand on 20 messages.
"""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from aftersales.feedback import mailbox, tasks
from aftersales.models import FeedbackCampaign, MailboxEscalation, MailboxMessage
from membership.models import LedgerEntry
from membership.rules import USEFUL_SUGGESTION_POINTS
from membership.services import ensure_profile
from tests.factories.aftersales import make_unit
from tests.factories.feedback import (
    make_campaign,
    make_mailbox_staff,
    make_message,
    staff_with,
)
from tests.factories.membership import balance
from tests.factories.service import make_request
from tests.factories.staff import (
    make_dispatcher,
    make_manager,
    make_supervisor,
    make_team_lead,
)

pytestmark = pytest.mark.django_db
Kind = MailboxMessage.Kind
HOUR = datetime.timedelta(hours=1)


def en(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def customer(django_user_model):
    return django_user_model.objects.create_user(
        "mc1", "mc1@example.com", "pw", first_name="小明", last_name="王"
    )


@pytest.fixture
def answerer():
    return make_mailbox_staff(first_name="Lan", last_name="Li", email="lan@example.cn")


def write(client, **data):
    fields = {"kind": "complaint", "topic": "service", "body": "师傅迟到了两个小时。"}
    fields.update(data)
    return client.post(en("feedback:mailbox"), fields)


class TestWritingIn:
    def test_a_customer_writes_and_the_message_gets_an_owner_and_48_hours(
        self, client, customer, answerer
    ):
        own_request = make_request(customer=customer)
        client.force_login(customer)
        response = write(client, service_request=own_request.number)
        message = MailboxMessage.objects.get()
        assert response.status_code == 302
        assert response["Location"] == en("feedback:my-message", number=message.number)
        assert message.owner == answerer
        assert message.reply_due - message.created_at == datetime.timedelta(hours=48)
        assert message.service_request == own_request
        page = client.get(response["Location"]).content.decode()
        assert "Lan Li" in page

    def test_owners_take_turns(self, client, customer):
        first, second = make_mailbox_staff(), make_mailbox_staff()
        staff_with("follow_up_rating")  # holds another permission: never an owner
        client.force_login(customer)
        for _ in range(3):
            write(client)
        owners = list(
            MailboxMessage.objects.order_by("created_at", "pk").values_list("owner", flat=True)
        )
        assert owners == [first.pk, second.pk, first.pk]

    def test_the_desk_owns_messages_and_the_ladder_above_it_does_not(self, client, customer):
        make_team_lead()
        make_supervisor()
        desk = make_dispatcher()
        client.force_login(customer)
        write(client)
        write(client)
        assert set(MailboxMessage.objects.values_list("owner", flat=True)) == {desk.pk}

    def test_with_nobody_at_the_desk_someone_above_it_owns_the_message(self, client, customer):
        lead = make_team_lead()
        client.force_login(customer)
        write(client)
        assert MailboxMessage.objects.get().owner == lead

    def test_with_nobody_to_answer_the_message_has_no_owner_yet(self, client, customer):
        client.force_login(customer)
        assert write(client).status_code == 302
        assert MailboxMessage.objects.get().owner is None

    def test_someone_elses_request_unit_or_order_cannot_be_named(
        self, client, customer, django_user_model
    ):
        stranger = django_user_model.objects.create_user("s1", "s1@example.com", "pw")
        their_request = make_request(customer=stranger)
        their_unit = make_unit(stranger)
        client.force_login(customer)
        response = write(
            client,
            service_request=their_request.number,
            unit=str(their_unit.pk),
            order_number="100001",
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "Choose one of your service requests listed" in html
        assert "Choose one of your appliances listed" in html
        assert "We found no order 100001 in your account" in html
        assert not MailboxMessage.objects.exists()

    def test_a_guest_confirms_the_phone_by_code_then_writes(self, client, sms_outbox, answerer):
        page = client.get(en("feedback:mailbox"))
        assert 'name="phone"' in page.content.decode()
        assert write(client).status_code == 403
        client.post(en("feedback:mailbox-code"), {"name": "李雷", "phone": "139 0013 9000"})
        code = re.search(r"\d{6}", sms_outbox[-1].text).group()
        assert sms_outbox[-1].phone == "13900139000"
        wrong = f"{(int(code) + 1) % 10**6:06d}"
        assert client.post(en("feedback:mailbox-verify"), {"code": wrong}).status_code == 400
        assert client.post(en("feedback:mailbox-verify"), {"code": code}).status_code == 302
        response = write(client, kind="suggestion", topic="product", body="希望遥控器有背光")
        assert response.status_code == 302
        message = MailboxMessage.objects.get()
        assert (message.customer, message.contact_phone, message.contact_name) == (
            None,
            "13900139000",
            "李雷",
        )
        mine = client.get(en("feedback:my-messages")).content.decode()
        assert message.number in mine

    def test_a_message_with_a_running_campaigns_tag_joins_it(self, client, customer, today):
        running = make_campaign(tags=["#吐槽产品#", "#吐槽服务#"])
        make_campaign(
            name="去年",
            tags=["#吐槽服务#"],
            starts_on=today - datetime.timedelta(days=400),
            ends_on=today - datetime.timedelta(days=300),
        )
        client.force_login(customer)
        write(client, body="#吐槽服务# 预约电话总占线")
        write(client, topic="product", body="没有标签的建议")
        tagged, plain = MailboxMessage.objects.order_by("created_at", "pk")
        assert (tagged.campaign, tagged.tag) == (running, "#吐槽服务#")
        assert (plain.campaign, plain.tag) == (None, "")

    def test_a_campaign_starting_today_in_shanghai_takes_a_message_sent_after_midnight(
        self, answerer
    ):
        # 00:30 on 3 December in Shanghai, handed over in UTC (2 December) as timezone.now() is.
        sent = timezone.make_aware(datetime.datetime(2026, 12, 3, 0, 30)).astimezone(datetime.UTC)
        campaign = make_campaign(
            tags=["#吐槽服务#"],
            starts_on=datetime.date(2026, 12, 3),
            ends_on=datetime.date(2026, 12, 31),
        )
        message = mailbox.post_message(
            kind="suggestion",
            topic="service",
            body="#吐槽服务# 电话总占线",
            now=sent,
            contact_name="李雷",
            contact_phone="13900139000",
        )
        assert (message.campaign, message.tag) == (campaign, "#吐槽服务#")


class TestEscalation:
    def test_an_overdue_complaint_escalates_once_per_level_however_often_the_job_runs(
        self, answerer, django_capture_on_commit_callbacks
    ):
        lead = make_team_lead(email="lead@example.cn")
        make_supervisor(email="supervisor@example.cn")
        received = timezone.now() - 49 * HOUR
        message = make_message(received=received, owner=answerer)
        answered = make_message(received=received, answered_after=2 * HOUR)

        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(5):
                tasks.escalate_mailbox.delay()
        message.refresh_from_db()
        assert message.escalation_level == 1
        assert list(message.escalations.values_list("level", flat=True)) == [1]
        assert not answered.escalations.exists()
        assert [m.to for m in mail.outbox] == [[lead.email]]

        # A day later: the supervisor, once; and nothing more the same day.
        with time_machine.travel(timezone.now() + 24 * HOUR, tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                for _ in range(5):
                    tasks.escalate_mailbox.delay()
        message.refresh_from_db()
        assert message.escalation_level == 2
        assert [m.to for m in mail.outbox] == [[lead.email], ["supervisor@example.cn"]]

        # Ten days on, however many runs: the manager, and never past the top.
        later = timezone.now() + 240 * HOUR
        for _ in range(5):
            mailbox.escalate_overdue(now=later)
        message.refresh_from_db()
        assert message.escalation_level == mailbox.TOP_LEVEL
        assert sorted(MailboxEscalation.objects.values_list("level", flat=True)) == [1, 2, 3]

    def test_one_run_moves_a_long_forgotten_message_one_level_only(self):
        message = make_message(received=timezone.now() - 30 * 24 * HOUR)
        mailbox.escalate_overdue(now=timezone.now())
        message.refresh_from_db()
        assert message.escalation_level == 1

    def test_a_message_within_its_48_hours_stays_with_its_owner(self):
        message = make_message(received=timezone.now() - 47 * HOUR)
        assert mailbox.escalate_overdue(now=timezone.now()) == []
        message.refresh_from_db()
        assert message.escalation_level == 0


class TestReplying:
    def test_the_reply_shows_on_the_customers_page_and_is_sent_to_them(
        self, client, customer, answerer, sms_outbox, django_capture_on_commit_callbacks
    ):
        profile = ensure_profile(user=customer)
        profile.phone = "13700137000"
        profile.save()
        message = make_message(customer=customer, owner=answerer)
        client.force_login(answerer)
        detail = reverse("dashboard:aftersales-mailbox-detail", args=[message.pk])
        assert "师傅迟到了两个小时" in client.get(detail).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("dashboard:aftersales-mailbox-reply", args=[message.pk]),
                {"reply": "非常抱歉,已安排主管回访并赠送清洗一次。"},
            )
        assert response.status_code == 302
        message.refresh_from_db()
        assert message.replied_by == answerer and message.reply_sent_at is not None
        assert [m.to for m in mail.outbox] == [["mc1@example.com"]]
        assert "已安排主管回访" in mail.outbox[0].body
        assert [sms.phone for sms in sms_outbox] == ["13700137000"]

        client.force_login(customer)
        mine = client.get(en("feedback:my-messages")).content.decode()
        assert "已安排主管回访" in mine
        one = client.get(en("feedback:my-message", number=message.number)).content.decode()
        assert "已安排主管回访" in one

    def test_a_second_reply_is_refused(self, client, answerer):
        message = make_message(owner=answerer, answered_after=HOUR)
        client.force_login(answerer)
        client.post(
            reverse("dashboard:aftersales-mailbox-reply", args=[message.pk]), {"reply": "又一次"}
        )
        message.refresh_from_db()
        assert message.reply == "已处理,抱歉。"

    def test_a_customer_sees_only_their_own_messages(self, client, customer, django_user_model):
        stranger = django_user_model.objects.create_user("s2", "s2@example.com", "pw")
        theirs = make_message(customer=stranger)
        client.force_login(customer)
        response = client.get(en("feedback:my-message", number=theirs.number))
        assert response.status_code == 404

    def test_staff_without_the_permission_are_refused(self, client):
        client.force_login(staff_with("follow_up_rating"))
        assert client.get(reverse("dashboard:aftersales-mailbox-list")).status_code == 403


class TestUsefulSuggestions:
    def test_a_useful_suggestion_earns_its_points_once(self, client, customer, answerer):
        suggestion = make_message(customer=customer, kind=Kind.SUGGESTION)
        client.force_login(answerer)
        address = reverse("dashboard:aftersales-mailbox-useful", args=[suggestion.pk])
        client.post(address)
        client.post(address)
        suggestion.refresh_from_db()
        assert suggestion.useful and suggestion.useful_marked_by == answerer
        profile = ensure_profile(user=customer)
        assert balance(profile) == USEFUL_SUGGESTION_POINTS
        assert LedgerEntry.objects.get(member=profile).source_key == (
            f"mailbox:{suggestion.pk}:useful"
        )

    def test_a_complaint_cannot_be_marked_useful(self, client, customer, answerer):
        complaint = make_message(customer=customer)
        client.force_login(answerer)
        client.post(reverse("dashboard:aftersales-mailbox-useful", args=[complaint.pk]))
        complaint.refresh_from_db()
        assert not complaint.useful


class TestReplyFigures:
    """20 messages received over the last week, worked out by hand:

    - 12 answered in time, after 1, 2, …, 12 hours;
    - 3 answered late, after 50, 60 and 70 hours;
    - 5 not answered yet.

    Reply rate 15 / 20 = 75.0 %; within 48 hours 12 / 20 = 60.0 %; median of the 15 waits
    (1…12, 50, 60, 70 hours) is the 8th: 8.0 hours.
    """

    @pytest.fixture
    def twenty(self, answerer):
        received = timezone.now() - 100 * HOUR
        for hours in [*range(1, 13), 50, 60, 70]:
            make_message(received=received, answered_after=hours * HOUR, owner=answerer)
        for _ in range(5):
            make_message(received=received, owner=answerer)

    def test_the_figures_equal_the_ones_worked_out_by_hand(self, twenty):
        figures = mailbox.reply_figures(MailboxMessage.objects.all())
        assert (figures.received, figures.answered, figures.on_time) == (20, 15, 12)
        assert figures.reply_rate == 75.0
        assert figures.on_time_rate == 60.0
        assert figures.median_hours == 8.0

    def test_the_inbox_shows_them(self, client, twenty, answerer):
        client.force_login(answerer)
        html = client.get(reverse("dashboard:aftersales-mailbox-list")).content.decode()
        assert re.search(r'id="figure-reply-rate">75\.0 %<', html)
        assert re.search(r'id="figure-on-time">60\.0 %<', html)
        assert re.search(r'id="figure-median">8\.0 h<', html)
        # The list itself shows the five still waiting, all overdue.
        assert html.count("badge-danger") == 5


def page_queries(client, address):
    client.get(address)  # warm per-process caches (site, content types, menu)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries), response


class TestQueries:
    def test_the_inbox_costs_the_same_for_3_or_40_messages(
        self, client, answerer, django_assert_max_num_queries
    ):
        campaign = make_campaign()
        address = reverse("dashboard:aftersales-mailbox-list") + "?state=all"
        for n in range(3):
            answered_after = HOUR if n == 0 else None  # the median is read once any is answered
            make_message(
                owner=answerer, campaign=campaign, tag="#吐槽产品#", answered_after=answered_after
            )
        client.force_login(answerer)
        few, _response = page_queries(client, address)
        for n in range(37):
            make_message(owner=answerer if n % 2 else None, answered_after=HOUR)
        many, response = page_queries(client, address)
        with django_assert_max_num_queries(few):
            client.get(address)
        assert many == few
        rows = re.findall(r'href="/dashboard/aftersales/mailbox/\d+/"', response.content.decode())
        assert len(rows) == 20

    def test_my_messages_cost_the_same_for_2_or_40(
        self, client, customer, django_assert_max_num_queries
    ):
        own_request = make_request(customer=customer)
        unit = make_unit(customer)
        address = en("feedback:my-messages")
        for _ in range(2):
            make_message(customer=customer, service_request=own_request, unit=unit)
        client.force_login(customer)
        few, _response = page_queries(client, address)
        for _ in range(38):
            make_message(
                customer=customer, service_request=own_request, unit=unit, answered_after=HOUR
            )
        many, response = page_queries(client, address)
        with django_assert_max_num_queries(few):
            client.get(address)
        assert many == few
        assert response.content.decode().count('class="card message"') == 20

    def test_the_campaign_list_costs_the_same_for_2_or_30_campaigns(
        self, client, django_assert_max_num_queries
    ):
        client.force_login(staff_with("view_feedbackcampaign"))
        address = reverse("dashboard:aftersales-campaign-list")
        for _ in range(2):
            make_campaign()
        few, _response = page_queries(client, address)
        for _ in range(28):
            make_message(campaign=make_campaign())
        many, _response = page_queries(client, address)
        with django_assert_max_num_queries(few):
            client.get(address)
        assert many == few


class TestCampaignScreens:
    def test_staff_create_a_campaign_with_its_tags(self, client, today):
        client.force_login(
            staff_with("view_feedbackcampaign", "add_feedbackcampaign", "change_feedbackcampaign")
        )
        response = client.post(
            reverse("dashboard:aftersales-campaign-create"),
            {
                "name": "吐槽有礼",
                "tags": "#吐槽产品#，#吐槽服务# #吐槽产品#",
                "starts_on": today.isoformat(),
                "ends_on": (today + datetime.timedelta(days=30)).isoformat(),
                "gift": "免费清洗券",
            },
        )
        assert response.status_code == 302
        assert FeedbackCampaign.objects.get().tags == ["#吐槽产品#", "#吐槽服务#"]

    def test_a_campaign_ending_before_it_starts_is_refused(self, client, today):
        client.force_login(staff_with("view_feedbackcampaign", "add_feedbackcampaign"))
        response = client.post(
            reverse("dashboard:aftersales-campaign-create"),
            {
                "name": "x",
                "tags": "#x#",
                "starts_on": today.isoformat(),
                "ends_on": (today - datetime.timedelta(days=1)).isoformat(),
            },
        )
        assert response.status_code == 200
        assert "cannot end before it starts" in response.content.decode()


class TestTheRoles:
    """What portal.roles gives (the roles migration writes the same groups)."""

    def test_the_desk_answers_the_mailbox_but_follows_up_no_ratings(self, client):
        client.force_login(make_dispatcher())
        assert client.get(reverse("dashboard:aftersales-mailbox-list")).status_code == 200
        assert client.get(reverse("dashboard:aftersales-follow-up-list")).status_code == 403

    def test_a_supervisor_follows_up_ratings_and_reads_campaigns(self, client):
        client.force_login(make_supervisor())
        assert client.get(reverse("dashboard:aftersales-follow-up-list")).status_code == 200
        assert client.get(reverse("dashboard:aftersales-campaign-list")).status_code == 200
        assert client.get(reverse("dashboard:aftersales-campaign-create")).status_code == 403

    def test_a_manager_runs_campaigns(self, client):
        client.force_login(make_manager())
        assert client.get(reverse("dashboard:aftersales-campaign-create")).status_code == 200
