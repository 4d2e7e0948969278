from oscar.apps.checkout.utils import CheckoutSessionData as CoreCheckoutSessionData


class CheckoutSessionData(CoreCheckoutSessionData):
    """Oscar's checkout session, plus the points the member chose to pay with."""

    def use_points(self, points: int) -> None:
        self._set("payment", "points", int(points))

    def points_to_use(self) -> int:
        return int(self._get("payment", "points", 0) or 0)
