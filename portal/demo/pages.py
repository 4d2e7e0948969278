"""The Wagtail tree: a Chinese home page with content pages, and their English translations.

Pages are looked up by locale and slug and left alone once they exist: saving a page
again would add a revision and a log entry, and an editor may have changed it since.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from cms.models import ContentPage, HomePage

from . import text_en, text_zh

# Never seen in a URL (the site root has none), but unique among the root's children:
# the English home page beside it becomes "aftercare-en".
HOME_SLUG = "aftercare"
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def load_pages(categories: dict) -> dict[str, int]:
    zh, _ = Locale.objects.get_or_create(language_code="zh-hans")
    en, _ = Locale.objects.get_or_create(language_code="en")
    links = {code: _links(code, categories) for code in ("zh-hans", "en")}

    home = HomePage.objects.filter(locale=zh, depth=2).first()
    if home is None:
        home = HomePage(slug=HOME_SLUG, locale=zh, **_fields(text_zh.HOME, links["zh-hans"]))
        _tree_root(zh).add_child(instance=home)
        home.save_revision().publish()
    _point_default_site_at(home)
    _remove_wagtail_welcome_page()
    _translate(home, en, _fields(text_en.HOME, links["en"]))

    for slug, content in text_zh.PAGES.items():
        page = home.get_children().filter(slug=slug).specific().first()
        if page is None:
            page = ContentPage(
                slug=slug,
                locale=zh,
                show_in_menus=True,
                **_fields(content, links["zh-hans"]),
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        _translate(page, en, _fields(text_en.PAGES[slug], links["en"]))
    return {"pages": 2 * (1 + len(text_zh.PAGES))}


def _tree_root(locale: Locale) -> Page:
    root = Page.get_first_root_node()
    if root is None:
        # Wagtail's migration makes the root, but a flushed database (transactional tests)
        # has none, and the test fixtures reload the demo into exactly that.
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def _translate(page: Page, locale: Locale, fields: dict) -> Page:
    """The page's translation into `locale`, copied and published once.

    copy_for_translation keeps the translation_key that links the two and files the
    copy under the parent's translation, which is why the home page goes first.
    """
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def _point_default_site_at(home: Page) -> None:
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    wanted = {
        "hostname": "localhost",
        "port": 80,
        "site_name": "Aftercare",
        "root_page_id": home.pk,
    }
    changed = {name: value for name, value in wanted.items() if getattr(site, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(site, name, value)
        site.save()


def _remove_wagtail_welcome_page() -> None:
    # Only the plain Page Wagtail's migration made; anything an editor built stays.
    plain_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=plain_page, title=WAGTAIL_WELCOME_TITLE):
        if not Site.objects.filter(root_page=page).exists():
            page.delete()


def _fields(content: dict, links: dict) -> dict:
    fields = {name: value for name, value in content.items() if name != "body"}
    fields["body"] = [(kind, _block(kind, value, links)) for kind, value in content["body"]]
    return fields


def _block(kind: str, value, links: dict):
    """A block's value with its {placeholders} filled and its rich text wrapped."""
    if kind == "paragraph":
        return RichText(value.format(**links))
    if kind == "callout":
        return {"kind": value["kind"], "text": RichText(value["text"].format(**links))}
    if kind == "actions":
        return [{key: text.format(**links) for key, text in card.items()} for card in value]
    if kind == "promises":
        return None  # drawn from the after-sales rules when the page renders
    return value.format(**links)


def _links(language: str, categories: dict) -> dict[str, str]:
    with translation.override(language):
        links = {
            name: category.get_absolute_url()
            for name, category in (
                ("warranties", categories["extended-warranties"]),
                ("cleaning", categories["deep-cleaning"]),
                ("consumables", categories["consumables"]),
            )
        }
        links["account"] = reverse("customer:summary")
        links["track"] = reverse("feedback:track")
        links["mailbox"] = reverse("feedback:mailbox")
    # The pages these point at are built in the same run, so their paths are known.
    links["promise"] = f"/{language}/service-promise/"
    links["contact"] = f"/{language}/contact/"
    links["phone"] = settings.AFTERCARE_SERVICE_PHONE
    return links
