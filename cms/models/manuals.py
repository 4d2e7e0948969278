from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import ManualBodyBlock
from ..text import searchable_text


class ManualIndexPage(Page):
    """/manuals/: every e-manual of the language, by category."""

    intro = models.CharField(_("intro"), max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ManualPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("manual index")


class ManualPage(Page):
    """The e-manual of one appliance model in one language; also the QR code's landing."""

    appliance_model = models.ForeignKey(
        "catalog.ApplianceModel",
        on_delete=models.PROTECT,
        related_name="manual_pages",
        verbose_name=_("appliance model"),
    )
    intro = models.CharField(_("intro"), max_length=250, blank=True)
    body = StreamField(ManualBodyBlock(), blank=True)
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("full manual (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Title, intro and body flattened for substring search (Chinese has no spaces).
    search_text = models.TextField(editable=False, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("appliance_model"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("pdf"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("appliance_model"),
    ]
    parent_page_types = ["cms.ManualIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("e-manual")
        verbose_name_plural = _("e-manuals")

    def clean(self):
        super().clean()
        if not self.appliance_model_id or not self.locale_id:
            return
        others = ManualPage.objects.filter(
            appliance_model_id=self.appliance_model_id, locale_id=self.locale_id
        ).exclude(translation_key=self.translation_key)
        if others.exists():
            raise ValidationError(
                {"appliance_model": _("This model already has a manual in this language.")}
            )

    def save(self, *args, **kwargs):
        self.search_text = searchable_text(self.title, self.intro, self.body)
        return super().save(*args, **kwargs)

    def sections(self):
        """(anchor, title) of every chapter, for the table of contents."""
        return [
            (block.value["anchor"], block.value["title"])
            for block in self.body
            if block.block_type == "section"
        ]
