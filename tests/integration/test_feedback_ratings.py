"""Rating a finished job through its signed link; unhappy ratings followed up (issue #12).

A 9 earns the rating points once and a second submission is refused; a 4 opens a
follow-up due in 48 hours that the area's supervisor sees in the dashboard and closes with
an outcome. A completed cleaning visit earns its points once.
"""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from aftersales import services
from aftersales.feedback import rating_link
from aftersales.feedback.ratings import rating_token
from aftersales.models import FollowUp, ServiceBooking, ServiceRating, ServiceRequest
from membership.models import LedgerEntry
from membership.rules import CLEANING_VISIT_POINTS, SERVICE_RATING_POINTS
from membership.services import ensure_profile
from tests.factories.aftersales import make_area, make_booking
from tests.factories.feedback import finished_request, make_mailbox_staff
from tests.factories.membership import balance
from tests.factories.service import make_request
from tests.factories.staff import make_shop_staff, make_supervisor

pytestmark = pytest.mark.django_db

HAPPY = {"punctuality": 5, "attitude": 5, "skill": 5, "tidiness": 4, "nps": 9, "comment": "好"}
UNHAPPY = {**HAPPY, "nps": 4, "comment": "师傅迟到"}


def en(path: str) -> str:
    """The English version of a language-prefixed path (the tests read its words)."""
    return "/en/" + path.split("/", 2)[2]


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the dashboard's words, compared in English
    return client


@pytest.fixture
def customer(django_user_model):
    return django_user_model.objects.create_user("rc1", "rc1@example.com", "pw")


@pytest.fixture
def supervisor():
    return make_supervisor(first_name="Mei", last_name="Zhang", email="mei@example.cn")


@pytest.fixture
def area(supervisor):
    return make_area(supervisor=supervisor)


@pytest.fixture
def job(customer, area):
    return finished_request(area=area, customer=customer)


def rating_entries(customer):
    return LedgerEntry.objects.filter(member__user=customer, source_key__startswith="rating:")


class TestTheLink:
    def test_is_an_absolute_path_in_the_customers_language(self, job):
        link = rating_link(job)
        assert link.startswith("/zh-hans/service/rate/")
        assert rating_link(job, language="en").startswith("/en/service/rate/")

    def test_opens_the_form_without_signing_in(self, client, job):
        response = client.get(en(rating_link(job)))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Punctuality" in html and 'name="nps"' in html

    def test_a_tampered_link_is_a_404_with_a_message(self, client, job):
        token = rating_token(job)
        forged = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
        with translation.override("en"):
            response = client.get(reverse("feedback:rate", kwargs={"token": forged}))
        assert response.status_code == 404
        assert "not valid or has expired" in response.content.decode()

    def test_a_job_not_finished_cannot_be_rated_yet(self, client, customer):
        open_job = make_request(customer=customer)
        response = client.post(en(rating_link(open_job)), HAPPY)
        assert response.status_code == 409
        assert "not finished yet" in response.content.decode()
        assert not ServiceRating.objects.exists()


class TestAHappyRating:
    def test_a_9_earns_the_points_once_and_a_second_submission_is_refused(
        self, client, job, customer
    ):
        link = en(rating_link(job))
        first = client.post(link, HAPPY)
        assert first.status_code == 200
        assert "Thank you for your rating" in first.content.decode()
        profile = ensure_profile(user=customer)
        assert balance(profile) == SERVICE_RATING_POINTS
        assert rating_entries(customer).get().source_key == f"rating:request:{job.pk}"

        second = client.post(link, {**HAPPY, "nps": 10})
        assert second.status_code == 409
        assert "already been rated" in second.content.decode()
        assert client.get(link).content.decode().count("already been rated") == 1
        assert ServiceRating.objects.get().nps == 9
        assert balance(profile) == SERVICE_RATING_POINTS
        assert not FollowUp.objects.exists()

    def test_a_guest_rates_without_points(self, client, area):
        guest_job = finished_request(area=area, customer=None)
        assert client.post(en(rating_link(guest_job)), HAPPY).status_code == 200
        rating = ServiceRating.objects.get()
        assert rating.customer is None
        assert not LedgerEntry.objects.filter(source_key__startswith="rating:").exists()

    def test_out_of_range_scores_are_a_400_and_nothing_is_saved(self, client, job):
        response = client.post(en(rating_link(job)), {**HAPPY, "nps": "11", "skill": "٣"})
        assert response.status_code == 400
        assert "Choose one of the scores shown" in response.content.decode()
        assert not ServiceRating.objects.exists()

    def test_a_confirmed_request_and_a_completed_visit_can_be_rated(self, client, customer, area):
        confirmed = finished_request(
            area=area, customer=customer, status=ServiceRequest.Status.CONFIRMED
        )
        visit = make_booking(customer, status=ServiceBooking.Status.COMPLETED)
        assert client.post(en(rating_link(confirmed)), HAPPY).status_code == 200
        assert client.post(en(rating_link(visit)), HAPPY).status_code == 200
        assert ServiceRating.objects.filter(booking=visit).exists()
        assert rating_entries(customer).count() == 2


