"""Demo sign-ins, one per role, and the shop staff's group.

Passwords are set when an account is created and never again, so a tester who changed
one keeps it across reruns.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from membership.models import MemberProfile
from membership.services import ensure_profile

from .editorial import load_editorial_groups
from .records import ensure

PASSWORD = "demo1234"
CUSTOMER_PHONE = "13800138000"

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
}


@dataclass(frozen=True)
class Account:
    role: str
    email: str
    first_name: str
    last_name: str
    group: str | None
    where: str  # a key of SIGN_IN_PLACES in portal.demo.builder
    is_staff: bool = False
    is_superuser: bool = False

    @property
    def username(self) -> str:
        return self.email.split("@")[0]


ACCOUNTS = [
    Account("Customer", "customer@aftercare.demo", "娜", "李", None, "shop"),
    Account("Editor", "editor@aftercare.demo", "芳", "王", "Editors", "cms"),
    Account("Moderator", "moderator@aftercare.demo", "强", "张", "Moderators", "cms"),
    Account(
        "Shop staff", "staff@aftercare.demo", "磊", "陈", "Shop staff", "dashboard", is_staff=True
    ),
    Account(
        "Superuser",
        "admin@aftercare.demo",
        "Admin",
        "",
        None,
        "django_admin",
        is_staff=True,
        is_superuser=True,
    ),
]


def load_accounts(partner) -> list[Account]:
    groups = {**load_editorial_groups(), "Shop staff": _shop_staff_group()}
    for account in ACCOUNTS:
        user = _user(account)
        if account.group:
            user.groups.add(groups[account.group])
        if account.group == "Shop staff":
            # Oscar scopes a partner user's dashboard to the partners they belong to.
            partner.users.add(user)
        if account.role == "Customer":
            _customer_profile(user)
    return ACCOUNTS


def _user(account: Account):
    User = get_user_model()
    user = User.objects.filter(email__iexact=account.email).first()
    if user is None:
        # create_user hashes the password; later runs leave it alone, so a password the
        # tester changed stays changed.
        user = User.objects.create_user(
            username=account.username,
            email=account.email,
            password=PASSWORD,
            first_name=account.first_name,
            last_name=account.last_name,
            is_staff=account.is_staff,
            is_superuser=account.is_superuser,
        )
    else:
        ensure(
            User,
            {"pk": user.pk},
            {"is_staff": account.is_staff, "is_superuser": account.is_superuser, "is_active": True},
        )
    return user


def _customer_profile(user) -> None:
    profile = ensure_profile(user=user, language="zh-hans")
    # The phone is unique: in a database people have used, someone may hold it already.
    phone_taken = MemberProfile.objects.filter(phone=CUSTOMER_PHONE).exists()
    if profile.phone is None and not phone_taken:
        profile.phone = CUSTOMER_PHONE
        profile.save(update_fields=["phone"])


def _shop_staff_group() -> Group:
    group, _ = Group.objects.get_or_create(name="Shop staff")
    wanted = []
    for app_label, codenames in SHOP_STAFF_RIGHTS.items():
        found = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        missing = set(codenames) - {p.codename for p in found}
        if missing:
            raise LookupError(f"No such {app_label} permissions: {sorted(missing)}")
        wanted.extend(found)
    group.permissions.set(wanted)
    return group
