"""Products, their stock records and pictures: the plan matrix, cleaning visits, parts.

A product's UPC is its natural key and doubles as the store's SKU, so a rerun finds
every product and stock record it made before.
"""

from decimal import Decimal
from functools import partial

from django.utils.text import slugify
from oscar.core.loading import get_model

from . import images
from .data import CATEGORIES
from .records import ensure
from .shop import ShopFrame, per_language
from .shop_data import CONSUMABLES, LOW_STOCK_THRESHOLD, PLAN_BANDS, PLAN_COVERAGE, SERVICES, TERMS

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
StockAlert = get_model("partner", "StockAlert")

# Short English names that fit a phone card next to the Chinese title.
SHORT_EN = {
    "air_conditioner": "AC",
    "water_heater": "water heater",
    "washing_machine": "washer",
    "tv": "TV",
    "refrigerator": "fridge",
    "range_hood": "range hood",
    "water_purifier": "purifier",
    "dishwasher": "dishwasher",
}

# Plan UPCs: EW-<code>-<band>-<years>Y, e.g. EW-AC-3000-6000-3Y.
PLAN_CODE = {
    "air_conditioner": "AC",
    "water_heater": "WH",
    "washing_machine": "WM",
    "tv": "TV",
    "refrigerator": "RF",
}

# The body a plan or service card shows for its category.
CARD_SHAPE = {
    "air_conditioner": "split_ac",
    "water_heater": "tank_heater",
    "washing_machine": "front_loader",
    "tv": "tv",
    "refrigerator": "multi_door_fridge",
    "range_hood": "chimney_hood",
    "water_purifier": "purifier",
    "dishwasher": "dishwasher",
}
SERVICE_SHAPE = {"SV-AC-CABINET": "cabinet_ac", "SV-WASHER-TOP": "top_loader"}


def load_products(shop: ShopFrame, appliances: dict) -> dict[str, int]:
    plans = [
        _plan(shop, category, band, years)
        for category, bands in PLAN_BANDS.items()
        for band in bands
        for years in TERMS
    ]
    services = [_service(shop, service) for service in SERVICES]
    parts = [_consumable(shop, part, appliances) for part in CONSUMABLES]
    return {"plans": len(plans), "services": len(services), "consumables": len(parts)}


def _plan(shop: ShopFrame, category: str, band, years: int):
    zh, en, colour = CATEGORIES[category]
    upc = f"EW-{PLAN_CODE[category]}-{band.key.upper()}-{years}Y"
    coverage_zh, coverage_en = PLAN_COVERAGE[category]
    product = _product(
        shop,
        upc=upc,
        product_class="extended-warranty",
        category="extended-warranties",
        title=(f"{zh}延保{years}年 · {band.label}机型", f"{years}-yr {SHORT_EN[category]} plan"),
        slug=f"{slugify(SHORT_EN[category])}-extended-warranty-{years}y-{band.key}",
        description=(
            f"<p>适用于购买价{band.label}的{zh}。厂家保修结束后再保{years}年:{coverage_zh}"
            "购买后30天内可全额退款。</p>",
            f"<p>{years}-year extended warranty for {en.lower()}s bought for {band.label_en}. "
            f"Starts when the maker's warranty ends. {coverage_en} Full refund within 30 days.</p>",
        ),
        attributes={
            "term_years": years,
            "category": category,
            "price_band": band.key,
            "coverage": f"<p>{coverage_zh}</p><p>{coverage_en}</p>",
        },
        price=Decimal(band.prices[years - 1]),
    )
    _picture(
        product,
        partial(
            images.plan_picture,
            shape=CARD_SHAPE[category],
            accent=colour,
            category_en=en,
            years=years,
            band_en=band.label_en,
        ),
    )
    return product


