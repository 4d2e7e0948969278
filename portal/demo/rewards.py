"""The demo rewards catalogue: a filter as a gift, an air-conditioner cleaning, a coupon.

Found by slug, so a rerun changes nothing; the stock left is the running site's (set on
creation only), like the shop's stock levels.
"""

from decimal import Decimal

from oscar.core.loading import get_model

from membership.models import Reward
from membership.rewards.offers import cleaning_range

from .records import ensure

Product = get_model("catalogue", "Product")
Range = get_model("offer", "Range")

AC_CLEANING_UPCS = ["SV-AC-SPLIT", "SV-AC-CABINET"]


def load_rewards() -> dict[str, int]:
    cleaning_range()  # the range of every visit, which the top tier's free cleaning uses
    gift = Product.objects.get(upc="PP-10")
    rewards = [
        ensure(
            Reward,
            {"slug": "pp-filter-gift"},
            {
                "title": "10英寸PP棉滤芯",
                "title_en": "10-inch PP sediment cartridge",
                "description": "净水器前置PP棉滤芯一支,免费送到家(运费照常)。",
                "description_en": "One sediment cartridge for your purifier, free (delivery "
                "is charged as usual).",
                "kind": Reward.Kind.GIFT,
                "points_cost": 1500,
                "product": gift,
                "stock_policy": Reward.StockPolicy.MONTHLY,
                "stock": 50,
                "display_order": 10,
            },
        ),
        ensure(
            Reward,
            {"slug": "ac-cleaning-voucher"},
            {
                "title": "空调深度清洗券",
                "title_en": "Air conditioner deep-clean voucher",
                "description": "挂机或柜机深度清洗一次,技师上门。",
                "description_en": "One deep clean of a split or cabinet air conditioner, at home.",
                "kind": Reward.Kind.CLEANING,
                "points_cost": 8000,
                "range": _ac_cleaning_range(),
                "stock_policy": Reward.StockPolicy.TOTAL,
                "stock": 200,
                "display_order": 20,
            },
            initial={"stock_left": 200},
        ),
        ensure(
            Reward,
            {"slug": "coupon-20-off-100"},
            {
                "title": "满100减20元优惠券",
                "title_en": "¥20 off ¥100 coupon",
                "description": "全场商品满100元立减20元。",
                "description_en": "¥20 off anything in the shop once your basket reaches ¥100.",
                "kind": Reward.Kind.COUPON,
                "points_cost": 2000,
                "range": _everything_range(),
                "discount": Decimal("20.00"),
                "minimum_spend": Decimal("100.00"),
                "stock_policy": Reward.StockPolicy.UNLIMITED,
                "display_order": 30,
            },
        ),
    ]
    return {"rewards": len(rewards)}


def _ac_cleaning_range():
    ac_cleaning, _created = ensure(
        Range, {"slug": "ac-cleaning"}, {"name": "Air conditioner cleaning / 空调清洗"}
    )
    for product in Product.objects.filter(upc__in=AC_CLEANING_UPCS):
        ac_cleaning.add_product(product)
    return ac_cleaning


def _everything_range():
    everything, _created = ensure(
        Range,
        {"slug": "all-products"},
        {"name": "All products / 全部商品", "includes_all_products": True},
    )
    return everything
