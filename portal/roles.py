"""Staff roles: one Django group per role, and the permissions each gives. The one definition.

The data migration portal/0001_staff_roles writes these groups on every new database; the
demo and the test factories read them from here too, so the rights a test lets in or keeps
out are the ones the site has. Views check permissions, never a group's name.

Editors and Moderators are Wagtail's own groups (its migrations create them, with their
rights on the page tree and the media); portal.demo.editorial keeps them in order.

The service desk's ladder (aftersales.ladder) reads levels from permissions:
`grant_compensation` alone makes an agent (level 0), `level_team_lead`, `level_supervisor`
and `level_manager` the levels above, whose compensation caps and escalation notices apply.
The hotline agent is the dispatcher: one desk takes the call, opens the request and sends
the engineer, as the maker's service centres work.

Changing a role here means a new migration in portal/ that calls `sync_roles` again,
depending on the migrations of the models whose rights it gives; the earlier roles
migrations then run with `strict=False`.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

# What the Oscar dashboard checks for the screens shop staff use (see each
# oscar/apps/dashboard/*/apps.py permissions_map); no delete rights.
SHOP_STAFF_RIGHTS = {
    "partner": [
        "dashboard_access",
        "view_partner",
        "view_stockrecord",
        "add_stockrecord",
        "change_stockrecord",
        "view_stockalert",
        "change_stockalert",
    ],
    "catalogue": [
        "view_product",
        "add_product",
        "change_product",
        "view_category",
        "add_category",
        "change_category",
        "view_productclass",
        "view_productimage",
        "add_productimage",
        "change_productimage",
    ],
    "order": ["view_order", "change_order"],
    # Staff print QR label sheets for factory runs and read scan statistics in /cms/.
    "wagtailadmin": ["access_admin"],
    "cms": ["add_labelbatch", "view_labelbatch", "view_scancount", "view_sectionopencount"],
    # The after-sales dashboard: claims are added, never edited; slots are opened and resized.
    "aftersales": [
        "view_registeredunit",
        "view_warrantycontract",
        "change_warrantycontract",
        "view_warrantyclaim",
        "add_warrantyclaim",
        "view_servicebooking",
        "change_servicebooking",
        "view_serviceslot",
        "add_serviceslot",
        "change_serviceslot",
        "view_servicearea",
        "change_servicearea",
    ],
    "offer": [
        "view_conditionaloffer",
        "add_conditionaloffer",
        "change_conditionaloffer",
        "view_range",
        "add_range",
        "change_range",
        "view_condition",
        "add_condition",
        "change_condition",
        "view_benefit",
        "add_benefit",
        "change_benefit",
    ],
    "voucher": [
        "view_voucher",
        "add_voucher",
        "change_voucher",
        "view_voucherset",
        "add_voucherset",
        "change_voucherset",
    ],
    "reviews": ["view_productreview", "change_productreview"],
    # Returns and exchanges of goods (catalog.returns): approved, refused and received here.
    "returns": ["view_returnrequest", "change_returnrequest"],
    # Lifting a customer's sign-in lockout: Django admin, Axes > Access attempts (issue #13).
    "axes": ["view_accessattempt", "delete_accessattempt"],
    # Points reports, member lookup by phone, and adjustments (which record who made them).
    "membership": [
        "view_memberprofile",
        "view_pointsaccount",
        "view_ledgerentry",
        "add_ledgerentry",
        "view_reward",
        "view_rewardredemption",
    ],
    # The VAT invoice queue (issue #15): read the requests, record the invoices issued.
    "invoices": ["view_invoicerequest", "change_invoicerequest"],
    # The search's synonym table (appliances.SynonymGroup, app label "catalog"), a snippet in
    # /cms/: staff who name the products keep filter ↔ 滤芯 in step. A group is search
    # tuning, not a business record, so a wrong one may be deleted.
    "catalog": [
        "view_synonymgroup",
        "add_synonymgroup",
        "change_synonymgroup",
        "delete_synonymgroup",
    ],
}

# The service desk (level 0): takes hotline calls and opens requests for callers, imports
# partners' installation orders, dispatches engineers, grants small compensation.
DESK_RIGHTS = {
    "partner": ["dashboard_access"],
    "aftersales": [
        "view_servicerequest",
        "add_servicerequest",
        "change_servicerequest",
        "dispatch_servicerequest",
        "view_serviceevent",
        "view_serviceattachment",
        "view_assignment",
        "add_assignment",
        "change_assignment",
        "view_engineer",
        "view_servicearea",
        "view_serviceslot",
        "view_servicebooking",
        "change_servicebooking",
        "view_registeredunit",
        "view_warrantycontract",
        "view_servicepromise",
        "view_repairrate",
        "view_installationpartner",
        "view_compensationcap",
        "view_compensationgrant",
        "grant_compensation",
        # The director's mailbox (issue #12): the desk owns and answers its messages.
        "answer_mailbox",
    ],
    "membership": ["view_memberprofile"],
}
# Rating follow-ups are the area supervisor's; campaigns on the mailbox are read by those
# who follow feedback up and written by managers (issue #12).
FEEDBACK_FOLLOW_UP = ["follow_up_rating", "view_servicerating", "view_feedbackcampaign"]


def _plus(base: dict, extra: dict) -> dict:
    merged = {label: list(codenames) for label, codenames in base.items()}
    for label, codenames in extra.items():
        merged.setdefault(label, [])
        merged[label] += [codename for codename in codenames if codename not in merged[label]]
    return merged


ROLES = {
    "Shop staff": SHOP_STAFF_RIGHTS,
    "Dispatcher": DESK_RIGHTS,
    # An engineer works on the jobs given to them (the phone page), nothing else.
    "Engineer": {"aftersales": ["work_servicerequest"]},
    "Team lead": _plus(
        DESK_RIGHTS, {"aftersales": ["level_team_lead", "view_touchpoint_dashboard"]}
    ),
    "Supervisor": _plus(
        DESK_RIGHTS,
        {
            "aftersales": [
                "level_supervisor",
                "change_servicearea",
                "view_servicealert",
                *FEEDBACK_FOLLOW_UP,
                "view_touchpoint_dashboard",
            ]
        },
    ),
    # Managers write the rules: the published promises, rates, engineers, caps, partners.
    "Manager": _plus(
        DESK_RIGHTS,
        {
            "aftersales": [
                "level_manager",
                "change_servicepromise",
                "add_servicepromise",
                "change_repairrate",
                "add_repairrate",
                "add_engineer",
                "change_engineer",
                "change_servicearea",
                "change_compensationcap",
                "add_compensationcap",
                "add_installationpartner",
                "change_installationpartner",
                *FEEDBACK_FOLLOW_UP,
                "add_feedbackcampaign",
                "change_feedbackcampaign",
                "view_touchpoint_dashboard",
            ]
        },
    ),
}
# Wagtail's migrations create these; they are roles too, kept by portal.demo.editorial.
WAGTAIL_ROLES = ("Editors", "Moderators")


def sync_roles(
    *, apps=global_apps, using: str = DEFAULT_DB_ALIAS, names=None, strict: bool = True
) -> dict:
    """Give each role's group exactly its rights (creating the group if need be).

    Safe to run again: a second run changes nothing. `apps` is the migration's historical
    registry inside a migration, where permissions for models created earlier in the same
    `migrate` do not exist yet; they are created first.

    `strict=False` is for a roles migration that is no longer the latest: rights on models
    its historical state does not have yet are left to the later roles migration that
    depends on them (which runs strict), instead of failing a new database's `migrate`.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted_roles = {name: ROLES[name] for name in (names or ROLES)}
    found = _permissions(Permission, wanted_roles, using)
    if _missing(found, wanted_roles):
        _create_permissions(apps, using)
        found = _permissions(Permission, wanted_roles, using)
    missing = _missing(found, wanted_roles)
    if missing and strict:
        raise LookupError(f"No such permissions: {sorted(missing)}")
    groups = {}
    for name in wanted_roles:
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(found[name])
        groups[name] = group
    return groups


def _permissions(Permission, roles: dict, using: str) -> dict:
    labels = {label for rights in roles.values() for label in rights}
    rows = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.using(using)
        .filter(content_type__app_label__in=labels)
        .select_related("content_type")
    }
    return {
        name: [
            rows[(label, codename)]
            for label, codenames in rights.items()
            for codename in codenames
            if (label, codename) in rows
        ]
        for name, rights in roles.items()
    }


def _missing(found: dict, roles: dict) -> set:
    have = {(p.content_type.app_label, p.codename) for rights in found.values() for p in rights}
    return {
        f"{label}.{codename}"
        for rights in roles.values()
        for label, codenames in rights.items()
        for codename in codenames
        if (label, codename) not in have
    }


def _create_permissions(apps, using: str) -> None:
    """Django creates permissions after the whole `migrate`; a data migration needs them
    now. A migration's app configs are stubs without a models module, which
    create_permissions skips, so each is marked as having one for the call."""
    for app_config in apps.get_app_configs():
        stub = getattr(app_config, "models_module", None) is None
        if stub:
            app_config.models_module = True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            if stub:
                app_config.models_module = None
