"""Situations a tester found answered wrongly (the e2e walk: tests/e2e/test_crisis_situations.py).

8. The line every reply to a child ends with said in Kazakh «сенімен хат алыса алмаймын», which reads like
   exchanging paper letters: the bot cannot talk with the child in the chat, and Russian says the same.
"""

from __future__ import annotations

import pytest

from bot.content import Content

pytestmark = pytest.mark.no_database

CONTENT = Content.load()


# --- 8. The bot's line under a child's reply ----------------------------------------------------------------


def test_the_bots_line_says_it_cannot_talk_in_the_chat() -> None:
    note = CONTENT.crisis.child_note
    assert "хат алыс" not in note.kk
    assert "чатта сөйлесе алмаймын" in note.kk
    assert "в чате" in note.ru
    for lang in ("kk", "ru"):
        assert "<b>111</b>" in note.get(lang) and "<b>112</b>" in note.get(lang)
