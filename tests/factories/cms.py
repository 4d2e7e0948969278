"""Wagtail pages and editorial staff for tests, built through Wagtail's page API.

The tree has the real site's shape (portal.demo.pages): a Chinese home page at the root of
the default Site with its English translation, manual and guide indexes under each, and a
manual per appliance model with its English copy (same translation key, as the editors'
"Translate" leaves it). Every builder makes what is missing and reuses what exists, so a
test asks for a manual without first building the site. Texts that take a language come as
(Chinese, English) pairs, or one string for both. Nothing here reads the demo data.
"""

import itertools
from collections.abc import Callable, Sequence

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import (
    Locale,
    Page,
    Site,
)
from wagtail.rich_text import RichText

from appliances.models import ApplianceModel
from cms.models import (
    ContentPage,
    GuideIndexPage,
    GuidePage,
    HomePage,
    ManualIndexPage,
    ManualPage,
)
from portal.demo.editorial import load_editorial_groups
from portal.roles import sync_roles

LANGUAGES = ("zh-hans", "en")
PASSWORD = "pw-for-tests-1"

_sequence = itertools.count(1)


def text(value, language: str):
    """`value` in `language`: a (Chinese, English) pair, or one value for both."""
    if isinstance(value, tuple):
        return value[LANGUAGES.index(language)]
    return value


def locale(language: str) -> Locale:
    found, _created = Locale.objects.get_or_create(language_code=language)
    return found


# --- The tree ---------------------------------------------------------------------------


def make_site(
    title=("家电售后服务", "Appliance aftercare"),
    intro=("说明书、清洗、延保和原厂配件。", "Manuals, cleaning, warranties and genuine parts."),
) -> dict[str, HomePage]:
    """The home page of each language, by language; the Chinese one is the default Site's
    root, and the English one its translation beside it (as the site serves /en/)."""
    homes = {page.locale.language_code: page for page in HomePage.objects.filter(depth=2)}
    if "zh-hans" not in homes:
        homes = _publish_in(
            LANGUAGES,
            lambda _language: _tree_root(),
            lambda language: HomePage(
                # Siblings under the root: their slugs must differ, and no URL shows them.
                slug="aftercare" if language == "zh-hans" else f"aftercare-{language}",
                title=text(title, language),
                intro=text(intro, language),
            ),
        )
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id != homes["zh-hans"].pk:
        site.hostname, site.port, site.site_name = "localhost", 80, "Aftercare"
        site.root_page = homes["zh-hans"]
        site.save()  # also drops Wagtail's cached root paths, which outlive a rolled-back test
    return homes


def _tree_root() -> Page:
    # Wagtail's migration makes the root; a transactional test's flush removes it.
    return Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale("zh-hans"))
    )


def _index(page_class, *, slug: str, title, intro, language: str):
    """The site's one `page_class` in `language`, made in every language if missing."""
    existing = page_class.objects.filter(locale__language_code=language).first()
    if existing is not None:
        return existing
    homes = make_site()
    indexes = _publish_in(
        LANGUAGES,
        lambda language: homes[language],
        lambda language: page_class(
            slug=slug,
            title=text(title, language),
            intro=text(intro, language),
            show_in_menus=True,
        ),
    )
    return indexes[language]


def manual_index(language: str = "zh-hans") -> ManualIndexPage:
    return _index(
        ManualIndexPage,
        slug="manuals",
        title=("电子说明书", "E-manuals"),
        intro=("每个型号的安装、使用、保养和故障排除。", "Installation, use, care and fixes."),
        language=language,
    )


def guide_index(language: str = "zh-hans") -> GuideIndexPage:
    return _index(
        GuideIndexPage,
        slug="guides",
        title=("保养指南", "Care guides"),
        intro=("换滤芯、洗滤网、除水垢。", "Filters, cleaning, descaling."),
        language=language,
    )


def _publish_in(
    languages: Sequence[str], parent: Callable, build: Callable, *, revisions: bool = True
) -> dict:
    """The page `build(language)` makes, live under `parent(language)` in each language, all
    sharing one translation key (as Wagtail's "Translate" files a copy under the parent's
    translation). With `revisions`, each goes live through a published revision, as an
    editor's does; without, it is saved live, a third of the queries for a page nobody edits.
    """
    pages = {}
    for language in languages:
        page = build(language)
        page.locale = locale(language)
        if pages:
            page.translation_key = next(iter(pages.values())).translation_key
        parent(language).add_child(instance=page)
        if revisions:
            page.save_revision().publish()
            page.refresh_from_db()
        pages[language] = page
    return pages


