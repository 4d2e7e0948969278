from django.urls import path
from oscar.apps.checkout import apps


class CheckoutConfig(apps.CheckoutConfig):
    name = "catalog.checkout"

    def ready(self):
        super().ready()
        from . import views

        self.pay_view = views.PayView
        self.payment_return_view = views.PaymentReturnView
        self.points_view = views.PointsView
        self.payment_status_view = views.PaymentStatusView

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path("pay/<uuid:token>/", self.pay_view.as_view(), name="pay"),
                path("return/<uuid:token>/", self.payment_return_view.as_view(), name="return"),
                path("points/", self.points_view.as_view(), name="points"),
                path("status/<uuid:token>/", self.payment_status_view.as_view(), name="status"),
            ]
        )
        return urls
