"""The two languages bot/crisis/detector.py reads off a message: the one the rules go by, and the reply's.

They are read apart on purpose. The rules' language only keeps a rule of the other language from firing on
shared words (rules.matches), and is read cheaply for every message: Kazakh letters, else the frequent words.
The reply's language is read word by word (bot/crisis/language.py), a text in Latin letters by the Cyrillic
readings of its words, which the rules do not do (they were written for it as a text of no clear language);
it costs more, so it is read only for a crisis found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from bot.crisis.language import WordLanguages

_KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІäöüūışğñ]")


class MessageLanguage:
    def __init__(
        self,
        hints: Mapping[str, Iterable[str]],
        reply_words: Mapping[str, Iterable[str]],
        hit_of: Callable[[str, Any], Any],
    ) -> None:
        self._hints = {lang: frozenset(words) for lang, words in hints.items()}
        # The language each word says, kept per word as the word pass keeps its concepts (`hit_of`).
        self._words = WordLanguages(self._hints, reply_words, hit_of)

    def clear(self) -> None:
        self._words.clear()

    def for_rules(self, text: str, seen: set[str]) -> str | None:
        return "kk" if _KAZAKH_LETTERS.search(text) is not None else self._hint_language(seen)

    def _hint_language(self, keys: set[str]) -> str | None:
        """The language whose frequent words (common.yaml language_hints) the message has more of, if any."""
        score = {lang: len(hints & keys) for lang, hints in self._hints.items()}
        best = max(score.values())
        leaders = [lang for lang, n in score.items() if n == best]
        return leaders[0] if best and len(leaders) == 1 else None

    def for_reply(self, text: str, parts: list[list[str]]) -> tuple[str | None, str | None]:
        """The language of the message when it is clear, else None (the reply goes in the user's language),
        and the language most of its words are in, the guess when it is not clear (bot/crisis/language.py:
        each word votes, by its Kazakh letters, the frequent words and the words one lexicon knows)."""
        counted = self._words.vote(text, parts)
        return counted.sure, counted.leaning
