from django.contrib import messages
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from .base import ProductListView

Category = get_model("catalogue", "Category")


class CatalogueView(ProductListView):
    template_name = "oscar/catalogue/browse.html"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            messages.error(request, _("The given page number was invalid."))
            return redirect("catalogue:index")

    def get_queryset(self):
        return self.browsable_products()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("All products")
        return context


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected_path = self.category.get_absolute_url()
        if expected_path != request.path:
            return HttpResponsePermanentRedirect(expected_path)
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            messages.error(request, _("The given page number was invalid."))
            return redirect(expected_path)

    def get_queryset(self):
        categories = self.category.get_descendants_and_self()
        return self.browsable_products().filter(categories__in=categories).distinct()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context
