"""Staff roles: groups written by the roles migration from portal.roles, levels read from
permissions (aftersales.ladder), and screens that check permissions, not group names."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from aftersales import ladder
from aftersales.models import StaffLevel
from portal.roles import ROLES, sync_roles
from tests.factories.service import make_engineer
from tests.factories.staff import (
    make_dispatcher,
    make_manager,
    make_shop_staff,
    make_staff,
    make_supervisor,
    make_team_lead,
)

pytestmark = pytest.mark.django_db
# The latest roles migration: on a new database it writes every role with all its rights.
LATEST_ROLES_MIGRATION = "0006_synonym_rights"
roles_migration = importlib.import_module(f"portal.migrations.{LATEST_ROLES_MIGRATION}")


def rights_of(group: Group) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def expected(role: str) -> set[str]:
    return {
        f"{label}.{codename}" for label, codenames in ROLES[role].items() for codename in codenames
    }


class TestTheRolesMigration:
    def test_wrote_every_role_with_exactly_its_rights(self):
        for role in ROLES:
            assert rights_of(Group.objects.get(name=role)) == expected(role), role

    def test_on_a_new_database_creates_the_permissions_it_needs_and_twice_is_harmless(self):
        # A new database: no permissions yet (Django writes them after the last migration)
        # and no groups. The migration runs with its own historical models.
        Group.objects.filter(name__in=ROLES).delete()
        Permission.objects.all().delete()
        state = MigrationExecutor(connection).loader.project_state(
            ("portal", LATEST_ROLES_MIGRATION), at_end=True
        )
        roles_migration.update_roles(state.apps, connection.schema_editor())
        first = {role: rights_of(Group.objects.get(name=role)) for role in ROLES}
        roles_migration.update_roles(state.apps, connection.schema_editor())
        again = {role: rights_of(Group.objects.get(name=role)) for role in ROLES}
        assert first == again == {role: expected(role) for role in ROLES}
        assert Group.objects.filter(name__in=ROLES).count() == len(ROLES)

    def test_puts_back_a_right_taken_away_and_removes_one_added(self):
        dispatcher = Group.objects.get(name="Dispatcher")
        dispatcher.permissions.remove(Permission.objects.get(codename="grant_compensation"))
        dispatcher.permissions.add(Permission.objects.get(codename="level_manager"))
        sync_roles()
        assert rights_of(dispatcher) == expected("Dispatcher")


class TestTheLadder:
    def test_each_role_has_its_level(self, django_user_model):
        assert ladder.level_of(make_dispatcher()) == StaffLevel.AGENT
        assert ladder.level_of(make_team_lead()) == StaffLevel.TEAM_LEAD
        assert ladder.level_of(make_supervisor()) == StaffLevel.SUPERVISOR
        assert ladder.level_of(make_manager()) == StaffLevel.MANAGER
        assert ladder.level_of(make_shop_staff()) is None
        assert ladder.level_of(make_engineer().user) is None

    def test_each_level_is_told_to_its_own_staff(self):
        desk = make_dispatcher(email="desk@example.cn")
        lead = make_team_lead(email="lead@example.cn")
        make_staff("Dispatcher", email="", first_name="no email")
        assert list(ladder.staff_at(StaffLevel.AGENT)) == [desk]
        assert list(ladder.staff_at(StaffLevel.TEAM_LEAD)) == [lead]
        assert not ladder.staff_at(StaffLevel.MANAGER).exists()

    def test_an_engineer_works_jobs_and_nothing_else(self):
        user = make_staff("Engineer")
        assert user.has_perm("aftersales.work_servicerequest")
        assert not user.has_perm("aftersales.dispatch_servicerequest")
        assert not user.has_perm("aftersales.view_servicerequest")


class TestAnEarlierRolesMigration:
    def test_leaves_rights_on_models_it_cannot_see_to_the_later_one(self):
        # 0001 runs before the feedback loop's models exist on a new database.
        earlier = importlib.import_module("portal.migrations.0001_staff_roles")
        Group.objects.filter(name__in=ROLES).delete()
        Permission.objects.all().delete()
        state = MigrationExecutor(connection).loader.project_state(
            ("portal", "0001_staff_roles"), at_end=True
        )
        earlier.create_roles(state.apps, connection.schema_editor())
        desk = rights_of(Group.objects.get(name="Dispatcher"))
        assert "aftersales.grant_compensation" in desk
        assert "aftersales.answer_mailbox" not in desk
