"""After the visit, at 360 px (issue #12, acceptance 2): a guest looks up progress by phone
and name; opens the rating link from the captured "done" message; a 9 earns the customer's
points once (a second submission is refused); a 4 opens a follow-up due in 48 hours that
the area's supervisor (the demo supervisor) sees in the dashboard.

The "done" messages are the real ones: each request is finished through the service
function, so its notice is written and sent after the commit by the site's own task.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from aftersales.models import FollowUp, ServiceArea, ServiceRating, ServiceRequest
from aftersales.services.requests import transition
from membership.models import LedgerEntry
from tests.factories.service import advance, make_request

from .service_people import LANG, Person

pytestmark = pytest.mark.browser

SUPERVISOR = "supervisor@aftercare.demo"
PHONE_NUMBER = "13912340022"
NAME = "赵小红"
RATING_LINK = re.compile(r"https?://[^\s]+?(/[a-z-]+/service/rate/[^\s/]+/)")


@pytest.fixture
def people(browser, demo_transactional):
    made = []

    def person(name):
        made.append(Person(browser, name))
        return made[-1]

    yield person
    errors = [error for someone in made for error in someone.errors]
    for someone in made:
        someone.keep_last_page()
        someone.close()
    assert errors == [], f"JavaScript errors: {errors}"


def finished_visit(customer, area, symptom: str) -> ServiceRequest:
    """A repair visit finished by its engineer: the "done" notice goes out on commit."""
    service_request = make_request(
        customer=customer,
        area=area,
        contact_name=NAME,
        contact_phone=PHONE_NUMBER,
        email=customer.email,
        language=LANG,
        symptom=symptom,
    )
    service_request = advance(service_request, ServiceRequest.Status.ARRIVED)
    transition(
        service_request,
        action="complete",
        role="engineer",
        now=timezone.now(),
        resolution="更换传感器，试机正常",
        completed_at=timezone.now(),
    )
    return service_request


def rating_path(service_request, sms_outbox) -> str:
    """The rating link in the text message announcing that `service_request` is done."""
    texts = [
        text.text
        for text in sms_outbox
        if text.phone == PHONE_NUMBER
        and service_request.number in text.text
        and "/service/rate/" in text.text
    ]
    assert len(texts) == 1, texts
    return RATING_LINK.search(texts[0]).group(1)


def rate(page, *, scores: int, nps: int, comment: str) -> None:
    for name in ("punctuality", "attitude", "skill", "tidiness"):
        page.locator(f"input[name={name}][value='{scores}']").check()
    page.locator(f"input[name=nps][value='{nps}']").check()
    page.fill("textarea[name=comment]", comment)


class TestAfterTheVisit:
    def test_a_guest_tracks_rates_once_and_a_detractor_reaches_the_supervisor(
        self, live_server, people, sms_outbox
    ):
        user_model = get_user_model()
        customer = user_model.objects.create_user(
            "rater", "rater@example.cn", "a-Long-pass-phrase-42", first_name="小红", last_name="赵"
        )
        area = ServiceArea.objects.get(code="shanghai-pudong")
        supervisor = user_model.objects.get(email=SUPERVISOR)
        assert area.supervisor == supervisor  # the demo sets it on every area
        happy = finished_visit(customer, area, "不制冷")
        unhappy = finished_visit(customer, area, "漏水")
        problems = []

        # -- a guest (no account on this phone) looks the requests up ----------------------
        guest = people("guest")
        page = guest.page
        with translation.override(LANG):
            track = reverse("feedback:track")
        page.goto(live_server.url + track)
        page.fill("input[name=phone]", PHONE_NUMBER)
        page.fill("input[name=name]", NAME)
        guest.submit(page.locator(".track__form button[type=submit]"))
        # Status only: two repair visits, both done; no address, engineer or number.
        results = page.locator(".track__results")
        assert results.locator(".job").count() == 2
        assert results.inner_text().count("已完成") >= 2
        assert "世纪大道" not in results.inner_text()  # the address only with a texted code
        if not guest.fits_the_phone():
            problems.append("the lookup scrolls sideways")

        # -- a 9, from the link in the "done" text message: points once -----------------------
        link = live_server.url + rating_path(happy, sms_outbox)
        page.goto(link)
        # The same link open in a second tab, to send the form a second time.
        again = guest.context.new_page()
        again.goto(link)
        rate(page, scores=5, nps=9, comment="师傅很专业")
        if not guest.fits_the_phone():
            problems.append("the rating page scrolls sideways")
        guest.submit(page.locator(".rate__form button[type=submit]"))
        assert ServiceRating.objects.filter(service_request=happy, nps=9).count() == 1
        source = f"rating:request:{happy.pk}"
        assert LedgerEntry.objects.filter(source_key=source).count() == 1
        assert not FollowUp.objects.filter(rating__service_request=happy).exists()
        rate(again, scores=1, nps=10, comment="again")
        with again.expect_navigation():
            again.locator(".rate__form button[type=submit]").tap()
        assert again.locator(".rate__form").count() == 0
        assert ServiceRating.objects.filter(service_request=happy).count() == 1
        assert ServiceRating.objects.get(service_request=happy).nps == 9
        assert LedgerEntry.objects.filter(source_key=source).count() == 1
        again.goto(link)  # and the link now says it was rated
        assert again.locator(".rate__form").count() == 0
        again.close()

        # -- a 4: a follow-up for the area's supervisor, due in 48 hours ----------------------
        page.goto(live_server.url + rating_path(unhappy, sms_outbox))
        rate(page, scores=3, nps=4, comment="迟到了两个小时")
        before = timezone.now()
        guest.submit(page.locator(".rate__form button[type=submit]"))
        follow_up = FollowUp.objects.get(rating__service_request=unhappy)
        assert follow_up.owner == supervisor
        due_in = follow_up.due_at - follow_up.opened_at
        assert due_in == datetime.timedelta(hours=48)
        assert abs(follow_up.opened_at - before) < datetime.timedelta(minutes=5)

        # -- the supervisor sees it in the dashboard -------------------------------------------
        boss = people("supervisor")
        boss.sign_in(live_server, SUPERVISOR)
        with translation.override(LANG):
            follow_ups = reverse("dashboard:aftersales-follow-up-list")
        boss.page.goto(live_server.url + follow_ups)
        listed = boss.page.content()
        assert unhappy.number in listed
        assert happy.number not in listed
        assert mail.outbox  # the done notices went by email as well
        assert problems == []
