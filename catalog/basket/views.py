from django.utils.translation import gettext as _
from oscar.apps.basket import views as oscar_views

from aftersales import services as aftersales


class BasketAddView(oscar_views.BasketAddView):
    def form_valid(self, form):
        # A plan bought together with registering its unit: register first, so the basket
        # line names a real unit; a serial already registered to someone else stops here.
        if form.new_unit is not None:
            unit = form.new_unit
            try:
                unit = aftersales.register_unit(
                    owner=self.request.user,
                    appliance_model=unit.appliance_model,
                    serial=unit.serial,
                    purchase_date=unit.purchase_date,
                )
            except aftersales.AlreadyYours as mine:
                unit = mine.unit
            except aftersales.SerialTaken:
                form.add_error(
                    "new_serial",
                    _(
                        "This serial number is already registered. If this unit is yours, "
                        "please call our service hotline."
                    ),
                )
                return self.form_invalid(form)
            form.cleaned_data["unit"] = unit
        return super().form_valid(form)


class VoucherAddView(oscar_views.VoucherAddView):
    def apply_voucher_to_basket(self, voucher):
        # The middleware has already applied offers to this basket object, and Oscar's view
        # applies them again without clearing the lines' record of what consumed them. An
        # exclusive voucher offer (a free cleaning, a points gift) then finds the line taken
        # by the non-exclusive tier discount and is refused, though it goes first on a fresh
        # basket. Start from clean lines, as Oscar's own basket views do after a change.
        self.request.basket.reset_offer_applications()
        return super().apply_voucher_to_basket(voucher)
