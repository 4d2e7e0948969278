"""/service-promise/ publishes the rules the SLA job keeps: the same rows, in each language."""

import pytest
from bs4 import BeautifulSoup

from aftersales.models import CompensationKind, ServiceKind
from tests.factories.aftersales import make_area
from tests.factories.cms import make_content_page
from tests.factories.service_desk import make_promise

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return make_content_page(
        slug="service-promise",
        title=("服务承诺", "Our service promise"),
        body=[("我们把承诺写下来。", "We write our promises down.")],
        blocks=[("promises", None)],
    )


@pytest.fixture
def rules():
    make_promise(
        ServiceKind.ONSITE_REPAIR,
        response_hours=2,
        arrival_hours=24,
        compensation=CompensationKind.POINTS,
        compensation_amount=200,
    )
    make_promise(
        ServiceKind.INSTALLATION,
        response_hours=4,
        arrival_hours=24,
        compensation=CompensationKind.COVER_MONTHS,
        compensation_amount=3,
    )
    make_area(code="town", name="浦东新区", name_en="Pudong", arrival_hours=24)
    make_area(code="country", name="崇明区", name_en="Chongming", arrival_hours=48)


def rows(response) -> dict[str, list[str]]:
    table = BeautifulSoup(response.content, "html.parser").select_one("table.promise-table")
    return {
        row.th.get_text(strip=True): [
            " ".join(td.get_text(" ", strip=True).split()) for td in row.select("td")
        ]
        for row in table.select("tbody tr")
    }


def test_the_english_page_states_the_rules(client, page, rules):
    table = rows(client.get("/en/service-promise/"))
    assert table["On-site repair"] == ["2 hours", "24 hours 48 hours in Chongming", "200 points"]
    assert table["Installation"] == [
        "4 hours",
        "24 hours 48 hours in Chongming",
        "3 extra months of cover",
    ]
    assert table["Consultation"][1] == "—"


def test_the_chinese_page_states_them_in_chinese(client, page, rules):
    table = rows(client.get("/zh-hans/service-promise/"))
    assert table["上门维修"][0] == "2 小时"
    assert table["上门维修"][2] == "200 积分"
    assert "崇明区" in table["上门维修"][1]


def test_a_changed_rule_shows_at_once(client, page, rules):
    make_promise(
        ServiceKind.ONSITE_REPAIR,
        response_hours=1,
        compensation=CompensationKind.COUPON,
        compensation_amount=30,
    )
    table = rows(client.get("/en/service-promise/"))
    assert table["On-site repair"][0] == "1 hour"
    assert table["On-site repair"][2] == "a coupon of ¥30"
