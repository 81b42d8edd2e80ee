"""Crisis rules, round 11 (Kazakh): classes of Kazakh misses and false alarms, in phrasings of their own
(tests/data/crisis_eval/kk_round11.yaml holds them with labels).

A. A hand raised or laid on a person («қол көтерді», «қолын жұмсайды») in any person, tense and word order, on
   the writer, a parent, a brother or sister; a hand raised in class, for a vote or to greet is nothing.
B. False alarms of a clear class: a friend who did not sit beside the writer once, being ill or moved by the
   teacher (no bullying); a question on blood that clots (no cut of one's own); money collected by Дариға (no
   pills, «дәрі»); a notice to parents about «балаңыз» (your child).
C. Hitting oneself: pummelling («өзімді соққылаймын»), a wall punched till the hand bleeds or hurts, a child
   who hits himself in a parent's report (self-harm, not violence against the child); a bump is nothing.
D. A parent's blow as a noun in the genitive: «анамның белдігінен кейін», «өгей әкемнің соққысынан», «әкемнің
   белдігі ... ізі қалды»; a parent's new belt, a boxer's punch, a grandfather's walking stick are nothing.
The classes of blind set 9 (its items stay a measurement; these are other phrasings):
E. «ертең мен болмаймын» with a goodbye in the sentence (suicide); away from a lesson or home is nothing.
F. A rope and a hook made ready (suicide); a washing line, a swing are nothing.
G. One's body slit with scissors or a compass; a blade and lines; lines on the thigh (self-harm).
H. The writer's plan to kill with a knife; a knife to be brought to school (violence, not bullying).
I. Strangling («қылғындырды»).
J. Undressed games with an adult, a shameful video shown, a photo made naked and posted, a kiss and a call to
   bed (sexual); a grandmother who kisses a child goodnight is nothing.
K. A school bag thrown, soaked or torn; peers who threaten (bullying); one's own bag put down is nothing.
L. A teacher or a coach who hits pupils as a punishment («қате жазсақ ... ұрады»), sport named or not.
M. Hair cut off by peers or in front of everyone (bullying); a hairdresser's is nothing.
N. Not wanting to go home from a camp that is fun is nothing.
O. Not going out for fear of people; ridicule that only seems so, «бәрі маған күлетін сияқты» (distress).
P. A child who says «маған бәрібір» (distress; about food it is nothing).
Q. Burns made with matches or a lighter (self-harm, not violence against the child); a candle is nothing.
More of G, I, J and N after blind set 9 was measured again: «сызық» as a whole word (k_line_word); strangling
with finger marks named; undressed and a secret, in a game; gone from home and not going back (distress).
Classes of older misses: R. a parent gone for days who has not come back («қайтпады»; a trip is nothing);
S. memes about one's body or looks (bullying); T. a parent afraid of losing control of themself (distress).
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector
from tests.support.crisis_eval import labelled_round_tests, round_items, rules_kind_test

pytestmark = pytest.mark.no_database

test_each_class_gets_its_kind, test_the_look_alikes_stay_quiet = labelled_round_tests("kk_round11")
# The rules alone fire on each class, with its reply (the net's threshold moves with a refit).
test_a_rule_fires = rules_kind_test(round_items("kk_round11")[0])


# Look-alikes the n-gram net flags (it is not refitted here): no rule may fire on them.
QUIET_RULES = [
    # A: a hand raised to greet, to signal, or by the writer in class
    "көшеде ағай маған қолын бұлғап сәлемдесті",
    "жаттықтырушы маған қолын көтеріп белгі берді, мен жүгірдім",
    "мен сабақта үш рет қол көтердім, бірақ апай маған сөз бермеді",
    # E: away tomorrow, from a lesson or from home
    "ертең мен сабақта болмаймын, апайға айтыңдаршы, ауырып қалдым",
    "ертең мен үйде болмаймын, әжеме айтыңдар, кешке келемін",
    "ертең мен ауылда болмаймын, атама айтыңдаршы, сағынамын",
    # I: a scarf too tight
    "шарф мойнымды қысып тұр, басқасын киемін",
    # P: «бәрібір» about food
    "ұлым қай тамақ болса да маған бәрібір дейді",
    # K: a Halloween scare
    "Хэллоуинде балалар маскамен бізді қорқытты, қызық болды",
    # N: a joke about a camp
    "үйден кетіп бара жатырмын, лагерьге, қайтқым келмейді деп әзілдедім",
]


@pytest.mark.parametrize("text", QUIET_RULES)
def test_no_rule_fires_on_the_look_alikes_the_net_flags(text: str, rules_only: CrisisDetector) -> None:
    assert rules_only.detect(text) is None, rules_only.detect(text)


def test_gone_tomorrow_with_the_goodbye_in_another_sentence(rules_only: CrisisDetector) -> None:
    finding = rules_only.detect("ертең мен болмаймын. сіңлімді сағынамын, оған айтыңдаршы")
    assert finding is not None and finding.category.value == "suicide", finding
