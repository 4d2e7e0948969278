"""What the shop sells: the warranty plan matrix, cleaning visits and consumables.

Prices are in CNY. A 3-year plan costs roughly 10–16 % of a typical unit in its price
band (DOMAIN.md: sellers charge 10–25 %); the 1- and 2-year terms scale down from it.
"""

from dataclasses import dataclass
from decimal import Decimal

from .data import models_in

TERMS = (1, 2, 3)


@dataclass(frozen=True)
class PriceBand:
    key: str  # also the slug fragment, e.g. "3000-6000"
    label: str  # Chinese, as shoppers say it
    label_en: str
    prices: tuple[int, int, int]  # for 1, 2 and 3 years


def _band(key, label, label_en, *prices):
    return PriceBand(key, label, label_en, prices)


PLAN_BANDS = {
    "air_conditioner": [
        _band("under-3000", "3000元以下", "under ¥3,000", 119, 199, 299),
        _band("3000-6000", "3000–6000元", "¥3,000–6,000", 199, 329, 499),
        _band("6000-10000", "6000–10000元", "¥6,000–10,000", 329, 529, 799),
    ],
    "water_heater": [
        _band("under-2000", "2000元以下", "under ¥2,000", 79, 129, 199),
        _band("2000-4000", "2000–4000元", "¥2,000–4,000", 129, 199, 299),
    ],
    "washing_machine": [
        _band("under-2000", "2000元以下", "under ¥2,000", 79, 129, 199),
        _band("2000-4000", "2000–4000元", "¥2,000–4,000", 149, 229, 349),
        _band("4000-8000", "4000–8000元", "¥4,000–8,000", 229, 369, 549),
    ],
    "tv": [
        _band("under-3000", "3000元以下", "under ¥3,000", 149, 249, 369),
        _band("3000-6000", "3000–6000元", "¥3,000–6,000", 249, 399, 599),
        _band("6000-12000", "6000–12000元", "¥6,000–12,000", 449, 699, 999),
    ],
    "refrigerator": [
        _band("under-3000", "3000元以下", "under ¥3,000", 99, 159, 249),
        _band("3000-6000", "3000–6000元", "¥3,000–6,000", 179, 279, 429),
        _band("6000-10000", "6000–10000元", "¥6,000–10,000", 279, 449, 679),
    ],
}

# What a plan pays for, per category: (Chinese, English).
PLAN_COVERAGE = {
    "air_conditioner": (
        "整机上门维修,含压缩机、电控板、室内外风机电机的配件和工时;不含清洗、移机和加氟以外的耗材。",
        "On-site repair of the whole unit: compressor, control boards and fan motors, parts "
        "and labour. Cleaning and moving the unit are not covered.",
    ),
    "water_heater": (
        "内胆、加热管、温控器和主板故障上门维修,含配件和工时;镁棒等耗材除外。",
        "On-site repair of the tank, heating element, thermostat and control board, parts "
        "and labour. Consumables such as the magnesium anode are not covered.",
    ),
    "washing_machine": (
        "电机、主板、排水泵、门锁等故障免费维修,含配件和工时;门封圈老化和进水管除外。",
        "Free repair of the motor, control board, drain pump and door lock, parts and "
        "labour. Worn door seals and inlet hoses are not covered.",
    ),
    "tv": (
        "屏幕(非人为碎屏)、主板、电源板、背光故障免费维修,含配件和工时。",
        "Free repair of the panel (not accidental breakage), main board, power board and "
        "backlight, parts and labour.",
    ),
    "refrigerator": (
        "压缩机、制冷系统、主板和风扇电机故障上门维修,含配件和工时;门封条和滤芯除外。",
        "On-site repair of the compressor, cooling circuit, control board and fan motors, "
        "parts and labour. Door gaskets and filters are not covered.",
    ),
}


@dataclass(frozen=True)
class CleaningService:
    code: str  # UPC and partner SKU
    slug: str
    category: str
    title: str
    title_en: str
    minutes: int
    price: Decimal
    scope: str
    scope_en: str


def _service(code, slug, category, title, title_en, minutes, price, scope, scope_en):
    return CleaningService(
        code, slug, category, title, title_en, minutes, Decimal(price), scope, scope_en
    )


