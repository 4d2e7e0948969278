from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import translation
from oscar.core.loading import get_class, get_model

from groundwork.queue import enqueue_on_commit

from . import points, services, tasks

user_registered = get_class("customer.signals", "user_registered")
ProductReview = get_model("reviews", "ProductReview")


@receiver(user_registered, dispatch_uid="membership.welcome_member")
def welcome_new_member(sender, user, request=None, **kwargs):
    services.ensure_profile(user=user, language=translation.get_language())
    # After commit, so the worker finds the rows; by id, so nothing binds late.
    enqueue_on_commit(tasks.send_welcome_email, user.pk)


@receiver(post_save, sender=ProductReview, dispatch_uid="membership.reward_approved_review")
def reward_approved_review(sender, instance, raw=False, **kwargs):
    # Oscar's moderation saves the review with its new status; the source key makes a
    # review approved, rejected and approved again earn once.
    if not raw and instance.status == ProductReview.APPROVED:
        points.award_for_review(review=instance)
