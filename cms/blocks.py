"""StreamField blocks shared by the site's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from aftersales.promises import published_promises


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("caution", _("Caution")), ("warning", _("Warning"))],
        default="tip",
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        template = "cms/blocks/callout.html"
        description = _("A highlighted tip, caution or warning")
        preview_value = {"kind": "caution", "text": "<p>Unplug the unit before cleaning.</p>"}


class ActionCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=60)
    text = blocks.TextBlock(max_length=200, required=False)
    link = blocks.CharBlock(
        max_length=200, help_text=_("A path on this site, e.g. /zh-hans/shop/catalogue/")
    )

    class Meta:
        icon = "link"
        template = "cms/blocks/action_card.html"
        description = _("A card that leads somewhere: the shop, a guide, a service")
        preview_value = {"title": "Book a deep clean", "text": "From ¥129", "link": "/"}


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        template="cms/blocks/heading.html",
        description=_("A section heading"),
        preview_value="Keeping your air conditioner clean",
    )
    paragraph = blocks.RichTextBlock(
        icon="pilcrow",
        template="cms/blocks/paragraph.html",
        description=_("Formatted text"),
        preview_value="<p>Clean the filter every two weeks in summer.</p>",
    )
    image = ImageBlock(
        template="cms/blocks/image.html",
        description=_("An image with alternative text"),
    )
    callout = CalloutBlock()
    actions = blocks.ListBlock(
        ActionCardBlock(),
        icon="list-ul",
        template="cms/blocks/actions.html",
        description=_("A row of action cards"),
    )


class ServicePromisesBlock(blocks.StaticBlock):
    """The service promise table, drawn from the after-sales rules at every render: answer
    and arrival times and compensation exactly as staff set them and the SLA job keeps them.
    Nothing is typed in, so the page cannot drift from what the job grants."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["promises"] = published_promises()
        return context

    class Meta:
        icon = "table"
        template = "cms/blocks/service_promises.html"
        description = _("The service promises table, from the after-sales rules")
        admin_text = _(
            "Shows answer and arrival times and compensation as after-sales staff set them."
        )


class ContentBodyBlock(BodyBlock):
    promises = ServicePromisesBlock()


# --- E-manual blocks --------------------------------------------------------------------


class StepBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])
    image = ImageBlock(required=False)

    class Meta:
        icon = "list-ol"


class StepsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(StepBlock(), **kwargs)

    class Meta:
        icon = "list-ol"
        template = "cms/blocks/steps.html"
        description = _("Numbered steps, each with an optional picture")


class SpecRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60)
    value = blocks.CharBlock(max_length=120)


class SpecTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(max_length=80, required=False)
    rows = blocks.ListBlock(SpecRowBlock())

    class Meta:
        icon = "table"
        template = "cms/blocks/spec_table.html"
        description = _("A specification table: label and value per row")
        preview_value = {
            "caption": "Specifications",
            "rows": [{"label": "Rated power", "value": "1,020 W"}],
        }


class VideoBlock(blocks.StructBlock):
    video = SnippetChooserBlock("cms.Video")
    caption = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        icon = "media"
        template = "cms/blocks/video.html"
        description = _("A usage video with captions")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])


class FAQBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(QuestionBlock(), **kwargs)

    class Meta:
        icon = "help"
        template = "cms/blocks/faq.html"
        description = _("Questions and answers")


class FaultBlock(blocks.StructBlock):
    """Symptom -> likely causes -> steps to try; if still broken, how to reach service."""

    symptom = blocks.CharBlock(max_length=120)
    error_code = blocks.CharBlock(max_length=12, required=False, help_text=_("e.g. E1, F3"))
    anchor = blocks.CharBlock(
        max_length=60,
        search_index=False,
        help_text=_("A short ASCII name for deep links and statistics, e.g. e1"),
    )
    causes = blocks.ListBlock(blocks.CharBlock(max_length=200))
    steps = blocks.ListBlock(blocks.CharBlock(max_length=300))
    needs_engineer = blocks.BooleanBlock(
        required=False, help_text=_("Tell the customer to stop and call service at once")
    )


class TroubleshootingBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(FaultBlock(), **kwargs)

    class Meta:
        icon = "warning"
        template = "cms/blocks/troubleshooting.html"
        description = _("Faults with their causes and fixes")


class ManualContentBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        icon="pilcrow", template="cms/blocks/paragraph.html", description=_("Formatted text")
    )
    image = ImageBlock(template="cms/blocks/image.html", description=_("An image"))
    steps = StepsBlock()
    callout = CalloutBlock()
    specs = SpecTableBlock()
    video = VideoBlock()
    faq = FAQBlock()
    troubleshooting = TroubleshootingBlock()


class ManualSectionBlock(blocks.StructBlock):
    """A chapter of the manual: one entry in the table of contents, one deep link."""

    title = blocks.CharBlock(max_length=80)
    anchor = blocks.CharBlock(
        max_length=40,
        search_index=False,
        help_text=_("ASCII, used in links: #install, #cleaning, #troubleshooting"),
    )
    content = ManualContentBlock()

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/manual_section.html"
        description = _("A manual chapter with its own table-of-contents entry")


class ManualBodyBlock(blocks.StreamBlock):
    section = ManualSectionBlock()


class GuideBodyBlock(BodyBlock):
    steps = StepsBlock()
    video = VideoBlock()
    faq = FAQBlock()
