"""The forms a rendered page declares, and request bodies that fill them with hostile values.

Bodies are encoded here rather than by Django's test client, which refuses strings it
cannot encode: a hostile client sends lone surrogates as invalid UTF-8 bytes, and those
must reach the server.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote_plus, urljoin, urlsplit

BOUNDARY = "hostileWalkBoundary7MA4YWxkTrZu0gW"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
URLENCODED = "application/x-www-form-urlencoded"
_NOT_SENT = {"file", "image", "reset"}


@dataclass(frozen=True)
class Form:
    action: str  # a path on this site, with its query string if the form has one
    method: str  # "get" or "post"
    multipart: bool
    fields: tuple[tuple[str, str], ...]  # (name, value as rendered)
    hidden: frozenset[str]  # names of hidden inputs: management forms, ids, tokens

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(name for name, _value in self.fields))


def forms_in(html: str, *, page: str) -> list[Form]:
    """The page's forms that submit to this site, with the fields a browser would send."""
    collector = _FormCollector()
    collector.feed(html)
    collector.close()
    found = []
    for attrs, fields, hidden in collector.forms:
        action = urljoin(page, attrs.get("action") or page).split("#", 1)[0]
        parts = urlsplit(action)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        found.append(
            Form(
                action=parts.path + (f"?{parts.query}" if parts.query else ""),
                method=(attrs.get("method") or "get").lower(),
                multipart="multipart" in (attrs.get("enctype") or ""),
                fields=tuple(fields),
                hidden=frozenset(hidden),
            )
        )
    return found


class _FormCollector(HTMLParser):
    """Forms and their named fields, read in one pass (no document tree: pages are big)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[dict, list, set]] = []
        self._form = None  # (attrs, fields, hidden) of the form being read
        self._select = None  # [name, first option's value, selected option's value]
        self._option = None  # [value attribute or None, text, selected]
        self._textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = (attrs, [], set())
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag in ("input", "button") and attrs.get("name"):
            kind = attrs.get("type", "text").lower() if tag == "input" else ""
            if kind not in _NOT_SENT:
                self._form[1].append((attrs["name"], attrs.get("value", "")))
                if kind == "hidden":
                    self._form[2].add(attrs["name"])
        elif tag == "select" and attrs.get("name"):
            self._select = [attrs["name"], None, None]
        elif tag == "option" and self._select is not None:
            if self._option is not None:  # <option> closes the one before it
                self._end_option()
            self._option = [attrs.get("value"), "", "selected" in attrs]
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data
        elif self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option" and self._option is not None:
            self._end_option()
        elif tag == "select" and self._select is not None:
            if self._option is not None:
                self._end_option()
            name, first, chosen = self._select
            if self._form is not None:
                self._form[1].append((name, chosen if chosen is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            if self._form is not None:
                self._form[1].append(tuple(self._textarea))
            self._textarea = None

    def _end_option(self):
        value, text, selected = self._option
        value = text.strip() if value is None else value
        if self._select[1] is None:
            self._select[1] = value
        if selected:
            self._select[2] = value
        self._option = None


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def urlencoded(pairs) -> bytes:
    return b"&".join(
        quote_plus(_bytes(name)).encode() + b"=" + quote_plus(_bytes(value)).encode()
        for name, value in pairs
    )


def query_string(pairs) -> str:
    return urlencoded(pairs).decode("ascii")


def multipart(pairs) -> bytes:
    body = []
    for name, value in pairs:
        quoted = _bytes(name).replace(b'"', b"%22")
        body += [
            f"--{BOUNDARY}".encode(),
            b'Content-Disposition: form-data; name="' + quoted + b'"',
            b"",
            _bytes(value),
        ]
    body += [f"--{BOUNDARY}--".encode(), b""]
    return b"\r\n".join(body)
