"""gettext catalogs: compiled by the project itself (start-up, tests, `python -m bot i18n compile`)."""

from __future__ import annotations

from pathlib import Path

from aiogram.utils.i18n import I18n
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES_DIR = ROOT / "locales"
DOMAIN = "messages"
LOCALES = ("kk", "ru")


def po_path(locale: str) -> Path:
    return LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalogs(force: bool = False) -> list[Path]:
    """Compile every .po that is newer than its .mo; returns what was written."""
    written = []
    for locale in LOCALES:
        po = po_path(locale)
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=locale)
        # Fuzzy entries would show a guessed translation to parents; the catalog test refuses them too.
        with mo.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(mo)
    return written


def create_i18n(default_locale: str) -> I18n:
    compile_catalogs()
    return I18n(path=LOCALES_DIR, default_locale=default_locale, domain=DOMAIN)


def locale_for(chosen: str | None, telegram_code: str | None, default: str) -> str:
    """The user's own choice wins; else Telegram's language: kk -> kk, ru -> ru, anything else -> default."""
    if chosen in LOCALES:
        return chosen
    if telegram_code:
        base = telegram_code.split("-")[0].lower()
        if base in LOCALES:
            return base
    return default


# Each language named in itself: the same on every screen, so not translated.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский"}
