"""Splitting the shop's old bilingual text into one text per language.

Before the catalogue stored content per language (migration 0034), a title carried both:
"挂机深度清洗 (Split AC deep clean)", "Aftercare 官方旗舰店 / Official store", and a
description one paragraph per language. These pure functions take such text apart.
"""

import re

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# "中文 (English)" or "中文（English）", the English part holding no Chinese.
_PARENTHESISED = re.compile(r"^(?P<zh>.*?)\s*[(（](?P<en>[^()（）]*)[)）]\s*$", re.DOTALL)
_SLASHED = re.compile(r"^(?P<zh>.*?)\s+/\s+(?P<en>[^/]*)$", re.DOTALL)
_PARAGRAPH = re.compile(r"<p\b[^>]*>.*?</p>", re.DOTALL | re.IGNORECASE)


def has_chinese(text: str) -> bool:
    return bool(HAN.search(text or ""))


def split_title(text: str) -> tuple[str, str]:
    """(Chinese, English) of a one-line name; a side the text lacks is ''."""
    text = (text or "").strip()
    if not has_chinese(text):
        return "", text
    for pattern in (_PARENTHESISED, _SLASHED):
        match = pattern.match(text)
        if match and match["en"].strip() and not has_chinese(match["en"]):
            zh, en = match["zh"].strip(), match["en"].strip()
            if has_chinese(zh):
                return zh, en
    return text, ""


def split_html(html: str) -> tuple[str, str]:
    """(Chinese, English) of a description written one <p> per language.

    Text that is not made of paragraphs, or has no paragraph without Chinese, is all Chinese.
    """
    html = (html or "").strip()
    paragraphs = _PARAGRAPH.findall(html)
    if not paragraphs or _PARAGRAPH.sub("", html).strip():
        return (html, "") if has_chinese(html) else ("", html)
    zh = "".join(p for p in paragraphs if has_chinese(p))
    en = "".join(p for p in paragraphs if not has_chinese(p))
    return zh, en