# fmt: off
SERVICES = [
    _service("SV-AC-SPLIT", "split-ac-deep-clean", "air_conditioner", "挂机深度清洗",
             "Split AC deep clean", 90, "129",
             "拆洗滤网、高温蒸汽清洗蒸发器和贯流风轮,杀菌除味。",
             "Filters washed, evaporator and fan drum steam-cleaned, sanitised."),
    _service("SV-AC-CABINET", "cabinet-ac-deep-clean", "air_conditioner", "柜机深度清洗",
             "Cabinet AC deep clean", 120, "199",
             "拆面板清洗蒸发器、离心风机和接水盘,疏通排水管。",
             "Evaporator, blower and drip tray cleaned, drain line cleared."),
    _service("SV-HOOD", "range-hood-deep-clean", "range_hood", "油烟机深度清洗",
             "Range hood deep clean", 120, "199",
             "拆洗叶轮、蜗壳和油网,清理油杯油路。",
             "Impeller, housing and grease filters degreased, oil path cleared."),
    _service("SV-WASHER-DRUM", "washer-drum-clean", "washing_machine", "滚筒洗衣机内筒清洗",
             "Front-loader drum clean", 90, "149",
             "清洗外筒夹层、门封圈和排水泵过滤器,去霉除味。",
             "Outer tub, door seal and pump filter cleaned of mould and odour."),
    _service("SV-WASHER-TOP", "top-loader-strip-clean", "washing_machine", "波轮洗衣机拆洗",
             "Top-loader strip-down clean", 120, "179",
             "拆下内桶和波轮,高压清洗内外桶污垢。",
             "Inner tub and pulsator removed, both tubs pressure-washed."),
    _service("SV-WH-DESCALE", "water-heater-descaling", "water_heater", "热水器除垢清洗",
             "Water heater descaling", 90, "159",
             "排污除垢、检查镁棒和安全阀,测试漏电保护。",
             "Tank flushed and descaled, anode and safety valve checked, RCD tested."),
    _service("SV-PURIFIER", "purifier-service-visit", "water_purifier", "净水器上门保养",
             "Purifier service visit", 60, "99",
             "检测水质TDS、冲洗管路、检查滤芯寿命并复位提醒。",
             "Water TDS tested, lines flushed, cartridge life checked and reset."),
    _service("SV-FRIDGE", "fridge-deep-clean", "refrigerator", "冰箱深度清洁除味",
             "Fridge deep clean", 90, "139",
             "清洁内胆、门封条和排水孔,更换前检查除味滤芯。",
             "Liner, door gasket and drain hole cleaned, odour filter checked."),
    _service("SV-DISHWASHER", "dishwasher-service", "dishwasher", "洗碗机深度保养",
             "Dishwasher deep service", 60, "129",
             "清洗过滤网和喷淋臂,检查软水器并补充软水盐。",
             "Filters and spray arms cleaned, softener checked and salt topped up."),
]
# fmt: on


@dataclass(frozen=True)
class Consumable:
    part_number: str  # UPC, partner SKU and the part_number attribute
    drawing: str  # which picture portal.demo.parts draws for it
    title: str
    title_en: str
    replacement_months: int | None  # None: replaced when broken or lost, not on a schedule
    price: Decimal
    stock: int
    fits: tuple[str, ...]


def _part(part_number, drawing, title, title_en, months, price, stock, fits):
    return Consumable(part_number, drawing, title, title_en, months, Decimal(price), stock, fits)


SPLIT_AC = models_in("split_ac")
CABINET_AC = models_in("cabinet_ac")
ELECTRIC_HEATERS = models_in("electric_heater")
GAS_HEATERS = models_in("gas_heater")
HOODS = models_in("chimney_hood", "side_hood")
FRONT_LOADERS = models_in("front_loader")
WASHERS = models_in("front_loader", "top_loader")
TVS = models_in("tv")
FRIDGES = models_in("multi_door_fridge", "side_by_side_fridge", "two_door_fridge")
DISHWASHERS = models_in("built_in_dishwasher", "countertop_dishwasher")