def _service(shop: ShopFrame, service):
    _zh, en, colour = CATEGORIES[service.category]
    product = _product(
        shop,
        upc=service.code,
        product_class="cleaning-service",
        category="deep-cleaning",
        title=(service.title, service.title_en),
        slug=service.slug,
        description=(
            f"<p>{service.scope}师傅按预约时段上门,约{service.minutes}分钟。</p>",
            f"<p>{service.scope_en} A technician visits in the slot you book; "
            f"about {service.minutes} minutes on site.</p>",
        ),
        attributes={"category": service.category, "duration_minutes": service.minutes},
        price=service.price,
    )
    shape = SERVICE_SHAPE.get(service.code, CARD_SHAPE[service.category])
    _picture(
        product,
        partial(
            images.service_picture,
            shape=shape,
            accent=colour,
            category_en=en,
            minutes=service.minutes,
            title_en=service.title_en,
        ),
    )
    return product


def _consumable(shop: ShopFrame, part, appliances: dict):
    fits = [appliances[number] for number in part.fits]
    category = fits[0].category
    _zh, en, colour = CATEGORIES[category]
    months = part.replacement_months
    every_zh = f"建议每{months}个月更换。" if months else ""
    every_en = f"Replace every {months} months. " if months else ""
    product = _product(
        shop,
        upc=part.part_number,
        product_class="consumable",
        category="consumables",
        title=(part.title, part.title_en),
        slug=slugify(f"{part.title_en} {part.part_number}"),
        description=(
            f"<p>原厂配件,{every_zh}适用型号:{'、'.join(part.fits)}。</p>",
            f"<p>Genuine part. {every_en}Fits: {', '.join(part.fits)}.</p>",
        ),
        attributes={"part_number": part.part_number, "replacement_months": months},
        price=part.price,
        stock=part.stock,
    )
    # The M2M's unique pair makes a repeated add a no-op.
    product.compatible_models.add(*fits)
    _picture(
        product,
        partial(
            images.part_picture,
            kind=part.drawing,
            accent=colour,
            category_en=en,
            part_number=part.part_number,
        ),
    )
    return product


def _product(
    shop: ShopFrame,
    *,
    upc,
    product_class,
    category,
    title,
    slug,
    description,
    attributes,
    price,
    stock=None,
):
    product, _ = ensure(
        Product,
        {"upc": upc},
        {
            "structure": Product.STANDALONE,
            "product_class": shop.classes[product_class],
            **per_language("title", title),
            "slug": slug,
            **per_language("description", description),
            "is_public": True,
        },
    )
    stored = {value.attribute.code: value.value for value in product.attr.get_values()}
    changed = {code: value for code, value in attributes.items() if stored.get(code) != value}
    if changed:
        product.attr.update(changed)
        product.attr.save()
    ensure(ProductCategory, {"product": product, "category": shop.categories[category]}, {})
    _stock(shop, product, price, stock)
    return product


def _stock(shop: ShopFrame, product, price: Decimal, stock: int | None) -> None:
    tracked = stock is not None
    record, _ = ensure(
        StockRecord,
        {"partner": shop.partner, "partner_sku": product.upc},
        {"product": product, "price": price, "price_currency": "CNY"},
        # The shop owns its stock level once it runs: a rerun must not restock it.
        initial={
            "num_in_stock": stock,
            "low_stock_threshold": LOW_STOCK_THRESHOLD if tracked else None,
        },
    )
    # Oscar opens alerts only when a stock record is updated, never on creation, so
    # the demo's deliberately short parts get theirs here.
    if tracked and record.is_below_threshold:
        StockAlert.objects.get_or_create(
            stockrecord=record,
            status=StockAlert.OPEN,
            defaults={"threshold": record.low_stock_threshold},
        )


def _picture(product, draw) -> None:
    image = product.images.filter(display_order=0).first()
    if image is None:
        # No caption: the picture's alt text is then the title in the visitor's language.
        image = ProductImage(product=product, display_order=0)
    if images.store(image.original, f"{product.upc.lower()}.png", draw):
        image.save()
