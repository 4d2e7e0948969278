from django.contrib.sessions.serializers import JSONSerializer
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic.base import ContextMixin
from oscar.apps.basket import views as oscar_views
from oscar.core.loading import get_class

from aftersales import services as aftersales
from groundwork import page_cache

SavedLineFormSet = get_class("basket.formsets", "SavedLineFormSet")


class BasketView(oscar_views.BasketView):
    """Oscar's basket page, minus the work an empty basket has no use for.

    With no lines there is nothing to edit, ship, total or upsell (an offer is partly met
    only by lines in the basket), so an empty basket renders the empty state and a signed-in
    customer's items saved for later, without the line formset, the shipping methods and
    default address, the offers and the order total: no query at all for a visitor. That
    page is the same for every visitor without a personal cookie, so the page cache keeps it
    (never a CDN: the basket's address is personal in kind).
    """

    def get(self, request, *args, **kwargs):
        # Reading the lines (not counting them) leaves them cached for the header's count.
        lines = request.basket.all_lines()
        if not lines:
            self.object_list = lines  # names the templates
            response = self.render_to_response(self.get_empty_context_data())
            if page_cache.same_for_everyone(request):
                page_cache.keep(response)
            return response
        return super().get(request, *args, **kwargs)

    def get_empty_context_data(self) -> dict:
        context = ContextMixin.get_context_data(self, basket=self.request.basket)
        saved = self.get_saved_formset()
        if saved is not None:
            context["saved_formset"] = saved
        return context

    def get_saved_formset(self):
        """Items saved for later, as Oscar's get_context_data builds them (None when none)."""
        if not self.request.user.is_authenticated:
            return None
        saved_basket = self.basket_model.saved.filter(owner=self.request.user).first()
        if saved_basket is None:
            return None
        saved_basket.strategy = self.request.basket.strategy
        lines = saved_basket.all_lines()
        if not lines:
            return None
        return SavedLineFormSet(
            strategy=self.request.strategy,
            basket=self.request.basket,
            queryset=lines,
            prefix="saved",
        )


class BasketAddView(oscar_views.BasketAddView):
    def form_invalid(self, form):
        if getattr(form, "just_choosing", False):
            # A visit's address chosen ("show times"): back to the page with what was posted,
            # as Oscar does for a form with errors, but with no error to show.
            data = JSONSerializer().dumps(self.request.POST).decode("latin-1")
            self.request.session[f"add_to_basket_form_post_data_{self.product.pk}"] = data
            return redirect(f"{self.product.get_absolute_url()}#visit-when")
        return super().form_invalid(form)

    def form_valid(self, form):
        new_address = getattr(form, "new_address", None)
        if new_address is not None:
            # A visit to a new address: it joins the address book, once.
            new_address.hash = new_address.generate_hash()
            saved = new_address.__class__.objects.filter(
                user=self.request.user, hash=new_address.hash
            ).first()
            if saved is None:
                new_address.save()
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
