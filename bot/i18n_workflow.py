"""The gettext workflow behind `python -m bot i18n ...`, on Babel's own command line."""

from __future__ import annotations

import fcntl
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from bot.content.base import parse_yaml
from bot.i18n import DOMAIN, LOCALES, LOCALES_DIR, ROOT, compile_catalogs, po_path

POT = LOCALES_DIR / f"{DOMAIN}.pot"
# `__` marks a phrase (one argument) or a counted phrase (singular and plural; Babel counts a trailing
# comma as a third argument): bot/views/phrases.py.
KEYWORDS = ["-k", "_", "-k", "__:1,1t", "-k", "__:1,2,2t", "-k", "__:1,2,3t", "-k", "ngettext:1,2"]


def extract() -> None:
    options = ["--no-location", "--sort-output", "--omit-header", "-o", str(POT)]
    sources = [str(ROOT / "bot"), str(ROOT / "handlers")]
    CommandLineInterface().run(["pybabel", "extract", *KEYWORDS, *options, *sources])


def update() -> None:
    extract()
    options = ["-D", DOMAIN, "--no-fuzzy-matching", "--ignore-obsolete", "-w", "110"]
    CommandLineInterface().run(["pybabel", "update", "-i", str(POT), "-d", str(LOCALES_DIR), *options])


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


def translate(fragment: Path) -> int:
    """Update the catalogs from the code, then fill in translations from a YAML file.

    The file maps each msgid to {kk: ..., ru: ...}; a plural msgid maps to lists of forms. Several people (or
    agents) may run this at once, so the read-modify-write of the catalogs happens under one lock.
    """
    entries = parse_yaml(fragment.read_text(encoding="utf-8")) or {}
    lock_path = LOCALES_DIR / ".translate.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        update()
        missing = []
        for locale in LOCALES:
            path = po_path(locale)
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=locale)
            for msgid, forms in entries.items():
                message = catalog.get(msgid) or next(
                    (m for m in catalog if isinstance(m.id, tuple) and m.id[0] == msgid), None
                )
                if message is None:
                    missing.append(f"{locale}: {msgid!r} is not in the code")
                    continue
                value = forms[locale]
                message.string = tuple(value) if isinstance(message.id, tuple) else value
                message.flags.discard("fuzzy")
            with path.open("wb") as fh:
                write_po(fh, catalog, sort_output=True, width=110)
    for line in missing:
        print(line, file=sys.stderr)
    return 1 if missing else 0


def run(action: str, fragment: Path | None = None) -> int:
    if action == "translate":
        if fragment is None:
            print("usage: python -m bot i18n translate FILE.yaml", file=sys.stderr)
            return 2
        return translate(fragment)
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
