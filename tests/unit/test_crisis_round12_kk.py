"""Crisis rules, round 12 (Kazakh): classes of Kazakh misses and false alarms, in phrasings of their own
(tests/data/crisis_eval/kk_round12.yaml holds them with labels).

A. Plain or everyday words that read as a look-alike's stem and cancelled a rule: «анық» (clear),
   «анықтама» and «аныма» read as «әні» (a song, k_fiction); «шынымен» (really) as «шыны» (glass,
   k_thing); «Сәлеметсіз бе» as «-сіз» (without, k_without_x); «желіде» (online) as the wind
   (k_weather). A heart that aches beside a blow («әкем мені ұрады, жүрегім ауырады») and «сағат
   сайын» (every hour) no longer cancel it; a heart that beats or a clock that strikes («жүрегім
   соғады», «сағат соқты») is still no blow.
B. «ертең мен болмаймын» with love said to those left («анама айт, оны жақсы көремін», «бәріңді
   жақсы көремін»).
C. «маған зорлық жасады» (violence or rape) gets the sexual reply, whose words fit both (not your
   fault; 111, 102, 112); «зорлық-зомбылық» is violence, «жыныстық зорлық» sexual; «зорлыққа
   ұшырадым». Notices stay quiet.
D. «қол көтерді» with the one it is raised on more than four words away; the idiom's own words
   («қол», «қолын»), so a child lifted in one's arms («қолына алып көтерді») is nothing, nor is a
   vote, a meeting or a greeting.
E. Help to carry a heavy bag is no hardship (kk.help_bad).
The classes of blind set 10's Kazakh misses and false alarms (its items stay a measurement; these are
other phrasings):
F. A goodbye note: «мені айыптамаңдар», «ешкімді кінәламаңдар» with leaving; a note to be handed on by
   whoever finds it («хатымды тапқан кісі әкеме жеткізсін»).
G. Pills gathered («жиып», «жиям»); «дәріні» (it read as «дарын», a talent, and lost k_pills); pills
   taken and the writer alive after them, or sorry to be alive. When to take a medicine is nothing.
H. «мені енді көре алмайсыңдар» (you will not see me again); a broken camera, a summer away are nothing.
I. A car crashed or the wheel turned on purpose so that all would end; a game, a pothole are nothing.
J. A blade taken out of a pencil sharpener; one's own face slapped (self-harm).
K. «соққыға жықты» (beaten up); a boxer's knock-down is nothing.
L. False alarms: a pull-up bar one hangs from, a nosebleed in sport, a burn on a pan, «өлгім келеді»
   asked as a translation.
M. The whole school laughs at the writer; made to kneel; harm done in turns, called a game or not;
   money taken from the writer every month (bullying). The writer's own joke laughed at is nothing.
N. Not eaten for days; the emptiness without one who died (distress); a dog that does not eat, a phone
   that «died», fasting are nothing.
O. Another pupil mocked by the others («бір ұлды басқалар мазақтайды»), told by a classmate or a
   teacher; «басқалар» (the others) read as «бас-» (to press), «ескертуім» (my warning) as a notice.
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector
from tests.support.crisis_eval import labelled_round_tests, round_items, rules_kind_test

pytestmark = pytest.mark.no_database

test_each_class_gets_its_kind, test_the_look_alikes_stay_quiet = labelled_round_tests("kk_round12")
# The rules alone fire on each class, with its reply (the net's threshold moves with a refit).
test_a_rule_fires = rules_kind_test(round_items("kk_round12")[0])


# Look-alikes the n-gram net flags (it is not refitted here): no rule may fire on them.
QUIET_RULES = [
    # A: a heart that beats for someone
    "сен маған ұнайсың, жүрегім соғады",
    # B: away tomorrow, ill, passed on to the teacher
    "ертең мен болмаймын, апайға айтыңдаршы, ауырып қалдым",
    # D: a vote in class; a child lifted in a father's arms
    "маған дауыс берейік деп сыныптағылар қол көтерді",
    "әкем інімді қолына алып жоғары көтерді",
    # E: help to carry a heavy bag
    "ағам маған көмектесіп ауыр сөмкені бір қолмен көтерді",
    # M: the writer's own joke laughed at; a coach's stretching on one's knees
    "әзілім ұнады, бүкіл сынып маған күлді",
    "жаттықтырушы бізді тізерлетіп созылу жасатты",
    # N: fasting
    "ораза ұстап жүрмін, күндіз тамақ ішпеймін, үш күн болды",
]


@pytest.mark.parametrize("text", QUIET_RULES)
def test_no_rule_fires_on_the_look_alikes_the_net_flags(text: str, rules_only: CrisisDetector) -> None:
    assert rules_only.detect(text) is None, rules_only.detect(text)