def make_content_page(
    *, slug: str, title, intro="", body=(), blocks=(), languages=LANGUAGES
) -> dict:
    """A general page under the home page, shown in the menus: the service promise, contact.

    `body` is paragraphs of text; `blocks` are further (type, value) blocks after them.
    """

    def build(language):
        return ContentPage(
            slug=slug,
            show_in_menus=True,
            title=text(title, language),
            intro=text(intro, language),
            body=[("paragraph", paragraph(text(value, language))) for value in body] + list(blocks),
        )

    return _publish_in(languages, lambda language: make_site()[language], build, revisions=False)


# --- E-manuals --------------------------------------------------------------------------


def make_manual(
    appliance_model: ApplianceModel,
    *,
    languages: Sequence[str] = LANGUAGES,
    body: list | Callable[[str], list] | None = None,
    intro=None,
    title=None,
    slug: str | None = None,
    revisions: bool = True,
) -> dict[str, ManualPage]:
    """The live manual of `appliance_model` in each language, by language.

    The body is `body` (a list for every language, or a function of the language), or by
    default seven chapters like a real manual's (`manual_body`). Keep `revisions` for a
    manual that is shown: its cached chapters are keyed on the live revision.
    """

    number = appliance_model.model_number

    def build(language):
        name = appliance_model.name if language == "zh-hans" else appliance_model.name_en
        default_title = (f"{name}({number})使用说明书", f"{name} ({number}): user manual")
        default_intro = (f"{number} 的电子说明书", f"The e-manual of {number}")
        if body is None:
            chapters = manual_body(appliance_model, language)
        else:
            chapters = body(language) if callable(body) else list(body)
        return ManualPage(
            slug=slug or slugify(number),
            appliance_model=appliance_model,
            title=text(title or default_title, language),
            intro=text(intro if intro is not None else default_intro, language),
            body=chapters,
        )

    return _publish_in(languages, manual_index, build, revisions=revisions)


def chapter(anchor: str, content: list, title: str | None = None) -> tuple:
    return ("section", {"title": title or anchor.title(), "anchor": anchor, "content": content})


def paragraph(value: str) -> RichText:
    return RichText(f"<p>{escape(value)}</p>")


def steps(texts: Sequence[str]) -> tuple:
    return ("steps", [{"text": paragraph(step), "image": None} for step in texts])


def callout(kind: str, value: str) -> tuple:
    return ("callout", {"kind": kind, "text": paragraph(value)})


# fmt: off
MANUAL_TEXT = {
    "safety": (("安全须知", "Safety"), ("安装和使用前请阅读以下安全说明。",
               "Read these notes before installing or using the appliance.")),
    "install": (("安装", "Installation"), ("安装必须由持证工程师完成。",
                "Installation must be done by a certified engineer.")),
    "use": (("使用", "Everyday use"), ("按电源键开机,再选择模式。",
            "Press POWER to switch on, then choose a mode.")),
    "care": (("清洁保养", "Care"), ("关机断电,掀起面板,抽出滤网清洗。",
             "Switch off at the wall, lift the front panel and slide the filters out.")),
    "specs": (("规格参数", "Specifications"), ()),
    "faq": (("常见问题", "Questions"), ()),
    "troubleshooting": (("故障排除", "Troubleshooting"), ()),
}
SPEC_ROWS = [(("型号", "Model"), None), (("制冷剂", "Refrigerant"), "R32"),
             (("整机保修", "Base warranty"), ("{months} 个月", "{months} months"))]
FAQ = [(("为什么开机后过一会儿才出冷风?", "Why does cold air take a while to come?"),
        ("压缩机启动需要约三分钟,属正常现象。",
         "The compressor takes about three minutes to start; that is normal."))]
FAULTS = [
    {"anchor": "e1", "error_code": "E1", "needs_engineer": False,
     "symptom": ("不制冷,显示 E1", "No cooling, E1 shown"),
     "causes": [("温度传感器故障", "The sensor has failed"), ("滤网堵塞", "The filter is blocked")],
     "steps": [("断电一分钟后重新开机。", "Switch off at the wall for a minute, then on."),
               ("清洗滤网。", "Clean the filters.")]},
    {"anchor": "e4", "error_code": "E4", "needs_engineer": True,
     "symptom": ("室外机异响,显示 E4", "Outdoor unit rattles, E4 shown"),
     "causes": [("压缩机过载", "The compressor is overloaded")],
     "steps": [("立即断电。", "Switch off at once.")]},
]
# fmt: on


