from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

VIDEO_MAX_BYTES = settings.AFTERCARE_VIDEO_MAX_UPLOAD_SIZE


def validate_video_size(file):
    from django.core.exceptions import ValidationError

    if file.size > VIDEO_MAX_BYTES:
        raise ValidationError(_("A video can be at most 200 MB."))


class Video(index.Indexed, models.Model):
    """A self-hosted usage video (MP4 or WebM) with a poster and captions in both languages."""

    title = models.CharField(_("title"), max_length=120)
    file = models.FileField(
        _("video file"),
        upload_to="videos/",
        validators=[FileExtensionValidator(["mp4", "webm"]), validate_video_size],
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    captions_zh_hans = models.FileField(
        _("captions (Chinese, WebVTT)"),
        upload_to="captions/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
    )
    captions_en = models.FileField(
        _("captions (English, WebVTT)"),
        upload_to="captions/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
    )
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self):
        return self.title

    @property
    def mime_type(self) -> str:
        return "video/webm" if self.file.name.endswith(".webm") else "video/mp4"
