"""Oscar's add-to-basket forms, one class per line kind.

Oscar builds `AddToBasketForm(basket, product, ...)` in its views and template tags; the
class hands a plan to PlanLineForm and a visit to VisitLineForm, anything else (a filter,
a part) keeps Oscar's own behaviour.
"""

from oscar.apps.basket.forms import AddToBasketForm as CoreAddToBasketForm
from oscar.apps.basket.forms import SimpleAddToBasketMixin

from catalog.kinds import CLEANING, PLAN, product_kind

from .lines.plan import NEW_UNIT, PlanLineForm
from .lines.service import slot_choice, slot_label, unit_label
from .lines.visit import VisitLineForm

__all__ = [
    "NEW_UNIT",
    "AddToBasketForm",
    "PlanLineForm",
    "SimpleAddToBasketForm",
    "VisitLineForm",
    "slot_choice",
    "slot_label",
    "unit_label",
]


class KindDispatch:
    """Builds the form of the product's kind when the generic class is asked for."""

    kind_forms: dict = {}
    new_unit = None

    def __new__(cls, basket, product, *args, **kwargs):
        form_class = cls.kind_forms.get(product_kind(product))
        if form_class is None:
            return super().__new__(cls)
        # Not an instance of cls, so Python will not call __init__ again on it.
        return form_class(basket, product, *args, **kwargs)


class SimplePlanLineForm(SimpleAddToBasketMixin, PlanLineForm):
    pass


class SimpleVisitLineForm(SimpleAddToBasketMixin, VisitLineForm):
    pass


class AddToBasketForm(KindDispatch, CoreAddToBasketForm):
    kind_forms = {PLAN: PlanLineForm, CLEANING: VisitLineForm}


class SimpleAddToBasketForm(SimpleAddToBasketMixin, AddToBasketForm):
    kind_forms = {PLAN: SimplePlanLineForm, CLEANING: SimpleVisitLineForm}
