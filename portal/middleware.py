from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import is_valid_path
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 from a view reached without a language prefix stays a 404.

    Django redirects any unprefixed 404 to /<language>/<path>/. That is right for a mistyped
    page address, but not for a URL that resolved outside i18n_patterns (a QR code, the CMS,
    a beacon) and whose view answered 404 on purpose: the redirect lands on Wagtail's
    catch-all and replaces the view's own answer with a generic page.
    """

    def process_response(self, request, response):
        if response.status_code == 404:
            urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
            if is_valid_path(request.path_info, urlconf) and not _has_language_prefix(
                request.path_info
            ):
                patch_vary_headers(response, ("Accept-Language",))
                response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
                return response
        return super().process_response(request, response)


def _has_language_prefix(path: str) -> bool:
    return any(path.startswith(f"/{code}/") for code, _name in settings.LANGUAGES)
