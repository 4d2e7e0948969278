"""Mainland China's provinces, cities and districts with their official codes.

The data is a file kept with the code (see SOURCE.md for its source and edition), read once per
process: it never changes while the site runs, so holding it in memory is safe on every machine.
Codes are the statistical division codes: 2 digits for a province, 4 for a city, 6 for a
district, each starting with its parent's. The few cities with no districts (东莞市, 中山市,
嘉峪关市, 儋州市) list their towns at the third level instead, with 9-digit codes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("pca-code.json")

# The "city" level of the four municipalities and of a few provinces is not a city but a
# grouping ("districts under the municipality", "counties"); people write the province there.
GROUPING_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    parent: str | None  # the parent's code, None for a province
    level: int  # 1 province, 2 city, 3 district


@dataclass(frozen=True)
class Place:
    """A district with its city and province: what an address is filed under."""

    province: Division
    city: Division
    district: Division

    @property
    def city_name(self) -> str:
        """The city as an address writes it: the province's name for a municipality."""
        return self.province.name if self.city.name in GROUPING_NAMES else self.city.name

    def __str__(self) -> str:
        names = [self.province.name, self.city_name, self.district.name]
        return " ".join(dict.fromkeys(names))  # 上海市 浦东新区, not 上海市 上海市 浦东新区


@cache
def _index() -> tuple[dict[str, Division], dict[str | None, tuple[Division, ...]]]:
    by_code: dict[str, Division] = {}
    children: dict[str | None, list[Division]] = {}

    def walk(nodes, parent, level):
        for node in nodes:
            division = Division(code=node["code"], name=node["name"], parent=parent, level=level)
            by_code[division.code] = division
            children.setdefault(parent, []).append(division)
            walk(node.get("children", ()), division.code, level + 1)

    walk(json.loads(DATA_FILE.read_text(encoding="utf-8")), None, 1)
    return by_code, {code: tuple(kids) for code, kids in children.items()}


def get(code: str | None) -> Division | None:
    return _index()[0].get(code or "")


def provinces() -> tuple[Division, ...]:
    return _index()[1][None]


def children(code: str) -> tuple[Division, ...]:
    """The cities of a province or the districts of a city; () for a district or unknown code."""
    return _index()[1].get(code, ())


def place(district_code: str | None) -> Place | None:
    """The district with this code, with its city and province; None if unknown."""
    district = get(district_code)
    if district is None or district.level != 3:
        return None
    city = get(district.parent)
    return Place(province=get(city.parent), city=city, district=district)


def find_place(province: str, city: str, district: str) -> Place | None:
    """The district an address's text names, if exactly one matches; None otherwise.

    The names must be written as the data writes them (上海市, 浦东新区); a municipality's
    city may be written as the province (上海市) or left empty.
    """
    province, city, district = (
        (province or "").strip(),
        (city or "").strip(),
        (district or "").strip(),
    )
    found = [
        candidate
        for candidate in (place(d.code) for d in _districts_named(district))
        if candidate.province.name == province
        and city in ("", candidate.city.name, candidate.city_name)
    ]
    return found[0] if len(found) == 1 else None


@cache
def _names() -> dict[str, tuple[Division, ...]]:
    named: dict[str, list[Division]] = {}
    for division in _index()[0].values():
        if division.level == 3:
            named.setdefault(division.name, []).append(division)
    return {name: tuple(found) for name, found in named.items()}


def _districts_named(name: str) -> tuple[Division, ...]:
    return _names().get(name, ())


def find_in_text(text: str) -> Place | None:
    """The one district that free text names together with its province or city, or None.

    For addresses written before the division picker (上海市 浦东新区 世纪大道100号 in any
    order of fields): a district name alone is ambiguous (朝阳区 is in Beijing and Changchun),
    so its province or city must be named too.
    """
    text = text or ""
    found = {
        candidate.district.code: candidate
        for name, named in _names().items()
        if name in text
        for candidate in (place(d.code) for d in named)
        if _short(candidate.province.name) in text or _short(candidate.city_name) in text
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _short(name: str) -> str:
    # 上海市 → 上海, 广东省 → 广东, 广西壮族自治区 → 广西: people often drop the suffix.
    for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name
