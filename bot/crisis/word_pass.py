"""The pass over every word of every message the bot gets (bot/crisis/detector.py): each word to the concepts
it stands for in the Russian and the Kazakh lexicons, and whether it is negated.

It is the one loop that runs for every word of every message, so each word's result is cached and the loop
keeps to local names and identity checks; the rules read only its output (rules.Found).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.crisis.lexicon import Hit, KazakhLexicon, RussianLexicon
from bot.crisis.normalize import readings
from bot.crisis.rules import Found

# Markers in the word cache: «не» negates the next words, «емес»/«жоқ» the word before.
_UNKNOWN = Hit(frozenset({"?"}))
_RU_NEGATOR = Hit(frozenset({"¬ru"}))
# «жоқ» also stands for itself (`neg_word`): «жоқ боламын», «адамым жоқ».
_KK_NEGATOR = Hit(frozenset({"neg_word"}), langs=frozenset({"kk"}))
# Past this many words the cache is dropped: a flood of new words must not grow the process without bound.
_CACHE_LIMIT = 200_000


class WordPass:
    def __init__(
        self,
        ru: RussianLexicon,
        kk: KazakhLexicon,
        ru_negators: Iterable[str],
        kk_negators: Iterable[str],
    ) -> None:
        self._ru = ru
        self._kk = kk
        self._negators = {w: _RU_NEGATOR for w in ru_negators} | {w: _KK_NEGATOR for w in kk_negators}
        self.cache: dict[str, Hit | None] = {}
        self.cache.update(self._negators)
        # The detector also drops the caches that read this one (language.WordLanguages) when it fills.
        self.on_full: Callable[[], None] = self.clear

    def clear(self) -> None:
        self.cache.clear()
        self.cache.update(self._negators)

    def word(self, word: str) -> Hit | None:
        hit = None
        for reading in readings(word):
            if reading in self._negators:  # before the lexicons: «нее» (неё) collapses to «не»
                hit = self._negators[reading]
                break
            ru = self._ru.hit(reading)
            kk = self._kk.hit(reading)
            if ru is None or kk is None:
                hit = ru or kk
            else:
                hit = Hit(ru.concepts | kk.concepts, ru.negated or kk.negated, ru.langs | kk.langs)
            if hit is not None:
                break
        if len(self.cache) > _CACHE_LIMIT:
            self.on_full()
        self.cache[word] = hit
        return hit

    def person(self, word: str) -> str | None:
        """Whom a word speaks of, where its form says so: "1" the writer, "3" someone else (retold.py)."""
        for reading in readings(word):
            ru = self._ru.person(reading)
            if ru is not None or self._ru.knows(reading):
                return ru  # «отчим», «лезвием» are Russian words, not Kazakh ones in the first person
            kk = self._kk.person(reading)
            if kk is not None:
                return kk
        return None

    def found(self, words: list[str]) -> list[Found]:
        found: list[Found] = []
        negate_until = -1
        get = self.cache.get
        # A negation does not reach over a comma or a dash: «не могу, хочу умереть», «ұрады, жоқ».
        breaks = getattr(words, "breaks", ())
        for i, word in enumerate(words):
            hit = get(word, _UNKNOWN)
            if hit is None:
                continue
            if hit is _UNKNOWN:
                hit = self.word(word)
                if hit is None:
                    continue
            if hit is _RU_NEGATOR:
                negate_until = i + 2
                for b in breaks:
                    if i < b <= negate_until:
                        negate_until = b - 1
                        break
            elif hit is _KK_NEGATOR:
                if found and found[-1][0] >= i - 2 and not any(found[-1][0] < b <= i for b in breaks):
                    last = found[-1]
                    found[-1] = (last[0], last[1], True, last[3])
                found.append((i, hit.concepts, False, hit.langs))
            else:
                found.append((i, hit.concepts, hit.negated or i <= negate_until, hit.langs))
        return found
