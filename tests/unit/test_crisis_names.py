"""Children's first names are no words. The loose reading of unstressed vowels and the forms of some
lemmas made «Катя» a kitten (a pet, which cancels rules), «Галя» naked, «Таня» pulled, «Ваня» a bath: a
child named in a message changed what was found. ru.yaml's `not` lists the forms that are no other word."""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector
from tests.support.crisis_eval import category_test, quiet_test

pytestmark = pytest.mark.no_database

NAMES = {
    "she": ["Катя", "Галя", "Таня", "Тоня", "Надя", "Валя", "Эля", "Люба"],
    "he": ["Ваня", "Коля", "Женя", "Петя", "Костя", "Митя", "Вадим", "Толя"],
}
FORMS = [
    "катя", "кати", "кате", "катю", "катей", "галя", "гале", "галю", "таня", "тане", "таню", "тоня", "тоне",
    "ваня", "ване", "ваню", "коля", "коле", "женя", "петя", "пете", "петю", "костя", "косте", "костю",
    "надя", "наде", "надю", "валя", "вале", "митя", "мите", "вадим", "вадиму", "эля", "эле", "толя", "толе",
    "люба", "любе", "любу",
]  # fmt: skip

test_a_friend_named_in_a_retold_plan_is_still_found = category_test(
    [f"{name} сказала, что до лета не доживёт" for name in NAMES["she"]]
    + [f"{name} сказал, что до лета не доживёт" for name in NAMES["he"]],
    "suicide",
)
test_names_in_everyday_messages_stay_quiet = quiet_test(
    [
        "Галя из нашего класса сегодня болеет, домашку скинете?",
        "Галю и Таню позвали на концерт, а Ваню нет",
        "Люба пригласила всех на день рождения",
        "Тоня и Костя вместе делают проект по биологии",
        "Катю и Петю пересадили за первую парту",
    ]
)


@pytest.mark.parametrize("form", FORMS)
def test_a_name_carries_no_russian_concept(detector: CrisisDetector, form: str) -> None:
    hit = detector._word(form)
    assert hit is None or "ru" not in hit.langs, (form, hit)


# Kazakh: the boy's name Арман is also «арман» (a dream), which round 15 reads for a dream of never waking up.
test_arman_who_overslept_is_no_dream_of_death = quiet_test(
    [
        "Арман оянбай қалды, сабаққа кешікті",
        "Арман әлі оянбады, оятып жіберіңізші",
        "Арманды таңертең ешкім оятпады, оянбай қалыпты",
        "Arman oyanbai qaldy, keshigip keledi",
    ]
)
test_a_dream_of_never_waking_is_still_found = category_test(
    ["менің арманым — ұйықтап, қайтып оянбау", "арманым — енді ешқашан оянбау"], "suicide"
)
