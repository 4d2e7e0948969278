"""The shop's skeleton: product classes with their attributes, the browse tree, the store.

Product variety is data (STYLE.md rule 1): plans, visits and parts are product classes
that differ in shipping, stock tracking and attributes, not Product subclasses.
"""

from dataclasses import dataclass

from oscar.core.loading import get_model

from catalog.kinds import (
    CATEGORY,
    CLEANING,
    CONSUMABLE,
    COVERAGE,
    DURATION_MINUTES,
    PLAN,
    PRICE_BAND,
    TERM_YEARS,
)

from .records import ensure

ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")

TEXT, INTEGER, RICHTEXT = ProductAttribute.TEXT, ProductAttribute.INTEGER, ProductAttribute.RICHTEXT

# slug: ((Chinese, English name), requires_shipping, track_stock,
#        [(code, (Chinese, English name), type, required)])
PRODUCT_CLASSES = {
    PLAN: (
        ("延保服务", "Extended warranty plan"),
        False,
        False,
        [
            (TERM_YEARS, ("保障年限", "Term (years)"), INTEGER, True),
            (CATEGORY, ("家电品类", "Appliance category"), TEXT, True),
            (PRICE_BAND, ("价格区间", "Price band"), TEXT, True),
            (COVERAGE, ("保障范围", "Coverage"), RICHTEXT, False),
        ],
    ),
    CLEANING: (
        ("深度清洗服务", "Deep-cleaning service"),
        False,
        False,
        [
            (CATEGORY, ("家电品类", "Appliance category"), TEXT, True),
            (DURATION_MINUTES, ("服务时长(分钟)", "Duration (minutes)"), INTEGER, True),
        ],
    ),
    CONSUMABLE: (
        ("耗材配件", "Consumable"),
        True,
        True,
        [
            ("part_number", ("配件编号", "Part number"), TEXT, True),
            ("replacement_months", ("更换周期(月)", "Replace every (months)"), INTEGER, False),
        ],
    ),
}

# code: ((Chinese, English name), slug, (Chinese, English description)).
CATEGORY_TREE = {
    "extended-warranties": (
        ("延保服务", "Extended warranties"),
        "extended-warranties",
        (
            "<p>在厂家保修结束后继续保障,上门维修,配件和工时全包。</p>",
            "<p>Cover that starts where the maker's warranty ends: on-site repair, parts and "
            "labour included.</p>",
        ),
    ),
    "deep-cleaning": (
        ("深度清洗", "Deep cleaning"),
        "deep-cleaning",
        (
            "<p>认证师傅上门拆洗,去污除菌,让家电恢复效率。</p>",
            "<p>Certified technicians clean your appliance at home.</p>",
        ),
    ),
    "consumables": (
        ("耗材配件", "Consumables & parts"),
        "consumables",
        (
            "<p>原厂滤芯、滤网和配件,按型号匹配。</p>",
            "<p>Genuine filters and spares matched to your model.</p>",
        ),
    ),
}

PARTNER_CODE = "aftercare"
PARTNER_NAME = "Aftercare 官方旗舰店 / Official store"


@dataclass
class ShopFrame:
    classes: dict[str, ProductClass]
    categories: dict[str, Category]
    partner: Partner


def per_language(field: str, texts: tuple[str, str]) -> dict:
    """The catalogue's per-language columns of `field` (catalog/catalogue/translation.py)."""
    zh, en = texts
    return {f"{field}_zh_hans": zh, f"{field}_en": en}


def load_shop_frame() -> ShopFrame:
    _tier_discount_offer()
    return ShopFrame(classes=_product_classes(), categories=_categories(), partner=_partner())


def _tier_discount_offer() -> None:
    # Membership's migration 0005 creates the services range and the tier offer; a test
    # database flushed after a transactional test has lost them. Same function, same rows.
    from importlib import import_module

    from django.apps import apps

    import_module("membership.migrations.0005_tier_service_offer_data").create_offer(apps, None)


def _product_classes() -> dict:
    classes = {}
    for slug, (name, requires_shipping, track_stock, attributes) in PRODUCT_CLASSES.items():
        product_class, _ = ensure(
            ProductClass,
            {"slug": slug},
            {
                **per_language("name", name),
                "requires_shipping": requires_shipping,
                "track_stock": track_stock,
            },
        )
        for code, label, kind, required in attributes:
            ensure(
                ProductAttribute,
                {"product_class": product_class, "code": code},
                {**per_language("name", label), "type": kind, "required": required},
            )
        classes[slug] = product_class
    return classes


def _categories() -> dict:
    categories = {}
    for code, (name, slug, description) in CATEGORY_TREE.items():
        category = Category.objects.filter(code=code).first()
        if category is None:
            # Treebeard places nodes itself; add_root is the only way in for a root.
            category = Category.add_root(
                code=code,
                slug=slug,
                **per_language("name", name),
                **per_language("description", description),
            )
        else:
            category, _ = ensure(
                Category,
                {"pk": category.pk},
                {
                    **per_language("name", name),
                    "slug": slug,
                    **per_language("description", description),
                },
            )
        categories[code] = category
    return categories


def _partner():
    partner, _ = ensure(Partner, {"code": PARTNER_CODE}, {"name": PARTNER_NAME})
    return partner
