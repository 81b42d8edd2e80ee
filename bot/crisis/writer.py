"""Who writes a crisis message: a child about themselves, an adult about a child, or an adult in crisis
themself (hurt by their own husband, wife, ex or in-law, or saying an adult's age). The concepts come from
content/crisis_rules/common.yaml `about_child`; bot/crisis/detector.py asks these questions of each
sentence's words and decides with `decide`:

1. An age the writer states («мне 13», «мне 15 лет», «маған 14 жас», «14 жастамын», «I am 12», and in words:
   «мне тринадцать», «он үш жастамын»; stated_age) under 18: a child writes, whatever else the message says
   (no adult reply, not even about a child). 18 or more («мне 35», «маған 40 жаста»): an adult writes. An
   adult's occupation or role said of oneself («я учительница», «мұғаліммін», «я мама двоих детей»;
   writer_words.says_role) makes an adult writer too: their own crisis when no child or pupil is named, or
   when the sentence is their own wish («думаю уйти из жизни») with their children in an oblique case.
2. With no age: a child of the writer named (about_child) makes it an adult about a child; the writer's own
   husband, wife, in-law or ex (partners: «муж», «күйеуім», «бывший муж», «бұрынғы күйеуім», and «бывший» /
   «бывшая» on their own, the noun) makes it an adult, unless the writer says they are a child («я ещё
   ребёнок»).
3. A boyfriend or girlfriend («мой парень», «моя девушка», «жігітім») says nothing about the age: a school
   girl has a boyfriend too, and his violence is violence against a child. With no other sign (an adult's
   age, a child of the writer's, a husband or wife) the reply is for a child; «бывший парень» likewise.
4. An adult writes about themself (Finding.adult_self) unless the crisis is a child's: for violence, when no
   child of the writer's is named anywhere (named, the reply for an adult speaks of both: «муж бьёт меня и
   детей»); for the other kinds, when the sentence of the rule names no child of the writer's but the writer's
   children beside the writer («муж бьёт меня и детей, не хочу жить» is the writer's wish to die, «сын не
   хочет жить» the son's).
5. An adult hurt by their pupils or by their own child («меня ученики избили», «оқушылар мені ұрды, мен
   мұғаліммін», «сын-подросток бьёт меня», «ұлым мені ұрады») is in crisis themself too (hurt_by_own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.crisis.rules import Category, ConceptSets, Found
from bot.crisis.writer_words import spelled

ADULT_AGE = 18
_UNIT = r"(?:лет|год|года|годиков|let|god|goda)\b"
_END = r"(?=\s*(?:$|[,.!?;:)(—–-]|и\b|а\b|но\b|я\b|i\b|a\b|no\b|ya\b))"
# The writer's own age: «мне 13», «мне уже 15 лет», «mne 14», «маған 14 жас», «маған қазір 40 жаста», «мен 14
# жастамын», «менің жасым 14», «I am 12». Not «мне 15 минут идти», «маған 5 жастағы ұлым туралы», «14
# жастағы қызым» (a child's age). Each pattern is matched where its first word stands (a 4 KB letter with
# figures is not searched through).
_AGES = tuple(
    (anchors, re.compile(pattern))
    for anchors, pattern in (
        (
            ("мне", "mne"),
            r"(?:мне|mne)\s+(?:уже\s+|всего\s+|только\s+|ещё\s+|еще\s+|uzhe\s+|vsego\s+)?(\d{1,2})\s*"
            r"(?:" + _UNIT + "|" + _END + ")",
        ),
        (
            ("маған", "маган", "magan", "maghan", "mağan"),
            r"(?:маған|маган|magan|maghan|mağan)\s+(?:(?:қазір|казир|qazir|kazir|әлі|али|енді|енди)\s+)?"
            r"(\d{1,2})\s*-?\s*(?:жас|zhas|jas)(?:та|ta)?\b",
        ),
        (("жасым", "zhasym", "jasym"), r"(?:жасым|zhasym|jasym)\s+(\d{1,2})\b"),
        (
            ("i am", "i'm", "im ", "i m "),
            r"(?:i\s+am|i'm|im|i\s+m)\s+(\d{1,2})\b(?!\s*(?:min|km|kg|%|am|pm))",
        ),
    )
)
_AGE_BEFORE = re.compile(r"(?<!\d)(\d{1,2})\s*-?\s*$")  # «14 жастамын», «14-жастамын»
_DIGIT = re.compile(r"\d")
_AGE_WORDS = ("жастамын", "жастамин", "жастағымын", "zhastamyn", "jastamyn")


def stated_age(text: str) -> int | None:
    """The age the writer says they are, in digits or in words (_AGES; writer_words.spelled)."""
    low = text.lower()
    digits = _DIGIT.search(low) is not None
    for anchors, pattern in _AGES:
        for anchor in anchors:
            at = low.find(anchor)
            while at >= 0:
                if at == 0 or not low[at - 1].isalnum():
                    m = pattern.match(low, at) if digits else None
                    if m is None:
                        m = pattern.match(spelled(low[at : at + 64]))
                    if m:
                        return int(m.group(1))
                at = low.find(anchor, at + 1)
    for word in _AGE_WORDS:
        at = low.find(word)
        while at >= 0:
            m = _AGE_BEFORE.search(low, max(0, at - 6), at) if digits else None
            if m is None:
                m = _AGE_BEFORE.search(spelled(low[max(0, at - 24) : at]))
            if m:
                return int(m.group(1))
            at = low.find(word, at + 1)
    return None


@dataclass(frozen=True, slots=True)
class Writer(ConceptSets):
    """common.yaml about_child: the concepts that tell who writes (read by about_child and partners)."""

    child: frozenset[str]
    kids: frozenset[str] = frozenset()
    me: frozenset[str] = frozenset()
    near: int = 3
    spouse: frozenset[str] = frozenset()
    spouse_any: frozenset[str] = frozenset()
    spouse_lead: frozenset[str] = frozenset()
    spouse_victim: frozenset[str] = frozenset()
    spouse_other: frozenset[str] = frozenset()
    married: frozenset[str] = frozenset()
    owner: frozenset[str] = frozenset()
    owner_after: frozenset[str] = frozenset()
    mate: frozenset[str] = frozenset()
    step: frozenset[str] = frozenset()
    others: frozenset[str] = frozenset()
    mine: frozenset[str] = frozenset()
    school: frozenset[str] = frozenset()
    acting: frozenset[str] = frozenset()
    self: frozenset[str] = frozenset()
    i: frozenset[str] = frozenset()
    child_self: frozenset[str] = frozenset()
    ex: frozenset[str] = frozenset()
    ex_other: frozenset[str] = frozenset()
    beloved: frozenset[str] = frozenset()
    pupil_nom: frozenset[str] = frozenset()
    kid_nom: frozenset[str] = frozenset()
    pupil_rank: frozenset[str] = frozenset()
    hurt_kin: frozenset[str] = frozenset()
    hurt_third: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, data: Any) -> Writer:
        if not isinstance(data, dict):  # a plain list: the concepts of a child, nothing more to tell
            return cls(child=frozenset(data))
        return cls.from_section(data, near=int(data.get("near", 3)))

    def spouses(self) -> frozenset[str]:
        """The concepts that may name a husband, a wife, an in-law or a stepparent (read by partners)."""
        return self.spouse | self.spouse_any | self.spouse_other | self.married | self.step | self.ex

    def children(self) -> frozenset[str]:
        """Every concept that names a child: one the writer has, or children in the plural."""
        return self.child | self.kids

    def says_child(self, found: list[Found]) -> bool:
        """«я ещё ребёнок»: a `self` word (ребёнок) with `i` (я) at most two words before."""
        w = self
        return any(
            not w.self.isdisjoint(concepts)
            and any(at - 2 <= f[0] < at and not w.i.isdisjoint(f[1]) for f in found)
            for at, concepts, _negated, _langs in found
        )

    def hurt_by_own(self, found: list[Found], role: bool) -> bool:
        """Whether the ones who hurt an adult writer are their pupils or their own child: a `pupil_nom` or
        `kid_nom` word (the subject: «ученики», «оқушылар», «сын», «ұлым») at most four words from a `me`
        word (the writer the object: «меня ученики избили», «сын-подросток бьёт меня», «ұлым мені ұрады»),
        and no other child word in the sentence (a child in another case is a victim: «бьёт меня и сына»), nor
        a parent or a relative (`hurt_kin`, unless the writer says their role: «я мама») or a third person as
        the object (`hurt_third`: «ученица сказала мне, что отчим её бьёт»).
        Pupils with a `pupil_rank` word («ученики 9 класса», «жоғары сынып оқушылары») are a child's peers,
        unless the writer says their role (`role`: «я учитель, меня ударил ученик 9 класса»)."""
        w = self
        subjects = w.pupil_nom | w.kid_nom
        me_at = [f[0] for f in found if not w.me.isdisjoint(f[1])]
        acting = [f for f in found if not subjects.isdisjoint(f[1])]
        if not acting or not any(abs(f[0] - at) <= 4 for f in acting for at in me_at):
            return False
        children = w.children()
        if any(subjects.isdisjoint(f[1]) and not children.isdisjoint(f[1]) for f in found):
            return False
        others = w.hurt_third if role else w.hurt_third | w.hurt_kin  # «я мама»: the writer
        if any(not others.isdisjoint(f[1]) for f in found):
            return False
        pupils_only = all(w.kid_nom.isdisjoint(f[1]) for f in acting)
        return role or not pupils_only or all(w.pupil_rank.isdisjoint(f[1]) for f in found)

    def partners(self, found: list[Found]) -> tuple[bool, bool, bool]:
        """Whether one sentence names the writer's husband, wife or in-law; whether it names a stepparent; and
        whether it says a parent married («мама вышла замуж»: then no husband of the message is the writer's).

        A `spouse` word (муж, жена, свекровь in the nominative; күйеуім, ерім, жолдасым, енем) is the writer's
        unless an `owner` stands at most three words before it («мамин муж», «у мамы новый муж», «её муж»,
        «анамның күйеуімен») or an `owner_after` at most two after («муж мамы», «жена моего папы»): then it is
        a child's stepparent. A husband or wife in another case (`spouse_any`: «мужа», «с мужем», «жену») is
        the writer's after a `spouse_lead` word at most two before («с моим мужем», «при муже») with no owner
        near, or when the sentence has no owner or stepparent at all and it is no `spouse_victim` («боюсь
        мужа», «от мужа»; not «папа бьёт жену»). «я жена», «я его жена»: the writer is the wife. «жолдасым»
        (`mate`, a friend too) is no partner in a sentence about school. A `step` word (отчим, өгей әкем) is
        a stepparent, and so is a husband of `spouse_other` (any «күйеу») someone owns («шешемнің күйеуі»).
        An `ex` word («бывший», «бывшую») is the writer's ex unless an owner stands before it («мамин бывший»)
        or a person word (`ex_other`) right after it: «бывший одноклассник», «бывший парень», «бывший отчим».
        """
        w = self
        mine = step = married = False
        for at, concepts, _negated, _langs in found:
            if not w.step.isdisjoint(concepts):
                step = True
            if not w.ex.isdisjoint(concepts):
                if not any(
                    (f[0] == at + 1 and not (w.ex_other | w.spouses()).isdisjoint(f[1]))
                    or (at - 3 <= f[0] < at and not w.owner.isdisjoint(f[1]))
                    for f in found
                ):
                    mine = True  # «бывший угрожает мне»; «бывший муж»: the husband tells
                continue
            strong = not w.spouse.isdisjoint(concepts)
            if not strong and w.spouse_any.isdisjoint(concepts):
                if (w.spouse_other.isdisjoint(concepts) and w.married.isdisjoint(concepts)) or not any(
                    at - 3 <= f[0] < at and not w.owner.isdisjoint(f[1]) for f in found
                ):
                    continue
                if w.married.isdisjoint(concepts):
                    step = True  # «шешемнің күйеуі»: a stepfather
                else:
                    married = True  # «мама вышла замуж»
                continue
            if any(at - 2 <= f[0] < at and not w.i.isdisjoint(f[1]) for f in found):
                mine = True  # «я его жена»: the writer
                continue
            if any(
                (at - 3 <= f[0] < at and not w.owner.isdisjoint(f[1]))
                or (at < f[0] <= at + 2 and not w.owner_after.isdisjoint(f[1]))
                for f in found
            ):
                step = True  # someone else's husband or wife: «мамин муж», «шешемнің күйеуімен»
                continue
            led = any(at - 2 <= f[0] < at and not w.spouse_lead.isdisjoint(f[1]) for f in found)
            if (
                not strong
                and not led
                and (
                    not w.spouse_victim.isdisjoint(concepts)
                    or any(not w.owner.isdisjoint(f[1]) or not w.step.isdisjoint(f[1]) for f in found)
                )
            ):
                continue  # «папа бьёт жену», «мама с мужем»: not the writer's
            if not w.mate.isdisjoint(concepts) and any(not w.school.isdisjoint(f[1]) for f in found):
                continue
            mine = True
        return mine, step, married

    def names_child(self, found: list[Found], own_kids: set[int]) -> bool:
        """Whether a sentence is about a child of the writer's: a `child` word that is not one of the writer's
        children in the plural (`own_kids`), or those children with no `me` word beside them («муж трогает
        детей»; not «муж бьёт меня и детей, не хочу жить»)."""
        w = self
        me = any(not w.me.isdisjoint(f[1]) for f in found)
        return any(
            at not in own_kids or not me
            for at, concepts, _negated, _langs in found
            if not w.child.isdisjoint(concepts) or at in own_kids
        )

    @staticmethod
    def decide(
        category: Category, child: bool, adult: bool, age: int | None, names_child: bool
    ) -> tuple[bool, bool]:
        """(about_child, adult_self) of the Finding, by the rules of this module's docstring: `child` an adult
        writes about a child (about_child), `adult` their husband, wife or ex is named (partners), `age` the
        age the writer states, `names_child` the rule's sentence names a child of theirs (names_child)."""
        if age is not None and age < ADULT_AGE:
            return False, False
        if not (adult or age is not None):
            return child, False
        own = not child if category is Category.VIOLENCE else not names_child
        return True, own

    def about_child(
        self, found_all: list[list[Found]], with_child: list[int], partner: bool, step_in: set[int]
    ) -> tuple[bool, dict[int, set[int]]]:
        """Whether an adult writes about a child; and, per sentence, the positions of the plural words that
        name the writer's own children.

        A word of `child` (мой сын, қызым, баламды) is enough. Children in the plural (`kids`: дети,
        балаларды) are not the writer's when a word just before makes them other, older or someone's own
        («других детей», «өз балаларын»), when the writer says they are a child («я ещё ребёнок»), and,
        unless the writer's husband, wife or in-law is named (`partner`, partners), when the sentence is
        about school («учительница ... при детях»), names a stepparent (`step_in`: «мамин муж бьёт меня и
        детей») or they are the ones who act on the writer («дети бьют меня»). Otherwise they are the
        writer's when they are a `child` word too (the Russian «дети»), or beside the writer as a fellow
        victim («мені және балаларды»), or with a partner named, or the writer's («мои ученики»).
        """
        w = self
        children = self.children()
        about = False
        own_kids: dict[int, set[int]] = {}
        for n in with_child:
            found = found_all[n]
            school = any(not w.school.isdisjoint(f[1]) for f in found) or n in step_in
            me_at = [f[0] for f in found if not w.me.isdisjoint(f[1])]
            for at, concepts, _negated, _langs in found:
                if children.isdisjoint(concepts):
                    continue
                if not w.self.isdisjoint(concepts) and any(
                    at - 2 <= f[0] < at and not w.i.isdisjoint(f[1]) for f in found
                ):
                    continue  # «я ещё ребёнок»: the writer is the child
                if any(f[0] == at - 1 and not w.beloved.isdisjoint(f[1]) for f in found):
                    continue  # «сүйген қызым»: a girlfriend, not a daughter
                if w.kids.isdisjoint(concepts):
                    about = True
                    continue
                before = [f[1] for f in found if at - 2 <= f[0] < at]
                if any(not w.others.isdisjoint(c) for c in before):
                    continue
                mine = any(not w.mine.isdisjoint(c) for c in before)
                if not (partner or mine) and (school or (me_at and not w.acting.isdisjoint(concepts))):
                    continue
                if (
                    partner
                    or mine
                    or not w.child.isdisjoint(concepts)
                    or any(abs(p - at) <= w.near for p in me_at)
                ):
                    about = True
                    own_kids.setdefault(n, set()).add(at)
        return about, own_kids
