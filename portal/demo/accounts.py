"""Demo sign-ins, one per role; the roles' groups come from portal.roles.

Passwords are set when an account is created and never again, so a tester who changed
one keeps it across reruns.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from membership.models import MemberProfile
from membership.services import ensure_profile
from portal.roles import SHOP_STAFF_RIGHTS, sync_roles

from .editorial import load_editorial_groups
from .records import ensure

__all__ = ["ACCOUNTS", "SHOP_STAFF_RIGHTS", "load_accounts"]

PASSWORD = "demo1234"
CUSTOMER_PHONE = "13800138000"


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
        "Dispatcher (service desk)",
        "dispatcher@aftercare.demo",
        "敏",
        "周",
        "Dispatcher",
        "dashboard",
        is_staff=True,
    ),
    Account(
        "Supervisor",
        "supervisor@aftercare.demo",
        "涛",
        "吴",
        "Supervisor",
        "dashboard",
        is_staff=True,
    ),
    Account("Engineer", "engineer@aftercare.demo", "建国", "王", "Engineer", "engineer"),
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
    # The staff roles' groups exactly as the roles migration writes them (portal.roles).
    groups = {**load_editorial_groups(), **sync_roles()}
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
