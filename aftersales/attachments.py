"""Photos, short videos and signatures on a service request, checked before they are kept.

`attach` is the one way a file joins a request, whoever sends it (the customer's fault
photo, the engineer's work photo, the customer's signature). It trusts neither the file's
name nor the type the browser declares: images are opened with Pillow, videos must start
like an MP4 or a QuickTime file. Refusals are django ValidationErrors with a message for
the person uploading.

(svc-dispatch wrote this minimal version for the engineer's page; the customer pages'
branch owns the full one, with the same signature.)
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .models import ServiceAttachment, ServiceRequest

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
VIDEO_TYPES = {"video/mp4", "video/quicktime"}
IMAGE_MAX_BYTES = settings.AFTERCARE_INVOICE_MAX_UPLOAD_SIZE  # 5 MB, as the invoice photo
VIDEO_MAX_BYTES = 30 * 1024 * 1024


def _image_type(upload) -> str | None:
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
    return IMAGE_TYPES.get(kind)


def _video_type(upload) -> str | None:
    upload.seek(0)
    head = upload.read(12)
    upload.seek(0)
    if len(head) == 12 and head[4:8] == b"ftyp":
        return "video/quicktime" if head[8:12] == b"qt  " else "video/mp4"
    return None


def attach(*, service_request: ServiceRequest, upload, stage: str, user) -> ServiceAttachment:
    """Keep `upload` on the request at `stage`, or raise ValidationError saying why not."""
    if stage not in ServiceAttachment.Stage.values:
        raise ValidationError(_("Unknown kind of attachment."))
    size = upload.size or 0
    if size <= 0:
        raise ValidationError(_("The file is empty."))
    content_type = _image_type(upload)
    if content_type is not None:
        if size > IMAGE_MAX_BYTES:
            raise ValidationError(_("A photo can be at most 5 MB."))
    elif stage == ServiceAttachment.Stage.SIGNATURE:
        raise ValidationError(_("The signature is not a picture."))
    else:
        content_type = _video_type(upload)
        if content_type is None:
            raise ValidationError(_("Send a photo (JPEG, PNG or WebP) or a video (MP4)."))
        if size > VIDEO_MAX_BYTES:
            raise ValidationError(_("A video can be at most 30 MB."))
    attachment = ServiceAttachment(
        request=service_request,
        stage=stage,
        content_type=content_type,
        size=size,
        uploaded_by=user if getattr(user, "pk", None) else None,
    )
    extension = content_type.split("/")[1].replace("jpeg", "jpg").replace("quicktime", "mov")
    attachment.file.save(f"{service_request.number}-{stage}.{extension}", upload, save=False)
    attachment.save()
    return attachment
