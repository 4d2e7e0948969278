from django.db.models.signals import post_save
from django.dispatch import receiver

from membership import points

from .models import RegisteredUnit, ServiceBooking
from .signals import booking_completed


@receiver(post_save, sender=RegisteredUnit, dispatch_uid="aftersales.reward_registered_unit")
def reward_registered_unit(sender, instance, created, raw=False, **kwargs):
    # On the model's save rather than in register_unit: a unit registered any way (form,
    # QR code, staff in the admin) earns once, in the same transaction as the unit, so a
    # registration rolled back awards nothing.
    if created and not raw:
        points.award_for_registration(owner=instance.owner, unit_id=instance.pk)


@receiver(booking_completed, sender=ServiceBooking, dispatch_uid="aftersales.reward_cleaning_visit")
def reward_cleaning_visit(sender, booking, **kwargs):
    # Whoever marks the visit done (staff in the dashboard, the engineer's page), the
    # customer earns once: the ledger's source key is the booking's.
    points.award_for_cleaning_visit(customer=booking.customer, booking_id=booking.pk)
