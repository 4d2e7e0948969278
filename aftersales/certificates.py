"""The extended warranty certificate: one A4 page, Chinese and English side by side.

The certificate is a document the customer shows a technician or keeps with the invoice,
so it reads the same whoever downloads it and in whatever language: every label is printed
in both languages, fixed here rather than taken from the translation catalogue (a
certificate must not change with a catalogue edit). Chinese is set in reportlab's built-in
STSong-Light CID font (no font file; every PDF reader in China has it) and stays
extractable text; long Chinese wraps by character (wordWrap="CJK"), since it has no spaces.
"""

import datetime
import io
import re
from decimal import Decimal
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from groundwork.personal_names import full_name

from .models import WarrantyContract

CJK_FONT = "STSong-Light"
LATIN_FONT = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
MARGIN = 18 * mm
PAGE_WIDTH, PAGE_HEIGHT = A4
# SimpleDocTemplate's frame pads its content by 6 pt on every side.
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN - 12
BODY_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - 12
LABEL_WIDTH = 56 * mm
# Runs of Latin-1 text are set in Helvetica: STSong-Light's Latin is narrow and it has no
# glyph for some Latin-1 signs such as the middle dot (·) used in plan titles.
LATIN_RUN = re.compile(r"[\u0000-\u00ff\u2013\u2014]+")
BRAND = colors.HexColor("#08434e")
VOID_RED = colors.HexColor("#b42318")
MUTED = colors.HexColor("#555555")

TITLE = ("延长保修服务凭证", "Extended warranty certificate")
# (Chinese, English) for each row of the certificate, in the order printed.
LABELS = {
    "number": ("合同编号", "Contract number"),
    "status": ("状态", "Status"),
    "holder": ("持有人", "Holder"),
    "appliance": ("产品型号", "Appliance"),
    "serial": ("产品序列号", "Serial number"),
    "purchase_date": ("产品购买日期", "Purchase date"),
    "base_end": ("原厂保修截止", "Base warranty ends"),
    "plan": ("服务计划", "Plan"),
    "term": ("延保期限", "Term"),
    "cover": ("延保起止日期", "Extended cover"),
    "price": ("实付金额", "Price paid"),
    "hotline": ("服务热线", "Service hotline"),
    "terms": ("保障范围", "What is covered"),
}
ACTIVE = ("有效", "Active")
CANCELLED = ("已取消，本凭证已失效", "CANCELLED: this certificate is void")


def render_certificate(contract: WarrantyContract) -> bytes:
    """The certificate of `contract` as PDF bytes (its unit, model and owner are read)."""
    _register_fonts()
    unit = contract.unit
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{TITLE[1]} {contract.number}",
        author=settings.WAGTAIL_SITE_NAME,
        subject=f"{unit.appliance_model.model_number} {unit.serial}",
    )
    cancelled = contract.status == WarrantyContract.Status.CANCELLED
    story = [
        Paragraph(_text(TITLE[0]), STYLES["title_zh"]),
        Paragraph(_text(TITLE[1], bold=True), STYLES["title_en"]),
        Spacer(0, 4 * mm),
    ]
    if cancelled:
        story += [_void_banner(contract), Spacer(0, 4 * mm)]
    story += [
        _facts_table(contract),
        Spacer(0, 6 * mm),
        _bilingual_label(LABELS["terms"], STYLES["heading"]),
        Spacer(0, 2 * mm),
    ]
    footer = [Spacer(0, 5 * mm), Paragraph(_issued_line(), STYLES["small"])]
    # Whatever the terms' length, the certificate stays one page: they get the room left
    # over and shrink to fit it.
    used = sum(flowable.wrap(BODY_WIDTH, BODY_HEIGHT)[1] for flowable in story + footer)
    room = max(BODY_HEIGHT - used - 2 * mm, 12 * mm)
    story.append(KeepInFrame(BODY_WIDTH, room, [_coverage_terms(contract)], mode="shrink"))
    story += footer
    colour = VOID_RED if cancelled else BRAND
    document.build(
        story,
        onFirstPage=lambda canvas, doc: _draw_frame(canvas, colour),
        onLaterPages=lambda canvas, doc: _draw_frame(canvas, colour),
    )
    return out.getvalue()


def _register_fonts() -> None:
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def _style(name: str, **kwargs) -> ParagraphStyle:
    kwargs.setdefault("fontName", CJK_FONT)
    kwargs.setdefault("fontSize", 10)
    kwargs.setdefault("leading", kwargs["fontSize"] * 1.35)
    return ParagraphStyle(name, wordWrap="CJK", **kwargs)


STYLES = {
    "title_zh": _style("title_zh", fontSize=22, alignment=TA_CENTER, textColor=BRAND),
    "title_en": _style(
        "title_en", fontName=LATIN_BOLD, fontSize=13, alignment=TA_CENTER, textColor=BRAND
    ),
    "label": _style("label", fontSize=10),
    "value": _style("value", fontSize=10.5),
    "heading": _style("heading", fontSize=11, textColor=BRAND),
    "terms": _style("terms", fontSize=9.5),
    "void": _style("void", fontSize=13, leading=18, alignment=TA_CENTER, textColor=VOID_RED),
    "small": _style("small", fontSize=8, textColor=MUTED),
}


