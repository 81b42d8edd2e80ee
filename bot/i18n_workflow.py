"""The gettext workflow behind `python -m bot i18n ...`, on Babel's own command line."""

from __future__ import annotations

import sys

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from bot.i18n import DOMAIN, LOCALES, LOCALES_DIR, ROOT, compile_catalogs, po_path

POT = LOCALES_DIR / f"{DOMAIN}.pot"
KEYWORDS = ["-k", "_", "-k", "__", "-k", "ngettext:1,2"]


def extract() -> None:
    CommandLineInterface().run(
        [
            "pybabel",
            "extract",
            *KEYWORDS,
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-o",
            str(POT),
            str(ROOT / "bot"),
            str(ROOT / "handlers"),
        ]
    )


def update() -> None:
    extract()
    CommandLineInterface().run(
        [
            "pybabel",
            "update",
            "-i",
            str(POT),
            "-d",
            str(LOCALES_DIR),
            "-D",
            DOMAIN,
            "--no-fuzzy-matching",
            "--ignore-obsolete",
            "--omit-header",
        ]
    )


def problems() -> list[str]:
    """Untranslated, fuzzy or plural-incomplete entries, per locale."""
    found = []
    for locale in LOCALES:
        with po_path(locale).open("rb") as fh:
            catalog = read_po(fh, locale=locale)
        for message in catalog:
            if not message.id:
                continue
            label = f"{locale}: {message.id if isinstance(message.id, str) else message.id[0]!r}"
            if message.fuzzy:
                found.append(f"{label} is fuzzy")
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings):
                found.append(f"{label} is not translated")
    return found


def run(action: str) -> int:
    if action == "extract":
        extract()
    elif action == "update":
        update()
    elif action == "compile":
        for path in compile_catalogs(force=True):
            print(f"compiled {path.relative_to(ROOT)}")
    else:
        issues = problems()
        for line in issues:
            print(line, file=sys.stderr)
        return 1 if issues else 0
    return 0
