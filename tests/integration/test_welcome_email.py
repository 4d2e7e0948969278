import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from membership.models import MemberProfile
from membership.tasks import send_welcome_email


def register(client, lang, email):
    return client.post(
        f"/{lang}/shop/accounts/login/",
        {
            "registration-email": email,
            "registration-password1": "a-Long-pass-phrase-42",
            "registration-password2": "a-Long-pass-phrase-42",
            "registration_submit": "Register",
        },
    )


@pytest.mark.django_db
class TestSigningUp:
    def test_sends_one_welcome_email_in_the_language_used(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = register(client, "en", "new.member@example.com")
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["new.member@example.com"]
        assert mail.outbox[0].subject == "Welcome to Aftercare"
        assert "register your appliances" in mail.outbox[0].body
        profile = MemberProfile.objects.get(user__email="new.member@example.com")
        assert profile.preferred_language == "en"
        assert profile.welcomed_at is not None

    def test_a_chinese_sign_up_gets_a_chinese_email(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            register(client, "zh-hans", "xin.huiyuan@example.com")
        assert len(mail.outbox) == 1
        assert mail.outbox[0].subject == "欢迎加入 Aftercare"
        assert "感谢" in mail.outbox[0].body
        assert "登记您的家电" in mail.outbox[0].body

    def test_rejects_mismatched_passwords_with_a_message_and_no_account(self, client):
        response = client.post(
            "/en/shop/accounts/login/",
            {
                "registration-email": "typo@example.com",
                "registration-password1": "a-Long-pass-phrase-42",
                "registration-password2": "a-Long-pass-phrase-43",
                "registration_submit": "Register",
            },
        )
        assert response.status_code == 200
        assert "didn’t match" in response.content.decode() or "match" in response.content.decode()
        assert not get_user_model().objects.filter(email="typo@example.com").exists()
        assert mail.outbox == []


@pytest.mark.django_db
class TestTheWelcomeTask:
    def test_sends_nothing_more_when_run_twice(self):
        user = get_user_model().objects.create_user("twice", "twice@example.com", "pw")
        assert send_welcome_email(user.pk) is True
        assert send_welcome_email(user.pk) is False
        assert len(mail.outbox) == 1

    def test_ignores_a_user_who_no_longer_exists(self):
        assert send_welcome_email(987654321) is False
        assert mail.outbox == []

    def test_releases_its_claim_when_the_mail_server_fails(self, settings):
        settings.EMAIL_BACKEND = "tests.integration.test_welcome_email.FailingBackend"
        user = get_user_model().objects.create_user("fail", "fail@example.com", "pw")
        with pytest.raises(ConnectionError):
            send_welcome_email(user.pk)
        assert MemberProfile.objects.get(user=user).welcomed_at is None


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("SMTP server unreachable")
