"""Word keys -> concepts, per language: Russian through pymorphy3's dictionary, Kazakh through suffix rules.

A concept is a small set of words that mean one thing for the rules ("want", "die", "me", "hit"). Russian
words are listed as dictionary forms (lemmas); every inflected form pymorphy3 knows for a lemma is folded
(bot/crisis/normalize.py) and put in a table once, at start-up, so looking up a word is a dict lookup, not a
morphological analysis per message. A second, looser table forgives the vowel misspellings of unstressed
syllables (хачу, умиреть, сибя). (Analysing unknown words with pymorphy3 at run time was tried and caught
nothing more on the evaluation set, at 50 µs a word: the tables are all there is.)

Kazakh words are listed as stems. A message word matches a stem when the rest of it is a chain of Kazakh
suffixes (case, possession, person, tense and aspect, negation, the desiderative -ғы-, the colloquial
contractions); when that chain starts with the negation -ма/-ме/-ба/-бе/-па/-пе the word is negated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.crisis.normalize import kazakh_key, key

Concepts = frozenset[str]
NO_CONCEPTS: Concepts = frozenset()
RU = frozenset({"ru"})
KK = frozenset({"kk"})


@dataclass(frozen=True, slots=True)
class Hit:
    concepts: Concepts
    negated: bool = False
    langs: frozenset[str] = frozenset()


def _loose(word: str) -> str:
    """Unstressed-vowel and common consonant misspellings of Russian collapse to one spelling."""
    s = word.replace("о", "а").replace("е", "и").replace("я", "а").replace("ю", "у").replace("э", "и")
    s = s.replace("ы", "и") if ("жы" in s or "шы" in s) else s
    # Not тс -> ц: it would make «убийца» (a killer) an «убиться» (to kill oneself).
    return s.replace("сч", "ш").replace("щ", "ш")


def _forms(morph: Any, lemma: str, *, first_person: bool = False) -> dict[str, str | None]:
    """The forms of a lemma and the grammatical person of each («хочу»: "1per", «хочет»: "3per», «хотела»,
    «хочется»: None); the lemma itself, a verb's infinitive, is "infinitive"."""
    forms: dict[str, str | None] = {} if first_person else {lemma: "infinitive"}
    for parse in morph.parse(lemma):
        if parse.normal_form == lemma.replace("ё", "е") or parse.word == lemma:
            for f in parse.lexeme:
                # The tag's person is read once per form: the table of the whole lexicon is built at start-up.
                said = f.tag.person
                if not first_person or said == "1per":
                    forms.setdefault(f.word, said)
    return forms


class RussianLexicon:
    def __init__(
        self,
        lemmas: Mapping[str, Iterable[str]],
        prefixes: Mapping[str, Iterable[str]],
        words: Mapping[str, Iterable[str]],
        stop: Iterable[str] = (),
    ) -> None:
        import pymorphy3  # loaded once per process, at start-up

        # Only to list each lemma's forms here; not kept, so its dictionaries are freed once the tables exist.
        morph = pymorphy3.MorphAnalyzer()
        exact: dict[str, set[str]] = {}
        loose: dict[str, set[str]] = {}
        persons: dict[str, set[str | None]] = {}
        for concept, items in lemmas.items():
            for item in items:
                # "плакать@1": only the first-person forms ("плачу"), where the person matters.
                lemma, _, person = item.partition("@")
                for form, form_person in _forms(morph, lemma, first_person=person == "1").items():
                    for reading in key(form):
                        persons.setdefault(reading, set()).add(form_person)
                        exact.setdefault(reading, set()).add(concept)
                        if len(reading) >= 3:
                            loose.setdefault(_loose(reading), set()).add(concept)
        for concept, items in words.items():
            for word in items:
                for reading in key(word):
                    exact.setdefault(reading, set()).add(concept)
        self._stop = frozenset(r for w in stop for r in key(w))
        self._exact = {k: frozenset(v) for k, v in exact.items() if k not in self._stop}
        # Who a verb form of the lemmas speaks of, where it says so and only so (retold.py): «режу» is the
        # writer, «режет» someone else; «резала», «хочется» say nothing. With the soft sign folded away,
        # «выходить» reads as «выходит»: such a word is taken for the third person.
        self._person: dict[str, str] = {}
        for reading, said in persons.items():
            said = said - {"infinitive"} or said
            if len(reading) >= 3 and len(said) == 1 and (p := next(iter(said))) in ("1per", "3per"):
                self._person[reading] = p[0]
        self._loose = {k: frozenset(v) for k, v in loose.items()}
        self._prefixes: dict[str, Concepts] = {}
        for concept, stems in prefixes.items():
            for stem in stems:
                for reading in key(stem):
                    self._prefixes[reading] = self._prefixes.get(reading, NO_CONCEPTS) | {concept}
        self._prefix_lengths = sorted({len(p) for p in self._prefixes}, reverse=True)

    def lookup(self, word: str) -> Concepts:
        if word in self._stop:
            return NO_CONCEPTS
        found = self._exact.get(word)
        if found is not None:
            return found
        for length in self._prefix_lengths:
            if len(word) >= length and word[:length] in self._prefixes:
                return self._prefixes[word[:length]]
        if len(word) >= 3:
            found = self._loose.get(_loose(word))
            if found is not None:
                return found
        return NO_CONCEPTS

    def knows(self, word: str) -> bool:
        """Whether the word is one of the lexicon's own (not a misspelling read loosely)."""
        return word in self._exact

    def person(self, word: str) -> str | None:
        """ "1" for a first-person form of a listed lemma, "3" for a third-person one, else None."""
        return self._person.get(word[2:] if word.startswith("не") and word not in self._person else word)

    def hit(self, word: str) -> Hit | None:
        """Concepts of one word; ``нехочу`` (written together) is a negated ``хочу``."""
        found = self.lookup(word)
        if found:
            return Hit(found, langs=RU)
        if word.startswith("не") and len(word) > 4:
            found = self.lookup(word[2:])
            if found:
                return Hit(found, negated=True, langs=RU)
        return None


