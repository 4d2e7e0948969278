from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppliancesConfig(AppConfig):
    name = "catalog.appliances"
    # ARCHITECTURE.md calls the model catalog.ApplianceModel; the label makes that literal.
    label = "catalog"
    verbose_name = _("Appliance catalog")
