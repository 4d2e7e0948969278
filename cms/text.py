"""Flattening page content into one string for substring search.

Wagtail's database search backends split words on spaces (PostgreSQL's tsvector, SQLite's
FTS5 tokeniser), so a two-character Chinese word inside a sentence is never a token of its
own. Pages keep a flattened copy that `icontains` can search on every database.
"""

from django.db import models
from django.utils.html import strip_tags


def searchable_text(*parts) -> str:
    chunks = []
    for part in parts:
        if part is None:
            continue
        if hasattr(part, "stream_block"):
            chunks.extend(str(c) for c in part.stream_block.get_searchable_content(part))
        else:
            chunks.append(str(part))
    return " ".join(strip_tags(chunk) for chunk in chunks if chunk).strip()


class SearchTextMixin(models.Model):
    """A page that keeps its title, intro and body flattened in `search_text` on save."""

    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = searchable_text(self.title, self.intro, self.body)
        return super().save(*args, **kwargs)
