from oscar.apps.search.signals import user_search
from oscar.core.loading import get_class

from .base import ProductListView, matching

SearchForm = get_class("search.forms", "SearchForm")


class FacetedSearchView(ProductListView):
    """The shop's search box: every word must match; an empty query lists nothing."""

    template_name = "oscar/search/results.html"

    def dispatch(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "").strip()[:100]
        user_search.send(sender=self, session=request.session, user=request.user, query=self.query)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        if not self.query:
            return self.browsable_products().none()
        return matching(self.browsable_products(), self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            query=self.query,
            form=SearchForm(self.request.GET),
            page=context["page_obj"],
            results=context["products"],
        )
        return context
