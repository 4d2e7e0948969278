"""A4 sheets of per-unit QR labels for a factory run, as a vector PDF.

Each code is drawn from segno's module matrix as filled rectangles (one per run of dark
modules in a row), so it prints sharp at any printer resolution and a 1,000-label run
stays a few hundred kilobytes. The header is in Chinese with reportlab's built-in
STSong-Light CID font: it needs no font file and every PDF reader in China has it.
"""

import io
from collections.abc import Sequence
from itertools import groupby

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from appliances.models import ApplianceModel

from . import addresses, render

COLUMNS, ROWS = 5, 8
PER_PAGE = COLUMNS * ROWS
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 10 * mm
HEADER_HEIGHT = 8 * mm
CELL_WIDTH = (PAGE_WIDTH - 2 * MARGIN) / COLUMNS
CELL_HEIGHT = (PAGE_HEIGHT - 2 * MARGIN - HEADER_HEIGHT) / ROWS
# Two caption lines under each code: model number, then serial.
CAPTION_SIZE = 6.5
CAPTION_HEIGHT = 2 * CAPTION_SIZE + 4
CJK_FONT = "STSong-Light"
LATIN_FONT = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"


def label_sheet(*, appliance_model: ApplianceModel, serials: Sequence[str]) -> bytes:
    _register_fonts()
    out = io.BytesIO()
    pdf = Canvas(out, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"{appliance_model.model_number} QR labels")
    pdf.setAuthor(settings.WAGTAIL_SITE_NAME)
    pages = max(1, -(-len(serials) // PER_PAGE))
    # Labels go onto devices made for the Chinese market: the sheet speaks the site's
    # default language whoever asks for it (and a Celery worker has no request language).
    with translation.override(settings.LANGUAGE_CODE):
        for page in range(pages):
            chunk = serials[page * PER_PAGE : (page + 1) * PER_PAGE]
            _draw_header(pdf, appliance_model, len(serials), page + 1, pages)
            for index, serial in enumerate(chunk):
                column, row = index % COLUMNS, index // COLUMNS
                left = MARGIN + column * CELL_WIDTH
                top = PAGE_HEIGHT - MARGIN - HEADER_HEIGHT - row * CELL_HEIGHT
                _draw_label(pdf, appliance_model, serial, left, top)
            pdf.showPage()
    pdf.save()
    return out.getvalue()


def _register_fonts() -> None:
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def _draw_header(pdf: Canvas, model: ApplianceModel, total: int, page: int, pages: int) -> None:
    text = _(
        "%(name)s %(model)s QR labels, %(count)s in all, page %(page)s of %(pages)s, "
        "printed %(date)s"
    ) % {
        "name": model.name,
        "model": model.model_number,
        "count": total,
        "page": page,
        "pages": pages,
        "date": timezone.localdate().isoformat(),
    }
    pdf.setFont(CJK_FONT, 9)
    pdf.setFillGray(0)
    pdf.drawString(MARGIN, PAGE_HEIGHT - MARGIN - 5 * mm, text)


def _draw_label(pdf: Canvas, model: ApplianceModel, serial: str, left: float, top: float) -> None:
    # A faint cutting guide; it lies outside every code's quiet zone.
    pdf.setStrokeGray(0.85)
    pdf.setLineWidth(0.25)
    pdf.rect(left, top - CELL_HEIGHT, CELL_WIDTH, CELL_HEIGHT, stroke=1, fill=0)

    qr = render.symbol(addresses.unit_url(model.public_code, serial))
    modules = qr.symbol_size(border=render.QUIET_ZONE)[0]
    box = min(CELL_WIDTH, CELL_HEIGHT - CAPTION_HEIGHT) - 2 * mm
    module = box / modules
    x0 = left + (CELL_WIDTH - box) / 2
    y0 = top - 1 * mm
    # Drawn in module units (whole numbers) and scaled once: shorter PDF, faster to write.
    pdf.saveState()
    pdf.translate(x0, y0)
    pdf.scale(module, module)
    path = pdf.beginPath()
    for row, cells in enumerate(qr.matrix_iter(border=render.QUIET_ZONE)):
        column = 0
        for dark, run in groupby(cells):
            width = len(list(run))
            if dark:
                path.rect(column, -row - 1, width, 1)
            column += width
    pdf.setFillGray(0)
    pdf.drawPath(path, stroke=0, fill=1)
    pdf.restoreState()

    centre = left + CELL_WIDTH / 2
    baseline = y0 - box - CAPTION_SIZE + 1
    _centred(pdf, model.model_number, LATIN_BOLD, centre, baseline)
    _centred(pdf, serial, LATIN_FONT, centre, baseline - CAPTION_SIZE - 1.5)


def _centred(pdf: Canvas, text: str, font: str, centre: float, baseline: float) -> None:
    # Shrink long model numbers to the cell rather than let them run into the next label.
    room = CELL_WIDTH - 3 * mm
    size = min(CAPTION_SIZE, CAPTION_SIZE * room / pdfmetrics.stringWidth(text, font, CAPTION_SIZE))
    pdf.setFont(font, size)
    pdf.drawCentredString(centre, baseline, text)
