"""The tier discount on services, as an Oscar offer (STYLE.md: offers as proxy classes).

One site offer serves every tier: its condition holds when the basket's owner is in a tier
with a service discount and the basket has a service in the offer's range, and its benefit
takes that tier's percentage, read from the Tier row staff edit. A change of percentage in
the admin applies to the next basket, with no new offer to set up.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.offer.models import CountCondition, PercentageDiscountBenefit


def owner_tier(basket):
    """The basket owner's tier, looked up once per request.

    Kept on the owner's user object when the basket has it, which Oscar's basket middleware
    sets to request.user: the condition and the benefit, every offer pass and every basket
    object of one request share one lookup, and the next request, with a new user object,
    looks again (nothing is kept in process memory between requests). A basket loaded
    without its owner (settling a payment) keeps it on itself.
    """
    holder = basket
    if basket.owner_id and basket._meta.get_field("owner").is_cached(basket):
        holder = basket.owner
    if not hasattr(holder, "_member_tier"):
        holder._member_tier = _tier_of(basket.owner_id) if basket.owner_id else None
    return holder._member_tier


def _tier_of(user_id):
    from .ledger import PointsAccount

    account = PointsAccount.objects.select_related("tier").filter(member__user_id=user_id).first()
    return account.tier if account else None


def tier_percentage(basket) -> Decimal:
    tier = owner_tier(basket)
    return Decimal(tier.service_discount_percent) if tier else Decimal(0)


class TierServiceCondition(CountCondition):
    name = "Member tier with a service discount, one service in range"

    @property
    def description(self):
        return _("Members whose tier carries a service discount")

    class Meta:
        app_label = "membership"
        proxy = True
        verbose_name = _("Tier service-discount condition")

    def is_satisfied(self, offer, basket):
        if tier_percentage(basket) <= 0:
            return False
        return super().is_satisfied(offer, basket)


class TierServiceDiscount(PercentageDiscountBenefit):
    name = "Tier discount on services"

    @property
    def description(self):
        return _("Your membership tier's discount on warranties and cleaning")

    class Meta:
        app_label = "membership"
        proxy = True
        verbose_name = _("Tier service discount")

    def apply(self, basket, condition, offer, discount_percent=None, max_total_discount=None):
        return super().apply(
            basket,
            condition,
            offer,
            discount_percent=tier_percentage(basket),
            max_total_discount=max_total_discount,
        )
