"""No Kazakh msgstr puts a postposition straight after a placeholder: «{expires} дейін», «{when} бастап».

A placeholder holds a date, a time or a number, and the case ending a Kazakh postposition asks for after it
depends on how the last figure is read: «17:00-ге дейін» (он жеті), «17:30-ға дейін» (отыз), «5000-ға»
(мың), so neither a bare «17:00 дейін» nor one fixed ending fits every value. The translations say it
another way: «жарамдылық мерзімі — {expires}», «Іске қосылды: {when}», «0 мен {max} аралығындағы сан».
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from bot.i18n import po_path

pytestmark = pytest.mark.no_database

# A placeholder, then a postposition that governs a case (with or without a hard-coded ending before it).
POSTPOSITION_AFTER_PLACEHOLDER = re.compile(
    r"\{\w+\}(?:-[а-яәғқңөұүһі]+)?\s+(?:дейін\w*|шейін\w*|бастап|кейін\w*|соң\w*|бері\w*|бергі\w*)"
)
# A case ending hard-coded after a placeholder that holds a number: right for some values only.
CASE_ENDING_AFTER_NUMBER = re.compile(
    r"\{(?:max|min|n|count|limit)\}-(?:ге|ға|ке|қа|ден|дан|тен|тан|де|да|те|та)\b"
)


def kazakh_msgstrs() -> list[str]:
    with po_path("kk").open("rb") as fh:
        catalog = read_po(fh, locale="kk")
    texts: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        texts.extend(s for s in strings if s)
    return texts


def offending(texts: list[str]) -> list[str]:
    return [
        t for t in texts if POSTPOSITION_AFTER_PLACEHOLDER.search(t) or CASE_ENDING_AFTER_NUMBER.search(t)
    ]


def test_the_rule_sees_what_it_is_for() -> None:
    assert offending(
        [
            "Ол бір рет қана, {expires} дейін жұмыс істейді",
            "{when} бастап жұмыс істеп тұр",
            "• {role}, {place}: {until} дейін",
            "{last} дейінгі күнді жіберіңіз.",
            "0-ден {max}-ге дейінгі бүтін сан",
        ]
    ) == [
        "Ол бір рет қана, {expires} дейін жұмыс істейді",
        "{when} бастап жұмыс істеп тұр",
        "• {role}, {place}: {until} дейін",
        "{last} дейінгі күнді жіберіңіз.",
        "0-ден {max}-ге дейінгі бүтін сан",
    ]
    right = ["{steps}-қадам", "{grades}-сынып", "жарамдылық мерзімі — {expires}", "17:00-ге дейін"]
    assert offending(right) == []


def test_no_kazakh_postposition_follows_a_placeholder() -> None:
    assert offending(kazakh_msgstrs()) == []
