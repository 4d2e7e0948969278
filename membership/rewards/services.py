"""Redeeming rewards for points, and the top tier's yearly free cleaning.

A redemption is one transaction: the points leave the ledger (the member's account locked
first, as for every points write), the voucher is issued, and one unit leaves the reward's
stock last, by a conditional UPDATE, so that the shared reward row is locked for the
shortest time. Any refusal rolls all of it back: no points are taken for a voucher that
is not issued.
"""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .. import points
from ..models import FreeCleaning, MemberProfile, PointsAccount, Reward, RewardRedemption
from . import offers, rules

InsufficientPoints = points.InsufficientPoints


class RewardUnavailable(Exception):
    """The reward cannot be redeemed now; the message says why, for the member."""


class OutOfStock(RewardUnavailable):
    pass


def redeem_reward(
    *, member: MemberProfile, reward: Reward, today: datetime.date | None = None
) -> RewardRedemption:
    """Spend the reward's points and issue its voucher, valid 90 days.

    Raises InsufficientPoints or RewardUnavailable (OutOfStock), having written nothing.
    """
    today = today or timezone.localdate()
    # Read afresh, so that a page opened before the last unit went says "out of stock"
    # rather than "too few points"; take_one below is what holds under concurrency.
    reward.refresh_from_db(fields=["is_active", "stock", "stock_left", "stock_month"])
    if not reward.is_active:
        raise RewardUnavailable(_("This reward is no longer offered."))
    if reward.left_in(rules.month_of(today)) == 0:
        raise out_of_stock(reward, today=today)
    key = uuid.uuid4()
    with transaction.atomic():
        entry = points.redeem(
            member=member,
            points=reward.points_cost,
            source_key=f"reward:{key}",
            reason=ledger_reason(reward),
            today=today,
        )
        voucher = offers.issue_voucher(
            offer=offers.offer_for(reward), valid_until=rules.voucher_valid_until(today)
        )
        redemption = RewardRedemption.objects.create(
            uuid=key, member=member, reward=reward, ledger_entry=entry, voucher=voucher
        )
        take_one(reward, today=today)
    return redemption


def ledger_reason(reward: Reward) -> str:
    """Both titles, like the shop's product titles: the ledger keeps one text for all readers."""
    if reward.title_en:
        return f"{reward.title} ({reward.title_en})"[:255]
    return reward.title[:255]


def take_one(reward: Reward, *, today: datetime.date) -> None:
    """Take one unit from a limited reward's stock, or raise OutOfStock.

    Each UPDATE checks what is left in its WHERE clause, so two members taking the last
    unit at once cannot both have it. A stock nobody has drawn from yet (a new reward, or
    a monthly one in a new month) starts from its quantity: the second UPDATE sets it with
    one unit taken. Another redemption may do that first; the first UPDATE, run again, then
    finds the started stock.
    """
    if reward.stock_policy == Reward.StockPolicy.UNLIMITED:
        return
    rows = Reward.objects.filter(pk=reward.pk)
    if reward.stock_policy == Reward.StockPolicy.TOTAL:
        started = rows.filter(stock_left__gt=0)
        fresh, starting = rows.filter(stock_left__isnull=True, stock__gt=0), {}
    else:
        month = rules.month_of(today)
        started = rows.filter(stock_month=month, stock_left__gt=0)
        fresh = rows.exclude(stock_month=month).filter(stock__gt=0)
        starting = {"stock_month": month}
    taken = (
        started.update(stock_left=F("stock_left") - 1)
        or fresh.update(stock_left=F("stock") - 1, **starting)
        or started.update(stock_left=F("stock_left") - 1)
    )
    if not taken:
        raise out_of_stock(reward, today=today)


def out_of_stock(reward: Reward, *, today: datetime.date) -> OutOfStock:
    if reward.stock_policy == Reward.StockPolicy.MONTHLY:
        return OutOfStock(
            _("%(reward)s is out of stock this month. New stock comes on %(date)s.")
            % {
                "reward": reward.display_title,
                "date": formats.date_format(rules.next_month(today), "DATE_FORMAT"),
            }
        )
    return OutOfStock(
        _("%(reward)s is out of stock. Your points have not been used.")
        % {"reward": reward.display_title}
    )


def issue_free_cleanings(*, today: datetime.date) -> list[FreeCleaning]:
    """One free cleaning voucher per membership year to each member of a tier that has one.

    The membership year runs from the anniversary of joining. A member reaching the tier
    mid-year gets the voucher for that year at once (on the next run); running the job again
    in the same year issues nothing more: the pair (member, year) is unique.
    """
    accounts = (
        PointsAccount.objects.filter(tier__free_cleaning_per_year=True)
        .select_related("member", "tier")
        .order_by("pk")
    )
    due = []
    for account in accounts:
        joined = timezone.localdate(account.member.created)
        due.append((account, rules.membership_year_start(joined, today)))
    if not due:
        return []
    issued = set(
        FreeCleaning.objects.filter(
            member_id__in=[account.member_id for account, _start in due],
            year_starts_on__gte=min(start for _account, start in due),
        ).values_list("member_id", "year_starts_on")
    )
    offer = offers.free_cleaning_offer()
    made = []
    for account, year_start in due:
        if (account.member_id, year_start) in issued:
            continue
        cleaning = _issue_free_cleaning(account, year_start=year_start, offer=offer, today=today)
        if cleaning is not None:
            made.append(cleaning)
    return made


def _issue_free_cleaning(account, *, year_start, offer, today) -> FreeCleaning | None:
    valid_until = rules.free_cleaning_valid_until(year_start, today)
    try:
        with transaction.atomic():
            return FreeCleaning.objects.create(
                member_id=account.member_id,
                year_starts_on=year_start,
                tier=account.tier,
                voucher=offers.issue_voucher(offer=offer, valid_until=valid_until),
            )
    except IntegrityError:
        # Another run issued it first: the unique (member, year) says so, and its voucher
        # rolled back with the row.
        if FreeCleaning.objects.filter(
            member_id=account.member_id, year_starts_on=year_start
        ).exists():
            return None
        raise
