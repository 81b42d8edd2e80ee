"""Crisis messages that only the n-gram net caught until the neglect refit (9988ce1) raised its threshold, and
other phrasings of the same meanings: the rules must catch each of them on their own, so that the next refit
of the net cannot lose them again. Look-alikes written with them stay quiet.

The phrasings are tests/data/crisis_eval/{kk,ru}_winback.yaml; the lost messages themselves are in the old
labelled sets and are repeated here.
"""

from __future__ import annotations

import pytest

from tests.support.crisis_eval import rules_catch_labelled_tests

pytestmark = pytest.mark.no_database


# The old-set messages the refit lost (bench/crisis.py --misses on c1fe2b6~1 and on 9988ce1).
LOST = [
    "keşe tağy özime zaqym keltirdim, qan köp ketti",
    "видеомды таратып жіберді, енді бәрі көрді 😭",
    "shuk jauap berinizshi, maǵan qazir ote jaman",
    "досыммен екеуміз келістік, жексенбіде бірге кетеміз, енді ешкім бізді ренжітпейді",
    "кім болса да жазыңызшы маған, жалғызбын қазір",
    "мамам шрамдарды көріп қойды, мысық тырнады дедім. енді не айтам",
    "kunde portfelimdi tepip, at qoiyp shaqyrady, mugalim korip tursa da unsiz",
    "мне кажется я не доживу до лета и мне от этого спокойно",
    "можно с кем-то поговорить? срочно",
    "хочется орать но нельзя",
    "сосед показывает мне всякое на телефоне и зовёт к себе",
    "kak perestat' 4uvstvovat' etu tyazhest' v grudi kazhdoe utro",
    "shramy uzhe ne pryachutsya pod braslet'ami, 4to delat' letom",
    "сколько таблеток надо выпить чтоб точно не проснуться",
    "na peremene zaperli v shkafu i ne vypuskali ves' urok",
    "он пишет что ему 17, но по видео явно старше. просит включить камеру в ванной",
    "написала прощальное письмо маме, лежит в столе. наверное в пятницу",
    "дядя живёт у нас и когда выпьет кидается на всех с ножом",
]


test_the_rules_catch_it_without_the_net, test_the_look_alike_stays_quiet = rules_catch_labelled_tests(
    "winback", LOST
)
