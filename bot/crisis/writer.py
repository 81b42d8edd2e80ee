"""Who writes a crisis message: a child about themselves, or an adult about a child or about violence by
their own husband, wife or in-law (the adult reply). The concepts come from content/crisis_rules/common.yaml
`about_child`; bot/crisis/detector.py asks these questions of each sentence's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.crisis.rules import Found


@dataclass(frozen=True, slots=True)
class Writer:
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

    @classmethod
    def parse(cls, data: Any) -> Writer:
        if not isinstance(data, dict):  # a plain list: the concepts of a child, nothing more to tell
            return cls(child=frozenset(data))
        near = int(data.get("near", 3))
        return cls(near=near, **{k: frozenset(v) for k, v in data.items() if k != "near"})

    def concepts(self) -> frozenset[str]:
        return frozenset().union(
            self.child,
            self.kids,
            self.me,
            self.spouses(),
            self.spouse_lead,
            self.spouse_victim,
            self.married,
            self.owner,
            self.owner_after,
            self.mate,
            self.others,
            self.mine,
            self.school,
            self.acting,
            self.self,
            self.i,
            self.child_self,
        )

    def spouses(self) -> frozenset[str]:
        """The concepts that may name a husband, a wife, an in-law or a stepparent (read by partners)."""
        return self.spouse | self.spouse_any | self.spouse_other | self.married | self.step

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
        """
        w = self
        mine = step = married = False
        for at, concepts, _negated, _langs in found:
            if not w.step.isdisjoint(concepts):
                step = True
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
