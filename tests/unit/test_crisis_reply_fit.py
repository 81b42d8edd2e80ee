"""Which crisis reply a finding gets (bot/views/crisis.py reply_kind) and what content/crisis.yaml promises.

The e2e tests (tests/e2e/test_crisis_reply_fit.py) walk real messages; these pin the choice itself, the rule
ids the variants rely on, and the length of every reply.
"""

from __future__ import annotations

import re

import pytest

from bot.content import Content
from bot.content.crisis import ADULT_KINDS, MEMOLESS_KINDS, REPLY_KINDS
from bot.crisis import Category, CrisisDetector, Finding
from bot.views.crisis import crisis_reply, reply_kind

pytestmark = pytest.mark.no_database

CONTENT = Content.load()

# (category, an adult about a child, the rule that fired, the reply)
CHOICES = [
    (Category.VIOLENCE, False, "ru.hit_me", "violence"),
    (Category.VIOLENCE, False, "ru.run_from_home", "violence_home"),
    (Category.VIOLENCE, False, "kk.leave_home", "violence_home"),
    (Category.SEXUAL, False, "ru.touches_me", "sexual"),
    (Category.SEXUAL, False, "kk.holds_intimate", "sexual"),
    (Category.SEXUAL, False, "ru.photos_demanded_or_spread", "sexual_online"),
    (Category.SEXUAL, False, "kk.photo_ultimatum", "sexual_online"),
    (Category.SEXUAL, False, "ngrams:9.5", "sexual"),  # the net names no rule: the plain reply
    (Category.VIOLENCE, True, "ru.hit_me", "adult_violence"),
    (Category.VIOLENCE, True, "ru.run_from_home", "adult_violence"),  # no adult_violence_home: its kind
    (Category.SEXUAL, True, "ru.touches_child", "adult_sexual"),
    (Category.SEXUAL, True, "kk.blackmail", "adult_sexual_online"),
    (Category.BULLYING, True, "ru.bullied_child", "adult_bullying"),
    (Category.SUICIDE, True, "kk.not_want_to_live", "adult"),
    (Category.SELFHARM, True, "ru.cut_body", "adult"),
    (Category.DISTRESS, True, "ru.child_cries", "adult"),
    # The detector may call harm by classmates bullying whatever rule found it: the kind decides.
    (Category.BULLYING, False, "kk.run_from_home", "bullying"),
]


@pytest.mark.parametrize(("category", "about_child", "rule", "kind"), CHOICES)
def test_the_reply_follows_the_kind_the_writer_and_the_rule(
    category: Category, about_child: bool, rule: str, kind: str
) -> None:
    finding = Finding(locale="ru", category=category, about_child=about_child, rule=rule)
    assert reply_kind(finding, CONTENT) == kind


def test_every_rule_a_variant_relies_on_is_a_rule_of_the_detector(rules_only: CrisisDetector) -> None:
    ids = {r.id for r in rules_only.rules}
    for group, rules in CONTENT.crisis.rule_groups.items():
        missing = sorted(set(rules) - ids)
        assert not missing, f"content/crisis.yaml rule_groups.{group} names rules that are gone: {missing}"


def test_a_sexual_rule_about_photos_or_blackmail_gets_the_online_reply(rules_only: CrisisDetector) -> None:
    """A rule added for photos, a camera or blackmail must say which reply it gets: the line «don't pay, keep
    the messages» is only in the online variant."""
    online = set(CONTENT.crisis.rule_groups["online"])
    named = re.compile(r"photo|blackmail|camera|nude_photo|_post_|_post$|spread")
    sexual = [r.id for r in rules_only.rules if r.category is Category.SEXUAL]
    missing = sorted(r for r in sexual if named.search(r) and r not in online)
    assert not missing, f"add these to content/crisis.yaml rule_groups.online (or rename them): {missing}"


def test_every_reply_to_an_adult_has_a_memo_that_exists() -> None:
    assert set(CONTENT.crisis.memos) == set(ADULT_KINDS) - set(MEMOLESS_KINDS)
    for kind, slug in CONTENT.crisis.memos.items():
        assert CONTENT.memo(slug) is not None, (kind, slug)


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("kind", REPLY_KINDS)
def test_every_reply_fits_a_phone_screen(lang: str, kind: str) -> None:
    plain = crisis_reply(CONTENT, lang, kind).replace("<b>", "").replace("</b>", "")
    assert len(plain) <= 620, (kind, lang, len(plain))
    assert len(plain.splitlines()) <= 5
