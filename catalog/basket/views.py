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
