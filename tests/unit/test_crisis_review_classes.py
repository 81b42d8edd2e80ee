"""Crisis messages that bench/crisis.py --misses listed on ad54841 (a farewell to everyone, a decision with
a time, giving belongings away, a threat to spread a photo, groping by peers, an adult who invites, parents
who left the children ...) and other phrasings of the same meanings: the rules must catch each of them on
their own, so that no refit of the net can lose them. Look-alikes written with them stay quiet.

The phrasings are tests/data/crisis_eval/{kk,ru}_review_classes.yaml; the missed messages themselves are in
the labelled sets and are repeated here.
"""

from __future__ import annotations

import pytest

from tests.support.crisis_eval import rules_catch_labelled_tests

pytestmark = pytest.mark.no_database


# The labelled messages bench/crisis.py --misses listed on ad54841.
MISSED = [
    "vsem poka. prostite menya",
    "я всё решила. сегодня ночью",
    "пацаны в коридоре задирают юбку и лапают, классная говорит мальчики так играют",
    "vzroslyj muzhik v igre pishet chto ya krasivaya i zovet vstretitsya bez roditelej, mne 12",
    "родители бросили нас",
    'кызымнын телефонына белгисиз номирден "суретинди таратамын" деп жазыпты, не истеймиз',
    "ertennen bastap men joq bolamyn. telefonymdy 6e6em alsyn, parol 1234",
    "наушнигімді, ойыншықтарымды, кофталарымды қарындасыма бердім. маған енді керек емес қой",
    "анам бізді тастап кетті",
    "эй бот сен барсын ба? маган бирев керек казир. отинемин",
    "шешем жазалаймын деп қолыма ыстық су құйды",
    "сызып алгым келип тур, 2 аптадан бери тазамын еди. комек",
    "если завтра не приду в школу значит всё. спасибо что хоть ты отвечал",
    "не сплю неделю точка в голове шум никому не говорю точка",
    "в классе сделали опрос кто самый уродливый и все проголосовали за меня",
    "бугин уйге барсам олемин, 2 алдым, папам кешпейди. кайда барсам болады",
    "tunde uiqtai almaimyn 2 apta, basym auyrady, bari maghynasyz",
]


test_the_rules_catch_it_without_the_net, test_the_look_alike_stays_quiet = rules_catch_labelled_tests(
    "review_classes", MISSED
)
