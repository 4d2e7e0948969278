from celery import shared_task
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache


@shared_task(acks_late=True)
def purge_from_cdn(urls: list[str]) -> int:
    """Purge `urls` (in every language) from the CDN configured in WAGTAILFRONTENDCACHE.

    URLs rather than page ids: a deleted page has no URL left to look up. Purging twice
    does no harm.
    """
    purge_urls_from_cache(urls)
    return len(urls)
