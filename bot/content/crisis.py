from __future__ import annotations

from pydantic import Field, model_validator

from bot.content.base import SLUG, Bilingual, Strict

ADULT = "adult"


class CrisisReplies(Strict):
    """One reply per kind of crisis (bot/crisis/rules.py: Category), variants of some kinds chosen by the rule
    that found the crisis (`<kind>_<group>`, see CrisisFile.rule_groups), and one for an adult about a
    child."""

    suicide: Bilingual[str]
    violence: Bilingual[str]
    violence_home: Bilingual[str]
    sexual: Bilingual[str]
    sexual_online: Bilingual[str]
    bullying: Bilingual[str]
    distress: Bilingual[str]
    adult: Bilingual[str]


REPLY_KINDS = tuple(CrisisReplies.model_fields)


class CrisisFile(Strict):
    version: int
    replies: CrisisReplies
    # Appended to every reply to a child: a child in crisis who writes on gets the bot's generic fallback.
    child_note: Bilingual[str]
    # Groups of rule ids (content/crisis_rules/*.yaml): a finding of one of them gets `<kind>_<group>`.
    rule_groups: dict[str, tuple[str, ...]]
    adult_memo: str = Field(pattern=SLUG)

    @model_validator(mode="after")
    def _consistent(self) -> CrisisFile:
        for group in self.rule_groups:
            if not any(kind.endswith("_" + group) for kind in REPLY_KINDS):
                raise ValueError(f"rule group {group!r} names no reply variant <kind>_{group}")
        ids = [r for rules in self.rule_groups.values() for r in rules]
        if len(ids) != len(set(ids)):
            raise ValueError("a rule belongs to one rule group at most")
        return self

    def group_of(self, rule: str) -> str | None:
        return next((g for g, rules in self.rule_groups.items() if rule in rules), None)
