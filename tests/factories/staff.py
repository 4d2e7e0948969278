"""Staff for tests: the shop staff role, a superuser, and Wagtail's editorial groups.

The shop staff's rights are the role's one definition, SHOP_STAFF_RIGHTS in
portal.demo.accounts (no data migration creates that group yet), so a test that lets
shop staff in or keeps them out checks the role the demo's staff sign in with, without
reading the demo's rows. Editors and Moderators are the groups Wagtail's own migration
creates; a transactional test that emptied the tables has removed them, so ask for them
only in an ordinary (rolled back) test.
"""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from portal.demo.accounts import SHOP_STAFF_RIGHTS
from tests.factories.catalog import store

SHOP_STAFF = "Shop staff"
PASSWORD = "Staff-pass-phrase-42"

_sequence = itertools.count(1)


def shop_staff_group() -> Group:
    """The shop staff group with exactly the role's rights."""
    group, _created = Group.objects.get_or_create(name=SHOP_STAFF)
    rights = []
    for app_label, codenames in SHOP_STAFF_RIGHTS.items():
        found = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        missing = set(codenames) - {permission.codename for permission in found}
        assert not missing, f"No such {app_label} permissions: {sorted(missing)}"
        rights.extend(found)
    group.permissions.set(rights)
    return group


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


def make_superuser(**fields):
    return _user("admin", is_staff=True, is_superuser=True, **fields)


def in_wagtail_group(name: str, **fields):
    """A user in one of the groups Wagtail's migration creates ("Editors", "Moderators")."""
    user = _user(name.lower().rstrip("s"), **fields)
    user.groups.add(Group.objects.get(name=name))
    return user
