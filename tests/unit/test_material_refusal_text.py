"""The /upload refusal names the file's extension, or nothing when it has none: no MIME type, no «?»."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.i18n import compile_catalogs, create_i18n
from bot.materials.allowlist import Refusal, Refused, check_document, check_video
from bot.views.material_upload import refusal_text

pytestmark = pytest.mark.no_database


@pytest.fixture(autouse=True)
def _i18n() -> Iterator[None]:
    compile_catalogs()
    with create_i18n("kk").context():
        yield


def text_for(verdict: object, locale: str) -> str:
    assert isinstance(verdict, Refused)
    return refusal_text(verdict.reason, verdict.what, 10, locale)


def test_a_program_labelled_pdf_is_named_by_its_extension() -> None:
    verdict = check_document("setup.exe", "application/pdf", 10)
    kk, ru = text_for(verdict, "kk"), text_for(verdict, "ru")
    assert kk.startswith("Мұндай файлды тіркеуге болмайды: .exe. ") and "application" not in kk
    assert ru.startswith("Такие файлы прикреплять нельзя: .exe. ") and "application" not in ru


def test_a_file_without_a_name_to_show_gets_no_question_mark() -> None:
    nameless = (check_video("video/quicktime", 5000, 30), check_document("noextension", "text/plain", 10))
    for verdict in nameless:
        assert isinstance(verdict, Refused) and verdict.reason is Refusal.NOT_ALLOWED
        for locale in ("kk", "ru"):
            text = text_for(verdict, locale)
            assert "?" not in text and "quicktime" not in text and "text/plain" not in text
            assert "PDF, PPTX, DOCX, JPG, PNG, MP4" in text
