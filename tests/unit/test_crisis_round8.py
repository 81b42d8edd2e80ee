"""Crisis rules, round 8: the classes blind set 7 found (/tmp/blind7/classes.md, by its class ids).

1. A word both languages use as it is («суицид», «SOS», «депрессия») tells no language: a Kazakh user
   who sends only that gets the reply in the language they chose (handlers/crisis.py, `language_sure`
   false).
2. A word of distress sent alone by a child («жалғызбын», «депрессия», «у меня депрессия», «кушать
   нечего») gets the distress reply; a report about depression, being home alone or the canteen's menu
   do not.
3. False alarms (L1-L5): a window joke about homework, a death in a game named in Latin letters, a
   dissection at biology, a parent who says their child cannot swim, a quarrel with one friend. Checked
   with the rules alone: the n-gram net still flags some of them (the parent's worry, the quarrel).
The labelled items are in tests/data/crisis_eval/*_round8.yaml; the phrasings here are others.
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector
from tests.support.crisis_eval import (
    category_test,
    quiet_test,
    rules_fire_test,
    rules_quiet_test,
)

pytestmark = pytest.mark.no_database


# --- 1. A word of both languages ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["суицид", "SOS", "sos", "Суицид!!", "SOS!!!", "депрессия", "sos суицид"])
def test_a_word_of_both_languages_is_not_sure_of_one(detector: CrisisDetector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert not finding.language_sure, finding


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("хочу совершить суицид", "ru"),
        ("суицид жасағым келеді", "kk"),
        ("SOS мені ұрып жатыр", "kk"),
        ("SOS меня бьют", "ru"),
    ],
)
def test_the_other_words_still_tell_the_language(detector: CrisisDetector, text: str, lang: str) -> None:
    finding = detector.detect(text)
    assert finding is not None and finding.locale == lang, finding


# --- 2. A word of distress alone ----------------------------------------------------------------------------

ALONE = [
    "жалғызбын",
    "Жалғызбын...",
    "мен жалғызбын",
    "жалгызбын",
    "zhalgyzbyn",
    "депрессия",
    "Депрессия.",
    "депрессия болып жүр",
    "депрессия болып жүрмін",
    "депрессия боп жур",
    "у меня депрессия",
    "у меня походу депрессия",
    "u menya depressiya",
    "кушать нечего",
    "есть нечего",
    "мне одиноко",
]
ALONE_QUIET = [
    "үйде жалғызбын",
    "уйде жалгызбын",
    "депрессия туралы реферат",
    "депрессия туралы баяндама",
    "реферат про депрессию",
    "у меня доклад про депрессию",
    "в столовой кушать нечего, одни булки",
]


test_a_word_of_distress_alone_gets_the_distress_reply = category_test(ALONE, "distress", reply="distress")
test_a_report_or_home_alone_is_nothing = quiet_test(ALONE_QUIET)


# --- 3. False alarms (L1-L5) --------------------------------------------------------------------------------

QUIET_RULES = [
    # L1: a window joke about homework
    "столько задали по геометрии, щас в окно выпрыгну 😂",
    "ya shas v okno vyprygnu 😂😂",
    "opyat kontrolnaya po himii, v okno vyprygnu lol",
    # L2: a death in a game named in Latin letters
    "v minecraft menya ubil zombi",
    "в roblox меня убили и всё пропало",
    "v fortnite menya srazu ubili",
    # L3: a dissection at a biology lesson
    "биологияда бақаны сойып қараймыз деді",
    "biologiya sabaginda baqany soiyp korsetedi dedi",
    # L4: a parent's worry that the child cannot swim
    "лагерьде бассейн бар, суға батып кетпесін деп қорқамын, жүзуді білмейді",
    "ulym zhuzudi bilmeidi, suga batyp ketpesin dep qorqamyn",
    # L5: a quarrel with one friend
    "мы с подругой поссорились, она меня игнорит",
    "поссорились с другом из-за игры, теперь он меня игнорит",
]
STILL_CRISIS = [
    ("в окно выпрыгну, не шучу", "suicide"),
    ("хочу выпрыгнуть в окно", "suicide"),
    ("меня игнорит весь класс", "bullying"),
    ("папа сказал что убьёт меня", "violence"),
    ("ағам мені сойып тастаймын деді", "violence"),
]


test_a_joke_a_game_a_lesson_or_a_quarrel_fires_no_rule = rules_quiet_test(QUIET_RULES)
test_the_crises_beside_them_still_fire = rules_fire_test(STILL_CRISIS)


# --- 4. Kazakh intention and future forms (K01, K02); a parent's death (K16) ------------------------------

PILLS_PLANNED = [
    "анамның дәрілерін бәрін бірден ішпекпін",
    "ертең таблеткалардың бәрін ішпекпін",
    "таблеткалардың бәрін бірден ішпекшімін",
    "таблеткалардың барлығын бірден ішемін",
    "таблеткалардын барин ишпекпин",
    "tabletkalardy bari birden ishpekpin",
    "көп таблетка ішсе адам ауырмай өле ме",
    "kop dari ishse adam ole me",
    "тоғызыншы қабаттан секірмекпін",
]
PILLS_QUIET = [
    "дәріні тамақтан кейін ішемін",
    "витаминді таңертең ішемін",
    "шайды күнде ішемін",
    "дәріні бірден ішпекпін бе, тамақтан кейін бе",
]
PARENT_DIED = [
    "әкем қайтыс болды",
    "анам өткен жылы қайтыс болды, әлі жылаймын",
    "мамам кайтыс болганнан бери ешнарсе istegim kelmeidi",
    "papam avariiada qaitys boldy",
]
PARENT_DIED_QUIET = [
    "Абайдың әкесі ерте қайтыс болды",
    "ақын 1904 жылы қайтыс болды",
    "әдебиетте кейіпкердің анасы қайтыс болады",
]


test_an_overdose_planned_or_asked_is_suicide = category_test(PILLS_PLANNED, "suicide")
test_medicine_taken_or_a_poets_death_is_nothing = quiet_test(PILLS_QUIET + PARENT_DIED_QUIET)
test_a_parent_who_died_is_distress = category_test(PARENT_DIED, "distress")


def test_the_intention_is_no_negation(rules_only: CrisisDetector) -> None:
    # ішпе- (k_drink_not) is written with its negation; ішпекпін is the intention of іш-, "to drink".
    found = rules_only._found(["ишпекпин"])
    assert found and "k_drink_not" not in found[0][1] and "k_drink_conv" in found[0][1], found


# --- 5. Money in tenge (K10) ---------------------------------------------------------------------------

TENGE = [
    ("9 класс забирает у меня тенге", "bullying"),
    ("старшаки забирают у меня тенге каждый день", "bullying"),
    ("9 класс отбирает у меня 1500 тенге", "bullying"),
    ("переведи 5000 тенге или выложу твои фото", "sexual"),
]
TENGE_QUIET = ["мама дала 2000 тенге на обед", "булка в столовой стоит 200 тенге", "я потерял 500 тенге"]


test_money_taken_in_tenge_fires_the_money_rules = rules_fire_test(TENGE)
test_tenge_spent_or_lost_is_nothing = quiet_test(TENGE_QUIET)
