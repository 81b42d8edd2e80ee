"""Whose crisis a child tells: their own, or a friend's, a classmate's, a sibling's they have learnt of.

A child who writes «Катя сказала, что до лета не доживёт, что мне делать?» or «досым өзін кесіп жүр,
ешкімге айтпа деді» needs another reply than the child in crisis: don't keep the secret, tell a trusted adult
soon, 111 advises the one who helps (content/crisis.yaml `friend`). The word lists are
content/crisis_rules/retold.yaml; the detector asks `of_other` of the sentence its rule fired in, for a child
writer only, and `speaks_of_others` of a message the n-gram net alone found.

The writer's own crisis always wins, and the reply for the writer is the safe one when unsure: a crisis word
in the first person («хочу», «режу», «өлгім», «кесемін»), or in the crisis words' clause «я», «меня», «мне»,
«мені», «маған» (not the one told: «написала мне, что хочет умереть»; not the one who saw: «я увидела»), a
first-person verb («пишу», «жүрмін»), «мой/моя» before anything but a friend, or «you» said to the writer
(«тебя», «сен», «айтсаң»), makes it the writer's. Then:

- A wish to die, self-harm or distress is someone else's when the one in crisis is named (a friend, a sibling,
  a first name, «она», «ол») before the crisis words in their clause, or before a short clause between: with a
  crisis word in the third person («подруга хочет умереть», «досым өлгісі келеді»), or right before a
  person-less one («она порезалась», «ей уже не хочется жить»); when it is their body («у сестры на руках
  порезы», «құрбымның қолында»); when the crisis words follow a report («Катя сказала, что не доживёт») or a
  Kazakh report follows them («досым "өлгім келеді" деді»). «Подруга предала, жить не хочется» stays the
  writer's: the friend stands apart, and «хочется» names nobody.
- Violence, sexual abuse or bullying is someone else's when the one hurt is named near the crisis words in the
  genitive or the accusative («подругу бьёт отчим», «у друга дома бьют», «её травят», «досымды ұрады») and the
  writer is not: «подруга бьёт меня» is the writer's, and so is «одноклассники бьют» (a nominative names who
  hits).
- Either, when the message asks how to help them or fears for them («как ей помочь», «боюсь за неё», «қалай
  көмектесемін») and the crisis words' clause has nothing of the writer's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.crisis.first_names import russian_forms
from bot.crisis.lexicon import KazakhLexicon
from bot.crisis.normalize import kazakh_key, key, readings
from bot.crisis.rules import Category, Found, Need

_OWN_STATE = (Category.SUICIDE, Category.SELFHARM, Category.DISTRESS)
# How far from the crisis words the writer and the one hurt are looked for, within the clause.
_BEFORE = 4
_AFTER = 3
# The longest clause between the one named and their crisis words («Мой друг, когда злится, бьёт себя»).
_ASIDE = 3
# Kazakh case endings (folded: ы -> и, ғ -> г, қ -> к) of the one hurt: the accusative («досымды», «інісін»),
# the dative («досыма», «сіңліме», «құрбысына») and the genitive («досымның»). A nominative plural
# («сыныптастар») names who hits.
_KK_OBLIQUE: tuple[str, ...] = ("ди", "ти", "ни", "ин", "га", "ге", "ка", "ке", "на", "не", "а", "е")
_KK_OBLIQUE += ("нин", "дин", "тин", "нан", "нен", "дан", "ден", "тан", "тен")
_KK_GENITIVE = ("нин", "дин", "тин")
_KK_PLURAL = ("лар", "лер", "дар", "дер", "тар", "тер")
# A Kazakh verb said to «you» (folded): «айтсаң», «жүрсең» (not «-сың»: «басын», his head, folds alike).
_KK_YOU = ("сан", "сен")
# A Kazakh verb in the third person (folded): «ұрады», «жүреді», «кесті».
_KK_THIRD = ("ади", "еди", "ди", "ти")
# Kazakh endings of the writer (folded): a verb in the first person («жүрмін», «бердім», «кеттік»), a wish
# («өлгім»), one's own thing in the accusative («басымды», «суретімді»).
_KK_FIRST = KazakhLexicon.FIRST_VERB

Person = Callable[[str], str | None]
_LISTS = (
    "subjects",
    "objects",
    "me",
    "you",
    "mine",
    "report",
    "quote",
    "reported_after",
    "prepositions",
    "filler",
    "helping",
    "helping_kk",
    "fearing",
    "owner",
    "seeing",
)


def _kk_mine(word: str) -> bool:
    """One's own thing in the accusative («тыртықтарымды»): the writer's, never a quoted teller's verb."""
    return any(kazakh_key(r).endswith("мди") for r in readings(word))


