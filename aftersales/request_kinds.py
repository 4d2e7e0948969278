"""Which kinds of request make sense for an appliance: pure rules, no database."""

from django.utils.translation import gettext_lazy as _

from appliances.models import Category

from .models import ServiceKind

# Appliances an engineer installs: plumbed, wired, wall-hung or ducted.
INSTALLED_BY_ENGINEER = frozenset(
    {
        Category.AIR_CONDITIONER,
        Category.WATER_HEATER,
        Category.RANGE_HOOD,
        Category.WATER_PURIFIER,
        Category.WASHING_MACHINE,
        Category.DISHWASHER,
        Category.TV,
    }
)
# Small enough to send to the repair centre in a box.
SENT_IN_FOR_REPAIR = frozenset({Category.WATER_PURIFIER, Category.TV})

# How each kind is offered on a button or a link.
ACTIONS = {
    ServiceKind.ONSITE_REPAIR: _("Request a repair visit"),
    ServiceKind.MAILIN_REPAIR: _("Send it in for repair"),
    ServiceKind.REMOTE_DIAGNOSIS: _("Book a video diagnosis"),
    ServiceKind.INSTALLATION: _("Book the installation"),
    ServiceKind.GUIDANCE: _("Ask for a how-to visit"),
    ServiceKind.CONSULTATION: _("Ask a question"),
}

ORDER = [
    ServiceKind.ONSITE_REPAIR,
    ServiceKind.MAILIN_REPAIR,
    ServiceKind.REMOTE_DIAGNOSIS,
    ServiceKind.INSTALLATION,
    ServiceKind.GUIDANCE,
    ServiceKind.CONSULTATION,
]


def kinds_for(*, category: str, installed: bool) -> list[str]:
    """The kinds a customer may ask for, most asked first.

    Installation only for appliances an engineer installs and only while this unit has not
    been installed (or asked for) yet; mail-in repair only for what fits in a parcel.
    """
    kinds = []
    for kind in ORDER:
        if kind == ServiceKind.INSTALLATION and (
            installed or category not in INSTALLED_BY_ENGINEER
        ):
            continue
        if kind == ServiceKind.MAILIN_REPAIR and category not in SENT_IN_FOR_REPAIR:
            continue
        kinds.append(kind)
    return kinds


def actions_for(*, category: str, installed: bool) -> list[tuple[str, str]]:
    """(kind, what its link says) for each kind `kinds_for` allows."""
    return [(kind, ACTIONS[kind]) for kind in kinds_for(category=category, installed=installed)]
