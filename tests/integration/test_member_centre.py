"""The member centre and points history under /<lang>/members/: own points only, flat queries.

Points are written through membership.points like everywhere else; 100,000-entry histories
come from tests/factories/ledger_bulk.py.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from membership import points, selectors
from membership.models import LedgerEntry, MemberProfile, PointsAccount, Tier
from membership.rules import qualifying_window_start
from membership.views import rewards_url
from tests.factories.ledger_bulk import bulk_history
from tests.factories.membership import backdate, give, make_member, set_tier

pytestmark = pytest.mark.django_db

CENTRE = "/en/members/"
HISTORY = "/en/members/history/"
DAY = datetime.timedelta(days=1)
Kind = LedgerEntry.Kind


@pytest.fixture
def member(client):
    member = make_member(username="saver", email="saver@example.cn")
    client.force_login(member.user)
    return member


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text_of(response) -> str:
    """The page's text with tags dropped and white space collapsed, for sentences."""
    return " ".join(re.sub(r"<[^>]+>", " ", html_of(response)).split())


def rows_of(html: str) -> list[str]:
    """The ids of the history rows shown, top to bottom."""
    return re.findall(r'<tr class="entry [^"]*" id="entry-(\d+)"', html)


def link(html: str, rel: str) -> str:
    return re.search(rf'href="(\?[^"]*)" rel="{rel}"', html).group(1).replace("&amp;", "&")


# Signing in ----------------------------------------------------------------------------


class TestTheMemberCentreForAVisitor:
    @pytest.mark.parametrize("path", [CENTRE, HISTORY])
    def test_is_sent_to_sign_in(self, client, path):
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


# The member centre ---------------------------------------------------------------------


