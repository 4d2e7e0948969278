"""The demo's touchpoint dashboard tells its story (issue #12): eighteen weeks of figures,
and Beijing Chaoyang's late visits dipping and recovering."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from aftersales.dashboard.touchpoints import selectors
from aftersales.models import MailboxMessage, ServiceArea
from portal.demo import touchpoints as story

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

URL = "/dashboard/aftersales/touchpoints/"


def test_the_supervisor_sees_every_service_touchpoint_with_figures(client, demo):
    client.force_login(get_user_model().objects.get(email="supervisor@aftercare.demo"))
    response = client.get(URL)
    assert response.status_code == 200
    figures = {row["key"]: row["figures"] for row in response.context["touchpoints"]}
    for key in ("enquiry", "installation", "guidance", "repair", "feedback"):
        assert figures[key].volume > 0, key
    repair = figures["repair"]
    assert repair.nps is not None and repair.first_visit_fix_rate is not None
    assert 0 < repair.repeat_repair_rate < 0.5
    assert len(response.context["weeks"]) >= story.WEEKS
    assert response.content.decode().count('role="img"') == 4
    assert MailboxMessage.objects.filter(number__regex=r"^MB[0-9]{6}T[0-9]{3}$").count() == 110


def test_beijing_chaoyang_dips_then_recovers(demo):
    today = timezone.localdate()
    area = ServiceArea.objects.get(code=story.TROUBLED_AREA)

    def on_time(days_from: int, days_to: int):
        rows = selectors.rows_for(
            date_from=today - datetime.timedelta(days=days_from),
            date_to=today - datetime.timedelta(days=days_to),
            area=area,
        )
        return selectors.totals(rows).on_time_arrival_rate

    before = on_time(story.OLDEST_DAY, story.TROUBLE_FROM + 1)
    during = on_time(story.TROUBLE_FROM, story.TROUBLE_TO)
    after = on_time(story.TROUBLE_TO - 1, 0)
    assert during < 0.7 < 0.85 < min(before, after)
