from oscar.apps.shipping import repository

from .methods import StandardDelivery


class Repository(repository.Repository):
    """Standard delivery for baskets with goods in them.

    A basket of plans and visits only gets Oscar's NoShippingRequired from the parent's
    get_shipping_methods; checkout finds the chosen method again there by its code.
    """

    methods = (StandardDelivery(),)
