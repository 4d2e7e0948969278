default_app_config = "catalog.checkout.apps.CheckoutConfig"
