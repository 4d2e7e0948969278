"""Which words of a rendered page are in the wrong language (issue #15's language test).

`visible_text` keeps what a visitor reads or hears: text nodes, and the attributes that are
shown or read out (alt, title, placeholder, aria-label, a button's value). Scripts, styles,
SVG drawings, comments and every other attribute (URLs, class names, form values) are dropped.

`english_on_chinese_page` finds Latin words outside the allowlist; words holding a digit,
e-mail addresses and URLs are not language (model numbers, prices, sizes).
`chinese_on_english_page` finds runs of Chinese characters outside the allowed names.
"""

import html
import re
from html.parser import HTMLParser

SPOKEN_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label"}
SKIPPED_ELEMENTS = {"script", "style", "svg", "template", "noscript", "code", "pre"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
VOID_ELEMENTS |= {"source", "track", "wbr", "param"}

# Latin words a Chinese page may show: the brand, names of outside services and formats, units,
# and "English", the language picker's own name for English.
ENGLISH_ALLOWED = {
    "english",
    "aftercare",
    "qr",
    "pdf",
    "app",
    "wi-fi",
    "wifi",
    "stripe",
    "visa",
    "mastercard",
    "unionpay",
    "alipay",
    "wechat",
    "email",
    "e-mail",
    "ok",
    "vip",
    "tv",
    "led",
    "hp",
    "kw",
    "kg",
    "mm",
    "cm",
    "ml",
    "min",
    "id",
    "sms",
    "nps",
    "faq",
    "url",
    "ac",
    "ppm",
    "tds",
    "uv",
    "ro",
    "pp",
    "cto",
    "hepa",
    "dc",
    "jpeg",
    "png",
    "webp",
    "mb",
}
# Chinese an English page may show: the language picker's own name for Chinese.
CHINESE_ALLOWED = {"简体中文", "中文"}

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TOKEN = re.compile(r"\S+")
# Two letters or more: a lone letter is a grade, a sort order's "A 到 Z", not English.
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]")


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self._skipping:
            if tag == self._skipping[-1] and tag not in VOID_ELEMENTS:
                self._skipping.append(tag)
            return
        if tag in SKIPPED_ELEMENTS:
            self._skipping.append(tag)
            return
        values = dict(attrs)
        if values.get("aria-hidden") == "true":
            return
        for name, value in attrs:
            if name in SPOKEN_ATTRIBUTES and value:
                self.chunks.append(value)
        # An input button shows its value; a <button>'s value is sent, never shown.
        if tag == "input" and values.get("type") in ("submit", "button", "reset"):
            if values.get("value"):
                self.chunks.append(values["value"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self._skipping and self._skipping[-1] == tag and tag in SKIPPED_ELEMENTS:
            self._skipping.pop()

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.chunks.append(data)


def visible_text(page: str) -> list[str]:
    """The strings of an HTML page a visitor reads or hears, in document order."""
    collector = _TextCollector()
    collector.feed(page)
    collector.close()
    return [html.unescape(chunk).strip() for chunk in collector.chunks]


def english_on_chinese_page(chunks: list[str], allowed=frozenset()) -> set[str]:
    """Latin words in `chunks` that a Chinese page should not show."""
    allow = {word.lower() for word in ENGLISH_ALLOWED | set(allowed)}
    found = set()
    for chunk in chunks:
        for token in _TOKEN.findall(chunk):
            if any(ch.isdigit() for ch in token) or "@" in token or "://" in token:
                continue
            if token.startswith("/"):
                continue
            for word in _WORD.findall(token):
                if word.lower() not in allow:
                    found.add(word)
    return found


def chinese_on_english_page(chunks: list[str], allowed=frozenset()) -> set[str]:
    """Runs of Chinese characters in `chunks` that an English page should not show."""
    allow = CHINESE_ALLOWED | set(allowed)
    return {
        run
        for chunk in chunks
        for run in _HAN_RUN.findall(chunk)
        if run not in allow and not any(run in name for name in allow)
    }
