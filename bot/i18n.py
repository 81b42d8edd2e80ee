"""gettext catalogs: compiled by the project itself (start-up, tests, `python -m bot i18n compile`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from aiogram.utils.i18n import I18n
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

if TYPE_CHECKING:  # the catalogs are compiled without the database layer
    from db.repositories.users import Speaks

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
        # Written beside it, then put in its place: a process reading the catalog meanwhile (CI runs the
        # PostgreSQL pass while `make test` compiles again) reads the old one or the new one, never half.
        partial = mo.with_suffix(".mo.partial")
        with partial.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        partial.replace(mo)
        written.append(mo)
    return written


def create_i18n(default_locale: str) -> I18n:
    compile_catalogs()
    return I18n(path=LOCALES_DIR, default_locale=default_locale, domain=DOMAIN)


def telegram_locale(telegram_code: str | None) -> str | None:
    """Telegram's language_code as one of ours (kk-KZ -> kk, ru -> ru); None for any other, or none."""
    base = (telegram_code or "").split("-")[0].lower()
    return base if base in LOCALES else None


def locale_for(chosen: str | None, telegram_code: str | None, default: str) -> str:
    """The user's own choice wins; else Telegram's language: kk -> kk, ru -> ru, anything else -> default."""
    if chosen in LOCALES:
        return chosen
    return telegram_locale(telegram_code) or default


def stored_locale(speaks: Speaks | None, default: str) -> str:
    """The language of a message sent to a user outside an update (a delivery report, an approval request or
    its result, a reminder, a digest): the rule replies follow, on what the user's last update left
    (`UserRepository.speaks`); `default` for someone the bot does not know."""
    if speaks is None:
        return default
    return locale_for(speaks.chosen, speaks.telegram, default)


# Each language named in itself: the same on every screen, so not translated.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский"}
