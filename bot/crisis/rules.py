"""Crisis rules: which concepts, found together in one sentence, mean which kind of crisis.

The rules are data (content/crisis_rules.yaml). A rule lists the concepts it needs (``want``), each of them
optionally required to be negated (``want-``: "не хочу", "келмейді") or not negated (``want+``), the concepts
that cancel it when they stand in the same sentence (``unless``: a film title, a prevention seminar), and how
far apart its words may be (``within`` words; default 10). ``max_words`` keeps a rule to short sentences, for
phrases that are a crisis only when said on their own («никому не нужна»).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from itertools import product
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Category(StrEnum):
    SUICIDE = "suicide"
    SELFHARM = "selfharm"
    SEXUAL = "sexual"
    VIOLENCE = "violence"
    BULLYING = "bullying"
    DISTRESS = "distress"


# When one message fits several rules, the reply that covers the gravest danger wins.
PRIORITY = (
    Category.SUICIDE,
    Category.SEXUAL,
    Category.VIOLENCE,
    Category.SELFHARM,
    Category.BULLYING,
    Category.DISTRESS,
)


@dataclass(frozen=True, slots=True)
class Need:
    concept: str
    negated: bool | None  # None: either

    @classmethod
    def parse(cls, text: str) -> Need:
        if text.endswith("-"):
            return cls(text[:-1], True)
        if text.endswith("+"):
            return cls(text[:-1], False)
        return cls(text, None)

    def fits(self, concepts: frozenset[str], negated: bool) -> bool:
        return self.concept in concepts and (self.negated is None or self.negated == negated)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_.]+$")
    lang: str = Field(pattern=r"^(kk|ru)$")
    category: Category
    all: tuple[str, ...] = Field(min_length=1)
    unless: tuple[str, ...] = ()
    within: int = Field(default=10, ge=1, le=40)
    max_words: int | None = Field(default=None, ge=1)
    # A pair across sentences: the rule fits one sentence only when a neighbouring sentence of the message
    # has every concept of one of these groups («Ертең мен болмаймын. Бәріңді жақсы көремін.»), and then
    # its `unless` reads the whole message (a lesson, an illness, a trip or a return named anywhere).
    beside: tuple[tuple[str, ...], ...] = ()

    @field_validator("all", "unless")
    @classmethod
    def _names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            if not name.rstrip("+-").replace("_", "").isalpha():
                raise ValueError(f"bad concept name {name!r}")
        return value

    @field_validator("beside")
    @classmethod
    def _groups(cls, value: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        for name in (n for group in value for n in group):
            if not name.replace("_", "").isalpha():
                raise ValueError(f"bad concept name {name!r}")
        return value

    def fits_beside(self, present: frozenset[str], neighbours: list[frozenset[str]]) -> bool:
        """Whether a neighbouring sentence has one of the `beside` groups, and the message (`present`, the
        concepts of all its sentences) none of the `unless` concepts."""
        unless = {name.rstrip("+-") for name in self.unless}
        return present.isdisjoint(unless) and any(set(g) <= n for g in self.beside for n in neighbours)

    @property
    def needs(self) -> tuple[Need, ...]:
        return tuple(Need.parse(n) for n in self.all)


@dataclass(frozen=True, slots=True)
class ConceptSets:
    """Named concept sets, read from one section of common.yaml (about_child, peer_harm, in the dataclasses
    that extend this one): every field typed frozenset[str] is a set of concept names, and the detector
    refuses a name no lexicon has (`concepts`)."""

    @classmethod
    def from_section(cls, data: Mapping[str, Any], **other: Any) -> Self:
        """The sets the section names (a name the class has no field for is refused), and `other` fields."""
        names = {f.name for f in fields(cls)}
        if unknown := set(data) - names:
            raise ValueError(f"{cls.__name__}: unknown keys {sorted(unknown)}")
        sets = {name: frozenset(value) for name, value in data.items() if name not in other}
        return cls(**sets, **other)

    def concepts(self) -> frozenset[str]:
        """Every concept of every set."""
        return frozenset().union(*(getattr(self, f.name) for f in fields(self) if f.type == "frozenset[str]"))


# A word of a sentence that belongs to some concepts: (position, concepts, negated, languages). A plain tuple,
# not a class: a long message has hundreds of them, and creating them is most of the detector's time.
Found = tuple[int, frozenset[str], bool, frozenset[str]]


def matches(
    rule: Rule,
    needs: tuple[Need, ...],
    found: list[Found],
    words: int,
    language: str | None,
    present: frozenset[str],
) -> bool:
    """``language``: the message's language, if it is clear; a rule of the other language then needs a word
    that only its own language has (Russian words listed for Kazakh typists must not fire Kazakh rules in a
    Russian notice, whose vetoes are Russian)."""
    if rule.max_words is not None and words > rule.max_words:
        return False
    if any(u in present for u in rule.unless):
        return False
    candidates = []
    for need in needs:
        spots = [f for f in found if need.fits(f[1], f[2])]
        if not spots:
            return False
        candidates.append(spots[:6])
    # The needed words must be different words, close enough to be about one thing, and at least one of
    # them in the rule's own language: a Kazakh rule's shape in Russian words may mean something else.
    own = frozenset({rule.lang})
    for combo in product(*candidates):
        at = [f[0] for f in combo]
        if len(set(at)) != len(at) or max(at) - min(at) > rule.within:
            continue
        if language in (None, rule.lang):
            if any(rule.lang in f[3] for f in combo):
                return True
        elif any(f[3] == own for f in combo):
            return True
    return False
