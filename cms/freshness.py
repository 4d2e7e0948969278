"""The CMS's generation (groundwork.generations): PAGES changes with anything a page shows
from the CMS side: a publish, unpublish, move or delete, a Site, an image, a document, a
video, the contact settings, an appliance model's name or picture.

The whole-page cache and the Site lookup key on it; cms/receivers.py bumps it after the
commit. The shop's side has its own (catalog/freshness.py).
"""

PAGES = "pages"
