"""Every memo prints on one A4 page in its language, with the 111 line and Kazakh letters intact."""

import io
import re

import pytest
from pypdf import PdfReader

from bot.content import Content, Memo
from bot.content_check import KAZAKH_LETTERS
from bot.i18n import create_i18n
from bot.printable import memo_pdf, segments

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database

CONTENT = Content.load()
LINK = "https://t.me/outreach_test_bot"
A4 = (595, 842)  # points


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


@pytest.fixture(autouse=True)
def i18n_context():
    with create_i18n("kk").context():
        yield


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize("memo", CONTENT.memos.memos, ids=lambda m: m.slug)
def test_every_memo_is_one_a4_page_in_its_language(memo: Memo, locale: str) -> None:
    pdf = read(memo_pdf(memo, locale, LINK))
    assert len(pdf.pages) == 1
    page = pdf.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4
    text = flat(page.extract_text())
    title = memo.get(locale).title
    assert title in text
    assert "111" in text and LINK in text
    other = memo.get("ru" if locale == "kk" else "kk").title
    assert other not in text
    if locale == "kk":
        assert KAZAKH_LETTERS & set(title) <= set(text)
        assert "сенім телефоны" in text
    else:
        assert not KAZAKH_LETTERS & set(text)
        assert "телефон доверия" in text


def test_every_kazakh_letter_survives_the_font() -> None:
    letters = "".join(sorted(KAZAKH_LETTERS))
    memo = Memo.model_validate(
        {
            "slug": "letters",
            "category": "x",
            "kk": {"title": f"Әріптер {letters}", "body": f"<b>{letters.upper()}</b> {letters}"},
            "ru": {"title": "Буквы", "body": "Текст"},
        }
    )
    page = read(memo_pdf(memo, "kk", LINK)).pages[0]
    text = page.extract_text()
    assert letters in text and letters.upper() in text
    fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    # Embedded subsets ("MPDFAA+DejaVuSansBook"): the regular face for the text, the bold one for bold runs.
    assert {name.split("+")[-1] for name in fonts} == {"DejaVuSansBook", "DejaVuSansBold"}, fonts


def test_a_long_memo_shrinks_to_one_page_and_a_huge_one_is_refused() -> None:
    line = "• Бала өзін қауіпсіз сезінуі үшін ересектер не істей алатынын бірге талқылаңыз.\n"
    long = Memo.model_validate(
        {
            "slug": "long",
            "category": "x",
            "kk": {"title": "Ұзын жадынама", "body": line * 30},
            "ru": {"title": "Длинная", "body": "Текст"},
        }
    )
    pdf = read(memo_pdf(long, "kk", LINK))
    assert len(pdf.pages) == 1
    assert "Ұзын жадынама" in pdf.pages[0].extract_text()
    huge = long.model_copy(update={"kk": long.kk.model_copy(update={"body": line * 200})})
    with pytest.raises(ValueError, match="one page"):
        memo_pdf(huge, "kk", LINK)


def test_bold_survives_and_tags_do_not_print() -> None:
    assert segments("a <b>111</b> &amp; <i>b</i>") == [("", "a "), ("B", "111"), ("", " & "), ("I", "b")]
    memo = Memo.model_validate(
        {
            "slug": "tags",
            "category": "x",
            "kk": {"title": "Белгілер", "body": "Қоңырау шалыңыз: <b>111</b> -- **жұлдыз** &amp; т.б."},
            "ru": {"title": "Теги", "body": "Текст"},
        }
    )
    text = read(memo_pdf(memo, "kk", LINK)).pages[0].extract_text()
    assert "Қоңырау шалыңыз: 111 -- **жұлдыз** & т.б." in flat(text)
    assert "<b>" not in text
