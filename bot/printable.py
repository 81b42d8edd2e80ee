"""A memo as a one-page A4 PDF for school stands and parent meetings: title, text, the 111 line, a QR code.

The font is DejaVu Sans from matplotlib's own data (a project dependency), so every Kazakh letter prints
without shipping font files; its licence sits next to it (mpl-data/fonts/ttf/LICENSE_DEJAVU).
"""

from __future__ import annotations

import importlib.util
import io
import re
from functools import lru_cache
from html import unescape
from pathlib import Path

from fpdf import FPDF

from bot.content import Memo
from bot.qr import qr_png
from bot.views.phrases import __

# Found without importing matplotlib (about 0.6 s of start-up that every bot process and test worker paid).
_MATPLOTLIB = importlib.util.find_spec("matplotlib")
assert _MATPLOTLIB is not None and _MATPLOTLIB.origin is not None, "matplotlib is a dependency"
FONT_DIR = Path(_MATPLOTLIB.origin).parent / "mpl-data" / "fonts" / "ttf"
FONT = "dejavu"
FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-BoldOblique.ttf",
}

MARGIN = 15.0
QR_SIZE = 38.0
FOOTER_SIZE = 10.0
# Below this a printed memo is no longer readable from arm's length; the text must be shortened instead.
SMALLEST = 7.0
LARGEST = 13.0

_TAG = re.compile(r"<(/?)([biu])>")


print_helpline = __(
    "<b>111</b> — helpline on family, women's and children's matters: free, anonymous, round the clock. "
    "If a life is in danger: <b>112</b>."
)
qr_caption = __("Scan the code to open the bot: helplines and safety memos in Kazakh and Russian.")


def segments(html: str) -> list[tuple[str, str]]:
    """Telegram HTML (b, i, u only) as (style, text) pieces; underline prints as plain text."""
    pieces: list[tuple[str, str]] = []
    bold = italic = False
    position = 0
    for tag in _TAG.finditer(html):
        if tag.start() > position:
            pieces.append(
                (("B" if bold else "") + ("I" if italic else ""), unescape(html[position : tag.start()]))
            )
        opening = tag.group(1) == ""
        if tag.group(2) == "b":
            bold = opening
        elif tag.group(2) == "i":
            italic = opening
        position = tag.end()
    if position < len(html):
        pieces.append((("B" if bold else "") + ("I" if italic else ""), unescape(html[position:])))
    return pieces


class _Page:
    def __init__(self, size: float, covered: frozenset[int], italic: bool) -> None:
        self.size = size
        self.covered = covered
        self.pdf = FPDF(format="A4", unit="mm")
        # Parsing a TTF costs ~90 ms: the italic faces only when the memo has italics.
        for style, name in FONT_FILES.items():
            if "I" not in style or italic:
                self.pdf.add_font(FONT, style=style, fname=str(FONT_DIR / name))
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        # The footer (111 line and QR code) is drawn at a fixed place; the body must stay above it.
        self.pdf.set_auto_page_break(True, margin=MARGIN + QR_SIZE + 6)
        self.pdf.add_page()

    def printable(self, text: str) -> str:
        # Emoji and variation selectors have no glyph in DejaVu; a blank box on paper helps nobody.
        return "".join(ch for ch in text if ord(ch) in self.covered or ch == "\n").replace("  ", " ")

    def markdown(self, pieces: list[tuple[str, str]]) -> str:
        """fpdf2's markdown keeps a bold run (a phone number) whole when it wraps, unlike write()."""
        out = []
        for style, text in pieces:
            text = text.replace("\\", "\\\\")
            for marker in ("**", "__", "--", "~~"):
                text = text.replace(marker, "\\" + marker)
            marks = ("**" if "B" in style else "") + ("__" if "I" in style else "")
            if not (marks and text.strip()):
                out.append(text)
                continue
            # A marker next to a space may not count as one: the spaces go outside.
            core = text.strip()
            start = text.index(core)
            out.append(f"{text[:start]}{marks}{core}{marks[::-1]}{text[start + len(core) :]}")
        return "".join(out)

    def paragraph(self, html: str, size: float, line: float, width: float = 0) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, size=size)
        for raw in html.strip().split("\n"):
            pieces = [(style, self.printable(text)) for style, text in segments(raw)]
            if not "".join(text for _, text in pieces).strip():
                pdf.ln(line * 0.5)
                continue
            left = pdf.l_margin
            first_style, first = pieces[0]
            if first.startswith("• "):
                # A hanging indent: wrapped lines of a bullet start under its text, not under the dot.
                bullet = pdf.get_string_width("• ") + 0.5
                pdf.cell(bullet, line, "•")
                pieces[0] = (first_style, first[2:])
                left += bullet
            pdf.set_x(left)
            box = width - (left - pdf.l_margin) if width else 0
            pdf.multi_cell(box, line, self.markdown(pieces), markdown=True, align="L", new_x="LMARGIN")

    def body(self, title: str, body: str) -> None:
        pdf = self.pdf
        size = self.size
        pdf.set_font(FONT, style="B", size=size * 1.45)
        pdf.multi_cell(0, size * 0.75, self.printable(title).strip(), align="L")
        pdf.ln(size * 0.35)
        self.paragraph(body, size, size * 0.5)

    def footer(self, helpline: str, caption: str, link: str) -> None:
        pdf = self.pdf
        top = pdf.h - MARGIN - QR_SIZE
        pdf.set_draw_color(160, 160, 160)
        pdf.line(MARGIN, top - 3, pdf.w - MARGIN, top - 3)
        pdf.image(io.BytesIO(qr_png(link, scale=8)), x=pdf.w - MARGIN - QR_SIZE, y=top, w=QR_SIZE, h=QR_SIZE)
        pdf.set_auto_page_break(False)
        width = pdf.w - 2 * MARGIN - QR_SIZE - 5
        pdf.set_xy(MARGIN, top + 2)
        self.paragraph(helpline, FOOTER_SIZE + 2, (FOOTER_SIZE + 2) * 0.5, width)
        pdf.ln(2)
        pdf.set_font(FONT, size=FOOTER_SIZE)
        pdf.multi_cell(width, FOOTER_SIZE * 0.45, self.printable(caption), align="L")
        pdf.set_font(FONT, style="B", size=FOOTER_SIZE)
        pdf.multi_cell(width, FOOTER_SIZE * 0.5, link, align="L")


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    cmaps = [TTFont(FONT_DIR / name, lazy=True).getBestCmap() for name in FONT_FILES.values()]
    return frozenset.intersection(*(frozenset(cmap) for cmap in cmaps))


@lru_cache(maxsize=128)
def _render(title: str, body: str, helpline: str, caption: str, link: str) -> bytes:
    size = LARGEST
    while True:
        page = _Page(size, _covered(), "<i>" in body + helpline)
        page.body(title, body)
        if page.pdf.page_no() == 1 or size <= SMALLEST:
            break
        size -= 0.5
    if page.pdf.page_no() > 1:
        raise ValueError(f"memo {title!r} does not fit on one page even at {SMALLEST} pt")
    page.footer(helpline, caption, link)
    if page.pdf.get_y() > page.pdf.h - MARGIN / 2:
        raise ValueError("the helpline and QR caption run off the page")
    return bytes(page.pdf.output())


def memo_pdf(memo: Memo, locale: str, bot_link: str) -> bytes:
    """The memo in `locale` on one A4 page; content files only, never anything a user typed."""
    text = memo.get(locale)
    return _render(text.title, text.body, print_helpline(locale), qr_caption(locale), bot_link)
