from django.dispatch import receiver
from django.utils import translation
from oscar.core.loading import get_class

from . import services, tasks

user_registered = get_class("customer.signals", "user_registered")


@receiver(user_registered, dispatch_uid="membership.welcome_member")
def welcome_new_member(sender, user, request=None, **kwargs):
    services.ensure_profile(user=user, language=translation.get_language())
    # After commit, so the worker finds the rows; by id, so nothing binds late.
    tasks.send_welcome_email.delay_on_commit(user.pk)
