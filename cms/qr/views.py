"""The public QR endpoints: landings, code images, and the manual's open beacon.

Landings answer a redirect, never a page, so the manual keeps one cacheable URL per
language; the redirect itself is not cached, or shared caches would swallow the scans. It
counts the scan (one UPDATE) and reads where to send it from the cache (the model and its
manual's URL per code, language and host, until a page or model changes: cms/freshness.py).
"""

import hashlib
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_request
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from appliances import signing
from appliances.models import ApplianceModel
from cms import analytics
from cms.freshness import PAGES
from cms.selectors import manual_for
from groundwork import generations, throttle
from groundwork.client_ip import client_ip

from . import addresses
from . import render as qr_render
from .forms import OpenBeaconForm

IMAGE_MAX_AGE = 24 * 60 * 60
IMAGE_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
# A reader opening every section of a long manual sends a few dozen beacons a minute.
OPENS_PER_MINUTE = 120
LANDING_CACHE_SECONDS = 24 * 60 * 60


@require_safe
def model_landing(request: HttpRequest, code: str) -> HttpResponse:
    return _land(request, code, unit_query=None)


@require_safe
def unit_landing(request: HttpRequest, code: str, serial: str, sig: str) -> HttpResponse:
    # Checked before any query: forged or walked codes cost the database nothing.
    if not signing.verify_unit(code, serial, sig):
        return not_found(request)
    query = {"serial": signing.normalise(serial), "sig": signing.normalise(sig)}
    return _land(request, code, unit_query=query)


def _land(request: HttpRequest, code: str, *, unit_query: dict[str, str] | None) -> HttpResponse:
    language = get_language_from_request(request)
    target = _target(request, code, language)
    if target is None:
        appliance_model = ApplianceModel.objects.by_public_code(code).first()
        if appliance_model is None:
            return not_found(request)
        _count_scan(request, appliance_model, language, unit_query)
        return not_found(request)  # a model without a manual in any language
    appliance_model, url = target
    _count_scan(request, appliance_model, language, unit_query)
    if unit_query:
        url = f"{url}?{urlencode(unit_query)}"
    response = HttpResponseRedirect(url)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    add_never_cache_headers(response)
    return response


def _count_scan(request, appliance_model, language, unit_query) -> None:
    if request.method == "GET":  # HEAD is a link checker or a preview, not a scan
        analytics.record_scan(
            appliance_model=appliance_model,
            language=language,
            device=analytics.device_for(request.headers.get("User-Agent", "")),
            unit_code=unit_query is not None,
        )


def _target(request, code: str, language: str) -> tuple[ApplianceModel, str] | None:
    """The model of `code` and the URL of its manual for `language`, or None.

    Kept in the cache only when both exist: a made-up code is looked up every time rather
    than filling the cache with misses.
    """
    parts = [
        signing.normalise(code),
        language,
        request.get_host(),
        generations.for_request(request, PAGES)[PAGES],
    ]
    key = "qr-landing:" + hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()
    target = cache.get(key)
    if target is None:
        appliance_model = ApplianceModel.objects.by_public_code(code).first()
        page = manual_for(appliance_model, language) if appliance_model else None
        if page is None:
            return None
        target = (appliance_model, page.get_url(request))
        cache.set(key, target, timeout=LANDING_CACHE_SECONDS)
    return target


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """The one answer to every unknown, retired, manual-less or tampered code.

    It is the same page whatever went wrong, so it tells nobody whether a model exists.
    """
    response = render(request, "cms/qr/not_found.html", status=404)
    add_never_cache_headers(response)
    return response


@require_safe
def model_image(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    appliance_model = ApplianceModel.objects.by_public_code(code).first()
    if appliance_model is None:
        return not_found(request)
    response = _image(
        kind,
        data=addresses.model_url(appliance_model.public_code),
        caption=[appliance_model.model_number],
    )
    patch_cache_control(response, public=True, max_age=IMAGE_MAX_AGE)
    return response


@require_safe
def unit_image(request: HttpRequest, code: str, serial: str, kind: str) -> HttpResponse:
    """A unit's code for staff: it carries a valid signature, so only they may mint one."""
    user = request.user
    if not (user.is_active and (user.is_staff or user.has_perm("catalog.change_appliancemodel"))):
        raise PermissionDenied
    appliance_model = ApplianceModel.objects.by_public_code(code).first()
    serial = signing.normalise(serial)
    if appliance_model is None or not appliance_model.serial_is_valid(serial):
        return not_found(request)
    response = _image(
        kind,
        data=addresses.unit_url(appliance_model.public_code, serial),
        caption=[appliance_model.model_number, serial],
    )
    patch_cache_control(response, private=True, max_age=IMAGE_MAX_AGE)
    return response


def _image(kind: str, *, data: str, caption: list[str]) -> HttpResponse:
    if kind == "svg":
        body = qr_render.svg(data=data, caption=caption).encode("utf-8")
    else:
        body = qr_render.png(data=data, caption=caption)
    return HttpResponse(body, content_type=IMAGE_TYPES[kind])


# navigator.sendBeacon cannot send a CSRF token, and a forged beacon can only add one to a
# counter; the per-client limit keeps that from skewing the report. While the cache cannot
# count, beacons are let through: a few extra opens in a report beat losing real ones.
@csrf_exempt
@require_POST
def record_open(request: HttpRequest, code: str) -> HttpResponse:
    client = client_ip(request)
    if not throttle.allow(
        key=f"qr-open:{client}",
        limit=OPENS_PER_MINUTE,
        window_seconds=60,
        when_unavailable=True,
    ):
        return _text(_("Too many requests, try again in a minute."), status=429)
    form = OpenBeaconForm(request.POST)
    if not form.is_valid():
        return _text(form.first_error(), status=400)
    appliance_model = ApplianceModel.objects.by_public_code(code).first()
    if appliance_model is None:
        return _text(_("Unknown code."), status=404)
    analytics.record_open(
        appliance_model=appliance_model,
        kind=form.cleaned_data["kind"],
        key=form.cleaned_data["key"],
    )
    return HttpResponse(status=204)


def _text(message: str, *, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
