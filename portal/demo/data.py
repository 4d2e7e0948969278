"""The maker's product line as the demo shows it: categories, families and models.

Model numbers follow the Chinese national naming schemes the trade uses (KFR- for split
air conditioners, JSQ for gas water heaters, CXW- for range hoods, BCD- for fridges,
WQP for dishwashers), so staff recognise them at a glance.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Per category: Chinese name, English name, the colour its drawings and cards use.
CATEGORIES = {
    "air_conditioner": ("空调", "Air conditioner", "#2B7BD8"),
    "water_heater": ("热水器", "Water heater", "#E0553D"),
    "range_hood": ("油烟机", "Range hood", "#56606E"),
    "water_purifier": ("净水器", "Water purifier", "#1FA2B5"),
    "washing_machine": ("洗衣机", "Washing machine", "#6A5AE0"),
    "tv": ("电视", "Television", "#27313D"),
    "refrigerator": ("冰箱", "Refrigerator", "#3A9D66"),
    "dishwasher": ("洗碗机", "Dishwasher", "#CF8A0A"),
}


@dataclass(frozen=True)
class Family:
    """Models that share a body shape and a serial-number scheme."""

    category: str
    shape: str
    serial_pattern: str


# Serials are 16–20 uppercase letters and digits: a family prefix, the production
# year and week, then the factory's running code.
FAMILIES = {
    "split_ac": Family("air_conditioner", "split_ac", r"^KG[0-9]{4}[A-Z0-9]{12}$"),
    "cabinet_ac": Family("air_conditioner", "cabinet_ac", r"^KL[0-9]{4}[A-Z0-9]{12}$"),
    "electric_heater": Family("water_heater", "tank_heater", r"^FE[0-9]{4}[A-Z0-9]{10}$"),
    "gas_heater": Family("water_heater", "gas_heater", r"^JQ[0-9]{4}[A-Z0-9]{12}$"),
    "chimney_hood": Family("range_hood", "chimney_hood", r"^CX[0-9]{4}[A-Z0-9]{14}$"),
    "side_hood": Family("range_hood", "side_hood", r"^CS[0-9]{4}[A-Z0-9]{14}$"),
    "ro_purifier": Family("water_purifier", "purifier", r"^RO[0-9]{4}[A-Z0-9]{10}$"),
    "front_loader": Family("washing_machine", "front_loader", r"^TG[0-9]{4}[A-Z0-9]{14}$"),
    "top_loader": Family("washing_machine", "top_loader", r"^MB[0-9]{4}[A-Z0-9]{14}$"),
    "tv": Family("tv", "tv", r"^TV[0-9]{4}[A-Z0-9]{10}$"),
    "multi_door_fridge": Family("refrigerator", "multi_door_fridge", r"^BC[0-9]{4}[A-Z0-9]{14}$"),
    "side_by_side_fridge": Family(
        "refrigerator", "side_by_side_fridge", r"^BS[0-9]{4}[A-Z0-9]{14}$"
    ),
    "two_door_fridge": Family("refrigerator", "two_door_fridge", r"^BD[0-9]{4}[A-Z0-9]{12}$"),
    "built_in_dishwasher": Family("dishwasher", "dishwasher", r"^WQ[0-9]{4}[A-Z0-9]{12}$"),
    "countertop_dishwasher": Family(
        "dishwasher", "countertop_dishwasher", r"^WT[0-9]{4}[A-Z0-9]{10}$"
    ),
}


@dataclass(frozen=True)
class Appliance:
    model_number: str
    family: str
    name: str
    name_en: str
    launch_date: date
    base_warranty_months: int
    list_price: Decimal

    @property
    def category(self) -> str:
        return FAMILIES[self.family].category


def _a(model_number, family, name, name_en, launched, months, price):
    return Appliance(model_number, family, name, name_en, launched, months, Decimal(price))


# One model per row: model number, family, Chinese name, English name, launch date,
# base warranty in months, list price in CNY.
# fmt: off
APPLIANCES = [
    _a("KFR-26GW/BP3DN8Y-PH200(B3)", "split_ac", "新一级能效变频挂机 大1匹",
       "Inverter split AC, 1 HP, grade-1 efficiency", date(2023, 3, 1), 12, "2899"),
    _a("KFR-35GW/BP3DN8Y-PH200(B3)", "split_ac", "新一级能效变频挂机 1.5匹",
       "Inverter split AC, 1.5 HP, grade-1 efficiency", date(2023, 3, 1), 12, "3299"),
    _a("KFR-35GW/N8MXC1", "split_ac", "酷省电变频挂机 1.5匹",
       "Eco inverter split AC, 1.5 HP", date(2021, 4, 15), 12, "2699"),
    _a("KFR-50LW/BP2DN8Y-YH200(B1)", "cabinet_ac", "变频立式柜机 2匹",
       "Inverter floor-standing AC, 2 HP", date(2022, 5, 10), 12, "5999"),
    _a("KFR-72LW/BP3DN8Y-YA300(B1)", "cabinet_ac", "新风变频柜机 3匹",
       "Fresh-air inverter floor-standing AC, 3 HP", date(2025, 4, 1), 24, "8499"),
    _a("F6030-JA7(HE)", "electric_heater", "60升一级能效电热水器",
       "60 L electric water heater, grade-1 efficiency", date(2022, 8, 20), 36, "1999"),
    _a("F8032-ZA6(HEY)", "electric_heater", "80升速热储水式电热水器",
       "80 L fast-heating electric water heater", date(2024, 2, 26), 36, "2599"),
    _a("JSQ30-16WH5", "gas_heater", "16升恒温燃气热水器",
       "16 L thermostatic gas water heater", date(2021, 9, 1), 24, "2499"),
    _a("JSQ31-16HWD", "gas_heater", "16升零冷水燃气热水器",
       "16 L zero-cold-water gas water heater", date(2025, 9, 8), 24, "3599"),
    _a("CXW-260-E900C15", "chimney_hood", "欧式顶吸油烟机 大吸力",
       "T-shape chimney hood, high suction", date(2022, 3, 15), 12, "3299"),
    _a("CXW-268-D8X", "chimney_hood", "变频顶侧双吸油烟机",
       "Inverter top-and-side double-draft hood", date(2026, 3, 10), 24, "5999"),
    _a("CXW-220-J25", "side_hood", "侧吸式油烟机",
       "Side-draft range hood", date(2019, 6, 1), 12, "1899"),
    _a("CXW-280-TJ9010", "side_hood", "近吸式烟灶联动油烟机",
       "Near-suction hood with hob link", date(2024, 6, 18), 24, "4299"),
    _a("MRO102-4", "ro_purifier", "四级过滤反渗透净水器",
       "4-stage reverse-osmosis purifier", date(2019, 4, 10), 12, "1299"),
    _a("MRO1781A-400G", "ro_purifier", "400G反渗透净水器",
       "400G reverse-osmosis purifier", date(2020, 5, 20), 12, "2299"),
    _a("MRC1892-600G", "ro_purifier", "600G厨下净水器 鲜活零陈水",
       "600G under-sink RO purifier", date(2023, 7, 6), 12, "3499"),
    _a("MRO1586A-1000G", "ro_purifier", "1000G大通量净水器",
       "1000G high-flow RO purifier", date(2025, 5, 12), 24, "4999"),
    _a("TG100V88WMUIADY5", "front_loader", "10公斤变频滚筒洗衣机",
       "10 kg inverter front-loading washer", date(2023, 9, 1), 12, "3999"),
    _a("MG100V58WIADY", "front_loader", "10公斤除菌滚筒洗衣机",
       "10 kg front-loader with sanitising wash", date(2021, 10, 11), 12, "2599"),
    _a("TD100-14266WMIADT", "front_loader", "10公斤洗烘一体机",
       "10 kg washer-dryer", date(2024, 9, 2), 24, "4999"),
    _a("MB100V33B", "top_loader", "10公斤波轮洗衣机",
       "10 kg top-loading washer", date(2020, 3, 16), 12, "1299"),
    _a("55E3N", "tv", "55英寸4K智慧屏",
       "55-inch 4K smart TV", date(2023, 3, 20), 12, "2199"),
    _a("65V3K-PRO", "tv", "65英寸4K 144Hz液晶电视",
       "65-inch 4K 144 Hz LCD TV", date(2024, 4, 8), 12, "3999"),
    _a("75Q7N-PRO", "tv", "75英寸Mini LED电视",
       "75-inch Mini LED TV", date(2025, 3, 18), 24, "6999"),
    _a("85A7K", "tv", "85英寸巨幕电视",
       "85-inch big-screen TV", date(2026, 4, 1), 24, "9999"),
    _a("BCD-215WTM(E)", "two_door_fridge", "215升双门冰箱",
       "215 L two-door fridge", date(2019, 8, 5), 12, "1799"),
    _a("BCD-321WTPZM(E)", "multi_door_fridge", "321升法式多门冰箱",
       "321 L French-door fridge", date(2021, 5, 10), 12, "2999"),
    _a("BCD-508WKPZM(E)", "multi_door_fridge", "508升十字对开门冰箱",
       "508 L four-door cross fridge", date(2022, 6, 1), 36, "4599"),
    _a("BCD-605WKPZM(E)", "side_by_side_fridge", "605升对开门冰箱 自动制冰",
       "605 L side-by-side fridge with ice maker", date(2024, 5, 20), 36, "5499"),
    _a("WQP8-3801-CN", "countertop_dishwasher", "8套台嵌两用洗碗机",
       "8-place countertop or built-in dishwasher", date(2020, 11, 2), 12, "2599"),
    _a("WQP8-W3903D-CN", "countertop_dishwasher", "8套免安装台式洗碗机",
       "8-place freestanding countertop dishwasher", date(2022, 2, 14), 12, "1999"),
    _a("WQP12-W3602A-CN", "built_in_dishwasher", "12套嵌入式洗碗机",
       "12-place built-in dishwasher", date(2023, 10, 9), 12, "3999"),
    _a("WQP13-J7209-CN", "built_in_dishwasher", "13套热风烘干洗碗机",
       "13-place dishwasher with hot-air drying", date(2025, 10, 20), 24, "5999"),
]
# fmt: on


def models_in(*families: str) -> tuple[str, ...]:
    """Model numbers of the given families, for compatibility lists that follow the line-up."""
    return tuple(a.model_number for a in APPLIANCES if a.family in families)
