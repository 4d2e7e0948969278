"""Photos and short videos of a fault or a job: checked by what they are, then kept private.

A file's name and the type the browser claims prove nothing, so the content decides:
Pillow must open a photo as JPEG, PNG or WebP, and a video must start the way MP4,
QuickTime or WebM files do. Sizes are checked before a byte is read. Accepted files are
stored under a random name in private storage (settings STORAGES["private"]), which only
the views that check who is asking read from.
"""

import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .models import ServiceAttachment

PHOTO_MAX_BYTES = settings.AFTERCARE_SERVICE_PHOTO_MAX_UPLOAD_SIZE
VIDEO_MAX_BYTES = settings.AFTERCARE_SERVICE_VIDEO_MAX_UPLOAD_SIZE
MAX_PHOTOS = 3
MAX_VIDEOS = 1

PHOTO_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
VIDEO_EXTENSIONS = {"video/mp4": "mp4", "video/quicktime": "mov", "video/webm": "webm"}
# ISO base media files name their family in the "ftyp" box: these are MP4 (and its phone
# cousins: 3GP, Sony's XAVC); "qt  " is Apple's QuickTime.
MP4_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1",
    b"M4V ", b"M4VP", b"MSNV", b"dash", b"mmp4", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"XAVC",
}  # fmt: skip
# Older QuickTime files open with a movie atom instead of "ftyp".
QUICKTIME_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
ACCEPT = "image/jpeg,image/png,image/webp,video/mp4,video/quicktime,video/webm"


@dataclass(frozen=True)
class Checked:
    """An upload that passed: what it really is, and the extension it is stored under."""

    upload: object
    content_type: str
    extension: str

    @property
    def is_video(self) -> bool:
        return self.content_type.startswith("video/")


def _shown_name(upload) -> str:
    name = getattr(upload, "name", "") or _("The file")
    return name if len(name) <= 60 else f"{name[:57]}…"


def sniff_video(head: bytes) -> str | None:
    """The video type the first bytes of a file announce, or None."""
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand == b"qt  ":
            return "video/quicktime"
        return "video/mp4" if brand in MP4_BRANDS else None
    if head[4:8] in QUICKTIME_ATOMS:
        return "video/quicktime"
    if head[:4] == EBML_MAGIC and b"webm" in head[:64]:
        return "video/webm"
    return None


def _photo_format(upload) -> str | None:
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # A "decompression bomb" (a tiny file claiming a gigapixel image) is refused.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return None
    except (OSError, SyntaxError, ValueError):  # truncated or corrupt data Pillow gives up on
        return None
    finally:
        upload.seek(0)
    return image_format if image_format in PHOTO_FORMATS else None


def check(upload) -> Checked:
    """What `upload` is, or a ValidationError saying why it cannot be attached."""
    name = _shown_name(upload)
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    video_type = sniff_video(head)
    if video_type:
        if size > VIDEO_MAX_BYTES:
            raise ValidationError(
                _("%(name)s is too large: a video can be at most %(size)s.")
                % {"name": name, "size": filesizeformat(VIDEO_MAX_BYTES)},
                code="too_large",
            )
        return Checked(upload, video_type, VIDEO_EXTENSIONS[video_type])
    if size > PHOTO_MAX_BYTES:
        # Not a video we know, so at best a photo: too large to be one, unread.
        raise ValidationError(
            _("%(name)s is too large: a photo can be at most %(size)s.")
            % {"name": name, "size": filesizeformat(PHOTO_MAX_BYTES)},
            code="too_large",
        )
    image_format = _photo_format(upload)
    if image_format is None:
        raise _not_media(name)
    content_type, extension = PHOTO_FORMATS[image_format]
    return Checked(upload, content_type, extension)


def _not_media(name: str) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s is not a photo (JPEG, PNG or WebP) or a short video (MP4, MOV or "
            "WebM) we can open."
        )
        % {"name": name},
        code="bad_type",
    )


def check_bundle(uploads) -> list[Checked]:
    """All of `uploads` checked, and together no more than 3 photos or 1 video."""
    checked = [check(upload) for upload in uploads]
    videos = sum(1 for item in checked if item.is_video)
    photos = len(checked) - videos
    if videos > MAX_VIDEOS or (videos and photos) or photos > MAX_PHOTOS:
        raise ValidationError(
            _("Attach up to %(photos)d photos, or one short video.") % {"photos": MAX_PHOTOS},
            code="too_many",
        )
    return checked


def attach(*, service_request, upload, stage: str, user) -> ServiceAttachment:
    """Check `upload` and keep it with `service_request`; ValidationError if it is refused.

    The file goes to storage under a random name first and the row after; should the row
    fail, the file is removed again, so nothing is left half-written.
    """
    checked = upload if isinstance(upload, Checked) else check(upload)
    attachment = ServiceAttachment(
        request=service_request,
        stage=stage,
        content_type=checked.content_type,
        size=checked.upload.size,
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    checked.upload.seek(0)
    attachment.file.save(
        f"{uuid.uuid4().hex}.{checked.extension}", File(checked.upload), save=False
    )
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment
