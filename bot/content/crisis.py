from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from bot.content.base import SLUG, Bilingual, Strict

ADULT = "adult"


class CrisisReplies(Strict):
    """One reply per kind of crisis (bot/crisis/rules.py: Category), variants of some kinds chosen by the rule
    that found the crisis (`<kind>_<group>`, see CrisisFile.rule_groups), the replies to an adult writing
    about a child (`adult`, `adult_<kind>`), and to an adult in crisis themself (SELF_KINDS: hurt by their
    husband, wife or ex, or saying an adult's age; bot/crisis/writer.py)."""

    suicide: Bilingual[str]
    violence: Bilingual[str]
    violence_home: Bilingual[str]
    violence_danger: Bilingual[str]
    violence_witness: Bilingual[str]
    sexual: Bilingual[str]
    sexual_online: Bilingual[str]
    sexual_pregnancy: Bilingual[str]
    bullying: Bilingual[str]
    distress: Bilingual[str]
    # A child tells of someone else's crisis: a friend's, a classmate's, a sibling's (Finding.retold).
    friend: Bilingual[str]
    adult: Bilingual[str]
    adult_missing: Bilingual[str]
    adult_violence: Bilingual[str]
    adult_violence_staff: Bilingual[str]
    adult_sexual: Bilingual[str]
    adult_sexual_online: Bilingual[str]
    adult_bullying: Bilingual[str]
    adult_self: Bilingual[str]
    adult_violence_self: Bilingual[str]
    adult_sexual_self: Bilingual[str]
    adult_sexual_self_online: Bilingual[str]


REPLY_KINDS = tuple(CrisisReplies.model_fields)
ADULT_KINDS = tuple(k for k in REPLY_KINDS if k == ADULT or k.startswith(ADULT + "_"))
# An adult's own crisis: a wish to die or distress, violence or humiliation, rape or sexual abuse, photos used
# to blackmail them (the online rule group, as for a child: don't pay, keep the messages). No memo:
# the memos (content/memos.yaml) are for adults who look after a child.
SELF_KINDS = ("adult_self", "adult_violence_self", "adult_sexual_self", "adult_sexual_self_online")
# Replies with no memo under them: an adult's own crisis, and a parent whose child is missing (the police now,
# not a lesson on strangers).
MEMOLESS_KINDS = (*SELF_KINDS, "adult_missing")


class CrisisFile(Strict):
    version: int
    replies: CrisisReplies
    # Appended to every reply to a child: a child in crisis who writes on gets the bot's generic fallback.
    child_note: Bilingual[str]
    # Groups of rule ids (content/crisis_rules/*.yaml): a finding of one of them gets `<kind>_<group>`.
    rule_groups: dict[str, tuple[str, ...]]
    # The memo (content/memos.yaml) offered under each reply to an adult about a child (not MEMOLESS_KINDS).
    memos: dict[str, Annotated[str, Field(pattern=SLUG)]]

    @model_validator(mode="after")
    def _consistent(self) -> CrisisFile:
        about_child = set(ADULT_KINDS) - set(MEMOLESS_KINDS)
        if set(self.memos) != about_child:
            raise ValueError(f"memos must name a memo for each of {sorted(about_child)}, and nothing else")
        for group in self.rule_groups:
            if not any(kind.endswith("_" + group) for kind in REPLY_KINDS):
                raise ValueError(f"rule group {group!r} names no reply variant <kind>_{group}")
        ids = [r for rules in self.rule_groups.values() for r in rules]
        if len(ids) != len(set(ids)):
            raise ValueError("a rule belongs to one rule group at most")
        return self

    @property
    def adult_memo(self) -> str:
        """The memo of the plain adult reply: also the one an old button without a kind opens."""
        return self.memos[ADULT]

    def group_of(self, rule: str) -> str | None:
        return next((g for g, rules in self.rule_groups.items() if rule in rules), None)
