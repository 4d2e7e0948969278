from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from appliances import codes
from appliances.models import ApplianceModel, Category

from ..blocks import GuideBodyBlock
from ..text import SearchTextMixin
from .manuals import ManualPage, paginate, prefetch_stream_media

GUIDES_PER_PAGE = 12


class GuideIndexPage(Page):
    """/guides/: care guides, filterable by category, model and tag, paginated."""

    intro = models.CharField(_("intro"), max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guide index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Unknown values are dropped rather than answered with an error: these come from
        # links people share, and "no guides match" says enough.
        category = request.GET.get("category", "")
        category = category if category in Category.values else ""
        model_code = codes.normalise(request.GET.get("model", ""))[:12]
        tag = request.GET.get("tag", "").strip()[:100]

        guides = self.guides()
        filtered = guides
        if category:
            filtered = filtered.filter(category=category)
        if model_code:
            filtered = filtered.filter(appliance_models__public_code=model_code)
        if tag:
            filtered = filtered.filter(tags__name=tag)
        filtered = filtered.prefetch_related("tags")

        # Only choices that lead somewhere: what the live guides of this index use.
        models_used = list(ApplianceModel.objects.filter(guides__in=guides).distinct())
        categories_used = set(guides.order_by().values_list("category", flat=True).distinct())
        context.update(
            guides=paginate(filtered, request.GET.get("page"), per_page=GUIDES_PER_PAGE),
            filters={"category": category, "model": model_code, "tag": tag},
            is_filtered=bool(category or model_code or tag),
            category_choices=[
                (value, label) for value, label in Category.choices if value in categories_used
            ],
            model_choices=models_used,
            chosen_model=next((m for m in models_used if m.public_code == model_code), None),
            tag_choices=list(
                Tag.objects.filter(cms_guidepagetag_items__content_object__in=guides)
                .distinct()
                .order_by("name")
            ),
        )
        return context

    def guides(self):
        """Live guides under this index (so in its language), in the editors' tree order."""
        return GuidePage.objects.child_of(self).live().order_by("path")


class GuidePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.GuidePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class GuidePage(SearchTextMixin, Page):
    """A care guide: how to descale, when to change the filter, saving energy..."""

    intro = models.CharField(_("intro"), max_length=250)
    category = models.CharField(
        _("appliance category"), max_length=32, choices=Category.choices, blank=True, db_index=True
    )
    appliance_models = ParentalManyToManyField(
        "catalog.ApplianceModel", blank=True, related_name="guides", verbose_name=_("models")
    )
    tags = ClusterTaggableManager(through=GuidePageTag, blank=True)
    body = StreamField(GuideBodyBlock())

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("category"),
        FieldPanel("appliance_models"),
        FieldPanel("tags"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("category"),
    ]
    parent_page_types = ["cms.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("care guide")
        verbose_name_plural = _("care guides")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        models_here = list(self.appliance_models.all())
        manuals = ManualPage.objects.live().filter(
            locale_id=self.locale_id, appliance_model__in=models_here
        )
        manual_by_model = {manual.appliance_model_id: manual for manual in manuals}
        context.update(
            model_links=[(model, manual_by_model.get(model.pk)) for model in models_here],
            guide_index=self.get_parent(),
        )
        return context

    def prepared_body(self) -> StreamValue:
        return prefetch_stream_media(self.body)
