from django.conf import settings


def site_chrome(request):
    """What the header and footer need on every page, read from settings (no queries)."""
    return {
        "service_phone": settings.AFTERCARE_SERVICE_PHONE,
    }
