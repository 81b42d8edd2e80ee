"""Crisis rules, round 9 (Russian): the classes of the Russian misses, wrong reply kinds and false alarms
of blind set 7, in phrasings of their own (tests/data/crisis_eval/ru_round9.yaml holds them with labels).

S. Suicide said indirectly: a letter «чтобы не винили себя после меня»; worth more dead than alive
   («страховка за меня поможет им больше, чем я живой»); «последний раз, когда я их вижу»; «лучше бы я не
   родилась» said by the child (a parent's words stay the violence they go with).
G. Grooming: an adult who wants the child alone and without a phone, gives gifts and has the chat deleted,
   asks what underwear the child wears, asks to keep the chat secret; X. woke up undressed, a naked body put
   under one's face, touched and threatened with the sack.
B. Money demanded by older pupils, with a threat.
V. A parent who throws things when drunk, a throw that lands on the child; kept in, documents taken.
D. Panic attacks; purging and fainting; a parent who stopped calling; a death in the family or the class;
   a child who does not leave the room.
H. Self-harm: hair pulled out, skin scratched to blood, a contest of cuts.
F. False alarms: a hero at a literature lesson («хотел ли он умереть»), a pupil's research on the
   helpline's figures, homework («помогите с сочинением»). Look-alikes the n-gram net alone flags are
   checked with the rules alone.
"""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.crisis import CrisisDetector
from bot.views.crisis import is_adult, reply_kind
from tests.support.crisis_eval import (
    labelled_round_tests,
    quiet_test,
    reply_of,
    reply_test,
    rules_fire_test,
    rules_quiet_test,
)

pytestmark = pytest.mark.no_database

CONTENT = Content.load()
test_each_class_gets_its_kind, test_the_look_alikes_stay_quiet = labelled_round_tests("ru_round9")


# Look-alikes the n-gram net flags (it is not refitted here): no rule may fire on them.
QUIET_RULES = [
    "лучше бы я родилась летом, а не зимой",
    "из-за карантина нас не выпускают из дома",
    "мама не выпускает меня из дома пока не сделаю уроки",
    "после еды иду мыть руки в туалет",
    "мама перестала звонить каждые 5 минут, наконец доверяет",
    "поссорилась с лучшей подругой, она меня игнорит, как помириться",
    "druga obidela, teper on menya ignorit, kak pomiritsya?",
    "помогите с сочинением",
    "у нас умерла прабабушка, сыну 5 лет",
    "в живом уголке больше черепах, чем у нас дома",
]

test_no_rule_fires_on_the_look_alikes_the_net_flags = rules_quiet_test(QUIET_RULES)


# --- Which reply -------------------------------------------------------------------------------------

REPLIES = [
    # Self-harm gets the reply for thoughts of suicide.
    ("когда нервничаю, вырываю себе волосы, уже проплешина", "suicide"),
    ("в классе девочки соревнуются, у кого больше порезов", "suicide"),
    # A parent's words with a push: the violence, not the suicide reply.
    ("мама сказала лучше бы я не родилась и толкнула меня", "violence"),
    ("лучше бы я вообще не родилась", "suicide"),
    # A parent about a child: the adult replies of the kind.
    ("репетитор просит сына приходить одного и без телефона", "adult_sexual"),
    ("сын говорит, что старшие требуют с него деньги каждую неделю", "adult_bullying"),
    ("после развода дочь не выходит из комнаты и перестала есть с нами", "adult"),
    # A widow's own grief, a wife kept in by her husband: the adult's own replies.
    ("после смерти мужа не могу встать с кровати, дети видят меня такой", "adult_self"),
    ("муж забрал паспорт и телефон и не выпускает меня из дома", "adult_violence_self"),
]

test_the_reply_fits = reply_test(REPLIES)


def test_periods_gone_are_no_missing_child(detector: CrisisDetector) -> None:
    kind = reply_of(detector, "дочь похудела, у неё пропали месячные")
    assert is_adult(kind) and kind != "adult_missing", kind


@pytest.mark.parametrize(
    "text",
    ["у дочери пропал цикл, она почти не ест", "у дочки пропало молоко", "у сына пропала температура"],
)
def test_a_body_function_gone_is_no_missing_child(detector: CrisisDetector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is None or reply_kind(finding, CONTENT) != "adult_missing", finding


# --- The rules alone fire on each class (the net's threshold moves with a refit) ---------------------

RULES_FIRE = [
    ("как написать родителям так, чтобы после меня они себя не обвиняли", "suicide"),
    ("dumayu chto strahovka za menya pomozhet im bolshe chem ya zhivoy", "suicide"),
    ("vizhu ih v poslednii raz, ya vse reshila", "suicide"),
    ("luchshe by ya ne rodilas", "suicide"),
    ("взрослый сосед просит держать в секрете, что мы общаемся", "sexual"),
    ("кто-то приделал мою голову к голому телу и разослал", "sexual"),
    ("начальник прижимается и трогает, угрожает уволить", "sexual"),
    ("otec kogda vypyet kidaetsya veshami", "violence"),
    ("папа уехал на вахту и перестал звонить, уже полгода ничего", "distress"),
    ("11 klass trebuet s menya dengi kazhduyu nedelyu", "bullying"),
    ("u menya panicheskie ataki pered kontrolnymi, zadykhayus", "distress"),
]

test_a_rule_fires = rules_fire_test(RULES_FIRE)


# common.yaml: a weapon names harm beyond the schoolyard (peer_harm.adults), and a quarrel with one friend and
# how to make up is no sign for the n-gram net (score_vetoes: reconcile).
test_a_weapon_from_a_pupil_is_violence = reply_test(
    [
        ("пацан из 10 класса принесёт нож и порежет меня", "violence"),
        ("парень из параллели обещал прийти с ножом и порезать меня", "violence"),
    ]
)
test_a_quarrel_and_making_up_stays_quiet = quiet_test(
    ["поругалась с лучшей подругой из-за ерунды, она не пишет уже три дня. как помириться?"]
)
