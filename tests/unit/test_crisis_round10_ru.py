"""Crisis rules, round 10 (Russian): the classes of the Russian misses, wrong reply kinds and false alarms
of blind set 8, in phrasings of their own (tests/data/crisis_eval/ru_round10.yaml holds them with labels).

B. Bullying without the usual words: «зачмырили»; locked in the toilet or changing room and laughed at;
   a «налог» or «дань» paid so as not to be touched; a disabled child blocked on purpose; a stutterer
   surrounded and made to say a word; threats in direct messages after a performance; glue in the shoes.
S. A farewell text: «это последнее, что я пишу», «будущего у меня не будет».
V. A split eyebrow from a stepfather; a child locked in a room for days.
D. Running away to a boyfriend in another city.
F. False alarms: bruises after sport, a first-aid lesson, a cat's scratch, a hero who punishes himself,
   a fight made up, a small cut explained to a child.
"""

from __future__ import annotations

import pytest

from tests.support.crisis_eval import labelled_round_tests, reply_test, rules_fire_test, rules_quiet_test

pytestmark = pytest.mark.no_database

test_each_class_gets_its_kind, test_the_look_alikes_stay_quiet = labelled_round_tests("ru_round10")


# --- The rules alone fire on each class (the net's threshold moves with a refit) ---------------------

RULES_FIRE = [
    ("меня чморят всей параллелью, я уже не могу", "bullying"),
    ("zachmyrili menya v lagere, domoi hochu", "bullying"),
    ("ребята из класса выгнали меня из клана и пишут в личку что я дебил", "bullying"),
    ("na peremene okruzhayut i zastavlyayut skazat slovo, poka ya ne zaplachu", "bullying"),
    ("я картавлю и весь класс меня передразнивает", "bullying"),
    ("eto poslednee chto ya pishu, bolshe menya ne uvidite", "suicide"),
]

test_a_rule_fires = rules_fire_test(RULES_FIRE)


# Look-alikes the n-gram net flags (it is not refitted here): no rule may fire on them.
QUIET_RULES = [
    "случайно закрыла себя в туалете, замок заел, все смеялись потом вместе со мной",
    "мама отдаёт деньги за обеды, чтобы меня кормили в школе",
    "сделали фото в купальниках на море, выложу в сторис",
]

test_no_rule_fires_on_the_look_alikes_the_net_flags = rules_quiet_test(QUIET_RULES)


# --- Which reply -------------------------------------------------------------------------------------

REPLIES = [
    # Locked in the toilet and filmed by peers: bullying, not the reply for sexual abuse.
    ("пацаны закрыли меня в туалете и ржали, пока я стучал", "bullying"),
    # A «tax» to older pupils with blows: bullying, not violence at home.
    ("старшаки заставляют платить им налог каждую неделю, иначе бьют", "bullying"),
    # Running away to a boyfriend: distress, not violence at home.
    ("во сколько уходит автобус на Шымкент? хочу сбежать к своему парню, дома не знают", "distress"),
    # Kept in a room for days with lessons named in the sentence: violence at home, not schoolyard harm
    # (common.yaml: peer_harm.adults gets room_w).
    ("меня не выпускают из комнаты неделями, телефон дают только для уроков", "violence"),
    # A mother who locked herself in the bathroom while the father throws things: violence, not sexual abuse.
    ("папа опять кидает в меня тарелки, мама закрылась в ванной, я в шкафу", "violence"),
]

test_the_reply_fits = reply_test(REPLIES)
