"""The service desk's ladder: agent → team lead → supervisor → manager.

A staff member's level comes from permissions, never from a group's name: the
`aftersales.level_*` permissions (roles give them; see portal.roles) place someone above
the desk, and `aftersales.grant_compensation` alone makes an agent. The same level picks
whose caps a grant is checked against and who is told when a late request climbs.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet

from .models import ROLE_OF_LEVEL, StaffLevel

# Above the desk, highest first: the permission that puts someone at that level.
LEVEL_PERMISSIONS = {
    StaffLevel.MANAGER: "level_manager",
    StaffLevel.SUPERVISOR: "level_supervisor",
    StaffLevel.TEAM_LEAD: "level_team_lead",
}
GRANT_PERMISSION = "grant_compensation"
# Who works the desk (level 0) and is told first, at 75 % of the answer time.
DESK_PERMISSION = "dispatch_servicerequest"
TOP = StaffLevel.MANAGER


def level_of(user) -> StaffLevel | None:
    """The highest level `user` holds, or None if they may not grant compensation at all."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    for level, codename in LEVEL_PERMISSIONS.items():
        if user.has_perm(f"aftersales.{codename}"):
            return level
    if user.has_perm(f"aftersales.{GRANT_PERMISSION}"):
        return StaffLevel.AGENT
    return None


def role_of(level: StaffLevel) -> str:
    """The role recorded on a grant made at `level` (a GrantRole value)."""
    return ROLE_OF_LEVEL[StaffLevel(level)].value


def _holding(codename: str) -> Q:
    permission = Permission.objects.filter(content_type__app_label="aftersales", codename=codename)
    return Q(user_permissions__in=permission) | Q(groups__permissions__in=permission)


def staff_at(level: int) -> QuerySet:
    """Active staff with an email who are told at `level`.

    Level 0 is the desk: whoever dispatches and holds no level above it. Levels 1–3 are
    whoever holds that level's permission (superusers are told only if they hold it too).
    """
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    if level == StaffLevel.AGENT:
        above = Q()
        for codename in LEVEL_PERMISSIONS.values():
            above |= _holding(codename)
        above_ids = users.filter(above).values("pk")
        return users.filter(_holding(DESK_PERMISSION)).exclude(pk__in=above_ids).distinct()
    return users.filter(_holding(LEVEL_PERMISSIONS[StaffLevel(level)])).distinct()
