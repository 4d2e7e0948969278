"""StreamField blocks shared by the site's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


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
