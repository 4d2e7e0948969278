"""Site search: manuals, care guides, content pages of the visitor's language, and products.

One box for everything a customer looks for: the pages come first, then the shop's
products (matched as the shop's own search matches them), on one paginated list. Each word
of the query also stands for its synonyms in the staff's table (appliances.synonyms), so
"filter" finds 滤芯 and 滤芯 finds "filter".

Every word must appear in the page's flattened text (`search_text`), matched as a substring:
Wagtail's database backends split on spaces, so they never find 滤芯 inside a Chinese
sentence, while `icontains` finds it on SQLite and PostgreSQL alike. Titles that hold the
words rank first, then pages that use them most often. One query counts the hits and one
reads the page shown, however many pages the site has: the flattened text comes back with
the hit, so no page is loaded twice. Products add one count and, when the page shown
reaches them, one read; the synonyms one read.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Case, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat, Length, Lower, Replace
from django.template.response import TemplateResponse
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.models import Page

from appliances.synonyms import Alternatives, all_terms, expand
from catalog.search.views.base import matching

from .models.manuals import paginate

Product = get_model("catalogue", "Product")

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
SNIPPET_LENGTH = 120

KIND_LABELS = {
    "manual": _("E-manual"),
    "guide": _("Care guide"),
    "content": _("Page"),
    "product": _("Product"),
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
        groups = expand(query)
        found = PagesThenProducts(
            search_pages(groups, language=get_language()), search_products(groups)
        )
        results = paginate(found, request.GET.get("page"), per_page=RESULTS_PER_PAGE)
        terms = all_terms(groups)
        hits = [_hit(item, terms, request) for item in results]
    return TemplateResponse(
        request, "cms/search.html", {"query": query, "results": results, "hits": hits}
    )


def normalise(query: str) -> str:
    return " ".join(query.split()[:MAX_WORDS])[:MAX_QUERY_LENGTH]


class PagesThenProducts(Sequence):
    """The pages found, then the products found, as one list a paginator slices.

    Counting costs one query for each; a slice reads only the rows it shows.
    """

    def __init__(self, pages: QuerySet, products: QuerySet):
        self.pages, self.products = pages, products

    @cached_property
    def page_count(self) -> int:
        return self.pages.count()

    @cached_property
    def count(self) -> int:
        return self.page_count + self.products.count()

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        split = self.page_count
        items = list(self.pages[start : min(stop, split)]) if start < split else []
        if stop > split:
            items.extend(self.products[max(start - split, 0) : stop - split])
        return items


def search_products(groups: list[Alternatives]) -> QuerySet:
    """Products the shop's search finds for the same words, titles holding them first."""
    if not groups:
        return Product.objects.none()
    products = matching(Product.objects.browsable(), groups)
    return products.annotate(rank=_title_rank(groups)).order_by("-rank", "title", "pk")


def _title_rank(groups: list[Alternatives]):
    """How many of the query's words (any of each one's synonyms) a title holds."""
    return sum(
        (
            Case(
                When(
                    _any_of("title__icontains", alternatives),
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
            for alternatives in groups
        ),
        start=Value(0, output_field=IntegerField()),
    )


def _any_of(lookup: str, alternatives: Alternatives) -> Q:
    condition = Q()
    for term in alternatives:
        condition |= Q(**{lookup: term})
    return condition


def search_pages(groups: list[Alternatives], *, language: str) -> QuerySet[Page]:
    """Live, public pages in `language` that hold every word of the query, best first.

    `groups` is the query expanded (appliances.synonyms.expand): a page needs one term of
    each group. Each hit is a plain Page annotated with `kind`, `haystack` (its searchable
    text), `rank` (how many of the words its title holds) and `mentions` (how often the
    terms occur in its text, measured by how much shorter the text gets without them).
    """
    if not groups:
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
            rank=_title_rank(groups),
        )
        .exclude(kind="")
    )
    for alternatives in groups:
        pages = pages.filter(_any_of("haystack__icontains", alternatives))
    lowered = Lower("haystack")
    pages = pages.annotate(
        mentions=sum(
            (
                (Length(lowered) - Length(Replace(lowered, Value(term.lower()), Value(""))))
                / len(term)
                for term in all_terms(groups)
            ),
            start=Value(0, output_field=IntegerField()),
        )
    )
    return pages.order_by("-rank", "-mentions", "title", "pk")


def snippet(text: str, query: str | list[str], *, length: int = SNIPPET_LENGTH) -> SafeString:
    """A stretch of `text` around the first word of `query` found, every word in <mark>.

    `query` is the words as typed, or a list of terms (a term may hold spaces).
    """
    words = query.split() if isinstance(query, str) else query
    words = sorted(set(words), key=len, reverse=True)
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


def _hit(item, terms: list[str], request) -> Hit:
    if isinstance(item, Product):
        text = strip_tags(item.description or "") or item.get_title()
        return Hit(
            title=item.get_title(),
            url=item.get_absolute_url(),
            kind="product",
            kind_label=str(KIND_LABELS["product"]),
            snippet=snippet(" ".join(text.split()), terms),
        )
    return Hit(
        title=item.title,
        url=item.get_url(request=request),
        kind=item.kind,
        kind_label=str(KIND_LABELS[item.kind]),
        snippet=snippet(" ".join(item.haystack.split()), terms),
    )
