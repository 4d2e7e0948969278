"""Demo members in every tier, each with a year of points history written by the ledger.

Every movement goes through `membership.points` (earning for orders, registration rewards,
birthday points, a redemption, a refund, the expiry of the year-before-last's lots, the
annual tier review) with `today=` set to the day it happened, so multipliers, tiers, lots
and balances come out as the services make them; then the entries just written are dated
back to that day. Events are replayed oldest first, so balances after each entry stay in
order and each upgrade sees only the earnings before it.

Dates are counted back from the day the demo is loaded. Source keys name the member and the
event, not the date, so a second run finds every key taken and writes nothing.

Old lots (two events in the year before last) stay under 2,000 points so that no one
reaches a tier more than a year ago: every upgrade falls in the last 12 months and its
review in the future, and the catch-up reviews on the way never move anyone down. Each
member's tier holds whether or not those old lots still count (early in a year they do),
and redemptions are covered by the last year's points alone.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_noop

from membership import points
from membership.models import LedgerEntry, MemberProfile, PointsAccount
from membership.points import reasons
from membership.rules import birthday_in
from membership.services import ensure_profile

from .accounts import PASSWORD, Account
from .records import ensure

REDEEMED = gettext_noop("Redeemed for a reward")
REFUNDED = gettext_noop("Order refunded: points it earned taken back")


@dataclass(frozen=True)
class Event:
    """Something that moved points: `what` is order, register, redeem, refund or birthday."""

    what: str
    days_ago: int = 0
    on: tuple[int, int] | None = None  # (month, day) in the year before last, for old lots
    number: int = 0
    amount: Decimal = Decimal(0)
    points: int | None = None  # a redemption's points; a partial refund's points


def order(days_ago, number, yuan, *, on=None):
    return Event("order", days_ago, on=on, number=number, amount=Decimal(yuan))


def register(days_ago, number, *, on=None):
    return Event("register", days_ago, on=on, number=number)


def redeem(days_ago, number, how_many):
    return Event("redeem", days_ago, number=number, points=how_many)


def refund(days_ago, number, how_many=None):
    return Event("refund", days_ago, number=number, points=how_many)


@dataclass(frozen=True)
class Member:
    account: Account
    phone: str | None
    birthday: datetime.date | None
    history: list[Event] = field(default_factory=list)


def _member(role, email, first, last):
    return Account(role, email, first, last, None, "members")


# Amounts in yuan paid; points are whole yuan times the multiplier of the tier at the time.
MEMBERS = [
    # Silver with a few thousand points: the browser journey spends them on a reward and
    # on part of an order. An existing demo account (portal/demo/accounts.py).
    Member(
        _member("Customer", "customer@aftercare.demo", "娜", "李"),
        phone=None,
        birthday=None,
        history=[
            register(0, 1, on=(11, 20)),
            order(0, 1, "499.00", on=(12, 12)),
            order(300, 2, "2399.00"),
            order(240, 3, "899.00"),
            redeem(200, 1, 800),
            order(150, 4, "1299.00"),
            order(100, 5, "399.00"),
            refund(90, 5),
            order(45, 6, "699.00"),
        ],
    ),
    Member(
        _member("Member (entry tier)", "member@aftercare.demo", "洋", "刘"),
        phone="13800138001",
        birthday=datetime.date(1993, 4, 18),
        history=[
            register(0, 1, on=(11, 15)),
            order(0, 1, "268.00", on=(12, 8)),
            order(300, 2, "699.00"),
            redeem(250, 1, 300),
            order(120, 3, "459.00"),
            order(75, 4, "129.00"),
            refund(70, 4),
            register(20, 2),
        ],
    ),
    Member(
        _member("Member (Silver)", "silver@aftercare.demo", "敏", "赵"),
        phone="13800138002",
        birthday=datetime.date(1988, 9, 9),
        history=[
            register(0, 1, on=(10, 25)),
            order(0, 1, "329.00", on=(12, 2)),
            order(330, 2, "2680.00"),
            register(270, 2),
            order(210, 3, "1599.00"),
            redeem(160, 1, 1500),
            order(120, 4, "1150.00"),
            refund(110, 4),
            order(60, 5, "999.00"),
            order(15, 6, "749.00"),
        ],
    ),
    Member(
        _member("Member (Gold)", "gold@aftercare.demo", "伟", "孙"),
        phone="13800138003",
        birthday=datetime.date(1979, 11, 2),
        history=[
            register(0, 1, on=(11, 3)),
            order(0, 1, "1099.00", on=(12, 20)),
            order(335, 2, "3299.00"),
            order(300, 3, "4599.00"),
            register(250, 2),
            redeem(180, 1, 3000),
            order(140, 4, "1899.00"),
            order(95, 5, "599.00"),
            refund(85, 5),
            order(40, 6, "1288.00"),
        ],
    ),
    Member(
        _member("Member (Diamond)", "diamond@aftercare.demo", "婷", "周"),
        phone="13800138004",
        birthday=datetime.date(1983, 7, 21),
        history=[
            register(0, 1, on=(11, 11)),
            order(0, 1, "1599.00", on=(12, 15)),
            order(330, 2, "6999.00"),
            order(310, 3, "5499.00"),
            register(280, 2),
            order(260, 4, "4299.00"),
            redeem(200, 1, 5000),
            order(170, 5, "2999.00"),
            refund(160, 5, 1998),
            order(90, 6, "1599.00"),
            order(30, 7, "899.00"),
        ],
    ),
]


def load_members(*, today: datetime.date | None = None) -> list[Account]:
    """The demo members and their histories; the accounts to list among the demo sign-ins."""
    today = today or timezone.localdate()
    listed = []
    for member in MEMBERS:
        profile = _profile(member)
        _History(profile, member, today).replay()
        if member.account.email != "customer@aftercare.demo":
            listed.append(member.account)  # the customer is listed by load_accounts
    return listed


def _profile(member: Member) -> MemberProfile:
    User = get_user_model()
    email = member.account.email
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            username=member.account.username,
            email=email,
            password=PASSWORD,
            first_name=member.account.first_name,
            last_name=member.account.last_name,
        )
    profile = ensure_profile(user=user, language="zh-hans")
    wanted = {}
    if member.birthday and profile.birthday is None:
        wanted["birthday"] = member.birthday
    # The phone is unique: in a database people have used, someone may hold it already.
    phone_free = not MemberProfile.objects.filter(phone=member.phone).exists()
    if member.phone and profile.phone is None and phone_free:
        wanted["phone"] = member.phone
    if wanted:
        ensure(MemberProfile, {"pk": profile.pk}, wanted)
        profile.refresh_from_db()
    return profile


class _History:
    def __init__(self, profile: MemberProfile, member: Member, today: datetime.date):
        self.profile = profile
        self.member = member
        self.today = today
        self.name = member.account.username

    def key(self, *parts) -> str:
        return ":".join(["demo", self.name, *map(str, parts)])

    def day_of(self, event: Event) -> datetime.date:
        if event.on is not None:
            return datetime.date(self.today.year - 2, *event.on)
        return self.today - datetime.timedelta(days=event.days_ago)

    def steps(self) -> list[tuple[datetime.date, int, object]]:
        """(day, hour, step) oldest first: the events, the birthday in the last year, and the
        expiry job of 1 January this year."""
        steps = [
            (self.day_of(event), 10 + i % 8, event) for i, event in enumerate(self.member.history)
        ]
        if self.member.birthday:
            birthday = birthday_in(self.today.year, self.member.birthday)
            if birthday > self.today:
                birthday = birthday_in(self.today.year - 1, self.member.birthday)
            steps.append((birthday, 8, "birthday"))
        steps.append((datetime.date(self.today.year, 1, 1), 0, "expiry"))
        return sorted(steps, key=lambda step: (step[0], step[1]))

    def replay(self) -> None:
        for day, hour, step in self.steps():
            self.review_until(day)
            last = self.last_pk()
            self.apply(step, day)
            self.date_back(after_pk=last, at=self.moment(day, hour))
        self.review_until(self.today)

    def apply(self, step, day: datetime.date) -> None:
        if step == "expiry":
            # The nightly job of that day; it finds nothing on a second run.
            points.expire_due(today=day)
        elif step == "birthday":
            self.birthday(day)
        else:
            getattr(self, step.what)(step, day)

    # The events, each skipped when its key is taken ------------------------------------

    def taken(self, key: str) -> bool:
        return LedgerEntry.objects.filter(source_key=key).exists()

    def order(self, event: Event, day: datetime.date) -> None:
        key = self.key("order", event.number, "earn")
        if not self.taken(key):
            points.earn_for_payment(
                member=self.profile, amount_paid=event.amount, source_key=key, today=day
            )

    def register(self, event: Event, day: datetime.date) -> None:
        key = self.key("unit", event.number, "register")
        if not self.taken(key):
            points.award(
                member=self.profile,
                points=200,
                source_key=key,
                reason=reasons.REGISTERED_UNIT,
                today=day,
            )

    def redeem(self, event: Event, day: datetime.date) -> None:
        key = self.key("reward", event.number, "redeem")
        if not self.taken(key):
            points.redeem(
                member=self.profile, points=event.points, source_key=key, reason=REDEEMED, today=day
            )

    def refund(self, event: Event, day: datetime.date) -> None:
        key = self.key("order", event.number, "refund")
        if not self.taken(key):
            points.reverse(
                source_key_of_original=self.key("order", event.number, "earn"),
                source_key=key,
                reason=REFUNDED,
                points=event.points,
                today=day,
            )

    def birthday(self, day: datetime.date) -> None:
        # The birthday job's own key, so that the job never gives that year's points again.
        key = f"birthday:{day.year}:{self.profile.pk}"
        tier = PointsAccount.objects.select_related("tier").get(member=self.profile).tier
        if tier.birthday_points and not self.taken(key):
            points.award(
                member=self.profile,
                points=tier.birthday_points,
                source_key=key,
                reason=reasons.BIRTHDAY,
                today=day,
            )

    # Dates ---------------------------------------------------------------------------

    def review_until(self, day: datetime.date) -> None:
        """Run the annual review on each review date the member's account passed by `day`,
        as the nightly job would have (no account is due before a day the demo replays)."""
        account = PointsAccount.objects.filter(member=self.profile).first()
        while account is not None and account.next_review_on <= day:
            points.review_tiers(today=account.next_review_on)
            account.refresh_from_db()

    def last_pk(self) -> int:
        return LedgerEntry.objects.filter(member=self.profile).aggregate(pk=Max("pk"))["pk"] or 0

    def moment(self, day: datetime.date, hour: int) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 5)))

    def date_back(self, *, after_pk: int, at: datetime.datetime) -> None:
        written = LedgerEntry.objects.filter(member=self.profile, pk__gt=after_pk).order_by("pk")
        for n, pk in enumerate(written.values_list("pk", flat=True)):
            LedgerEntry.objects.filter(pk=pk).update(created_at=at + datetime.timedelta(seconds=n))
        # The entries were filed under the day they were written: file them under their date.
        points.refill_totals(member_ids=[self.profile.pk])
