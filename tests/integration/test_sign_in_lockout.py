"""No password guessing: every login form locks an account, and a client, after ten failures.

The shop's form (also the dashboard's), Django's admin and Wagtail's admin all count into
the same django-axes records; a lock lasts AXES_COOLOFF_TIME (30 minutes) and refuses
even the right password meanwhile. Staff lift one in Django's admin.
"""

import datetime
from dataclasses import dataclass
from io import StringIO

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone

from tests.factories.staff import make_shop_staff

pytestmark = pytest.mark.django_db

PASSWORD = "Right-pass-phrase-42"
WRONG = "not-the-password"
EMAIL = "lin.fang@example.cn"


@dataclass(frozen=True)
class LoginForm:
    name: str
    url: str
    username_field: str
    password_field: str
    extra: tuple[tuple[str, str], ...] = ()

    def post(self, client, username, password, *, ip="127.0.0.1", **headers):
        data = {self.username_field: username, self.password_field: password, **dict(self.extra)}
        return client.post(self.url, data, REMOTE_ADDR=ip, **headers)


SHOP = LoginForm(
    "shop", "/en/shop/accounts/login/", "login-username", "login-password", (("login_submit", "1"),)
)
DJANGO_ADMIN = LoginForm(
    "django admin", "/django-admin/login/", "username", "password", (("next", "/django-admin/"),)
)
WAGTAIL_ADMIN = LoginForm("wagtail admin", "/cms/login/", "username", "password")
FORMS = [SHOP, DJANGO_ADMIN, WAGTAIL_ADMIN]


@pytest.fixture
def account(db):
    # A superuser passes every form's own checks (staff for Django's admin, access_admin
    # for Wagtail's), so only the lockout decides.
    return get_user_model().objects.create_user(
        username="linfang", email=EMAIL, password=PASSWORD, is_staff=True, is_superuser=True
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(form, client, times, *, username=EMAIL, ip="127.0.0.1"):
    return [form.post(client, username, WRONG, ip=ip).status_code for _ in range(times)]


def later(minutes):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.name)
class TestTenWrongPasswordsOnALoginForm:
    def test_lock_the_account_at_the_tenth(self, client, account, form):
        assert fail(form, client, 10) == [200] * 9 + [429]

    def test_the_right_password_is_refused_during_the_cool_off(self, client, account, form):
        fail(form, client, 10)
        with later(29):
            response = form.post(client, EMAIL, PASSWORD)
        assert response.status_code == 429
        assert not signed_in(client)

    def test_the_right_password_works_after_the_cool_off(self, client, account, form):
        fail(form, client, 10)
        with later(31):
            response = form.post(client, EMAIL, PASSWORD)
        assert response.status_code == 302
        assert signed_in(client)

    def test_lock_the_account_when_the_guesses_come_from_many_addresses(
        self, client, account, form
    ):
        for n in range(10):
            fail(form, client, 1, ip=f"203.0.113.{n + 1}")
        response = form.post(client, EMAIL, PASSWORD, ip="198.51.100.200")
        assert response.status_code == 429
        assert not signed_in(client)

    def test_nine_failures_still_let_the_owner_in(self, client, account, form):
        fail(form, client, 9)
        assert form.post(client, EMAIL, PASSWORD).status_code == 302


class TestOneAccountHoweverItIsNamed:
    def test_email_in_any_case_and_username_count_together(self, client, account):
        # Each form from its own address, so that only the account's count can reach ten.
        fail(SHOP, client, 4, username="Lin.Fang@Example.CN", ip="203.0.113.1")
        fail(WAGTAIL_ADMIN, client, 3, username=EMAIL, ip="203.0.113.2")
        statuses = fail(DJANGO_ADMIN, client, 3, username="linfang", ip="203.0.113.3")
        assert statuses == [200, 200, 429]
        assert SHOP.post(client, EMAIL, PASSWORD, ip="198.51.100.9").status_code == 429


class TestOneClientTryingManyAccounts:
    def test_lock_the_client_after_ten_accounts(self, client, account):
        statuses = [
            SHOP.post(client, f"guess{n}@example.cn", WRONG, ip="198.51.100.7").status_code
            for n in range(10)
        ]
        assert statuses == [200] * 9 + [429]
        # Even a real account with its right password, from that client.
        assert SHOP.post(client, EMAIL, PASSWORD, ip="198.51.100.7").status_code == 429

    def test_other_clients_still_sign_in(self, client, account):
        for n in range(10):
            SHOP.post(client, f"guess{n}@example.cn", WRONG, ip="198.51.100.7")
        assert SHOP.post(client, EMAIL, PASSWORD, ip="198.51.100.8").status_code == 302


