"""Every UI string exists, translated and not fuzzy, in kk and ru; plural rules are right."""

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import LOCALES, ROOT, po_path
from bot.i18n_workflow import problems
from tests.support.language import has_kazakh_letters

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database

KEYWORDS = {"_": None, "__": None, "ngettext": (1, 2)}


def source_msgids() -> set[str]:
    found = set()
    for folder in ("bot", "handlers"):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            ROOT / folder, keywords=KEYWORDS, comment_tags=()
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def catalog(locale: str):
    with po_path(locale).open("rb") as fh:
        return read_po(fh, locale=locale)


def test_no_untranslated_or_fuzzy_entries() -> None:
    assert problems() == []


def test_every_source_string_is_in_both_catalogs() -> None:
    wanted = source_msgids()
    assert len(wanted) > 20
    for locale in LOCALES:
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(locale) if m.id}
        missing = wanted - have
        assert not missing, f"{locale} lacks {sorted(missing)} (run: python -m bot i18n update)"


def test_no_catalog_entry_outlives_its_source_string() -> None:
    # A string the code no longer says is text no reviewer reads again and a translator still maintains.
    wanted = source_msgids()
    for locale in LOCALES:
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(locale) if m.id}
        assert not have - wanted, f"{locale} keeps unused {sorted(have - wanted)}"


def test_plural_headers() -> None:
    assert catalog("ru").num_plurals == 3
    assert catalog("kk").num_plurals == 2
    assert "n%10==1" in catalog("ru").plural_expr


def test_kazakh_and_russian_really_differ() -> None:
    kazakh_letters = set("әғқңөұүһі")
    kk = [
        m for m in catalog("kk") if m.id and isinstance(m.string, str) and any(c.isalpha() for c in m.string)
    ]
    with_kazakh = [m for m in kk if kazakh_letters & set(m.string.lower())]
    # Short words like "тегін" have no special letter; most sentences do.
    assert len(with_kazakh) >= len(kk) // 2
    for m in catalog("ru"):
        if m.id and isinstance(m.string, str):
            # Names stay Kazakh in Russian on purpose: the language picker, «Отбасы сағаты».
            assert not has_kazakh_letters(m.string), m.string


def test_no_gettext_inside_f_strings() -> None:
    # Babel's extractor skips calls inside f-string braces: such a string would never be translated.
    for folder in ("bot", "handlers"):
        for path in (ROOT / folder).rglob("*.py"):
            assert not re.search(r"\{_\(|\{ngettext\(", path.read_text("utf-8")), path
