"""Site search: manuals, care guides and content pages of the visitor's language.

Every word must appear in the page's flattened text (`search_text`), matched as a substring:
Wagtail's database backends split on spaces, so they never find 滤芯 inside a Chinese
sentence, while `icontains` finds it on SQLite and PostgreSQL alike. Titles that hold the
words rank first, then pages that use them most often. One query counts the hits and one
reads the page shown, however many pages the site has: the flattened text comes back with
the hit, so no page is loaded twice.
"""

import re
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat, Length, Lower, Replace
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .models.manuals import paginate

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
SNIPPET_LENGTH = 120

KIND_LABELS = {
    "manual": _("E-manual"),
    "guide": _("Care guide"),
    "content": _("Page"),
}


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    kind: str
    kind_label: str
    snippet: SafeString


def site_search(request):
    query = normalise(request.GET.get("q", ""))
    results = None
    hits: list[Hit] = []
    if query:
        results = paginate(
            search_pages(query, language=get_language()),
            request.GET.get("page"),
            per_page=RESULTS_PER_PAGE,
        )
        hits = [_hit(page, query, request) for page in results]
    return TemplateResponse(
        request, "cms/search.html", {"query": query, "results": results, "hits": hits}
    )


def normalise(query: str) -> str:
    return " ".join(query.split()[:MAX_WORDS])[:MAX_QUERY_LENGTH]


def search_pages(query: str, *, language: str) -> QuerySet[Page]:
    """Live, public pages in `language` that hold every word of `query`, best first.

    Each hit is a plain Page annotated with `kind`, `haystack` (its searchable text),
    `rank` (how many of the words its title holds) and `mentions` (how often the words
    occur in its text, measured by how much shorter the text gets without them).
    """
    words = query.split()
    if not words:
        return Page.objects.none()
    pages = (
        Page.objects.live()
        .public()
        .filter(locale__language_code=language)
        .annotate(
            kind=Case(
                When(manualpage__isnull=False, then=Value("manual")),
                When(guidepage__isnull=False, then=Value("guide")),
                When(contentpage__isnull=False, then=Value("content")),
                default=Value(""),
            ),
            haystack=Case(
                When(manualpage__isnull=False, then="manualpage__search_text"),
                When(guidepage__isnull=False, then="guidepage__search_text"),
                # Content pages keep no flattened body yet: their title, intro and summary.
                When(
                    contentpage__isnull=False,
                    then=Concat(
                        "title",
                        Value(" "),
                        "contentpage__intro",
                        Value(" "),
                        "search_description",
                        output_field=TextField(),
                    ),
                ),
                default=Value(""),
                output_field=TextField(),
            ),
            rank=sum(
                (
                    Case(
                        When(title__icontains=word, then=Value(1)),
                        default=Value(0),
                        output_field=IntegerField(),
                    )
                    for word in words
                ),
                start=Value(0, output_field=IntegerField()),
            ),
        )
        .exclude(kind="")
    )
    for word in words:
        pages = pages.filter(Q(haystack__icontains=word))
    lowered = Lower("haystack")
    pages = pages.annotate(
        mentions=sum(
            (
                (Length(lowered) - Length(Replace(lowered, Value(word.lower()), Value(""))))
                / len(word)
                for word in words
            ),
            start=Value(0, output_field=IntegerField()),
        )
    )
    return pages.order_by("-rank", "-mentions", "title", "pk")


def snippet(text: str, query: str, *, length: int = SNIPPET_LENGTH) -> SafeString:
    """A stretch of `text` around the first word of `query` found, every word in <mark>."""
    words = sorted(set(query.split()), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - length // 3) if first else 0
    if start:
        # Begin at a word where words have spaces; Chinese has none and may begin anywhere.
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else start
    excerpt = text[start : start + length]
    pieces = pattern.split(excerpt)
    found = pattern.findall(excerpt)
    html = escape(pieces[0])
    for match, after in zip(found, pieces[1:], strict=True):
        html += f"<mark>{escape(match)}</mark>{escape(after)}"
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 - every piece is escaped above


def _hit(page: Page, query: str, request) -> Hit:
    return Hit(
        title=page.title,
        url=page.get_url(request=request),
        kind=page.kind,
        kind_label=str(KIND_LABELS[page.kind]),
        snippet=snippet(" ".join(page.haystack.split()), query),
    )