def _kk_you(word: str) -> bool:
    """A Kazakh verb said to «you» («айтсаң», «жазасың»), folded."""
    return any(len(r) > 4 and kazakh_key(r).endswith(_KK_YOU) for r in readings(word))


def _kk_first(word: str) -> bool:
    return any(len(r) > 4 and kazakh_key(r).endswith(_KK_FIRST) for r in readings(word))


def _table(words: Iterable[str]) -> frozenset[str]:
    # Each word's readings, and the word itself as a sentence holds it (ё as е, letter runs kept): «неё» reads
    # as «не», which names no one.
    return frozenset(r for w in words for r in key(w)) | frozenset(w.lower().replace("ё", "е") for w in words)


@dataclass(frozen=True, slots=True)
class Retold:
    subjects: frozenset[str]
    objects: frozenset[str]
    me: frozenset[str]
    you: frozenset[str]
    mine: frozenset[str]
    report: frozenset[str]
    quote: frozenset[str]
    reported_after: frozenset[str]
    prepositions: frozenset[str]
    filler: frozenset[str]
    helping: frozenset[str]
    helping_kk: frozenset[str]
    fearing: frozenset[str]
    owner: frozenset[str]
    seeing: frozenset[str]
    # Kazakh friends, siblings and first names («досым», «Айгерімді»): the case is read from the ending, and
    # a bare one (`bare`: «Мадина», «әпке») is a nominative whatever its last letter.
    kk_peers: KazakhLexicon | None = None
    bare: frozenset[str] = frozenset()

    @classmethod
    def from_section(cls, data: Mapping[str, Any], kazakh: Mapping[str, Any]) -> Retold:
        """retold.yaml's section; `kazakh` (kk.yaml) lends its suffixes to the Kazakh peers' stems."""
        names = list(data.get("names") or ())
        table = {name: _table(data.get(name) or ()) for name in _LISTS}
        said_of = [russian_forms(r) for n in names for r in {n.lower(), *key(n)}]
        table["subjects"] |= _table(f for subject, _ in said_of for f in subject)
        table["objects"] |= _table(f for _, hurt in said_of for f in hurt)
        # Letter runs collapse in a reading («неё» -> «не»): a word of the writer or a filler names no one.
        for name in ("subjects", "objects"):
            table[name] = table[name] - table["filler"] - table["me"] - table["you"]
        stems = [*(data.get("kk_peers") or ()), *names]
        stop = data.get("kk_peers_not") or ()
        suffixes, negations = kazakh["suffixes"], kazakh["negation_suffixes"]
        lexicon = KazakhLexicon({"peer": stems}, {}, suffixes, negations, stop) if stems else None
        return cls(**table, kk_peers=lexicon, bare=_table(stems))

    def of_other(
        self,
        category: Category,
        needs: tuple[Need, ...],
        words: list[str],
        found: list[Found],
        person: Person,
        helping: bool = False,
    ) -> bool:
        """Whether the crisis found in `words` (the sentence of the rule `needs`) is someone else's;
        `helping`: the message asks how to help someone (`asks_help`)."""
        names = {n.concept for n in needs}
        crisis = [f[0] for f in found if not names.isdisjoint(f[1])]
        if not crisis:
            return False
        first, last = crisis[0], crisis[-1]
        breaks = getattr(words, "breaks", ())
        start = max((b for b in breaks if b <= first), default=0)
        end = min((b for b in breaks if b > last), default=len(words))
        # «досым "өлгім келеді" деді»: a Kazakh report after the words it reports, of someone named before
        # them, tells the named one's state; its first person is theirs, and «маған» the one told. «Олар маған
        # "асылып ал" дейді» reports words said to the writer: no first person in them, the writer's case.
        # The teller's own words («өлгім келеді», «өлемін») may run on to the report; other words are reported
        # only when it follows them at once.
        finite = any(person(words[k]) == "1" and not _kk_mine(words[k]) for k in crisis)
        quoted = (
            category in _OWN_STATE
            and any(self._is(w, self.reported_after) for w in words[last + 1 : None if finite else last + 3])
            and self._named(words, 0, first) is not None
        )
        teller = quoted and finite
        # The writer from the start of the crisis words' clause («я знаю, что…», «…, что…» start one).
        since = max([start, *(i + 1 for i in range(start, first) if self._is(words[i], self.quote))])
        # One hurt may be named anywhere in the clause («пишут там гадости про меня»).
        until = end if category not in _OWN_STATE else min(end, last + _AFTER + 1)
        for i in range(since, until):
            if self._is(words[i], self.you) or _kk_you(words[i]):
                return False  # «тебя», «сені», «айтсаң»: said to the writer
            if teller:
                continue
            if self._is(words[i], self.me) and not (
                (i > 0 and self._is(words[i - 1], self.report))
                or (i + 1 < len(words) and self._is(words[i + 1], self.seeing))
            ):
                return False
            if quoted or self._is(words[i], self.seeing):
                continue  # «я увидела у неё шрамы», «көрдім»: the writer saw, the harm is another's
            if (person(words[i]) == "1" or _kk_first(words[i])) and not self._peer(words[i]):
                return False  # «хочу», «пишу», «өлгім», «жүрмін», «басымды»; not «досым», «құрбым»
            if self._is(words[i], self.mine) and not (i + 1 < len(words) and self._peer(words[i + 1])):
                return False  # «моя жизнь», «мои фото»; not «мой друг»
        if helping:
            return True
        if category in _OWN_STATE:
            return quoted or self._their_state(words, crisis, start, person)
        return any(
            self._hurt(words, i) for i in range(max(start, first - _BEFORE + 1), min(end, last + _AFTER + 1))
        )

    def asks_help(self, parts: list[list[str]]) -> bool:
        """Whether a sentence asks how to help someone or fears for them («как ей помочь?», «боюсь за неё»,
        «қалай көмектесемін»)."""
        for words in parts:
            for i, word in enumerate(words):
                if self._is(word, self.helping_kk):
                    return True
                if self._is(word, self.helping):
                    near = words[max(0, i - 2) : i + 3]
                elif self._is(word, self.fearing) and words[i + 1 : i + 2] == ["за"]:
                    near = words[i + 2 : i + 3]
                else:
                    continue
                if any(
                    self._is(w, self.subjects) or self._is(w, self.objects) or self._kk_peer(w) for w in near
                ):
                    return True
        return False

    def speaks_of_others(self, parts: list[list[str]], person: Person) -> bool:
        """A message that asks help for someone and never speaks of the writer (no «я», «меня», no verb in the
        first person but the help asked): the n-gram net's finding, which names no words, is theirs."""
        if not self.asks_help(parts):
            return False
        for words in parts:
            asking = any(self._is(w, self.helping) or self._is(w, self.helping_kk) for w in words)
            for word in words:
                if self._is(word, self.you) or (
                    not asking
                    and (self._is(word, self.me) or person(word) == "1" or _kk_first(word))
                    and not self._peer(word)
                ):
                    return False
        return True

    def _their_state(self, words: list[str], crisis: list[int], start: int, person: Person) -> bool:
        first = crisis[0]
        # The one in crisis named before the crisis words in their clause: with a crisis word in the third
        # person («подруга хочет умереть»), or right before a person-less one («она порезалась»).
        named = self._named(words, start, first)
        breaks = getattr(words, "breaks", ())
        if named is None and start > 0:
            # …or before a short clause between («Мой друг, когда злится, бьёт себя»), the crisis words in
            # the third person.
            before = max((b for b in breaks if b < start), default=0)
            between = max((b for b in breaks if b < before), default=0)
            aside = (
                start - before <= _ASIDE
                and any(person(words[i]) == "3" for i in crisis)
                and not any(self._writer(w, person) for w in words[before:start])
            )
            named = self._named(words, between, before) if aside else None
        # A Kazakh auxiliary after the crisis words carries the person: «кесіп жүреді».
        aux = words[crisis[-1] + 1 : crisis[-1] + 2]
        # The crisis words and the modal before them carry the person: «хочет выйти в окно».
        possessor = named is not None and not (
            self._is(words[named], self.subjects) or self._kk_peer(words[named])
        )
        if (
            named is not None
            and (
                (possessor and first - named <= _BEFORE)  # «у сестры на руках порезы»
                or any(person(words[i]) == "3" for i in (first - 1, *crisis) if i >= 0)
                or any(len(w) > 4 and kazakh_key(w).endswith(_KK_THIRD) for w in aux)
                or all(self._is(w, self.filler) for w in words[named + 1 : first])
            )
        ):
            return True
        told = [
            i for i in range(first) if self._is(words[i], self.report) and not self._own(words, i, person)
        ]
        if not told:
            return False
        # The report's words follow it: «сказала, что…», «говорит, мол…», or after a comma or a colon.
        after = range(told[-1] + 1, first)
        breaks = getattr(words, "breaks", ())
        if not (
            any(self._is(words[i], self.quote) for i in after)
            or any(b in after or b == first for b in breaks)
        ):
            return False
        return not any(self._is(words[i], self.me) and not self._is(words[i - 1], self.report) for i in after)

    def _own(self, words: list[str], i: int, person: Person) -> bool:
        """The writer's own report: «я сказала», «я не сказал ей», «жазып қойдым», «айтып едім»."""
        return (
            person(words[i]) == "1"
            or any(_kk_first(w) for w in words[i : i + 2])
            or any(self._is(w, self.me) for w in words[max(0, i - 2) : i])
        )

    def _writer(self, word: str, person: Person) -> bool:
        """A word of the writer's: «я», «мені», a verb in the first person («қойдым»)."""
        return (
            self._is(word, self.me)
            or self._is(word, self.you)
            or ((person(word) == "1" or _kk_first(word)) and not self._peer(word))
        )

    def _named(self, words: list[str], start: int, end: int) -> int | None:
        """The last place before `end` where the one in crisis is named as a subject, or as the one whose
        body or state it is («у сестры на руках порезы», «құрбымның қолында»)."""
        return next((i for i in range(end - 1, start - 1, -1) if self._subject(words, i)), None)

    def _subject(self, words: list[str], i: int) -> bool:
        word = words[i]
        if self._is(word, self.subjects) or self._kk_peer(word):
            return True
        if i > 0 and self._is(words[i - 1], self.owner) and self._is(word, self.objects):
            return True  # «у сестры», «у неё»
        return self._kk_peer(word, oblique=True) and any(
            kazakh_key(r).endswith(_KK_GENITIVE) for r in readings(word)
        )

    def _hurt(self, words: list[str], i: int) -> bool:
        """A friend or he, she named at `i` as the one hurt («подругу», «у друга», «её бьют», «досымды»)."""
        if self._kk_peer(words[i], oblique=True):
            return True
        # Not after a preposition («у него ружьё», «к нему наедине») or a noun that owns it («брат друга»).
        before = words[i - 1] if i > 0 else ""
        return self._is(words[i], self.objects) and not (
            self._is(before, self.prepositions) or self._is(before, self.subjects)
        )

    def _peer(self, word: str) -> bool:
        return (
            self._is(word, self.subjects)
            or self._is(word, self.objects)
            or self._kk_peer(word)
            or self._kk_peer(word, oblique=True)
        )

    @staticmethod
    def _is(word: str, table: frozenset[str]) -> bool:
        return word in table or any(r in table for r in readings(word))

    def _kk_peer(self, word: str, *, oblique: bool = False) -> bool:
        """A Kazakh friend, sibling or name («досым», «Айгерім»); `oblique`: as the one hurt («досымды»)."""
        if self.kk_peers is None:
            return False
        for reading in readings(word):
            if self.kk_peers.hit(reading) is None:
                continue
            w = kazakh_key(reading)
            if w in self.bare or reading in self.bare:
                return not oblique
            if not oblique:  # one friend, not «достарым» (a group the writer may be in)
                return not w.endswith(_KK_OBLIQUE) and not any(p in w for p in _KK_PLURAL)
            # A plural («достарыма», «қыздарға») is a group, the writer maybe in it: no one hurt alone.
            return w.endswith(_KK_OBLIQUE) and not any(p in w for p in _KK_PLURAL)
        return False
