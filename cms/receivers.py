"""Keeping cached pages fresh: the in-app caches on every change, the CDN on publish.

Anything a page shows from the CMS side bumps the PAGES generation (cms/freshness.py)
once the change commits, so the whole-page cache and the Site lookup stop serving the old
copy at once. A page published or unpublished is also purged from the CDN configured in
WAGTAILFRONTENDCACHE (Wagtail's frontend cache invalidation), by a task queued after the
commit: purged any earlier, the CDN could fetch the old page again before the new one is
visible. (Wagtail's own app, `wagtail.contrib.frontend_cache`, purges from inside the
publishing transaction; its functions are used here without its receivers.)
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from appliances.models import ApplianceModel
from groundwork import generations
from groundwork.queue import enqueue_on_commit

from .freshness import PAGES
from .models import ContactSettings, Video
from .tasks import purge_from_cdn


def pages_changed(sender, raw=False, **kwargs):
    if not raw:
        generations.bump_on_commit(PAGES)


def page_went_live_or_left(sender, instance, **kwargs):
    generations.bump_on_commit(PAGES)
    if settings.WAGTAILFRONTENDCACHE:
        batch = PurgeBatch()
        batch.add_page(instance)
        if batch.urls:
            enqueue_on_commit(purge_from_cdn, sorted(batch.urls))


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        generations.bump_on_commit(PAGES)


# No sender: every page type sends these with its own class.
page_published.connect(page_went_live_or_left, dispatch_uid="cms.freshness.published")
page_unpublished.connect(page_went_live_or_left, dispatch_uid="cms.freshness.unpublished")
post_page_move.connect(pages_changed, dispatch_uid="cms.freshness.moved")
post_delete.connect(page_deleted, dispatch_uid="cms.freshness.page_deleted")
for model in (
    Site,
    ContactSettings,
    ApplianceModel,
    Video,
    get_image_model(),
    get_document_model(),
):
    for signal in (post_save, post_delete):
        signal.connect(pages_changed, sender=model, dispatch_uid=f"cms.freshness.{model.__name__}")