# One part per row: part number, drawing, Chinese and English title, replacement interval in
# months, price, stock, compatible models. Three parts sit below the low-stock threshold on
# purpose, for the low-stock screens and stock alerts.
# fmt: off
CONSUMABLES = [
    _part("PCB-PP400", "cartridge", "PP棉+活性炭复合滤芯", "PP + carbon composite cartridge",
          12, "159", 120, ("MRO1781A-400G", "MRC1892-600G")),
    _part("RO-400G-A", "cartridge", "400G反渗透RO滤芯", "RO membrane, 400G",
          24, "399", 60, ("MRO1781A-400G",)),
    _part("RO-600G-C", "cartridge", "600G反渗透RO滤芯", "RO membrane, 600G",
          24, "499", 45, ("MRC1892-600G",)),
    _part("RO-1000G-S", "cartridge", "1000G大通量RO滤芯", "RO membrane, 1000G high-flow",
          24, "699", 3, ("MRO1586A-1000G",)),
    _part("CT-T33", "cartridge", "T33后置活性炭滤芯", "T33 post-carbon cartridge",
          12, "69", 210, ("MRO102-4", "MRO1781A-400G")),
    _part("PP-10", "cartridge", "10英寸PP棉滤芯", "10-inch PP sediment cartridge",
          6, "39", 300, ("MRO102-4",)),
    _part("CTO-10", "cartridge", "10英寸压缩活性炭滤芯", "10-inch carbon block cartridge",
          6, "49", 260, ("MRO102-4",)),
    _part("AF-GW-HD", "filter_mesh", "挂机高密度过滤网(2片)", "Split AC fine filter, pair",
          12, "39", 180, SPLIT_AC),
    _part("AF-HCHO-01", "filter_mesh", "空调除甲醛活性炭滤网", "AC formaldehyde filter",
          6, "79", 90, SPLIT_AC + CABINET_AC),
    _part("AF-LW-02", "filter_mesh", "柜机过滤网", "Cabinet AC filter",
          12, "59", 70, CABINET_AC),
    _part("RC-RG10A", "remote", "空调遥控器RG10A", "AC remote control RG10A",
          None, "59", 150, SPLIT_AC + CABINET_AC),
    _part("OC-E900", "oil_cup", "油烟机油杯", "Range hood oil cup",
          None, "19", 240, ("CXW-260-E900C15", "CXW-268-D8X")),
    _part("OF-J25", "filter_mesh", "侧吸油烟机不锈钢油网", "Side-draft hood steel grease filter",
          None, "89", 35, ("CXW-220-J25", "CXW-280-TJ9010")),
    _part("OP-10", "oil_pad", "油烟机吸油棉(10片装)", "Hood grease pads, pack of 10",
          1, "29", 280, HOODS),
    _part("MA-60-20", "anode", "电热水器镁棒", "Water heater magnesium anode",
          12, "59", 110, ELECTRIC_HEATERS),
    _part("DS-500", "bottle", "热水器除垢剂500ml", "Water heater descaler, 500 ml",
          6, "39", 95, ELECTRIC_HEATERS + GAS_HEATERS),
    _part("WF-JSQ", "filter_mesh", "燃气热水器进水过滤网", "Gas heater inlet strainer",
          12, "15", 160, GAS_HEATERS),
    _part("DC-375X3", "bottle", "洗衣机槽清洁剂(3瓶装)", "Washer drum cleaner, 3 bottles",
          3, "39", 220, WASHERS),
    _part("DS-TG100", "seal", "滚筒洗衣机门封圈", "Front-loader door seal",
          None, "129", 2, FRONT_LOADERS),
    _part("IH-150", "hose", "洗衣机进水管1.5米", "Washer inlet hose, 1.5 m",
          None, "35", 130, WASHERS),
    _part("RC-VT55", "remote", "电视语音遥控器", "TV voice remote",
          None, "89", 85, TVS),
    _part("WM-6585", "bracket", "电视壁挂架(55–85英寸)", "TV wall bracket, 55–85 in",
          None, "159", 40, TVS),
    _part("OD-FR01", "cartridge", "冰箱除味滤芯", "Fridge odour filter",
          6, "49", 140, FRIDGES),
    _part("WF-IM02", "cartridge", "冰箱制冰机滤水器", "Ice-maker water filter",
          6, "129", 4, ("BCD-605WKPZM(E)",)),
    _part("SALT-2KG", "bag", "洗碗机专用软水盐2kg", "Dishwasher salt, 2 kg",
          6, "39", 150, DISHWASHERS),
    _part("RA-500", "bottle", "洗碗机光亮剂500ml", "Dishwasher rinse aid, 500 ml",
          3, "45", 120, DISHWASHERS),
    _part("DT-60", "tablets", "洗碗机多效洗碗块(60块)", "Dishwasher tablets, 60",
          2, "89", 200, DISHWASHERS),
]
# fmt: on

# Below this many units the dashboard raises a stock alert.
LOW_STOCK_THRESHOLD = 5
