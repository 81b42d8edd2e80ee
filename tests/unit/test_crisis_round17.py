"""Crisis rules, round 17: a child writes of a friend's, a classmate's or a sibling's crisis in the third
person (content/crisis_rules/third_person.yaml; tests/data/crisis_eval/{kk,ru}_round17.yaml hold the messages
with labels, in phrasings of the fixer's own, none a blind item). The rules of ru.yaml and kk.yaml read the
child's own crisis in the first person; these read the signs a friend sees or reads:
1. Harm to oneself seen on or told of someone: scars under long sleeves in the heat, the head against a wall
   when angry («досым ашуланса басын қабырғаға ұрады»), a leg burnt with a lighter («сіңлім аяғын
   зажигалкамен күйдіреді»): selfharm. A finger cut while cooking, a hand burnt on the stove, a head bumped
   while running, a sleeve worn in the cold stay quiet.
2. Suicide signs: how many pills kill searched («қанша таблетка ішсе өлетінін іздепті»); a roof or a bridge
   with «последний раз», «соңғы рет» posted or «прощайте», «сау болыңдар»; a goodbye to all and the phone
   not answered or off; everyone's forgiveness asked and the accounts deleted; a bridge and a day chosen, a
   day and a place or a way: suicide. A grandmother's pills, a film's hero on a roof, a camp's last day, a
   game account, a picnic's day and place stay quiet.
3. «ненавидит себя», «өзін жек көреді»: distress. A series' heroine stays quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.base import parse_yaml
from bot.crisis import CrisisDetector
from bot.crisis.detector import RULES_DIR
from tests.support.crisis_eval import (
    assert_kind,
    concepts_lost_without,
    quiet_test,
    round_items,
    rules_fire_test,
    shared_rules_only,
)

pytestmark = pytest.mark.no_database

ROUNDS = ("kk_round17", "ru_round17")
CRISIS = [pair for name in ROUNDS for pair in round_items(name)[0]]
QUIET = [text for name in ROUNDS for text in round_items(name)[1]]
RULE_IDS = frozenset(
    rule["id"] for rule in parse_yaml((RULES_DIR / "third_person.yaml").read_text("utf-8"))["rules"]
)

# Known wrong, by rules of other files (not this round's): a violence rule outranks the self-harm one («бьёт
# себя», «жжёт себе ноги», «ожоги от зажигалки»); rules of burns, an iron, a roof, seen cuts fire on a
# look-alike; the n-gram net alone flags a sleeve worn in the cold, and it alone finds «никому не нужен».
_OTHERS = "a rule of kk.yaml or ru.yaml, not of third_person.yaml"
OTHER_FILES_WRONG = {
    "брат бьёт себя кулаком по голове, когда получает двойку",
    "сестрёнка жжёт себе ноги зажигалкой, я видела ожоги",
    "у подруги на ноге ожоги от зажигалки, она сама это делает",
    "інім плитаға қолын күйдіріп алды",
    "сіңлім үтікке қолын күйдіріп алды, анам май жақты",
    "әкем шатырға шығып, антеннаны түзеді",
    "әкем шатырға соңғы рет шығамын деді, енді жөндемейміз",
    "у брата шрам на руке после операции",
}
NET_ONLY = {
    "одноклассница ходит в длинных рукавах, потому что мёрзнет",
    "друг постоянно говорит что он никому не нужен и перестал выходить из комнаты",
}


def _known(items: list, only: set[str] = OTHER_FILES_WRONG | NET_ONLY) -> list[object]:
    """Items (texts or (text, label)) as test parameters, the known wrong ones as xfails (not strict: the
    owners of those files may fix them)."""
    params: list[object] = []
    for item in items:
        values = (item,) if isinstance(item, str) else tuple(item)
        marks = [pytest.mark.xfail(reason=_OTHERS)] if values[0] in only else []
        params.append(pytest.param(*values, marks=marks))
    return params


@pytest.mark.parametrize(("text", "cat"), _known(CRISIS, OTHER_FILES_WRONG))
def test_each_crisis_is_found_as_labelled(detector: CrisisDetector, text: str, cat: str) -> None:
    assert_kind(detector, text, cat)


test_the_look_alikes_stay_quiet = quiet_test(_known(QUIET))
# The rules alone (the n-gram net's threshold moves with every refit) find each crisis of the round.
test_a_rule_fires_on_each = rules_fire_test(_known(CRISIS))


@pytest.mark.parametrize("text", QUIET)
def test_no_rule_of_the_round_fires_on_a_look_alike(text: str) -> None:
    finding = shared_rules_only().detect(text)
    assert finding is None or finding.rule not in RULE_IDS, (text, finding)


def test_each_rule_of_the_file_finds_a_message_of_the_round() -> None:
    used = {f.rule for text, _ in CRISIS if (f := shared_rules_only().detect(text)) is not None}
    assert used >= RULE_IDS, sorted(RULE_IDS - used)


def test_the_file_takes_no_concept_from_a_labelled_word(tmp_path: Path) -> None:
    """A Kazakh word or stem of third_person.yaml longer than another file's, and a Russian lemma whose forms
    another concept read loosely, would take that concept away (bot/crisis/lexicon.py)."""
    lost, _ = concepts_lost_without("third_person.yaml", tmp_path)
    assert lost == {}
