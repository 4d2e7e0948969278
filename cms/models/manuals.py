import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.search import index

from aftersales import selectors as aftersales_selectors
from appliances import signing
from catalog.bymodel.selectors import cached_offers_for
from groundwork import page_cache
from groundwork.whole_numbers import whole_number_or_none

from ..blocks import ManualBodyBlock
from ..text import SearchTextMixin
from .media import Video

# The rendition sizes the block templates ask for: pictures (image, steps) at a phone's
# width (400) and twice it or a desktop's (800), chosen by the browser from srcset; video
# posters at 800. Every one of them comes in a single query for the whole page.
RENDITION_SPECS = ("width-400", "width-800")
# Anonymous visitors' browsers (a QR scan) may reuse a manual for five minutes; the CDN keeps
# it settings.CDN_MAX_AGE and is purged on publish; the app's page cache and the body
# fragment (keyed on the live revision) drop it at once, so a publish shows to anyone not
# holding a copy.
ANONYMOUS_MAX_AGE = 300
BODY_CACHE_SECONDS = 3600
MANUALS_PER_PAGE = 50


class ManualIndexPage(Page):
    """/manuals/: every e-manual of the language, by category."""

    intro = models.CharField(_("intro"), max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ManualPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("manual index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = " ".join(request.GET.get("q", "").split())[:64]
        context.update(
            query=query,
            manuals=paginate(
                self.manuals(query), request.GET.get("page"), per_page=MANUALS_PER_PAGE
            ),
        )
        return context

    def manuals(self, query: str = ""):
        """Live manuals under this index, by category then model number; `query` narrows."""
        manuals = (
            ManualPage.objects.child_of(self)
            .live()
            .select_related("appliance_model")
            .order_by("appliance_model__category", "appliance_model__model_number", "pk")
        )
        if query:
            manuals = manuals.filter(
                Q(appliance_model__model_number__icontains=query)
                | Q(appliance_model__name__icontains=query)
                | Q(appliance_model__name_en__icontains=query)
                | Q(title__icontains=query)
            )
        return manuals


class ManualPage(SearchTextMixin, Page):
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

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if unit_landing(request.GET):
            # A per-unit code's landing: its serial and signature prefill registration.
            # It belongs to one unit, so no cache anywhere keeps it.
            patch_cache_control(response, private=True, no_store=True)
        elif page_cache.same_for_everyone(request):
            page_cache.share(response, max_age=ANONYMOUS_MAX_AGE, s_maxage=settings.CDN_MAX_AGE)
        else:
            # The header greets the member and counts their basket: not for shared caches.
            patch_cache_control(response, private=True)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        appliance_model = self.appliance_model
        preview = getattr(request, "is_preview", False)
        context.update(
            appliance_model=appliance_model,
            offers=cached_offers_for(appliance_model, language=get_language()),
            register_url=register_url(appliance_model, request.GET),
            service_url=service_url(appliance_model, request.GET),
            unit_service=unit_service(request, appliance_model),
            jumps=self.jump_targets(),
            # A preview shows a draft: it must neither read the live fragment nor leave its own.
            body_cache_seconds=0 if preview else BODY_CACHE_SECONDS,
            body_version=f"preview-{uuid.uuid4().hex}" if preview else self.body_version(),
        )
        return context

    def body_version(self) -> str:
        """What the cached chapters are keyed on: changes with every publish, drafts aside.

        The publish time as well as the revision: SQLite may hand a deleted revision's id to
        the next one, and the cache must never mistake the two.
        """
        published = self.last_published_at.timestamp() if self.last_published_at else 0
        return f"{self.live_revision_id}.{published:.6f}"

    def sections(self) -> list[tuple[str, str]]:
        """(anchor, title) of every chapter, for the table of contents.

        Read from the raw JSON: converting the blocks would fetch their videos and images,
        which the table of contents does not need.
        """
        return [
            (block["value"].get("anchor", ""), block["value"].get("title", ""))
            for block in self.body.raw_data
            if block["type"] == "section"
        ]

    def jump_targets(self) -> dict[str, str]:
        """The anchor of the first chapter holding each kind of content ("video", "faq"...).

        The quick actions on the first screen link to these; raw JSON again, so a visitor
        served the cached body costs no block conversion.
        """
        targets: dict[str, str] = {}
        for block in self.body.raw_data:
            if block["type"] != "section":
                continue
            for child in block["value"].get("content") or []:
                targets.setdefault(child["type"], block["value"].get("anchor", ""))
        return targets

    def prepared_body(self) -> StreamValue:
        """The body with every video poster and image rendition fetched in one go."""
        return prefetch_stream_media(self.body)


def unit_landing(query) -> bool:
    """Whether the request came from a per-unit code (/Q/<code>/<serial>/<sig>)."""
    return bool(query.get("serial") or query.get("sig"))


def register_url(appliance_model, query) -> str:
    """Registration for this model, carrying a per-unit code's serial and signature along.

    The registration view checks the signature; this only passes on what the scan brought.
    """
    params = {"model": appliance_model.public_code}
    for name in ("serial", "sig"):
        value = query.get(name, "").strip()
        if value:
            params[name] = value[:128]
    return f"{reverse('aftersales:register')}?{urlencode(params)}"


def service_url(appliance_model, query) -> str:
    """A service request for this model (and the scanned unit), like register_url."""
    params = {"model": appliance_model.public_code}
    for name in ("serial", "sig"):
        value = query.get(name, "").strip()
        if value:
            params[name] = value[:128]
    return f"{reverse('aftersales:service-new')}?{urlencode(params)}"


@dataclass(frozen=True)
class UnitService:
    unit: object
    open_request: object | None


def unit_service(request, appliance_model) -> UnitService | None:
    """The signed-in owner's unit behind a per-unit code, and its open request.

    Nothing for anyone else: a visitor who scans someone's appliance learns nothing about
    its owner. The signature is checked before any query.
    """
    serial, sig = request.GET.get("serial", ""), request.GET.get("sig", "")
    if not request.user.is_authenticated or not serial:
        return None
    if not signing.verify_unit(appliance_model.public_code, serial, sig):
        return None
    unit = aftersales_selectors.owned_unit(
        request.user, appliance_model=appliance_model, serial=signing.normalise(serial)
    )
    if unit is None:
        return None
    return UnitService(unit=unit, open_request=aftersales_selectors.open_request_for_unit(unit))


def paginate(items, number, *, per_page: int):
    """A page of `items`; a page number that is not a number or out of range gives page 1."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(whole_number_or_none(number, minimum=1) or 1)
    except EmptyPage:
        return paginator.page(1)


def prefetch_stream_media(stream: StreamValue) -> StreamValue:
    """Fetch the posters of every video and the renditions of every image in `stream`.

    StreamField already loads each chooser's objects in one query per block type, however
    deeply they nest; this adds one query for posters and one for renditions, so the cost
    of a page does not grow with the number of steps, pictures or videos it shows.
    """
    images: list[AbstractImage] = []
    videos: list[Video] = []
    _collect_media(stream, images, videos)
    if videos:
        prefetch_related_objects(videos, "poster")
        images.extend(video.poster for video in videos if video.poster is not None)
    if images:
        Rendition = get_image_model().get_rendition_model()
        prefetch_related_objects(
            images,
            Prefetch(
                "renditions",
                queryset=Rendition.objects.filter(filter_spec__in=RENDITION_SPECS),
                to_attr="prefetched_renditions",
            ),
        )
    return stream


def _collect_media(value, images: list, videos: list) -> None:
    if isinstance(value, AbstractImage):
        images.append(value)
    elif isinstance(value, Video):
        videos.append(value)
    elif isinstance(value, StreamValue):
        for child in value:
            _collect_media(child.value, images, videos)
    elif isinstance(value, ListValue):
        for item in value:
            _collect_media(item, images, videos)
    elif isinstance(value, StructValue):
        for item in value.values():
            _collect_media(item, images, videos)