class TestAnUnhappyRating:
    def test_a_4_opens_a_follow_up_due_in_48_hours_for_the_areas_supervisor(
        self, client, job, supervisor, django_capture_on_commit_callbacks
    ):
        before = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(en(rating_link(job)), UNHAPPY)
        assert response.status_code == 200
        assert "A supervisor will call you within 48 hours" in response.content.decode()
        follow_up = FollowUp.objects.get()
        assert follow_up.owner == supervisor
        assert follow_up.due_at - follow_up.opened_at == datetime.timedelta(hours=48)
        assert before <= follow_up.opened_at <= timezone.now()
        assert [message.to for message in mail.outbox] == [["mei@example.cn"]]
        follow_up.refresh_from_db()
        assert follow_up.notified_at is not None

    def test_any_aspect_at_2_is_unhappy_too(self, client, job):
        client.post(en(rating_link(job)), {**HAPPY, "tidiness": 2})
        assert FollowUp.objects.count() == 1

    def test_a_7_with_threes_is_not_followed_up(self, client, job):
        scores = {"punctuality": 3, "attitude": 3, "skill": 3, "tidiness": 3, "nps": 7}
        client.post(en(rating_link(job)), scores)
        assert not FollowUp.objects.exists()

    def test_the_supervisor_sees_it_in_the_dashboard_and_records_the_outcome(
        self, client, job, supervisor
    ):
        client.post(en(rating_link(job)), UNHAPPY)
        follow_up = FollowUp.objects.get()
        client.force_login(supervisor)
        listing = client.get(reverse("dashboard:aftersales-follow-up-list"), {"mine": "on"})
        assert listing.status_code == 200
        html = listing.content.decode()
        assert job.number in html
        assert timezone.localtime(follow_up.due_at).strftime("%Y-%m-%d %H:%M") in html

        detail = reverse("dashboard:aftersales-follow-up-detail", args=[follow_up.pk])
        assert "师傅迟到" in client.get(detail).content.decode()
        response = client.post(detail, {"outcome": "revisit", "note": "约了周六复查"})
        assert response.status_code == 302
        follow_up.refresh_from_db()
        assert follow_up.outcome == "revisit" and follow_up.closed_by == supervisor
        again = client.post(detail, {"outcome": "resolved", "note": "覆盖"})
        assert again.status_code == 302
        follow_up.refresh_from_db()
        assert follow_up.outcome == "revisit"
        open_list = client.get(reverse("dashboard:aftersales-follow-up-list")).content.decode()
        assert job.number not in open_list

    def test_staff_without_the_permission_are_refused(self, client, job):
        client.post(en(rating_link(job)), UNHAPPY)
        client.force_login(make_mailbox_staff())
        response = client.get(reverse("dashboard:aftersales-follow-up-list"))
        assert response.status_code == 403

    def test_an_area_without_a_supervisor_leaves_it_for_everyone_who_follows_up(
        self, client, customer, django_capture_on_commit_callbacks
    ):
        make_supervisor(email="team@example.cn")
        job = finished_request(area=make_area(), customer=customer)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(en(rating_link(job)), UNHAPPY)
        assert FollowUp.objects.get().owner is None
        assert mail.outbox[0].to == ["team@example.cn"]


class TestCleaningVisitPoints:
    def test_a_completed_visit_earns_its_points_once(self, customer):
        visit = make_booking(customer)
        services.complete_booking(booking=visit)
        with pytest.raises(services.CannotChange):
            services.complete_booking(booking=visit)
        profile = ensure_profile(user=customer)
        assert balance(profile) == CLEANING_VISIT_POINTS
        entry = LedgerEntry.objects.get(member=profile)
        assert entry.source_key == f"booking:{visit.pk}:completed"

    def test_staff_completing_it_in_the_dashboard_earns_it_too(self, client, customer):
        visit = make_booking(customer)
        client.force_login(make_shop_staff())
        client.post(reverse("dashboard:aftersales-booking-complete", args=[visit.pk]))
        assert balance(ensure_profile(user=customer)) == CLEANING_VISIT_POINTS


class TestFollowUpListQueries:
    def queries(self, client):
        address = reverse("dashboard:aftersales-follow-up-list")
        client.get(address)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200
        return len(queries), response

    def rate_unhappily(self, client, area, count):
        for _ in range(count):
            client.post(en(rating_link(finished_request(area=area))), UNHAPPY)

    def test_costs_the_same_for_2_or_20_follow_ups(
        self, client, area, supervisor, django_assert_max_num_queries
    ):
        self.rate_unhappily(client, area, 2)
        client.force_login(supervisor)
        few, _response = self.queries(client)
        client.logout()
        self.rate_unhappily(client, area, 18)
        client.force_login(supervisor)
        many, response = self.queries(client)
        with django_assert_max_num_queries(few):
            client.get(reverse("dashboard:aftersales-follow-up-list"))
        assert response.content.decode().count("Record outcome") == 20
        assert many == few