def _text(text: str, *, bold: bool = False, size: float | None = None, grey: bool = False) -> str:
    """Paragraph markup for `text`: Latin runs in Helvetica, the rest (Chinese) in STSong."""
    attrs = f' size="{size}"' if size else ""
    attrs += ' color="#555555"' if grey else ""
    latin = LATIN_BOLD if bold else LATIN_FONT
    parts, at = [], 0
    for run in LATIN_RUN.finditer(text):
        if run.start() > at:
            parts.append(f'<font face="{CJK_FONT}"{attrs}>{escape(text[at : run.start()])}</font>')
        parts.append(f'<font face="{latin}"{attrs}>{escape(run.group())}</font>')
        at = run.end()
    if at < len(text):
        parts.append(f'<font face="{CJK_FONT}"{attrs}>{escape(text[at:])}</font>')
    return "".join(parts)


def _bilingual_label(pair: tuple[str, str], style: ParagraphStyle) -> Paragraph:
    zh, en = pair
    return Paragraph(f"{_text(zh)} {_text(en, size=8, grey=True)}", style)


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else "—"


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _facts_table(contract: WarrantyContract) -> Table:
    unit = contract.unit
    model = unit.appliance_model
    cancelled = contract.status == WarrantyContract.Status.CANCELLED
    status = " ".join(CANCELLED if cancelled else ACTIVE)
    status_colour = "#b42318" if cancelled else "#1a7f37"
    appliance = [_text(model.model_number, bold=True), _text(model.name)]
    if model.name_en:
        appliance.append(_text(model.name_en))
    months = contract.term_months
    years = f" ({months // 12} years)" if months % 12 == 0 else ""
    price = _money(contract.price)
    rows = [
        ("number", _text(contract.number, bold=True, size=12)),
        ("status", f'<font color="{status_colour}">{_text(status, bold=True)}</font>'),
        ("holder", _text(_holder_name(unit.owner))),
        ("appliance", "<br/>".join(appliance)),
        ("serial", _text(unit.serial, bold=True)),
        ("purchase_date", _text(_date(unit.purchase_date))),
        ("base_end", _text(_date(unit.base_warranty_end))),
        ("plan", _text(contract.plan_title)),
        ("term", _text(f"{months} 个月 · {months} months{years}")),
        (
            "cover",
            _text(f"{_date(contract.starts_on)} – {_date(contract.ends_on)}", bold=True)
            + "<br/>"
            + _text("含首尾两日 · both days inclusive", size=8, grey=True),
        ),
        ("price", _text(f"人民币 {price} 元 · CNY {price}")),
        ("hotline", _text(settings.AFTERCARE_SERVICE_PHONE, bold=True)),
    ]
    data = [
        [_bilingual_label(LABELS[key], STYLES["label"]), Paragraph(value, STYLES["value"])]
        for key, value in rows
    ]
    table = Table(data, colWidths=[LABEL_WIDTH, BODY_WIDTH - LABEL_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.25, colors.HexColor("#d0d7de")),
                ("BOX", (0, 0), (-1, -1), 0.75, BRAND),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0f6f7")),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _holder_name(owner) -> str:
    return full_name(owner) or owner.email or owner.get_username()


def _coverage_terms(contract: WarrantyContract) -> Paragraph:
    text = (
        contract.coverage_terms.strip() or "以购买时的服务条款为准。See the plan's terms of sale."
    )
    lines = [_text(line.strip()) for line in text.splitlines() if line.strip()]
    return Paragraph("<br/>".join(lines), STYLES["terms"])


def _void_banner(contract: WarrantyContract) -> Table:
    cancelled_on = _date(contract.cancelled_on)
    lines = [
        _text(CANCELLED[0], size=16),
        _text(CANCELLED[1], bold=True, size=14),
        _text(f"取消日期 {cancelled_on} · Cancelled on {cancelled_on}", size=10),
    ]
    if contract.refund_amount is not None:
        refunded = _money(contract.refund_amount)
        lines.append(_text(f"已退款 人民币 {refunded} 元 · Refunded CNY {refunded}", size=10))
    banner = Paragraph("<br/>".join(lines), STYLES["void"])
    table = Table([[banner]], colWidths=[BODY_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2, VOID_RED),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fdecea")),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _issued_line() -> str:
    today = _date(timezone.localdate())
    site = settings.WAGTAIL_SITE_NAME
    zh = f"本凭证由 {site} 于 {today} 出具，以系统记录为准。"
    en = f"Issued by {site} on {today}. Our records prevail over this printout."
    return f"{_text(zh)}<br/>{_text(en)}"


def _draw_frame(canvas, colour) -> None:
    """A border round the page: the brand's colour, or red on a void certificate."""
    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(1.5 if colour == BRAND else 4)
    inset = 10 * mm
    canvas.rect(inset, inset, PAGE_WIDTH - 2 * inset, PAGE_HEIGHT - 2 * inset)
    canvas.restoreState()
