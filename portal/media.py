"""Serve uploaded media from MEDIA_ROOT with HTTP Range requests, for the embedded default.

Why this exists: a phone's video player asks for byte ranges (`Range: bytes=...`) to read
the index and to seek, and Safari on iOS will not play a video at all from a server that
answers a Range request with a plain 200. Django's `django.views.static.serve` ignores
Range, and whitenoise honours it only for the static files it indexes, never for uploads.
In production media live on object storage (S3-compatible, see settings.production),
which answers ranges itself; there `SERVE_MEDIA` is off and this view is not routed.

Only what a media player needs is implemented (RFC 9110 section 14): one range per
request; a request for several ranges gets the whole file, which the RFC allows, so no
multipart/byteranges bodies.
"""

import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.views.decorators.http import require_safe

from groundwork.whole_numbers import whole_number_or_none

# Python's table depends on the machine's /etc/mime.types: pin the types players care about.
# A WebVTT file must be text/vtt or browsers refuse the <track>.
mimetypes.add_type("video/mp4", ".mp4")
mimetypes.add_type("video/webm", ".webm")
mimetypes.add_type("text/vtt", ".vtt")
TEXT_CHARSET = "; charset=utf-8"

CACHE_CONTROL = "public, max-age=86400"
BLOCK_SIZE = 64 * 1024
_RANGE = re.compile(r"([0-9]*)-([0-9]*)")  # not \d, which also matches non-ASCII digits


class Unsatisfiable(Exception):
    """A well-formed range that starts past the end of the file (answer 416)."""


class FileSlice:
    """A file opened at `start` that reads at most `length` bytes, then reports EOF.

    It has no `seek`, `tell` or `fileno` on purpose: FileResponse would measure the whole
    file for Content-Length, and a WSGI server's sendfile path, which reads the file by
    its descriptor, need not stop where the slice does.
    """

    def __init__(self, path: Path, start: int, length: int):
        self._file = path.open("rb")
        self._file.seek(start)
        self._left = length

    def read(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        size = self._left if size is None or size < 0 else min(size, self._left)
        chunk = self._file.read(size)
        self._left -= len(chunk)
        return chunk

    def close(self) -> None:
        self._file.close()


@require_safe
def serve(request: HttpRequest, path: str) -> HttpResponse:
    """The file at `path` under MEDIA_ROOT: whole (200), a slice (206), or 304/404/416."""
    fullpath = _resolve(path)
    stat = fullpath.stat()
    size = stat.st_size
    etag = f'"{stat.st_mtime_ns:x}-{size:x}"'
    headers = {
        "Accept-Ranges": "bytes",
        "Cache-Control": CACHE_CONTROL,
        # Uploads share the site's origin: an SVG or HTML file opened directly runs no script.
        "Content-Security-Policy": "sandbox",
        "ETag": etag,
        "Last-Modified": http_date(stat.st_mtime),
    }
    if _not_modified(request, etag, stat.st_mtime):
        return _response(HttpResponseNotModified(), headers)

    try:
        byte_range = _byte_range(request, size, etag, stat.st_mtime)
    except Unsatisfiable:
        headers["Content-Range"] = f"bytes */{size}"
        return _response(HttpResponse(status=416), headers)

    status = 200
    start, length = 0, size
    if byte_range is not None:
        start, end = byte_range
        length = end - start + 1
        status = 206
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    headers["Content-Type"] = _content_type(fullpath)
    headers["Content-Length"] = str(length)
    if request.method == "HEAD":
        return _response(HttpResponse(status=status), headers)
    response = FileResponse(FileSlice(fullpath, start, length), status=status)
    response.block_size = BLOCK_SIZE
    return _response(response, headers)


def _resolve(path: str) -> Path:
    """The regular file `path` names inside MEDIA_ROOT, or 404 for anything else.

    safe_join rejects `..` and absolute paths; resolving afterwards also rejects a symlink
    that points out of MEDIA_ROOT.
    """
    if "\x00" in path:
        raise Http404("No such file.")
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        fullpath = Path(safe_join(root, path)).resolve()
    except (SuspiciousFileOperation, ValueError, OSError) as error:
        raise Http404("No such file.") from error
    try:
        found = fullpath.is_relative_to(root) and fullpath.is_file()
    except OSError:  # is_file() lets ENAMETOOLONG through: a name past the filesystem's limit
        found = False
    if not found:
        raise Http404("No such file.")
    return fullpath


def _not_modified(request: HttpRequest, etag: str, mtime: float) -> bool:
    """RFC 9110 13.2.2: If-None-Match (weak comparison) wins over If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = parse_etags(if_none_match)
        return "*" in tags or _weak(etag) in {_weak(tag) for tag in tags}
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(mtime) <= since


def _byte_range(request: HttpRequest, size: int, etag: str, mtime: float) -> tuple[int, int] | None:
    """The (first, last) byte asked for, or None to send the whole file.

    A header we cannot parse, or one asking for several ranges, is ignored as RFC 9110
    14.2 allows; a range starting past the end raises Unsatisfiable.
    """
    header = request.headers.get("Range")
    if not header or not _if_range_holds(request.headers.get("If-Range"), etag, mtime):
        return None
    unit, _, ranges = header.partition("=")
    specs = [spec.strip() for spec in ranges.split(",") if spec.strip()]
    if unit.strip().lower() != "bytes" or len(specs) != 1:
        return None
    match = _RANGE.fullmatch(specs[0])
    if match is None or match.group(1) == match.group(2) == "":
        return None
    # Thousands of digits would make int() raise; no file is larger than a bigint anyway.
    first, last = (whole_number_or_none(bound, minimum=0) for bound in match.groups())
    if (match.group(1) and first is None) or (match.group(2) and last is None):
        return None
    if first is None:
        if last == 0 or size == 0:
            raise Unsatisfiable
        return max(size - last, 0), size - 1
    if last is not None and last < first:
        return None
    if first >= size:
        raise Unsatisfiable
    return first, size - 1 if last is None else min(last, size - 1)


def _if_range_holds(if_range: str | None, etag: str, mtime: float) -> bool:
    """RFC 9110 13.1.5: a range applies only if the client's copy is still current.

    An entity tag must match strongly (ours are strong); a date must equal Last-Modified.
    """
    if if_range is None:
        return True
    if_range = if_range.strip()
    if if_range.startswith(('"', "W/")):
        return if_range == etag
    return parse_http_date_safe(if_range) == int(mtime)


def _weak(tag: str) -> str:
    return tag.removeprefix("W/")


def _content_type(path: Path) -> str:
    content_type, encoding = mimetypes.guess_type(path.name)
    if encoding or not content_type:
        # A .gz or .br upload is served as the bytes it is, never as a transfer encoding.
        return "application/octet-stream"
    if content_type.startswith("text/"):
        content_type += TEXT_CHARSET
    return content_type


def _response(response: HttpResponse, headers: dict[str, str]) -> HttpResponse:
    for name, value in headers.items():
        response.headers[name] = value
    return response
