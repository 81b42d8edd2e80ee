"""The language to answer a crisis message in: the words of the message vote, each for one language at most.

Children in Kazakhstan mix the two languages: «ағам бьёт меня каждый день» is Russian with a Kazakh word,
«мен өмір сүргім келмейді, короче» Kazakh with a Russian one. The reply goes in the language most of the
words are in, and the message is sure of its language only when one language has clearly more words than
the other, and more letters too (Vote.sure); otherwise (about as many of each, or no word that says) the
reply goes in the language the user chose (handlers/crisis.py), and the language with more words is only
the guess.

A word says its language, strongest evidence first:

* a Kazakh letter (ә ғ қ ң ө ұ ү һ і, or ä ö ü ū ı ş ğ ñ of the Latin alphabets): Kazakh;
* a word both languages use as it is (common.yaml reply_language_words.both: суицид, SOS, депрессия): none;
* a frequent word of one language (content/crisis_rules/common.yaml language_hints and reply_language_words:
  я, меня, мне, и, что, это, как ...; мен, сен, ол, емес, жоқ, бар, керек, үшін ...), read through its
  Cyrillic reading when typed in Latin letters;
* a word only one of the lexicons knows (хочу, бьют; өлгім, ұрады, and Kazakh suffix chains on known stems);
* a Russian letter that native Kazakh words do not have (щ э ц ф ч в): Russian, in a Cyrillic word.

«не» is Russian before a Russian word or a word of neither («не хочу», «не онемеют»), Kazakh «what» before a
Kazakh one («не істеймін»): it says what its next word says, if that is Russian. Words of neither (names,
numbers, «ок», words the lexicons do not know) do not vote. Words are counted each time they occur: the
first Kazakh letter of a Russian message does not make all of it Kazakh.

The detector asks for the language of every message (bot/crisis/detector.py), so what a word says is kept
per word, as the detector keeps what its lexicons made of it; only the Kazakh letters are read per message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from bot.crisis.lexicon import KK, RU
from bot.crisis.normalize import key, readings, sentences

# Letters of Kazakh words only, in the Cyrillic and the Latin alphabets (2017-2021, and Turkish-style typing).
_KAZAKH_LETTER = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІäöüūışğñÄÖÜŪŞĞÑ]")
_KAZAKH_WORD = re.compile(r"\b(?=\w*[әғқңөұүһіäöüūışğñ])\w+")
# Letters Kazakh has only in Russian loanwords (they stay in a folded word; ь, ъ, ё do not).
_RUSSIAN_LETTER = re.compile("[щэцфчв]")
_NE = frozenset({"не", "ne"})
_readings = lru_cache(maxsize=20_000)(readings)
_UNSEEN = "?"  # no language: a word not read yet


def _folded(words: Iterable[str]) -> frozenset[str]:
    return frozenset(k for w in words for k in key(w))


class Vote:
    """Words counted for each language, and their letters; and what the count says."""

    __slots__ = ("kk", "kk_letters", "ru", "ru_letters")

    def __init__(self, kk: int = 0, ru: int = 0, kk_letters: int = 0, ru_letters: int = 0) -> None:
        self.kk = kk
        self.ru = ru
        self.kk_letters = kk_letters
        self.ru_letters = ru_letters

    def __repr__(self) -> str:
        return f"Vote(kk={self.kk}, ru={self.ru}, kk_letters={self.kk_letters}, ru_letters={self.ru_letters})"

    @property
    def leaning(self) -> str | None:
        """The language with more words, if any."""
        return "kk" if self.kk > self.ru else "ru" if self.ru > self.kk else None

    @property
    def sure(self) -> str | None:
        """The language when it is clear: words of it only, three times as many as of the other one, or
        twice as many and three more («ағам бьёт меня каждый день», «өгей әкем заходит в душ когда я там»
        are Russian; «мені зорлады, не знаю что делать», «егер мен өлсем, кто нибудь вообще заметит?» are
        not clear); and half as many letters again. A Kazakh word often says what takes Russian two or
        three («мектепке барғым келмейді», «не хочу идти в школу»): «булят меня в школе каждый день,
        мектепке барғым келмейді» has twice as many Russian words, not many more Russian letters."""
        more, fewer = max(self.kk, self.ru), min(self.kk, self.ru)
        clear = more >= 3 * fewer or (more >= 2 * fewer and more - fewer >= 3)
        letters = self.kk_letters if self.leaning == "kk" else self.ru_letters
        other_letters = self.ru_letters if self.leaning == "kk" else self.kk_letters
        return self.leaning if clear and 2 * letters >= 3 * other_letters else None


class WordLanguages:
    """The language the words of a message say, for one detector: its frequent words (`hints`, folded as
    readings are; `more`, the words common.yaml lists for the reply's language only, as spelled) and what
    its lexicons made of a folded word (`hit_of(word, default)`: a lexicon Hit with `langs`, None, or the
    default for a word it has not read)."""

    def __init__(
        self,
        hints: Mapping[str, Iterable[str]],
        more: Mapping[str, Iterable[str]],
        hit_of: Callable[[str, Any], Any],
    ) -> None:
        self._kk = frozenset(hints.get("kk", ())) | _folded(more.get("kk", ()))
        self._ru = frozenset(hints.get("ru", ())) | _folded(more.get("ru", ()))
        # Words of both languages (a loanword, «SOS») say none, whatever the lexicons list them under.
        self._both = _folded(more.get("both", ()))
        self._hit_of = hit_of
        self._said: dict[str, str | None] = {}

    def clear(self) -> None:
        self._said.clear()

    def _says(self, word: str) -> str | None:
        """What a folded word says, its Kazakh letters aside (they are folded away)."""
        keys = _readings(word)
        if word.isdigit() or not self._both.isdisjoint(keys):  # «мне 14», «маған 14», «суицид»: of both
            said = None
        elif not self._ru.isdisjoint(keys):
            said = "ru"
        elif not self._kk.isdisjoint(keys):
            said = "kk"
        else:
            hit = self._hit_of(word, _UNSEEN)
            if hit == _UNSEEN:  # not read (the detector's cache was just cleared): asked again next time
                return None
            langs = hit.langs if hit is not None else None
            said = "kk" if langs == KK else "ru" if langs == RU or _RUSSIAN_LETTER.search(word) else None
        if len(self._said) > 200_000:
            self._said.clear()
        self._said[word] = said
        return said

    def vote(self, text: str, parts: Iterable[list[str]]) -> Vote:
        """Counts the words of the message (`parts`, the folded words of its sentences) for each language."""
        kazakh: set[str] = set()
        if _KAZAKH_LETTER.search(text):  # its words as `parts` has them, folded
            kazakh = {w for s in sentences(" ".join(_KAZAKH_WORD.findall(text.casefold()))) for w in s}
        get = self._said.get
        counted = Vote()
        for sentence in parts:
            ne = False  # the word before is «не»: it goes with this one
            for word in sentence:
                lang = get(word, _UNSEEN)
                if lang == _UNSEEN:
                    lang = self._says(word)
                if kazakh and word in kazakh:
                    lang = "kk"
                if ne and lang != "kk":
                    counted.ru += 1
                    counted.ru_letters += 2
                ne = lang is None and word in _NE
                if lang == "kk":
                    counted.kk += 1
                    counted.kk_letters += len(word)
                elif lang == "ru":
                    counted.ru += 1
                    counted.ru_letters += len(word)
        return counted
