"""Crisis rules, round 10 (Kazakh): the classes behind blind set 8's Kazakh misses and false alarms.

W. «Never wake up» said with no regret, or with «never» («ешқашан оянбасам»): suicide.
G. Going far away and not coming back, with one's things given away («інім алсын»): suicide.
C. Thin red lines on a child's wrist (or on mine): self-harm, not a line drawn with a pen.
B. Classmates who will not sit beside a pupil (called smelly): bullying.
R. A teenager who does not leave his room (a parent's report): distress.
F. «өзімді өлтіремін» with a laugh (a forgotten pen); acid on the skin in a chemistry lab; a child afraid of a
   fairy-tale dragon: no crisis.
L. A message mixing Kazakh and Russian in Latin letters («uide de, mektepte de ... ketip qalu») is not sure
   it is Russian.
The labelled items are in tests/data/crisis_eval/kk_round10.yaml; the phrasings here are others. What a rule
must catch is checked with the rules alone (the n-gram net moves with every refit).
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector
from tests.support.crisis_eval import quiet_test, rules_fire_test, rules_quiet_test

pytestmark = pytest.mark.no_database

CRISES = [
    # W: never wake up, no regret
    ("ұйықтап кетіп, ешқашан оянбасам ғой", "suicide"),
    ("ешқашан оянбасам, ешкім іздемес еді", "suicide"),
    ("бүгін ұйықтап, ертең оянбасам да өкінбеймін", "suicide"),
    ("uiyqtap qalyp, eshqashan oyanbasam, eshkim qinalmaidy", "suicide"),
    ("ешкашан оянбасам жаксы болар еди", "suicide"),
    ("Ұйықтап кетіп, қайтып оянбасам да өкінбес едім, шаршадым", "suicide"),
    # G: far away, not coming back
    ("мен алысқа кетемін, енді қайтып оралмаймын", "suicide"),
    ("ойыншықтарымды інім алсын, мен қайтып оралмаймын", "suicide"),
    ("men alysqa ketemin, qaityp oralmaimyn", "suicide"),
    ("алыска кетем, кайтып оралмаимын, кешириндер", "suicide"),
    # C: thin lines on a wrist
    ("қызымның білегінде жіңішке сызықтар көрдім, мысық тырнады дейді", "selfharm"),
    ("Ұлымның білегі толы қызыл сызаттар, сұрасам ештеңе айтпайды", "selfharm"),
    ("qyzymnyn bileginde qyzyl syzyqtar bar", "selfharm"),
    ("билегимде сызыктар бар, ешким кормесин деп узын жен киемин", "selfharm"),
    ("Қызым соңғы айда бөлмесінен шықпайды, білегінде сызаттар бар", "selfharm"),
    # B: classmates who will not sit beside a pupil (a parent's or a teacher's report)
    ("Ұлымның жанына сыныптастары отырмайды, ол жалғыз отырады", "bullying"),
    ("ulymnyn synyptastary onyn qasyna otyrmaidy, sasyq deidi", "bullying"),
    ("бір қызды сыныптастары сасық деп жанына отырмайды", "bullying"),
    # R: shut in his room
    ("ұлым бір айдан бері бөлмесінен шықпайды, мектепке бармайды", "distress"),
    ("қызым бөлмесінен шықпайды, тамақ жемейді, маған бәрібір дейді", "distress"),
    ("ulym bolmesinen shyqpaidy, mektepke barmaidy", "distress"),
    ("бөлмемнен шықпаймын, ешкімді көргім келмейді", "distress"),
]
QUIET = [
    # W
    "ертең ерте оянбасам, сабаққа кешігемін",
    "оянбасам мені оятшы, сағат жетіде",
    "бұл кітапты оқығаныма ешқашан өкінбеймін",
    # G
    "жазда ауылға кетемін, қыркүйекте ораламын",
    "алысқа саяхатқа кетеміз, бір айдан кейін ораламыз",
    "доптарымды інім алсын, маған керек емес",
    # B
    "сыныптастар менің жаныма отырды, қуандым",
    # R
    "ұлым бөлмесін жинап, сосын далаға шықты",
    "бөлмеден шықпай тұрып, жарықты өшір",
    # C
    "апай тақтаға сызық сызды, қолында бор бар",
    "алақанындағы сызықтар туралы оқыдық",
    # F
    "калам тагы умытып кетиппин, озимди олтиремин 😂",
    "дәптерімді тағы ұмыттым, өзімді өлтіремін хахаха",
    "тұз қышқылы қолға тисе, сумен жуу керек пе? зертханалық жұмыс",
    "kyshkyl terige tise ne bolady, himiya sabagy",
]
FULL_QUIET = [
    "Қызым ертегідегі айдаһардан қорқады, жарықты өшірмей ұйықтайды. Не істейміз?",
    "балам ертегідегі мыстан кемпірден қорқып, жылап оянды",
]


test_each_class_gets_its_kind_of_reply = rules_fire_test(CRISES)
test_the_look_alikes_fire_no_rule = rules_quiet_test(QUIET)
test_a_fairy_tale_fear_is_nothing = quiet_test(FULL_QUIET)


@pytest.mark.parametrize(
    "text",
    [
        "ne mogu bolshe, vse nadoelo. uide de, mektepte de. prosto hochu ischeznut, ketip qalamyn",
        "bolshe ne mogu, vse dostalo. synypta da, uide de. hochu prosto ischeznut, ketip qalamyn",
    ],
)
def test_a_mixed_message_is_not_sure_it_is_russian(detector: CrisisDetector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert not (finding.language_sure and finding.locale == "ru"), (finding.locale, finding.rule)
