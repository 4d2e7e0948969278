"""The demo's usage video: made on the spot, ready for a phone, made once."""

from pathlib import Path

import pytest
from django.conf import settings
from wagtail.images import get_image_model

from cms.models import Video
from portal.demo.video import TITLE, ensure_demo_video

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


@pytest.fixture
def video() -> Video:
    return ensure_demo_video()


def read(field) -> bytes:
    with field.open("rb") as f:
        return f.read()


def media_files() -> dict[str, int]:
    """Each file in the folders the demo video writes to, with its modification time."""
    root = Path(settings.MEDIA_ROOT)
    folders = [root / name for name in ("videos", "captions", "original_images")]
    return {str(p): p.stat().st_mtime_ns for f in folders for p in f.rglob("*") if p.is_file()}


class TestTheDemoVideo:
    def test_is_made_once(self, video):
        files, images = media_files(), get_image_model().objects.count()
        again = ensure_demo_video()
        assert again.pk == video.pk
        assert Video.objects.filter(title=TITLE).count() == 1
        assert get_image_model().objects.count() == images
        assert media_files() == files, "a second run wrote files"

    def test_is_an_mp4_with_its_index_first(self, video):
        data = read(video.file)
        assert video.file.name.endswith(".mp4") and video.mime_type == "video/mp4"
        assert data[4:8] == b"ftyp"
        # "faststart": a phone needs the moov index before it can play or seek in mdat.
        assert 0 < data.find(b"moov") < data.find(b"mdat")

    def test_lasts_twelve_seconds(self, video):
        assert video.duration_seconds == 12

    def test_has_captions_in_both_languages(self, video):
        zh, en = read(video.captions_zh_hans).decode(), read(video.captions_en).decode()
        assert zh.startswith("WEBVTT") and en.startswith("WEBVTT")
        assert "00:00:00.000 --> 00:00:02.000\n第一步" in zh
        assert "00:00:00.000 --> 00:00:02.000\nStep 1" in en
        assert zh.count("-->") == en.count("-->") == 6

    def test_has_a_poster_the_size_of_the_video(self, video):
        assert (video.poster.width, video.poster.height) == (640, 360)
        assert video.poster.file_size and video.poster.file_hash

    def test_is_served_in_ranges(self, client, video):
        response = client.get(video.file.url, HTTP_RANGE="bytes=0-1023")
        assert response.status_code == 206
        assert response["Content-Type"] == "video/mp4"
        assert b"".join(response.streaming_content) == read(video.file)[:1024]
