"""What a whole message is, beyond a rule's sentence: an absence note, or a notice that names dangers.

A rule reads one sentence (or a sentence and its neighbour, Rule.beside); these two readings take the whole
message, in both languages alike, so that a reason said in another sentence counts. The concepts are data
(content/crisis_rules/frames.yaml); each veto is narrow and can be explained by the words behind it.

- An absence note (AbsenceNote): «Завтра меня не будет. Заболел. Всем пока!», «Ертең келмеймін. Ауырып
  қалдым. Сау болыңыз!», «дедушка умер, пропустим три дня, едем на похороны». A rule of its `rules` (a short
  goodbye, «I won't be here tomorrow», a relative gone or dead) stays quiet when some sentence of the message
  says the absence (`absent`), some sentence an ordinary reason or the return (`reasons`: illness, a doctor, a
  funeral, a trip, a competition, a night at a friend's, «back on Monday»), and no word says a real goodbye
  (`goodbye`: «простите меня», «прощайте», «не ищите», «кешіріңдер», «іздемеңдер», «forever»). «Завтра меня не
  будет. Прощайте все. Простите меня.» stays a crisis.
- A notice or an article (NoticeFrame): a prevention week, a parents' meeting on suicide prevention,
  statistics («по статистике каждый третий ребёнок сталкивается с насилием», «суицидтің алдын алу
  апталығы»). Any rule's finding stays quiet when the message has a `frame` word and no word of anyone's own
  experience (`person`: I, me, my, a son, a brother; мен, маған, ұлым, досым): «Была неделя профилактики.
  Мой сын говорит, что хочет умереть» is a parent's report and still fires. The second person is no
  experience: a hotline notice says «если тебе плохо». And where one sentence names a frame and a person at
  once («После лекции сын сказал, что хочет умереть», «Семинардан кейін қызым өлгім келеді деді»), the rules'
  `unless` of notice words (`waive`) no longer hides a wish to die or self-harm there (own_case). A sentence
  that tells one child's case (`case`: a past-tense report of one child, «ученик сказал», «девочка
  призналась», «бір оқушы айтты», «классная сказала, что он ...»; not after `every`: «каждый третий ребёнок»,
  «әрбір оқушы») counts as a person word: staff reporting a pupil are no notice. Such a case of a pupil, or
  what a teacher told, beside a notice word of any kind («объявление», «хабарландыру» too) is an adult's
  report (reports_pupil): the reply is the adult's about a child, unless a classmate or a friend tells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.crisis.rules import Found, Need

Group = tuple[Need, ...]


@dataclass(frozen=True, slots=True)
class Groups:
    """Groups of concepts; a sentence fits one when it has all of it (`name+`, `name-`: as in a rule)."""

    groups: tuple[tuple[frozenset[str], Group], ...] = ()
    keys: frozenset[str] = frozenset()  # every concept of every group: most sentences have none

    @classmethod
    def parse(cls, items: Iterable[Iterable[str]]) -> Groups:
        groups = [tuple(Need.parse(n) for n in group) for group in items]
        sets = tuple((frozenset(n.concept for n in g), g) for g in groups)
        return cls(sets, frozenset().union(*(c for c, _ in sets)))

    def concepts(self) -> frozenset[str]:
        return self.keys

    def any_in(self, found_all: list[list[Found]], each: list[frozenset[str]]) -> bool:
        """Whether one sentence has one whole group. `each`: the concepts of each sentence of found_all."""
        return any(
            names <= concepts and all(any(n.fits(f[1], f[2]) for f in found) for n in group)
            for found, concepts in zip(found_all, each, strict=True)
            if not self.keys.isdisjoint(concepts)
            for names, group in self.groups
        )


def _any_word(concepts: frozenset[str], each: list[frozenset[str]]) -> bool:
    return any(not concepts.isdisjoint(c) for c in each)


@dataclass(frozen=True, slots=True)
class AbsenceNote:
    rules: frozenset[str] = frozenset()
    absent: Groups = Groups()
    reasons: Groups = Groups()
    goodbye: Groups = Groups()

    @classmethod
    def from_section(cls, data: Mapping[str, Any]) -> AbsenceNote:
        if unknown := set(data) - {"rules", "absent", "reasons", "goodbye"}:
            raise ValueError(f"absence_note: unknown keys {sorted(unknown)}")
        return cls(
            frozenset(data.get("rules", ())),
            Groups.parse(data.get("absent", ())),
            Groups.parse(data.get("reasons", ())),
            Groups.parse(data.get("goodbye", ())),
        )

    def concepts(self) -> frozenset[str]:
        return self.absent.keys | self.reasons.keys | self.goodbye.keys

    def quiets(self, rule: str | None, found_all: list[list[Found]], each: list[frozenset[str]]) -> bool:
        """Whether the message is an absence note with its reason, and the rule that fired (None: the net
        decides, no rule fired) one that such a note keeps quiet."""
        return (
            (rule is None or rule in self.rules)
            and self.absent.any_in(found_all, each)
            and self.reasons.any_in(found_all, each)
            and not self.goodbye.any_in(found_all, each)
        )


@dataclass(frozen=True, slots=True)
class NoticeFrame:
    frame: frozenset[str] = frozenset()
    person: frozenset[str] = frozenset()
    waive: frozenset[str] = frozenset()
    case: tuple[frozenset[str], ...] = ()
    every: frozenset[str] = frozenset()
    # An adult's report (reports_pupil): a notice word of any kind, a pupil or a teacher told of, a peer.
    notice: frozenset[str] = frozenset()
    pupil: frozenset[str] = frozenset()
    peer: frozenset[str] = frozenset()

    @classmethod
    def from_section(cls, data: Mapping[str, Any]) -> NoticeFrame:
        names = ("frame", "person", "waive", "every", "notice", "pupil", "peer")
        if unknown := set(data) - {*names, "case"}:
            raise ValueError(f"notice_frame: unknown keys {sorted(unknown)}")
        frame, person, waive, every, notice, pupil, peer = (frozenset(data.get(n, ())) for n in names)
        case = tuple(frozenset(g) for g in data.get("case", ()))
        return cls(frame, person, waive, case, every, notice, pupil, peer)

    def concepts(self) -> frozenset[str]:
        sets = self.frame | self.person | self.waive | self.every | self.notice | self.pupil | self.peer
        return sets | frozenset().union(*self.case)

    def _case(self, concepts: frozenset[str]) -> bool:
        """Whether a sentence tells one child's case: a past-tense report of one child («ученик сказал», «бір
        оқушы айтты»), not of every child («каждый третий ребёнок»)."""
        return any(g <= concepts for g in self.case) and self.every.isdisjoint(concepts)

    def _own(self, concepts: frozenset[str]) -> bool:
        return not self.person.isdisjoint(concepts) or self._case(concepts)

    def own_case(self, each: list[frozenset[str]]) -> list[frozenset[str]] | None:
        """The sentences' concepts without the notice words (`waive`) where a sentence names a frame and a
        person or one child's case at once («После лекции сын сказал, что хочет умереть», «Во время семинара
        ученик сказал ...», «Семинардан кейін қызым өлгім келеді деді»): a rule's `unless` of a seminar or a
        prevention week does not hide someone's own case. None when no sentence does."""
        own = [not self.frame.isdisjoint(c) and not self.waive.isdisjoint(c) and self._own(c) for c in each]
        return [c - self.waive if o else c for c, o in zip(each, own, strict=True)] if any(own) else None

    def tells_case(self, each: list[frozenset[str]]) -> bool:
        """Whether a sentence names a frame and tells one child's case at once («Профилактика апталығында бір
        қыз өгей әкесі ұратынын айтты»): then no rule's notice words hide it, blows included."""
        return any(not self.frame.isdisjoint(c) and self._case(c) for c in each)

    def reports_pupil(self, each: list[frozenset[str]]) -> bool:
        """Whether the message is an adult's report of a pupil's case beside a notice: a notice word (a
        lecture, a meeting, «объявление», «хабарландыру») and a sentence that tells one pupil's case, or what
        a teacher told («После лекции девочка призналась, что режет руки», «Семинардан кейін бір қыз өлгісі
        келетінін айтты», «На собрании классная сказала, что Айдар хочет умереть»), with no classmate or
        friend in it (a child tells of a friend: «одноклассница сказала мне ...»)."""
        if not (_any_word(self.frame, each) or _any_word(self.notice, each)):
            return False
        return any(self._case(c) and not self.pupil.isdisjoint(c) and self.peer.isdisjoint(c) for c in each)

    def quiets(self, each: list[frozenset[str]]) -> bool:
        """Whether the message (`each`: the concepts of each sentence) reads as a notice or an article: a
        frame word, and nobody's own experience nor one child's case told."""
        return _any_word(self.frame, each) and not any(self._own(c) for c in each)


