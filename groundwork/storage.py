"""Storage for files no one but their owner (or permitted staff) may read."""

from django.core.files.storage import storages


def private_storage():
    """Settings' "private" storage: outside MEDIA_ROOT locally, signed URLs on S3."""
    return storages["private"]
