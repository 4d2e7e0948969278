from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopByModelConfig(AppConfig):
    # No models: an app so that its templates, static files and template tags load, and
    # the shop's cache receivers connect (catalog/freshness.py).
    name = "catalog.bymodel"
    label = "bymodel"
    verbose_name = _("Shop by appliance model")

    def ready(self):
        from . import receivers  # noqa: F401