@dataclass(frozen=True, slots=True)
class ChatLeak:
    """A threat to leak one's chats (situations.yaml chat_leak): a sexual rule of `rules` fired on a message
    that names chats, screenshots or messages and no picture, camera, nude, body or adult stranger (`keep`):
    blackmail among peers, bullying
    («скинь домашку, иначе покажу всем наши переписки», «әйтпесе хаттарымызды бәріне көрсетемін»)."""

    rules: frozenset[str] = frozenset()
    chats: frozenset[str] = frozenset()
    keep: frozenset[str] = frozenset()

    @classmethod
    def from_section(cls, data: Mapping[str, Any]) -> ChatLeak:
        if unknown := set(data) - {"rules", "chats", "keep"}:
            raise ValueError(f"chat_leak: unknown keys {sorted(unknown)}")
        rules, chats, keep = (frozenset(data.get(n, ())) for n in ("rules", "chats", "keep"))
        return cls(rules, chats, keep)

    def concepts(self) -> frozenset[str]:
        return self.chats | self.keep

    def only_chats(self, rule: str, each: list[frozenset[str]]) -> bool:
        """Whether `rule`'s finding is a leak of chats alone (`each`: the concepts of each sentence)."""
        return rule in self.rules and _any_word(self.chats, each) and not _any_word(self.keep, each)
