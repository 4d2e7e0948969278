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