class TestTheMemberCentre:
    def test_shows_the_balance_and_what_it_is_worth_in_yuan(self, client, member):
        give(member, 2550, "order:1:earn")
        html = html_of(client.get(CENTRE))
        assert 'data-balance="2550"' in html and "2,550" in html
        assert "¥25.50" in html

    def test_shows_the_next_expiry_date_and_how_many_points_expire_then(
        self, client, member, today
    ):
        soon = today + 20 * DAY
        give(member, 100, "a", expires_on=soon)
        give(member, 50, "b", expires_on=soon)
        give(member, 300, "c", expires_on=today + 400 * DAY)
        give(member, 80, "d", expires_on=today + 5 * DAY)
        points.redeem(member=member, points=80, source_key="redeem:1", reason="gift")
        response = client.get(CENTRE)
        html = html_of(response)
        assert f'data-expires="{soon:%Y-%m-%d}" data-expiring="150"' in html
        assert "150 points expire on" in text_of(response)

    def test_says_when_nothing_is_due_to_expire(self, client, member):
        text = text_of(client.get(CENTRE))
        assert "No points yet" in text
        assert "expire on" not in text

    def test_counts_how_many_more_points_reach_the_next_tier(self, client, member):
        give(member, 1500, "order:1:earn")
        text = text_of(client.get(CENTRE))
        assert "Points earned in the last 12 months: 1,500" in text
        assert "500 more points to Silver" in text
        assert 'value="75"' in html_of(client.get(CENTRE))  # 1,500 of 2,000

    def test_progress_leaves_out_points_earned_over_a_year_ago_and_refunds(self, client, member):
        backdate(give(member, 900, "order:old:earn"), days=400)
        give(member, 1200, "order:1:earn")
        give(member, 300, "order:2:earn")
        points.reverse(
            source_key_of_original="order:2:earn", source_key="order:2:refund", reason="refund"
        )
        text = text_of(client.get(CENTRE))
        assert "Points earned in the last 12 months: 1,200" in text
        assert "800 more points to Silver" in text

    def test_in_the_top_tier_says_so(self, client, member):
        set_tier(member, "diamond")
        text = text_of(client.get(CENTRE))
        assert "You are in our top tier." in text
        assert "more points to" not in text
        assert "A free cleaning every membership year" in text

    def test_says_what_it_takes_to_keep_the_tier_at_the_review(self, client, member, today):
        review = today + 100 * DAY
        set_tier(member, "gold", next_review_on=review)
        give(member, 2000, "order:1:earn")
        # Earned 300 days ago: counts now, but falls out of the year the review looks at.
        backdate(give(member, 5000, "order:old:earn"), days=300)
        text = text_of(client.get(CENTRE))
        date = html_of(client.get(CENTRE))
        assert "Points earned in the last 12 months: 7,000" in text
        assert "To stay Gold at your review on" in text
        assert "earn 6,000 more points by then." in text
        assert review.strftime("%Y") in date

    def test_says_when_the_tier_is_already_safe_at_the_review(self, client, member, today):
        set_tier(member, "silver", next_review_on=today + 100 * DAY)
        give(member, 2500, "order:1:earn")
        text = text_of(client.get(CENTRE))
        assert "You have already earned enough to stay Silver at your review on" in text

    def test_lists_the_tiers_benefits_and_all_tiers(self, client, member):
        set_tier(member, "gold")
        response = client.get(CENTRE)
        text = text_of(response)
        assert "What Gold gives you" in text
        assert "1.5 points for every yuan you pay" in text
        assert "8% off warranties and cleaning" in text
        assert "500 points on your birthday" in text
        assert "A free cleaning every membership year" not in text
        for tier in Tier.objects.all():
            assert tier.name_en in text
        assert "20,000" in text  # Diamond's threshold, in the table of tiers
        assert 'class="tiers__current" aria-current="true">Gold' in html_of(response)

    def test_shows_the_latest_entries(self, client, member):
        give(member, 120, "order:1:earn", reason="Registered an appliance")
        html = html_of(client.get(CENTRE))
        assert "Registered an appliance" in html and "+120" in html

    def test_shows_only_the_members_own_points(self, client, member):
        other = make_member()
        give(other, 7777, "theirs", reason="Someone else's order")
        give(member, 10, "mine")
        html = html_of(client.get(CENTRE))
        assert "7,777" not in html and "Someone else" not in html
        assert 'data-balance="10"' in html

    def test_a_customer_with_no_account_yet_sees_the_entry_tier_and_opens_nothing(
        self, client, django_user_model
    ):
        user = django_user_model.objects.create_user("new", "new@example.cn", "pw")
        client.force_login(user)
        text = text_of(client.get(CENTRE))
        assert 'data-balance="0"' in html_of(client.get(CENTRE))
        assert "2,000 more points to Silver" in text
        assert "To stay" not in text
        assert not MemberProfile.objects.filter(user=user).exists()

    def test_is_in_chinese_under_zh_hans(self, client, member):
        html = html_of(client.get("/zh-hans/members/"))
        assert "普通会员" in html and "银卡会员" in html

    def test_links_the_rewards_catalogue_once_it_exists(self, client, member):
        with translation.override("en"):
            url = rewards_url()
        html = html_of(client.get(CENTRE))
        if url is None:
            assert "/members/rewards/" not in html
        else:
            assert f'href="{url}"' in html

    def test_is_linked_from_the_account_pages(self, client, member):
        for path in ["/en/devices/", "/en/shop/accounts/"]:
            response = client.get(path, follow=True)
            assert f'href="{reverse("membership:centre")}"' in html_of(response), path


class TestEarnedSince:
    """The centre's reading of 12-month earnings agrees with the ledger's own rule."""

    def test_matches_points_earned_for_each_window(self, member, today):
        backdate(give(member, 900, "e:old"), days=400)
        backdate(give(member, 1000, "e:300"), days=300)
        give(member, 700, "e:now")
        give(member, 400, "e:refunded")
        points.reverse(source_key_of_original="e:refunded", source_key="r:1", reason="refund")
        points.reverse(
            source_key_of_original="e:300", source_key="r:2", reason="refund", points=250
        )
        points.reverse(source_key_of_original="e:old", source_key="r:3", reason="refund")
        review = today + 90 * DAY
        days = [qualifying_window_start(today), qualifying_window_start(review)]
        assert selectors.earned_since(member_id=member.pk, days=days) == [
            points.points_earned(member_id=member.pk, today=today),
            points.points_earned(member_id=member.pk, today=review),
        ]
        assert points.points_earned(member_id=member.pk, today=today) == 1450


# The history ---------------------------------------------------------------------------


