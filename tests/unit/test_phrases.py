"""Phrases (bot/views/phrases.py) translate when shown, in the locale they are called with."""

import pytest
from babel.messages.extract import extract
from babel.messages.frontend import parse_keywords

from bot.i18n import ROOT, create_i18n
from bot.i18n_workflow import KEYWORDS
from bot.views.material_upload import TITLE_LIMIT, title_too_long
from bot.views.materials import removed_toast
from bot.views.phrases import __

pytestmark = pytest.mark.no_database


def test_a_phrase_is_translated_in_the_locale_it_is_called_with() -> None:
    with create_i18n("kk").context():
        assert removed_toast("kk") == "Алып тасталды."
        assert removed_toast("ru") == "Убрано."


def test_a_counted_phrase_takes_the_form_of_its_number() -> None:
    files = __("{n} file", "{n} files")
    with create_i18n("kk").context():
        assert [files(n, "ru") for n in (1, 3, 5)] == ["1 файл", "3 файла", "5 файлов"]
        assert files(2, "kk") == "2 файл"


def test_a_bound_phrase_names_its_number_and_fills_its_fixed_values() -> None:
    with create_i18n("kk").context():
        text = title_too_long(81, "ru")
    assert "81" in text and str(TITLE_LIMIT) in text and "{" not in text


def test_the_catalog_workflow_extracts_a_counted_phrase_as_one_plural_entry() -> None:
    keywords = parse_keywords([k for k in KEYWORDS if k != "-k"])
    with (ROOT / "bot/views/materials.py").open("rb") as fh:
        found = {message for _line, message, _comments, _ctx in extract("python", fh, keywords=keywords)}
    assert ("{n} file", "{n} files") in found
    assert "Removed." in found
    assert "{n} file" not in found
