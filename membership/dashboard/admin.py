# Django's admin autodiscovery imports this module (membership.dashboard is an app); the
# rewards catalogue registers its admin here, beside the ledger's in membership/admin.py.
from ..rewards import admin  # noqa: F401
