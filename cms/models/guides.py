from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from catalog.appliances.models import Category

from ..blocks import GuideBodyBlock
from ..text import searchable_text


class GuideIndexPage(Page):
    """/guides/: care guides, filterable by category, model and tag, paginated."""

    intro = models.CharField(_("intro"), max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guide index")


class GuidePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.GuidePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class GuidePage(Page):
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
    search_text = models.TextField(editable=False, blank=True)

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

    def save(self, *args, **kwargs):
        self.search_text = searchable_text(self.title, self.intro, self.body)
        return super().save(*args, **kwargs)
