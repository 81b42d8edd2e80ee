"""The command line stays light: `python -m bot orgs import` or `backup` imports no aiogram and no handler.

Every command passes through the package app/; when its __init__ built the bot, each command (and each test
that runs one in a subprocess) paid some 8 s of CPU for aiogram's types and the handlers it never used.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.imports import ROOT

pytestmark = pytest.mark.no_database

CHECK = """
import sys
import app.cli
import bot.backup
import bot.orgs.csv_import
import bot.settings
heavy = sorted(name for name in sys.modules if name.split(".")[0] in ("aiogram", "handlers", "fpdf"))
print(" ".join(heavy))
"""


def test_commands_without_a_bot_import_neither_aiogram_nor_the_handlers() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
