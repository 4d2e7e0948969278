from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppliancesConfig(AppConfig):
    """The maker's appliance line: the ground floor every other app stands on.

    It lived in catalog/ before the floors were drawn; the label keeps its tables where
    they were (catalog_appliancemodel), and ARCHITECTURE.md's catalog.ApplianceModel.
    """

    name = "appliances"
    label = "catalog"
    verbose_name = _("Appliance catalog")
