"""E-manuals: an index per language and one manual per appliance model, in both languages.

Built like portal.demo.pages: the Chinese page is created and published once, its English
translation copied from it once, and neither is saved again on a rerun (an editor may
have changed them since). Bodies come from the content tables in portal.demo.manual_text.
"""

from collections.abc import Callable
from functools import cache

from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from appliances.models import ApplianceModel
from cms.models import HomePage, ManualIndexPage, ManualPage

from . import manual_text as mt
from .data import APPLIANCES
from .pages import _translate

try:
    from .video import ensure_demo_video
except ImportError:  # the demo video lands on its own; until then manuals go without one
    ensure_demo_video = None

ZH, EN = 0, 1

# fmt: off
INDEX = {
    "title": ("电子说明书", "E-manuals"),
    "intro": ("每个型号的安装、使用、保养和故障排除。也可以直接扫描机身上的二维码。",
              "Installation, use, care and fixes for every model. Or scan the QR code on the "
              "appliance."),
}
TITLE = ("{name}({model})使用说明书", "{name} ({model}): user manual")
# fmt: on


def load_manuals(appliances: dict[str, ApplianceModel]) -> dict[str, int]:
    zh = Locale.objects.get(language_code="zh-hans")
    en = Locale.objects.get(language_code="en")
    index = ensure_index(
        HomePage.objects.get(locale=zh, depth=2),
        ManualIndexPage,
        slug="manuals",
        titles=INDEX,
        translate_to=en,
    )
    families = {appliance.model_number: appliance.family for appliance in APPLIANCES}
    # Asked for once, and only if a manual that shows it is being written.
    video = cache(lambda: ensure_demo_video() if ensure_demo_video else None)
    for number, model in appliances.items():
        text = mt.text_for(family=families[number], category=model.category)
        page = ManualPage.objects.filter(locale=zh, appliance_model=model).first()
        if page is None:
            page = ManualPage(
                slug=slugify(number), locale=zh, appliance_model=model, show_in_menus=False
            )
            _fill(page, model, text, ZH, video)
            index.add_child(instance=page)
            page.save_revision().publish()
        if page.get_translation_or_none(en) is None:
            translated = page.copy_for_translation(en)
            _fill(translated, model, text, EN, video)
            translated.save_revision().publish()
    return {"manuals": 2 * len(appliances)}


def ensure_index(home: Page, page_class: type[Page], *, slug, titles, translate_to) -> Page:
    """The one `page_class` under `home`, with its translation; created only when missing."""
    index = page_class.objects.child_of(home).first()
    if index is None:
        index = page_class(
            slug=slug,
            locale=home.locale,
            show_in_menus=True,
            **{name: pair[ZH] for name, pair in titles.items()},
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    _translate(index, translate_to, {name: pair[EN] for name, pair in titles.items()})
    return index


def _fill(page: ManualPage, model, text: mt.ManualText, lang: int, video: Callable) -> None:
    name = model.name if lang == ZH else (model.name_en or model.name)
    page.title = TITLE[lang].format(name=name, model=model.model_number)
    page.intro = mt.INTRO[lang].format(model=model.model_number)
    page.body = _body(model, text, lang, video)


def _body(model, text: mt.ManualText, lang: int, video: Callable) -> list:
    def say(pair) -> str:
        return pair[lang].format(model=model.model_number, months=model.base_warranty_months)

    def paragraph(pair) -> RichText:
        return RichText(f"<p>{escape(say(pair))}</p>")

    def steps(pairs) -> list[dict]:
        return [{"text": paragraph(pair), "image": None} for pair in pairs]

    def callout(kind: str, pair) -> tuple:
        return ("callout", {"kind": kind, "text": paragraph(pair)})

    def section(anchor: str, title, content: list) -> tuple:
        return ("section", {"title": say(title), "anchor": anchor, "content": content})

    care = [("steps", steps(text.care))]
    if text.video_caption and video() is not None:
        care.append(("video", {"video": video(), "caption": say(text.video_caption)}))
    care.append(callout("tip", text.care_tip))
    warnings = "".join(f"<li>{escape(say(pair))}</li>" for pair in mt.COMMON_SAFETY + text.safety)
    spec_rows = [(mt.SPEC_MODEL, (model.model_number, model.model_number)), *text.specs]
    spec_rows.append((mt.SPEC_WARRANTY, mt.SPEC_WARRANTY_VALUE))
    titles = mt.SECTION_TITLES
    return [
        section(
            "safety",
            titles["safety"],
            [callout("warning", mt.SAFETY_LEAD), ("paragraph", RichText(f"<ul>{warnings}</ul>"))],
        ),
        section(
            "install",
            titles["install"],
            [callout("caution", text.install_note), ("steps", steps(text.install))],
        ),
        section("use", titles["use"], [("steps", steps(text.use)), callout("tip", text.use_tip)]),
        section("care", text.care_title, care),
        section(
            "specs",
            titles["specs"],
            [
                (
                    "specs",
                    {
                        "caption": say(mt.SPEC_CAPTION),
                        "rows": [
                            {"label": say(label), "value": say(value)} for label, value in spec_rows
                        ],
                    },
                )
            ],
        ),
        section(
            "faq",
            titles["faq"],
            [
                (
                    "faq",
                    [
                        {"question": say(question), "answer": RichText(answer[lang])}
                        for question, answer in text.faq
                    ],
                )
            ],
        ),
        section(
            "troubleshooting",
            titles["troubleshooting"],
            [("troubleshooting", [_fault(fault, say) for fault in text.faults])],
        ),
    ]


def _fault(fault: mt.Fault, say: Callable) -> dict:
    return {
        "symptom": say(fault.symptom),
        "error_code": fault.code,
        "anchor": fault.anchor,
        "causes": [say(cause) for cause in fault.causes],
        "steps": [say(step) for step in fault.steps],
        "needs_engineer": fault.needs_engineer,
    }
