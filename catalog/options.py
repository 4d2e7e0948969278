"""How a basket or order line describes the options chosen for it.

Plans and visits store small dicts as option values (ids for the code, a "label" for
people); Oscar's own description would print the dict.
"""


def describe(title: str, attributes) -> str:
    labels = []
    for attribute in attributes:
        value = attribute.value
        if isinstance(value, dict):
            value = value.get("label", "")
        elif isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        if value:
            labels.append(str(value))
    return f"{title} ({'; '.join(labels)})" if labels else title


SERVICE_OPTIONS = {"unit": "Unit covered / 保障设备", "visit": "Visit / 上门服务"}


def service_options(codes) -> dict:
    """The basket-line options plans and visits use, by code.

    A migration creates them; this recreates one that was deleted (an admin slip, a
    flushed test database) instead of failing every add-to-basket.
    """
    from oscar.core.loading import get_model

    Option = get_model("catalogue", "Option")
    options = {option.code: option for option in Option.objects.filter(code__in=codes)}
    for code in set(codes) - options.keys():
        options[code], _created = Option.objects.get_or_create(
            code=code, defaults={"name": SERVICE_OPTIONS[code], "type": Option.TEXT}
        )
    return options
