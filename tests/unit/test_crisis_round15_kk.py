"""Crisis rules, round 15 (Kazakh): the classes of blind set 12's Kazakh misses and false alarms, in phrasings
of their own (tests/data/crisis_eval/kk_round15.yaml holds them with labels; the blind items stay a
measurement).

1. A suicide plan told calmly or retold by a friend: «мені көрмейсің(дер)» (you won't see me), «келесі аптаны
   көрмеймін», nobody will (or can) wake me, dreaming never to wake up (a teacher telling of a pupil's essay
   too: the essay is k_fiction and vetoes nothing here), «мен үшін соңғы күн», a rope taken somewhere or
   hidden, a note put or left on the table. A Saturday lie-in, a camp's last day, a note about the shop, a
   tug of war, «why don't you see me», a trip are nothing.
2. Self-harm told indirectly: a compass or a blade on the thigh or the arm after a bad mark (the subject named
   vetoes nothing), a wall punched with a fist or until a bone broke and a lie about it, cut on purpose and a
   cat's scratch told as the cover; the teen words («cutting», «селфхарм») again, with a relapse or «clean»
   for months. A compass drawing circles, a ball against the wall, cutting a video are nothing.
3. A coach who beats or tramples as a «punishment»; «құладым де» (say you fell) told or taught after an
   injury. Laps to run, a fall while learning to ride are nothing.
4. Undressed against one's will («еркіме қарамай», «еркінен тыс»: «тыс» reads as a tooth, a medical word, and
   vetoes nothing), or held and undressed; the cinema one was taken to is no film told. A toddler's bath is
   nothing.
5. Bullying with no word of violence: called an NPC, a sticker pack or a meme made of one's face and laughed
   at or spread, «killed» in a game every day with the threat that it will happen for real.
6. Distress told as facts: a parent in prison (not a prison guard), a pupil missing after a competition (a
   coach writes; the phone switched off is no lost thing), someone breaking in feared at night. Neglect (no
   food, no winter shoes, a parent who drinks) keeps its violence reply, as in the earlier sets.
7. False alarms: meat cut with a blunt knife (kk.knife), a cat's scratch (kk.cut_body, kk.cut_blood), a
   farewell before a move (kk.farewell_all, in one sentence), a pet's food (kk.no_food_given_home,
   kk.food_not_given), a toddler undressed for the bath (kk.undressed, kk.undress_ordered).
Scolding («ұрсу», not «ұру») is flagged by the n-gram net alone, which is not refitted here: a known gap.
"""

from __future__ import annotations

import pytest

from tests.support.crisis_eval import (
    category_test,
    labelled_round_tests,
    reply_test,
    round_items,
    rules_kind_test,
    rules_quiet_test,
)

pytestmark = pytest.mark.no_database

test_each_class_gets_its_kind, test_the_look_alikes_stay_quiet = labelled_round_tests("kk_round15")
# The rules alone fire on each class, with its reply (the net's threshold moves with a refit). Two items the
# net alone catches with the right kind are left to the labelled test.
_NET_ONLY = {"Жаттықтырушымын, турнирден кейін бір балам қонақүйге оралмады, әлі таба алмай жатырмыз"}
test_a_rule_fires = rules_kind_test([c for c in round_items("kk_round15")[0] if c[0] not in _NET_ONLY])

# Look-alikes the n-gram net flags (it is not refitted here): no rule may fire on them.
test_no_rule_fires_on_the_look_alikes_the_net_flags = rules_quiet_test(
    [
        # 1: «why don't you see me» (noticed)
        "мені неге көрмейсің? қасыңнан өтсем де амандаспайсың",
        # 2: a compass drawing
        "циркульмен шеңбер сыздым, сосын сызғышпен түзу сызық жүргіздім",
        # 3: laps to run as a punishment
        "тренер бізді кешіккеніміз үшін жазалап, он айналым жүгіртті",
        # 4: one's own clothes taken off at the pool
        "бассейнде киімімді шешіп, шкафқа қойдым",
        # 5: a sticker made as a gift
        "досым менің фотомнан әдемі стикер жасап берді, маған ұнады",
        # 7: scolded, not hit
        "әкем мені ұрсып тастады, кеш келдім деп, сосын татуластық",
        "apam keshe meni ursyp tastady, bolmemdi zhinamadym dep",
    ]
)

