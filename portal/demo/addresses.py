"""Which districts the demo's service areas go to, by official division code.

The areas themselves are made by service_areas.py; this maps each to the district it is
named after, so a visit's address finds its area (aftersales.selectors.area_for_district).
"""

from aftersales.models import ServiceArea, ServiceAreaDistrict

from .records import ensure

# area code: district codes (groundwork/divisions/pca-code.json)
DISTRICTS = {
    "shanghai-pudong": ["310115"],  # 上海市 浦东新区
    "shanghai-xuhui": ["310104"],  # 上海市 徐汇区
    "beijing-chaoyang": ["110105"],  # 北京市 朝阳区
    "guangzhou-tianhe": ["440106"],  # 广东省 广州市 天河区
    "shenzhen-nanshan": ["440305"],  # 广东省 深圳市 南山区
}


def load_area_districts() -> dict[str, int]:
    areas = ServiceArea.objects.in_bulk(list(DISTRICTS), field_name="code")
    rows = [
        ensure(ServiceAreaDistrict, {"district_code": code}, {"area": areas[area_code]})[0]
        for area_code, codes in DISTRICTS.items()
        if area_code in areas
        for code in codes
    ]
    return {"districts served": len(rows)}