class TestTheLockedOutPage:
    def test_is_ours_in_english_with_a_retry_after(self, client, account):
        fail(SHOP, client, 10)
        response = SHOP.post(client, EMAIL, PASSWORD)
        html = response.content.decode()
        assert response.status_code == 429
        assert response["Retry-After"] == "1800"
        assert "no-store" in response["Cache-Control"]
        assert "Skip to main content" in html  # the site's own layout
        assert "Too many failed sign-in attempts" in html
        assert "paused for 30 minutes" in html
        assert 'href="/en/shop/password-reset/"' in html
        assert EMAIL not in html

    def test_is_in_chinese_on_the_chinese_shop(self, client, account):
        zh_shop = LoginForm(
            "shop", "/zh-hans/shop/accounts/login/", "login-username", "login-password", SHOP.extra
        )
        fail(zh_shop, client, 10)
        html = zh_shop.post(client, EMAIL, PASSWORD).content.decode()
        assert '<html lang="zh-hans"' in html
        assert "登录失败次数过多" in html
        assert "30 分钟" in html

    @pytest.mark.parametrize("form", [DJANGO_ADMIN, WAGTAIL_ADMIN], ids=lambda form: form.name)
    def test_the_admins_answer_in_the_browsers_language(self, client, account, form):
        fail(form, client, 10)
        english = form.post(client, EMAIL, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
        chinese = form.post(client, EMAIL, PASSWORD, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
        assert "Too many failed sign-in attempts" in english.content.decode()
        assert "登录失败次数过多" in chinese.content.decode()
        assert english.status_code == chinese.status_code == 429


class TestOddInput:
    def test_a_300_character_address_gets_the_forms_answer_not_a_500(self, client, account):
        address = "a" * 288 + "@example.cn"
        assert SHOP.post(client, address, WRONG).status_code == 200
        assert AccessAttempt.objects.get().username == address[:255]


class TestSigningUp:
    def test_still_signs_the_new_member_in(self, client):
        # Oscar authenticates the new account without a request, which Axes alone refuses.
        response = client.post(
            "/en/shop/accounts/login/",
            {
                "registration-email": "new.member@example.cn",
                "registration-password1": PASSWORD,
                "registration-password2": PASSWORD,
                "registration_submit": "Register",
            },
        )
        assert response.status_code == 302
        assert signed_in(client)


@pytest.fixture
def locked(client, account):
    fail(SHOP, client, 10)
    assert SHOP.post(client, EMAIL, PASSWORD).status_code == 429


def unlocker(*codenames, username="duty.manager"):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@aftercare.demo", password=PASSWORD, is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="axes", codename__in=codenames)
    )
    return user


class TestStaffUnlocking:
    def test_staff_with_the_permission_unlock_in_django_admin(self, client, locked):
        staff = unlocker("view_accessattempt", "delete_accessattempt")
        client.force_login(staff)
        listing = client.get("/django-admin/axes/accessattempt/", {"q": EMAIL})
        assert listing.status_code == 200
        rows = list(AccessAttempt.objects.filter(username=EMAIL).values_list("pk", flat=True))
        assert rows and str(rows[0]) in listing.content.decode()
        response = client.post(
            "/django-admin/axes/accessattempt/",
            {"action": "delete_selected", "_selected_action": rows, "post": "yes"},
        )
        assert response.status_code == 302
        client.logout()
        assert SHOP.post(client, EMAIL, PASSWORD).status_code == 302

    def test_shop_staff_may(self):
        staff = make_shop_staff()
        assert staff.has_perms(["axes.view_accessattempt", "axes.delete_accessattempt"])

    def test_staff_without_it_cannot(self, client, locked):
        client.force_login(unlocker("view_accessattempt"))
        rows = list(AccessAttempt.objects.values_list("pk", flat=True))
        client.post(
            "/django-admin/axes/accessattempt/",
            {"action": "delete_selected", "_selected_action": rows, "post": "yes"},
        )
        assert AccessAttempt.objects.count() == len(rows)
        client.force_login(unlocker(username="shop.clerk"))
        assert client.get("/django-admin/axes/accessattempt/").status_code == 403

    def test_the_reset_command_unlocks_an_account_by_email(self, client, locked):
        out = StringIO()
        call_command("axes_reset_username", EMAIL, stdout=out)
        assert "attempts removed" in out.getvalue()
        assert SHOP.post(client, EMAIL, PASSWORD).status_code == 302

    def test_axes_reset_unlocks_everyone(self, client, locked):
        call_command("axes_reset", stdout=StringIO())
        assert not AccessAttempt.objects.exists()
        assert SHOP.post(client, EMAIL, PASSWORD).status_code == 302


class TestBehindAProxy:
    """The lock falls on the client our proxy saw, not on the proxy or on what a client claims."""

    PROXY = "10.0.0.2"

    def via_proxy(self, client, username, password, forwarded):
        return client.post(
            SHOP.url,
            {"login-username": username, "login-password": password, "login_submit": "1"},
            REMOTE_ADDR=self.PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    def test_one_proxy_locks_the_client_it_forwarded(self, client, account, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        for n in range(10):
            # The left entry is the client's own claim, different every time.
            self.via_proxy(client, f"guess{n}@example.cn", WRONG, f"192.0.2.{n}, 203.0.113.5")
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
        assert self.via_proxy(client, EMAIL, PASSWORD, "203.0.113.5").status_code == 429
        # Another customer behind the same proxy is not locked out with the guesser.
        assert self.via_proxy(client, EMAIL, PASSWORD, "198.51.100.23").status_code == 302

    def test_with_no_proxy_a_forwarded_header_changes_nothing(self, client, account, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        for n in range(10):
            self.via_proxy(client, f"guess{n}@example.cn", WRONG, f"203.0.113.{n}")
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {self.PROXY}
        assert self.via_proxy(client, EMAIL, PASSWORD, "198.51.100.23").status_code == 429
