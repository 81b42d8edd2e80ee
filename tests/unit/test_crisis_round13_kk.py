"""Crisis rules, round 13 (Kazakh): the classes of blind set 11's Kazakh misses and false alarms, in
phrasings of their own (tests/data/crisis_eval/kk_round13.yaml holds them with labels; the blind items
stay a measurement).

A. Water looked at from a bridge with no other way left («көпірде тұрмын, суға қарап тұрмын. басқа жол
   жоқ»), «көпір» typed in Latin without its і («koprige»). A traffic jam or a stone thrown from a bridge
   is nothing.
B. Pills drunk or swallowed («ішіп алдым», «жұтып алдым») and the writer alive after them; a prescribed
   medicine or a pet that swallowed pills is nothing.
C. The writer's own burial told of («мені жерлегенде ...», «менің жерлеуіме»); «тірідей жерлейді» (a
   figure of speech), another's burial, «жерлес» (a countryman) are nothing.
D. «ұзақ өмір сүрмеймін» (I will not live long).
E. Razors kept hidden, or found with plasters (self-harm); shaving, a razor hidden from a toddler are
   nothing.
F. A coach or a teacher: «орындамасаң таяқпен ұрамын» (an ultimatum in a sports setting); a ball struck
   is none.
G. A limb or a head to be broken («аяғыңды сындырамыз», «бас-көзіңді жарамыз»); «you'll break your leg»
   is none.
H. Made to lie with a boyfriend or a man («жатуға мәжбүр етеді»), or to a sexual act; a mother who sends
   one to bed early is nothing.
I. Kazakh «ң» typed «ng» in Latin (kezdespeseng, erteng): read as «н» when the word is otherwise unknown.
J. A child plays out adults' sex with toys.
K. A child left out of every game or group work by the others.
L. Dieting and fainting; fainting in the heat, a diet for diabetes are nothing.
M. «бүкіл» typed «бүтіл», «butkil».
N. False alarms: graduates said goodbye to, a first-aid lesson (a tourniquet), a death in the family and
   days away, a throw in wrestling.
O. A teacher, a coach or a parent who hits the writer's head: violence, not self-harm (kk.head_hit).
P. The skin scratched with a compass or a needle, «порез жасаймын» (self-harm); vomiting on purpose to
   keep the weight down is distress, as in Russian.
Q. An arm twisted by a boyfriend or anyone; strangers who caught and beat the writer (violence, not the
   sexual «holds me»); a photo posted with a slur is mockery (bullying). A sprain, a boxing bout are none.
"""

from __future__ import annotations

import pytest

from tests.support.crisis_eval import (
    labelled_round_tests,
    round_items,
    rules_kind_test,
    rules_quiet_test,
)

pytestmark = pytest.mark.no_database

test_each_class_gets_its_kind, test_the_look_alikes_stay_quiet = labelled_round_tests("kk_round13")
# The rules alone fire on each class, with its reply (the net's threshold moves with a refit).
test_a_rule_fires = rules_kind_test(round_items("kk_round13")[0])


# Look-alikes the n-gram net flags (it is not refitted here): no rule may fire on them.
test_no_rule_fires_on_the_look_alikes_the_net_flags = rules_quiet_test(
    [
        # C: a countryman
        "жерлесім маған Алматыда көмектесті",
        # H: sent to bed early
        "анам мені ерте жатуға мәжбүр етеді, ұйықтағым келмейді",
        # K: a coach who leaves an injured pupil out
        "жаттықтырушы мені жарысқа алмайды, аяғым ауырады",
        # N: a first-aid lesson
        "Алғашқы көмек сабағы: қан кеткенде жгут салып, кесілген жерді таңамыз",
        "ОБЖ сабағында жгутты дұрыс салуды, кесілген жараны таңуды үйрендік",
    ]
)
