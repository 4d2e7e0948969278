"""Write a row only when it is missing or differs, so a second run leaves no trace.

`update_or_create` saves every time it finds a row; that bumps `auto_now` stamps and
fires post_save receivers (Oscar opens stock alerts from one), which is exactly what
a rerun of the demo loader must not do.
"""

from django.db import models


def ensure(
    model: type[models.Model], lookup: dict, values: dict, *, initial: dict | None = None
) -> tuple[models.Model, bool]:
    """The row matching `lookup`, created with `values` or brought in line with them.

    `initial` holds what is set on creation only: state the running site owns from
    then on (stock levels, a password), which a rerun must not reset.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values, **(initial or {}))
        obj.save()
        return obj, True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj, False