class KazakhLexicon:
    # Causative, passive, reflexive and reciprocal suffixes (folded) that may stand between stem and -ма/-ме.
    VOICES = ("гиз", "киз", "дир", "тир", "ил", "л", "ин", "ис", "т")
    # The intention -мақ/-мек (ұрмақшы, өлтірмекші) starts like the negation but is not one.
    INTENT = ("мак", "мек", "бак", "бек", "пак", "пек")

    def __init__(
        self,
        stems: Mapping[str, Iterable[str]],
        words: Mapping[str, Iterable[str]],
        suffixes: Iterable[str],
        negation_suffixes: Iterable[str],
        stop: Iterable[str] = (),
    ) -> None:
        self._stems: dict[str, Concepts] = {}
        # A stem written with a leading "-" is a word ending: any word of at least three more letters that
        # ends so belongs to the concept (the ultimatum "-масаң/-месең", "if you don't ...").
        self._endings: dict[str, Concepts] = {}
        for concept, items in stems.items():
            for stem in items:
                if stem.startswith("-"):
                    for reading in key(stem[1:]):
                        k = kazakh_key(reading)
                        self._endings[k] = self._endings.get(k, NO_CONCEPTS) | {concept}
                    continue
                for reading in key(stem):
                    k = kazakh_key(reading)
                    self._stems[k] = self._stems.get(k, NO_CONCEPTS) | {concept}
        self._words: dict[str, Concepts] = {}
        for concept, items in words.items():
            for word in items:
                for reading in key(word):
                    k = kazakh_key(reading)
                    self._words[k] = self._words.get(k, NO_CONCEPTS) | {concept}
        self._suffixes = frozenset(kazakh_key(r) for s in suffixes for r in key(s))
        negations = [kazakh_key(r) for s in negation_suffixes for r in key(s)]
        # The negation may follow a voice suffix: кір-гіз-бе-йді "does not let in", жібер-т-пе-йді.
        self._negations = tuple(negations) + tuple(v + n for v in self.VOICES for n in negations)
        # Words that look like a stem plus suffixes but are another word (ұрпақ is not ұр-, "to hit"):
        # whole words, or word beginnings when written with a final "*".
        stop = list(stop)
        self._stop = frozenset(kazakh_key(r) for w in stop if not w.endswith("*") for r in key(w))
        self._stop_starts = frozenset(kazakh_key(r) for w in stop if w.endswith("*") for r in key(w[:-1]))
        self._stop_lengths = sorted({len(s) for s in self._stop_starts})
        self._lengths = sorted({len(s) for s in self._stems}, reverse=True)
        self._longest_suffix = max(len(s) for s in self._suffixes)
        self._ending_lengths = sorted({len(e) for e in self._endings})
        self._chain = lru_cache(maxsize=50_000)(self._is_chain)

    def _is_chain(self, tail: str) -> bool:
        if not tail:
            return True
        return any(
            tail[:n] in self._suffixes and self._chain(tail[n:])
            for n in range(min(len(tail), self._longest_suffix), 0, -1)
        )

    # Whole-word endings that say who a verb or a possessed noun speaks of (retold.py), folded (ы -> и): the
    # writer («өлгім», «кесемін», «жатырмыз», «кеттік», «тыртықтарымды») or someone else («өлгісі», «кеседі»,
    # «айтты»).
    # A first-person ending of a verb or of one's own thing, whatever the stem (retold.py reads it on any
    # word); a word of the lexicon ending in a bare «-м» («досым», «өлгім») is in the first person too.
    FIRST_VERB = ("мин", "пин", "бин", "миз", "пиз", "биз", "дим", "тим", "гим", "ким", "дик", "тик", "мди")
    FIRST = ("м", *FIRST_VERB)
    THIRD = ("ди", "ти", "си")

    def person(self, word: str) -> str | None:
        """ "1" or "3" for a word of the lexicon whose ending names the person, else None."""
        if self.hit(word) is None:
            return None
        w = kazakh_key(word)
        return "1" if w.endswith(self.FIRST) else "3" if w.endswith(self.THIRD) else None

    def hit(self, word: str) -> Hit | None:
        w = kazakh_key(word)
        found = self._words.get(w)
        if found is not None:
            return Hit(found, langs=KK)
        if w in self._stop or any(w[:n] in self._stop_starts for n in self._stop_lengths if n <= len(w)):
            return None
        ending = NO_CONCEPTS
        for n in self._ending_lengths:
            if len(w) >= n + 3 and w[-n:] in self._endings:
                ending = ending | self._endings[w[-n:]]
        for length in self._lengths:
            if length > len(w):
                continue
            stem = w[:length]
            concepts = self._stems.get(stem)
            if concepts is None:
                continue
            tail = w[length:]
            if w[length - 2 : length] in self._negations and w[length - 2 :].startswith(self.INTENT):
                # A stem written with its negation (ішпе-) in the intention (ішпекпін, "I am going to drink").
                continue
            if len(tail) <= 14 and self._chain(tail):
                negated = tail.startswith(self._negations) and not tail.startswith(self.INTENT)
                return Hit(concepts | ending, negated=negated, langs=KK)
        return Hit(ending, langs=KK) if ending else None
