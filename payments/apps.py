from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    # "payments", not Oscar's "payment": this app holds the gateway side (Stripe or the
    # demo), Oscar's payment app keeps the sources and events shown on the order.
    name = "payments"
    label = "payments"
    verbose_name = _("Card payments")
