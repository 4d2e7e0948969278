"""Rewards as Oscar offers and vouchers: one voucher offer per reward, one voucher per use.

Oscar lets a voucher carry several offers and an offer serve many vouchers, so each reward
builds its Range, Condition, Benefit and ConditionalOffer once, on its first redemption,
and every redemption adds only a single-use Voucher pointing at that offer. The offer may
be applied once per basket: a second voucher of the same reward in one basket gives nothing
more (Oscar removes it with "Your basket does not qualify").

Oscar has no voucher restricted to one customer, so a voucher is personal by its code only:
twelve random characters, shown to the member who redeemed it.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from oscar.apps.voucher.utils import get_unused_code
from oscar.core.loading import get_model

from ..models import Reward

Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
ProductClass = get_model("catalogue", "ProductClass")
Range = get_model("offer", "Range")
Voucher = get_model("voucher", "Voucher")

CLEANING_CLASS = "cleaning-service"
CLEANING_RANGE = "Cleaning visits / 清洗服务"
FREE_CLEANING_OFFER = "年度免费清洗 / Free yearly cleaning"
COMPENSATION_RANGE = "全部商品(服务补偿)/ Everything (service compensation)"
COMPENSATION_RANGE_SLUG = "service-compensation-everything"

# A free unit is taken before the tier discount on services (a non-exclusive site offer of
# priority 10) touches the line, which would leave an exclusive offer nothing to apply to.
# A coupon comes after it, non-exclusive, and takes its amount off what is left to pay.
WHOLE_UNIT_PRIORITY = 50
COUPON_PRIORITY = 0


def offer_for(reward: Reward) -> ConditionalOffer:
    """The reward's voucher offer, built on first need with the reward row locked."""
    if reward.offer_id is None:
        with transaction.atomic():
            locked = Reward.objects.select_for_update().get(pk=reward.pk)
            if locked.offer_id is None:
                locked.offer = _build_offer(locked)
                locked.save(update_fields=["offer"])
            reward.offer = locked.offer
    return reward.offer


def free_cleaning_offer() -> ConditionalOffer:
    """The one offer behind every free cleaning voucher: a cleaning visit at 100 % off."""
    offer = ConditionalOffer.objects.filter(name=FREE_CLEANING_OFFER).first()
    if offer is None:
        condition, benefit = _one_unit_free(cleaning_range())
        offer = _voucher_offer(
            name=FREE_CLEANING_OFFER,
            slug="free-yearly-cleaning",
            condition=condition,
            benefit=benefit,
            exclusive=True,
            priority=WHOLE_UNIT_PRIORITY,
        )
    return offer


def amount_off_offer(amount: int) -> ConditionalOffer:
    """The one offer behind every ¥`amount` coupon given as service compensation
    (aftersales.compensation): that much off anything in the shop, once per basket."""
    slug = f"service-compensation-{amount}"
    offer = ConditionalOffer.objects.filter(slug=slug).first()
    if offer is None:
        everything, _created = Range.objects.get_or_create(
            slug=COMPENSATION_RANGE_SLUG,
            defaults={"name": COMPENSATION_RANGE, "includes_all_products": True},
        )
        condition, benefit = _amount_off(everything, amount=Decimal(amount), minimum=None)
        offer = _voucher_offer(
            name=f"服务补偿券 ¥{amount} / Service compensation coupon ¥{amount}",
            slug=slug,
            condition=condition,
            benefit=benefit,
            exclusive=False,
            priority=COUPON_PRIORITY,
        )
    return offer


def cleaning_range() -> Range:
    """Every cleaning visit the shop sells: the range of the cleaning product class."""
    visits, _created = Range.objects.get_or_create(
        name=CLEANING_RANGE, defaults={"slug": "cleaning-visits"}
    )
    cleaning = ProductClass.objects.filter(slug=CLEANING_CLASS).first()
    if cleaning is not None and not visits.classes.filter(pk=cleaning.pk).exists():
        visits.classes.add(cleaning)
    return visits


def issue_voucher(*, offer: ConditionalOffer, valid_until: datetime.date) -> Voucher:
    """A new single-use voucher on `offer`, usable from now to the end of `valid_until`."""
    code = get_unused_code(length=12)
    ends = timezone.make_aware(datetime.datetime.combine(valid_until, datetime.time.max))
    voucher = Voucher.objects.create(
        name=f"{offer.name[:110]} · {code}",
        code=code,
        usage=Voucher.SINGLE_USE,
        start_datetime=timezone.now(),
        end_datetime=ends,
    )
    voucher.offers.add(offer)
    return voucher


def _build_offer(reward: Reward) -> ConditionalOffer:
    Kind = Reward.Kind
    if reward.kind == Kind.GIFT:
        gift_range, _created = Range.objects.get_or_create(
            name=f"积分兑换礼品 #{reward.pk} / Points gift #{reward.pk}",
            defaults={"slug": f"points-gift-{reward.pk}"},
        )
        gift_range.add_product(reward.product)
        condition, benefit = _one_unit_free(gift_range)
    elif reward.kind == Kind.CLEANING:
        condition, benefit = _one_unit_free(reward.range)
    else:
        condition, benefit = _amount_off(
            reward.range, amount=reward.discount, minimum=reward.minimum_spend
        )
    name = f"积分兑换 · {reward.title}"
    if reward.title_en:
        name += f" / Points reward · {reward.title_en}"
    if ConditionalOffer.objects.filter(name=name[:128]).exists():
        name = f"{name[:120]} #{reward.pk}"
    return _voucher_offer(
        name=name[:128],
        slug=f"points-reward-{reward.pk}",
        condition=condition,
        benefit=benefit,
        exclusive=reward.kind != Kind.COUPON,
        priority=COUPON_PRIORITY if reward.kind == Kind.COUPON else WHOLE_UNIT_PRIORITY,
    )


def _one_unit_free(product_range: Range) -> tuple[Condition, Benefit]:
    """One unit from the range in the basket, and that unit at 100 % off (delivery still paid)."""
    condition = Condition.objects.create(range=product_range, type=Condition.COUNT, value=1)
    benefit = Benefit.objects.create(
        range=product_range, type=Benefit.PERCENTAGE, value=Decimal("100"), max_affected_items=1
    )
    return condition, benefit


def _amount_off(
    product_range: Range, *, amount: Decimal, minimum: Decimal | None
) -> tuple[Condition, Benefit]:
    """A fixed amount off the range's items once they come to `minimum` (any one will do
    when there is no minimum)."""
    if minimum:
        condition = Condition.objects.create(
            range=product_range, type=Condition.VALUE, value=minimum
        )
    else:
        condition = Condition.objects.create(range=product_range, type=Condition.COUNT, value=1)
    benefit = Benefit.objects.create(range=product_range, type=Benefit.FIXED, value=amount)
    return condition, benefit


def _voucher_offer(*, name, slug, condition, benefit, exclusive, priority) -> ConditionalOffer:
    return ConditionalOffer.objects.create(
        name=name,
        slug=slug,
        offer_type=ConditionalOffer.VOUCHER,
        exclusive=exclusive,
        priority=priority,
        condition=condition,
        benefit=benefit,
        max_basket_applications=1,
    )
