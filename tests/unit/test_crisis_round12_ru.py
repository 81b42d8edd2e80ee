"""Crisis rules, round 12 (Russian): classes of crisis the rules missed or answered with the wrong reply, and
look-alikes they flagged, in phrasings of the fixer's own (tests/data/crisis_eval/ru_round12.yaml holds them
with labels and, where the class is about the reply, the reply they must get).

A. Grief: a relative or a pet died, and no one sees how bad the writer feels («умер дедушка, никто не видит,
   как мне плохо», «вчера не стало дедушки», «атам умер»): distress, not the suicide reply of «умру — никто не
   заметит» (ru.gone_and_nobody_notices, ru.eleven_i_die_nobody_i yield to one who died named in the
   nominative, and to a phone or a laptop that «died»). A wish to die said beside it, one's own death («если я
   умру, мама даже не заметит»), stays suicide.
B. No one writes to the writer or talks with them («мне никто не пишет», «никто со мной не говорит»), whispers
   and gossip behind their back: loneliness or bullying, not the sexual reply of a secret demanded; «никому не
   говори», «это секрет» stay that.
C. After a failed attempt, next time «как надо», «не промахнусь», «доведу до конца» (said on its own, in a
   short sentence, or beside the attempt: «откачали», «таблетки не подействовали», «верёвка порвалась»):
   suicide, by a rule (only the n-gram net caught some). Homework, a ball, a project, a cake done right next
   time stay quiet. Known gap: the net still flags «в следующий раз надо прийти пораньше», «... получится как
   надо!».
D. «поднять руку на» with the verb far from «руку на меня», «на маму руку», «руку на сестрёнку» (adverbs, a
   clause between: «отчим поднял вчера вечером после работы на меня руку», «папа поднимает, когда выпьет
   лишнего, на маму руку»): violence, on a parent the witness reply (the rules' span 4-5 -> 9). A hand raised
   to wave, to ask, to stop a taxi, and someone who looked at the writer («а он на меня даже не посмотрел»)
   stay quiet. Known gap: «я поднял руку, а он на меня даже не взглянул» is flagged by the n-gram net (it was
   by a rule).
E. Hands up in sport, dance, joy, a surrender game, «подними руку» told by a coach (the n-gram net flagged
   some): common.yaml score_vetoes twelve_hands_up («вверх», «кверху», «подними», «поднимите»); a toy gun
   («водяной пистолет») is no weapon. «отчим поднял на меня руку», the plea «не поднимай на меня руку» stay
   violence.

The classes of blind set 10's Russian misses, wrong reply kinds and false alarms (its items are a measurement
and are not copied here):
F. Slang «ливать из жизни»: suicide (leave_self); not leaving a chat or a game.
G. A means of death as «the solution to all problems» («крыша решит все мои проблемы»): suicide; not a tutor
   or a new window against the cold.
H. A rope or pills bought and a wait for the house to empty or the night: suicide; not a swing, pills for a
   headache.
I. «жить незачем» in a longer sentence: suicide; not where to live. J. «меня через год не будет»: suicide; not
   away at school or moving (a place in the locative). K. How to go, with the doses, found by a parent.
L. «если не приду, он покажет маме мои фото» («если» 7-8 words from the photos): the online reply.
M. A hand held over a stove, a candle, an iron till blisters come: self-harm; a burn by brushing against it is
   none (and no longer fires ru.cuts_seen, ru.burn_on_body). N. «опять начала это делать с руками». O. A
   cousin or a stepbrother who climbs under the blanket at night: sexual.
P. Not eating for days and not sleeping («спать не могу» too); not meat given up, the uraza fast. Q. After a
   death, unable to do anything, staring at the ceiling. R. Crying for no reason, calling oneself useless or
   stupid: distress.
S. A neighbours' child screaming «не надо», «не бей» through the wall: violence, the reply about a child; not
   «не надо так шуметь».
T. Made to carry others' bags, smeared with toothpaste at night, clothes taken and thrown out: bullying (not
   by a parent). U. A game that made a child cry, laughing so hard one can't breathe: quiet.
V. Called a name («обзывают жиртрестом»), clothes pulled down before everyone: bullying (not a mother and a
   toddler). W. Not eating and «спать тоже не могу» in a long sentence. X. A grandparent who writes to the
   school («пишу вам»): a grandchild with bruises and the mother's new man is violence about a child
   (ru.twelve_bruised_new_man; situations.yaml ru.sit_stranger_writes_child reads who writes to the child, not
   the writer's «пишу»).
Y. A parent gone to work far away who stopped calling («уехал на заработки ... и перестал звонить», 10 -> 14
   words) or «больше не звонит»: distress (not away on a business trip). Z. «уговорил прислать фото в трусах»
   (demand + the perfective уговорить, упросить, выпросить): the online reply. Known gaps: an n-gram net false
   alarm on «уговорила маму купить щенка», «мама больше не звонит мне по сто раз на дню, наконец-то».
Look-alikes of this round's own rules, found by probing them (each fired a rule before its veto): away for an
operation, where to live («незачем жить так далеко»), a marathon finished next time, a cousin in a cold tent,
hands warmed over a stove, a child who won't sleep («не надо, не хочу спать»); a new roof against leaks, pills
bought and mother awaited, a toddler with brilliant green, crying for joy, a chess joke, whispers about a card
to give.
"""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.content.base import parse_yaml
from bot.crisis import CrisisDetector
from bot.views.crisis import reply_kind
from tests.support.crisis_eval import EVAL_DIR, assert_kind, round_items

pytestmark = pytest.mark.no_database

CONTENT = Content.load()
CRISIS, QUIET = round_items("ru_round12")
REPLIES = [
    (i["text"], i["reply"])
    for i in parse_yaml((EVAL_DIR / "ru_round12.yaml").read_text("utf-8"))["items"]
    if "reply" in i
]


@pytest.mark.parametrize(("text", "cat"), CRISIS)
def test_each_class_gets_its_kind(detector: CrisisDetector, text: str, cat: str) -> None:
    assert_kind(detector, text, cat)


@pytest.mark.parametrize(("text", "cat"), CRISIS)
def test_a_rule_fires_on_each(rules_only: CrisisDetector, text: str, cat: str) -> None:
    """The rules alone (the n-gram net's threshold moves with every refit)."""
    assert_kind(rules_only, text, cat)
    finding = rules_only.detect(text)
    assert finding is not None and not finding.rule.startswith("ngrams"), finding


@pytest.mark.parametrize("text", QUIET)
def test_the_look_alikes_stay_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None, detector.detect(text)


NO_REPLIES = [pytest.param("", "", marks=pytest.mark.skip("no reply item yet"))]


@pytest.mark.parametrize(("text", "kind"), REPLIES or NO_REPLIES)
def test_the_reply_fits_the_class(detector: CrisisDetector, text: str, kind: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert reply_kind(finding, CONTENT) == kind, (text, finding)
