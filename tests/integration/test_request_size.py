"""Issue #13: a body larger than the largest upload is refused (413) before it is read.

Through the test client, whose fake body fails the test if anything reads past what was
sent; then over a socket to a running server (Django's live server and gunicorn, as in
production), which must answer while most of the announced body is still unsent.
"""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024
# filesizeformat puts a no-break space between number and unit.
REFUSAL_EN = "This request is too large: at most 202.0\xa0MB can be sent at once."
REFUSAL_ZH = "请求过大：一次最多只能发送 202.0\xa0MB。"


class TestTheLimit:
    def test_covers_every_upload_the_site_accepts(self, settings):
        from aftersales.forms import INVOICE_MAX_BYTES
        from cms.models.media import VIDEO_MAX_BYTES

        uploads = {
            "document": settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
            "image": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
            "invoice photo": INVOICE_MAX_BYTES,
            "video": VIDEO_MAX_BYTES,
        }
        assert max(uploads.values()) == uploads["video"] == 200 * MB
        # Room for the rest of the form the largest file is sent with.
        assert settings.REQUEST_BODY_MAX_BYTES == 202 * MB

    def test_keeps_form_fields_apart_at_djangos_default(self, settings):
        assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440


@pytest.mark.django_db
class TestARequestOverTheLimit:
    def test_is_refused_with_413_without_its_body_being_read(self, client):
        # The fake body holds a few bytes but the header announces one more than the limit:
        # reading it (CSRF's check, the form) would fail the test with an AssertionError.
        response = client.post(
            "/zh-hans/devices/register/",
            {"serial": "KG2403000000000001"},
            CONTENT_LENGTH=str(django_settings.REQUEST_BODY_MAX_BYTES + 1),
        )
        assert response.status_code == 413
        assert response["Content-Type"] == "text/plain; charset=utf-8"

    def test_says_why_in_chinese(self, client):
        response = client.post("/zh-hans/shop/basket/", CONTENT_LENGTH=str(1 << 40))
        assert response.content.decode() == REFUSAL_ZH

    def test_says_why_in_english(self, client):
        response = client.post("/en/shop/basket/", CONTENT_LENGTH=str(1 << 40))
        assert response.content.decode() == REFUSAL_EN

    def test_is_refused_on_every_path_also_the_webhook(self, client):
        response = client.post("/webhooks/stripe/", CONTENT_LENGTH=str(1 << 40))
        assert response.status_code == 413


@pytest.mark.django_db
class TestARequestWithinTheLimit:
    def test_at_the_limit_is_served(self, client, settings):
        settings.REQUEST_BODY_MAX_BYTES = 1000
        response = client.post("/healthz", b"x" * 1000, content_type="text/plain")
        assert response.status_code == 200

    def test_one_byte_over_is_refused(self, client, settings):
        settings.REQUEST_BODY_MAX_BYTES = 1000
        response = client.post("/healthz", b"x" * 1001, content_type="text/plain")
        assert response.status_code == 413

    def test_without_a_body_is_served(self, client):
        assert client.get("/healthz").status_code == 200

    def test_with_too_many_form_bytes_for_memory_gets_400_not_500(self, client):
        # Under the upload limit, but more plain form data than Django holds in memory.
        body = "language=en&next=/&pad=" + "x" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
        response = client.post(
            "/i18n/setlang/", body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 400


SENT = 64 * 1024  # of the 202 MB a request announces


def post_a_fraction(host: str, port: int, announced: int) -> bytes:
    """Announce `announced` body bytes, send only the first SENT, and read the answer."""
    head = (
        "POST /en/devices/register/ HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\n"
        "Content-Type: multipart/form-data; boundary=aftercare\r\n"
        f"Content-Length: {announced}\r\n"
        "\r\n"
    ).encode()
    with socket.create_connection((host, port), timeout=15) as sock:
        sock.sendall(head + b"--aftercare\r\n" + b"x" * (SENT - 13))
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += sock.recv(65536)
        head, _, body = answer.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?im)^content-length: *(\d+)", head).group(1))
        while len(body) < length:
            body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


@pytest.fixture
def gunicorn_server(tmp_path):
    """gunicorn as the Procfile runs it, one worker, on a free port, test settings."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        # The refusal touches no database; an empty one keeps the test's own out of reach.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                time.sleep(0.2)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        process.wait(timeout=10)


class TestAServerGivenAnOversizedUpload:
    """The answer comes while all but the first 64 KB of the 202 MB announced are unsent:
    the server did not wait for the body, let alone read it."""

    def test_gunicorn_answers_413_at_once(self, gunicorn_server):
        answer = post_a_fraction(*gunicorn_server, announced=202 * MB + 1)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:300]
        assert b"Content-Security-Policy:" in answer
        assert answer.endswith(REFUSAL_EN.encode())

    # Last in the module: the live server empties the database when the test ends.
    def test_djangos_live_server_answers_413_at_once(self, live_server):
        address = (live_server.thread.host, live_server.thread.port)
        answer = post_a_fraction(*address, announced=202 * MB + 1)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:300]
        assert answer.endswith(REFUSAL_EN.encode())