class TestThePointsHistory:
    def test_lists_entries_newest_first_with_reason_points_balance_and_expiry(
        self, client, member, today
    ):
        lot = give(
            member,
            500,
            "order:1:earn",
            expires_on=today + 400 * DAY,
            reason="Points for an order paid",
        )
        spent = points.redeem(member=member, points=200, source_key="r:1", reason="A kettle")
        response = client.get(HISTORY)
        html = html_of(response)
        assert rows_of(html) == [str(spent.pk), str(lot.pk)]
        text = text_of(response)
        assert "A kettle" in text and "-200" in text
        assert "Points for an order paid" in text and "+500" in text
        assert f"300 left, expire on {today + 400 * DAY:%Y-%m-%d}" in text
        row = html[html.index(f'id="entry-{spent.pk}"') :]
        assert re.search(r'entry__balance num">300<', row)

    def test_shows_only_the_members_own_entries(self, client, member):
        theirs = give(make_member(), 50, "theirs")
        mine = give(member, 60, "mine")
        assert rows_of(html_of(client.get(HISTORY))) == [str(mine.pk)]
        assert theirs is not None

    def test_pages_twenty_at_a_time_with_newer_and_older_links(self, client, member):
        bulk_history(member, 45)
        ids = list(
            LedgerEntry.objects.filter(member=member)
            .order_by("-created_at", "-pk")
            .values_list("pk", flat=True)
        )
        first = html_of(client.get(HISTORY))
        assert rows_of(first) == [str(pk) for pk in ids[:20]]
        assert 'rel="prev"' not in first
        second = html_of(client.get(HISTORY + link(first, "next")))
        assert rows_of(second) == [str(pk) for pk in ids[20:40]]
        third = html_of(client.get(HISTORY + link(second, "next")))
        assert rows_of(third) == [str(pk) for pk in ids[40:]]
        assert 'rel="next"' not in third
        back = html_of(client.get(HISTORY + link(third, "prev")))
        assert rows_of(back) == rows_of(second)
        assert rows_of(html_of(client.get(HISTORY + link(back, "prev")))) == rows_of(first)

    def test_entries_at_the_same_instant_are_neither_lost_nor_repeated(self, client, member):
        bulk_history(member, 30)
        LedgerEntry.objects.filter(member=member).update(created_at=timezone.now())
        first = html_of(client.get(HISTORY))
        second = html_of(client.get(HISTORY + link(first, "next")))
        shown = rows_of(first) + rows_of(second)
        assert len(shown) == len(set(shown)) == 30

    def test_filters_by_kind(self, client, member):
        give(member, 500, "e:1")
        spent = points.redeem(member=member, points=100, source_key="r:1", reason="gift")
        html = html_of(client.get(HISTORY, {"kind": "redeem"}))
        assert rows_of(html) == [str(spent.pk)]
        assert '<option value="redeem" selected>' in html

    def test_filters_by_a_date_range_in_local_days(self, client, member, today):
        old = give(member, 10, "e:old")
        backdate(old, days=40)
        middle = give(member, 20, "e:middle")
        backdate(middle, days=10)
        give(member, 30, "e:new")
        start, end = today - 15 * DAY, today - 5 * DAY
        html = html_of(client.get(HISTORY, {"start": f"{start}", "end": f"{end}"}))
        assert rows_of(html) == [str(middle.pk)]
        html = html_of(client.get(HISTORY, {"end": f"{today - 10 * DAY}"}))
        assert rows_of(html) == [str(middle.pk), str(old.pk)]

    def test_paging_keeps_the_filters(self, client, member):
        bulk_history(member, 150)  # 30 redemptions among them
        first = html_of(client.get(HISTORY, {"kind": "redeem"}))
        following = link(first, "next")
        assert "kind=redeem" in following
        second = html_of(client.get(HISTORY + following))
        kinds = set(
            LedgerEntry.objects.filter(pk__in=rows_of(first) + rows_of(second)).values_list(
                "kind", flat=True
            )
        )
        assert kinds == {"redeem"} and len(rows_of(second)) == 10

    @pytest.mark.parametrize(
        "query, message",
        [
            ({"kind": "bonus"}, "Select a valid choice"),
            ({"start": "2026-13-01"}, "Enter a valid date"),
            ({"start": "0001-01-01"}, "greater than or equal to 2000-01-01"),
            ({"start": "2026-05-02", "end": "2026-05-01"}, "The end date is before the start"),
            ({"before": "yesterday"}, "This page link is broken"),
            ({"before": "999999999999999999.1"}, "This page link is broken"),
            ({"before": "1.1", "after": "2.2"}, "This page link is broken"),
        ],
    )
    def test_bad_filters_answer_400_with_a_message(self, client, member, query, message):
        response = client.get(HISTORY, query)
        assert response.status_code == 400
        assert message in response.content.decode()

    def test_no_entries_yet_says_how_to_earn(self, client, member):
        assert "No points yet" in text_of(client.get(HISTORY))

    def test_no_entries_matching_says_so(self, client, member):
        give(member, 10, "e:1")
        assert "No entries match these filters." in text_of(client.get(HISTORY, {"kind": "expire"}))