# 1, 6: a teacher or a coach tells of a pupil: the adult's reply about a child.
test_a_teachers_report_is_about_a_child = category_test(
    [
        "Мен мұғаліммін. Бір оқушым эссесінде ұйықтап кетіп, қайтып оянбауды армандайтынын жазды",
        "Сынып жетекшісімін, оқушым шығармасында түнде ұйықтап, енді оянбауды армандайтынын жазыпты",
    ],
    "suicide",
    reply="adult",
)
test_a_coach_reports_a_missing_pupil = category_test(
    ["Мен бапкермін. Жарыстан кейін 12 жасар оқушымыз жоғалып кетті, телефоны өшірулі"], "distress"
)
# A missing pupil is a missing child: the police at once (crisis.yaml's `missing` group), whoever reports.
test_a_missing_pupil_gets_the_missing_child_reply = reply_test(
    [
        ("Мен бапкермін. Жарыстан кейін 12 жасар оқушымыз жоғалып кетті, телефоны өшірулі", "adult_missing"),
        ("Мұғаліммін, экскурсияда бір оқушым жоғалып кетті, телефонын алмайды", "adult_missing"),
    ]
)


# Leftovers 1: a farewell to the class with its reason in another sentence (a move, a transfer to another
# school, a trip abroad, graduation): kk.yaml's absence_note reads the whole message. A goodbye of its own
# (don't look for me, forgive me) keeps the farewell found beside a trip or a move.
test_a_farewell_with_its_reason_in_another_sentence_is_quiet = rules_quiet_test(
    [
        "Бәріңе рахмет, қош болыңдар! Біз басқа қалаға көшіп жатырмыз",
        "Рахмет бәріңе, қош болыңдар. Ертеңнен бастап басқа мектепке ауысамыз",
        "Бәріңе рахмет, қош болыңдар! Биыл мектепті бітірдім",
        "qosh bolyndar, barine rahmet. biz shetelge koshemiz",
        "кош болындар, барине рахмет! ертен экскурсияга кетемиз",
    ]
)
test_a_farewell_with_a_goodbye_of_its_own_stays_suicide = category_test(
    [
        "бәріңе рахмет, қош болыңдар, мені іздемеңдер",
        "Бәріңе рахмет, қош болыңдар, мені іздемеңдер. Ертең экскурсияға барамыз",
        "Бәріңе рахмет, қош болыңдар. Мені кешіріңдер. Біз көшіп жатырмыз",
        "Бәріңе рахмет, қош болыңдар. Мен бұдан әрі шыдай алмаймын",
    ],
    "suicide",
)

# Leftovers 2: scolding («ұрсу») is no beating («ұру»), in any tense; the conditional of «ұру» («ұрса», «if he
# hits») and a beating beside a scolding stay violence.
test_scolding_is_no_beating = rules_quiet_test(
    [
        "әкем ұрсты",
        "анам маған ұрсқан, бөлмемді жинамадым",
        "apam ursty, kesh keldim dep",
        "мугалим маган урсты, дафтерди умыттым",
    ]
)
test_a_beating_beside_a_scolding_stays_violence = category_test(
    [
        "әкем ұрсты, сосын белбеумен ұрды",
        "анам ұрсып, мені шашымнан сүйреді",
        "ол мені ұрса, мен шағымданамын",
    ],
    "violence",
)


# Leftovers 3: «сынып» is a class and «broken» («саусағым сынып қалды»): a wall punched by oneself
# (accusative) beside it is self-harm, no classmates' blow (kk.peers_hit, kk.hit_at_school); a classmate's
# blow on the writer stays found.
test_a_finger_broken_on_a_punched_wall_is_self_harm = category_test(
    [
        "қабырғаны ұрып, саусағым сынып қалды",
        "kabyrgany urdym, sausagym synyp qaldy",
        "кабырганы урып, саусагым сынып калды",
    ],
    "selfharm",
)
test_classmates_who_hit_me_stay_found = rules_kind_test(
    [
        ("сыныптастар мені қабырғаға ұрды, саусағым сынып қалды", "bullying"),
        ("сыныптағылар мені ұрды, сосын мен қабырғаны ұрдым", "bullying"),
    ]
)

# A move quiets a farewell to the class, but not a «move» to another world, nor one beside «I will be gone».
test_a_farewell_moving_beyond_is_still_found = category_test(
    [
        "Бәріңе рахмет, қош болыңдар. Басқа әлемге көшемін",
        "Бәріңе рахмет, қош болыңдар, о дүниеге көшемін",
        "Бәріңе рахмет, қош болыңдар. Енді мен жоқ боламын, басқа жаққа көшемін",
        "Бәріңе рахмет, қош болыңдар. Мен енді болмаймын, басқа жаққа көшемін",
    ],
    "suicide",
)
