from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from .models import MemberProfile


def ensure_profile(*, user: AbstractBaseUser, language: str | None = None) -> MemberProfile:
    """The member profile of `user`, created on first need with the language they used."""
    supported = dict(settings.LANGUAGES)
    defaults = {"preferred_language": language if language in supported else settings.LANGUAGE_CODE}
    profile, _created = MemberProfile.objects.get_or_create(user=user, defaults=defaults)
    return profile
