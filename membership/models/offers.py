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
    """The basket owner's tier, looked up once per basket object."""
    if not hasattr(basket, "_member_tier"):
        from .ledger import PointsAccount

        tier = None
        if basket.owner_id:
            account = (
                PointsAccount.objects.select_related("tier")
                .filter(member__user_id=basket.owner_id)
                .first()
            )
            tier = account.tier if account else None
        basket._member_tier = tier
    return basket._member_tier


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
