"""Checkout's forms: a new shipping address is written the Chinese way (catalog.address)."""

from oscar.core.loading import get_model

from catalog.address.forms import ChineseAddressForm


class ShippingAddressForm(ChineseAddressForm):
    class Meta:
        model = get_model("order", "ShippingAddress")
        fields = ["notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes"].widget.attrs["rows"] = 2
