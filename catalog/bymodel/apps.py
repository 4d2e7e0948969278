from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopByModelConfig(AppConfig):
    # No models: an app only so that its templates, static files and template tags load.
    name = "catalog.bymodel"
    label = "bymodel"
    verbose_name = _("Shop by appliance model")