# Queries -------------------------------------------------------------------------------


def membership_queries(captured) -> int:
    return sum("membership_" in query["sql"] for query in captured)


def reads_many_entries(captured) -> list[str]:
    """Queries that add up or group ledger entries: what made the centre grow with history."""
    return [
        query["sql"]
        for query in captured
        if 'FROM "membership_ledgerentry"' in query["sql"]
        and ("SUM(" in query["sql"] or "GROUP BY" in query["sql"])
    ]


class TestQueriesDoNotGrowWithTheHistory:
    def test_centre_and_history_cost_the_same_with_10_and_100000_entries(
        self, client, member, django_assert_num_queries
    ):
        pages = [CENTRE, HISTORY, HISTORY + "?kind=redeem&start=2000-01-01"]
        bulk_history(member, 10)
        for page in pages:
            client.get(page)  # the session and basket settle on a first visit
        small = {}
        for page in pages:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(page).status_code == 200
            small[page] = captured
        # Tiers, account, the day totals of both windows, the next expiry, latest entries;
        # one page of entries.
        assert membership_queries(small[CENTRE]) == 5
        assert not reads_many_entries(small[CENTRE])
        assert membership_queries(small[HISTORY]) == 1

        bulk_history(member, 99_990)
        assert LedgerEntry.objects.filter(member=member).count() == 100_000
        for page in pages:
            with django_assert_num_queries(len(small[page])):
                response = client.get(page)
            assert response.status_code == 200
        older = link(response.content.decode(), "next")
        with django_assert_num_queries(len(small[HISTORY])):
            assert client.get(HISTORY + older).status_code == 200


# The demo members ----------------------------------------------------------------------


@pytest.mark.demo
@pytest.mark.usefixtures("demo")
class TestTheDemoMembers:
    """The demo's own members, as a tester signing in finds them: demo content, so demo-marked."""

    @pytest.mark.parametrize(
        "email, tier",
        [
            ("customer@aftercare.demo", "silver"),
            ("member@aftercare.demo", "member"),
            ("silver@aftercare.demo", "silver"),
            ("gold@aftercare.demo", "gold"),
            ("diamond@aftercare.demo", "diamond"),
        ],
    )
    def test_fill_every_tier_with_a_year_of_every_kind_of_movement(self, email, tier, today):
        account = PointsAccount.objects.select_related("tier").get(member__user__email=email)
        assert account.tier.code == tier
        entries = LedgerEntry.objects.filter(member=account.member)
        assert {"earn", "redeem", "reverse", "expire"} <= set(
            entries.values_list("kind", flat=True)
        )
        oldest = timezone.localtime(entries.order_by("created_at").first().created_at).date()
        assert (today - oldest).days > 365
        assert entries.order_by("-created_at", "-pk").first().balance_after == account.balance
        # Upgrades only, and every review still ahead.
        assert all(c.to_tier.rank > c.from_tier.rank for c in account.member.tier_changes.all())
        assert account.next_review_on > today

    def test_give_the_customer_a_few_thousand_points_to_spend(self):
        account = PointsAccount.objects.get(member__user__email="customer@aftercare.demo")
        assert 2_000 <= account.balance <= 10_000

    def test_show_their_standing_in_the_member_centre(self, client, django_user_model):
        client.force_login(django_user_model.objects.get(email="gold@aftercare.demo"))
        text = text_of(client.get(CENTRE))
        assert "more points to Diamond" in text and "To stay Gold at your review on" in text
        assert "expire on" in text
