"""A text asked twice, in Kazakh then in Russian (a post, an event's topic): each must have words, and the
second is checked against the first, since parents get the text in the language they chose."""

from __future__ import annotations

from aiogram.fsm.state import State
from aiogram.types import InlineKeyboardMarkup

from bot.flows.language_guess import has_letters
from bot.flows.wizard import Step
from bot.views.post_flow import MISMATCH_WARNINGS, NO_WORDS, language_mismatch


async def _has_words(step: Step, text: str, language: str) -> bool:
    """False, after asking for the text in words, when it has no letter: a date sent one step too early
    («15.01.2027 17:00») would otherwise be kept as the text."""
    if has_letters(text):
        return True
    await step.message.answer(NO_WORDS[language](step.locale))
    return False


async def kazakh_taken(
    step: Step, key: str, text: str, ask_ru: str, ru_step: State, markup: InlineKeyboardMarkup
) -> None:
    """Keeps the Kazakh text under `key` and asks for the Russian one."""
    if not await _has_words(step, text, "kk"):
        return
    await step.state.update_data({key: text})
    await step.state.set_state(ru_step)
    await step.show(ask_ru, markup, edit=False)


async def russian_taken(step: Step, keys: tuple[str, str], text: str, keep: InlineKeyboardMarkup) -> bool:
    """Keeps the Russian text under `keys[1]`; False when it has no words (not kept), or, after a warning
    with `keep` (Keep as it is, Cancel), when the pair under `keys` is clearly not Kazakh and Russian."""
    if not await _has_words(step, text, "ru"):
        return False
    data = await step.state.update_data({keys[1]: text})
    if (mismatch := language_mismatch(data[keys[0]], text)) is not None:
        await step.message.answer(MISMATCH_WARNINGS[mismatch](step.locale), reply_markup=keep)
        return False
    return True
