"""Staff for tests: the site's roles, a superuser, and Wagtail's editorial groups.

Each role's group is written from portal.roles, the roles' one definition (the roles
migration and the demo use it too), so a test that lets a role in or keeps it out checks
the role the site has, also after a transactional test emptied the tables.

Editors and Moderators are the groups Wagtail's own migration creates; a transactional
test that emptied the tables has removed them, so ask for them only in an ordinary (rolled
back) test.
"""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.roles import sync_roles
from tests.factories.catalog import store

SHOP_STAFF = "Shop staff"
PASSWORD = "Staff-pass-phrase-42"

_sequence = itertools.count(1)


def role_group(name: str) -> Group:
    """The role's group with exactly the role's rights (portal.roles.ROLES)."""
    return sync_roles(names=[name])[name]


def shop_staff_group() -> Group:
    return role_group(SHOP_STAFF)


def _user(prefix: str, **fields):
    n = next(_sequence)
    values = {"username": f"{prefix}{n}", "email": f"{prefix}{n}@example.cn"}
    values.update(fields)
    return get_user_model().objects.create_user(password=PASSWORD, **values)


def make_shop_staff(**fields):
    """A member of shop staff, linked to the store as the demo's is (Oscar scopes a partner
    user's dashboard to their partners)."""
    user = _user("staff", is_staff=True, **fields)
    user.groups.add(shop_staff_group())
    store().users.add(user)
    return user


def make_staff(role: str, **fields):
    """A staff member in one of portal.roles' groups ("Dispatcher", "Team lead"…)."""
    prefix = role.lower().replace(" ", "")
    user = _user(prefix, is_staff=True, **fields)
    user.groups.add(role_group(role))
    return user


def make_dispatcher(**fields):
    return make_staff("Dispatcher", **fields)


def make_team_lead(**fields):
    return make_staff("Team lead", **fields)


def make_supervisor(**fields):
    return make_staff("Supervisor", **fields)


def make_manager(**fields):
    return make_staff("Manager", **fields)


def make_superuser(**fields):
    return _user("admin", is_staff=True, is_superuser=True, **fields)


def in_wagtail_group(name: str, **fields):
    """A user in one of the groups Wagtail's migration creates ("Editors", "Moderators")."""
    user = _user(name.lower().rstrip("s"), **fields)
    user.groups.add(Group.objects.get(name=name))
    return user