def manual_body(appliance_model: ApplianceModel, language: str) -> list:
    """Seven chapters, each with the blocks a real manual uses: callouts, steps, a spec
    table, questions and faults (E1 a customer can fix, E4 that needs an engineer)."""

    def say(pair) -> str:
        return text(pair, language).format(months=appliance_model.base_warranty_months)

    titles = {anchor: say(title) for anchor, (title, _lead) in MANUAL_TEXT.items()}
    leads = {anchor: say(lead) for anchor, (_title, lead) in MANUAL_TEXT.items() if lead}
    rows = [
        {"label": say(label), "value": say(value) if value else appliance_model.model_number}
        for label, value in SPEC_ROWS
    ]
    faults = [
        {
            **{key: fault[key] for key in ("anchor", "error_code", "needs_engineer")},
            "symptom": say(fault["symptom"]),
            "causes": [say(cause) for cause in fault["causes"]],
            "steps": [say(step) for step in fault["steps"]],
        }
        for fault in FAULTS
    ]
    content = {
        "safety": [callout("warning", leads["safety"])],
        "install": [callout("caution", leads["install"]), steps([leads["install"]])],
        "use": [steps([leads["use"]]), callout("tip", leads["use"])],
        "care": [steps([leads["care"]]), callout("tip", leads["care"])],
        "specs": [("specs", {"caption": titles["specs"], "rows": rows})],
        "faq": [("faq", [{"question": say(q), "answer": paragraph(say(a))} for q, a in FAQ])],
        "troubleshooting": [("troubleshooting", faults)],
    }
    return [chapter(anchor, content[anchor], titles[anchor]) for anchor in MANUAL_TEXT]


# --- Care guides ------------------------------------------------------------------------


def make_guide(
    *,
    slug: str,
    title,
    intro="",
    category: str = "",
    tags=((), ()),
    models: Sequence[ApplianceModel] = (),
    lead="",
    steps_=(),
    faq=(),
    languages: Sequence[str] = LANGUAGES,
) -> dict[str, GuidePage]:
    """A live care guide in each language. `tags` is a (Chinese, English) pair of lists,
    `steps_` a list of texts, `faq` a list of (question, answer) pairs of texts."""

    def build(language):
        body = []
        if lead:
            body.append(("paragraph", paragraph(text(lead, language))))
        if steps_:
            body.append(steps([text(step, language) for step in steps_]))
        if faq:
            answers = [
                {"question": text(q, language), "answer": paragraph(text(a, language))}
                for q, a in faq
            ]
            body.append(("faq", answers))
        guide = GuidePage(
            slug=slug,
            category=category,
            title=text(title, language),
            intro=text(intro, language),
            body=body,
        )
        guide.tags.set(list(text(tags, language)))
        guide.appliance_models = list(models)
        return guide

    return _publish_in(languages, guide_index, build, revisions=False)


# --- Editorial staff --------------------------------------------------------------------


def editorial_groups() -> dict[str, Group]:
    """ "Editors" and "Moderators" with their rights on the whole tree and the media, and the
    moderators' approval workflow on the root, put back if a transactional test's flush
    removed them. The roles are the site's own code (portal.demo.editorial), as the shop
    staff's rights are (portal.demo.accounts): a test uses them, it does not restate them."""
    _tree_root()
    return load_editorial_groups()


def make_user(*, groups: Sequence[Group] = (), permissions=(), **fields):
    """A user who signs in with their email and PASSWORD."""
    n = next(_sequence)
    fields.setdefault("email", f"user{n}@example.cn")
    fields.setdefault("username", fields["email"].split("@")[0])
    user = get_user_model().objects.create_user(password=PASSWORD, **fields)
    user.groups.add(*groups)
    user.user_permissions.add(*permissions)
    return user


def make_editor(**fields):
    return make_user(groups=[editorial_groups()["Editors"]], **fields)


def make_moderator(**fields):
    return make_user(groups=[editorial_groups()["Moderators"]], **fields)


def make_shop_staff(**fields):
    """Staff with the shop staff role's rights (portal.roles defines the role)."""
    group = sync_roles(names=["Shop staff"])["Shop staff"]
    return make_user(groups=[group], is_staff=True, **fields)
