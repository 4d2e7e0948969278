"""Every URL pattern of the site, and addresses that reach it.

`site_routes()` walks get_resolver().url_patterns recursively (admin, Wagtail, Oscar, ours,
and each language under i18n_patterns). A route's parameters are filled with a real value
from the demo data where one can be found, so the page behind it renders (and shows its
forms), or with a hostile value its converter still lets through, one parameter at a time.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils.regex_helper import normalize

_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")


@dataclass(frozen=True)
class Param:
    name: str
    regex: str  # what the converter or the regex group lets through


@dataclass(frozen=True)
class Route:
    segments: tuple
    endpoint: URLPattern
    namespace: str

    @property
    def name(self) -> str:
        if not self.endpoint.name:
            return self.pattern
        return f"{self.namespace}:{self.endpoint.name}" if self.namespace else self.endpoint.name

    @property
    def pattern(self) -> str:
        return "".join(_describe(segment) for segment in self.segments)

    @property
    def localised(self) -> bool:
        return any(isinstance(segment, LocalePrefixPattern) for segment in self.segments)

    @property
    def view(self):
        callback = self.endpoint.callback
        return getattr(callback, "view_class", None) or callback

    @property
    def view_kwargs(self) -> dict:
        return getattr(self.endpoint.callback, "view_initkwargs", None) or {}

    @property
    def params(self) -> list[Param]:
        found = []
        for segment in self.segments:
            if isinstance(segment, RoutePattern):
                for match in _PARAMETER.finditer(segment._route):
                    name = match["parameter"]
                    found.append(Param(name, segment.converters[name].regex))
            elif isinstance(segment, RegexPattern):
                found.extend(Param(name, ".+") for name in _regex_params(segment))
        return found

    def path(self, value: Callable[[Param], str | None], *, language: str) -> str | None:
        """The quoted path with each parameter from `value`; None if one has no value."""
        built = []
        for segment in self.segments:
            if isinstance(segment, LocalePrefixPattern):
                built.append(f"{language}/")
            elif isinstance(segment, RoutePattern):
                piece = segment._route
                for match in _PARAMETER.finditer(segment._route):
                    param = Param(match["parameter"], segment.converters[match["parameter"]].regex)
                    filled = value(param)
                    if filled is None or not re.fullmatch(param.regex, filled):
                        return None
                    piece = piece.replace(match[0], _quote(filled), 1)
                built.append(piece)
            else:
                text, names = normalize(segment._regex)[0]
                filled = {}
                for name in names:
                    filled[name] = value(Param(name, ".+"))
                    if filled[name] is None:
                        return None
                piece = text % filled
                if not segment.regex.search(piece):
                    return None
                built.append(_quote(piece, safe="/"))
        return "/" + "".join(built)


def site_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, (), ""))


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _walk(patterns, segments: tuple, namespace: str):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, (*segments, entry.pattern), inner)
        else:
            yield Route((*segments, entry.pattern), entry, namespace)


def _regex_params(segment: RegexPattern) -> list[str]:
    return normalize(segment._regex)[0][1]


def _describe(segment) -> str:
    if isinstance(segment, LocalePrefixPattern):
        return "<language>/"
    if isinstance(segment, RoutePattern):
        return segment._route
    return segment._regex.lstrip("^").rstrip("$")


def _quote(value: str, safe: str = "") -> str:
    # Lone surrogates go out as the invalid UTF-8 bytes a hostile client would send.
    return quote(value.encode("utf-8", "surrogatepass"), safe=safe)
