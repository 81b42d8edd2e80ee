"""Crisis round 13, what rule data alone cannot do: readings of the whole message (bot/crisis/frames.py,
content/crisis_rules/frames.yaml) and who hurts a child (bot/crisis/peers.py).

1. An absence note whose reason or return is said in another sentence («Завтра меня не будет. Заболел. Всем
   пока!», «Ертең мен болмаймын. Жарысқа барамыз. Қош болыңдар!») is quiet; a real goodbye with no ordinary
   reason, or with forgiveness, «прощайте», «не ищите», «не вините» beside it, stays a crisis.
2. A notice or an article that names suicide or violence (statistics, a lecture, a seminar) with nobody's own
   case in it is quiet; a parent or a child who tells their own case beside the same words is answered,
   also when the seminar's name stands in the very sentence («После лекции сын сказал, что хочет умереть»).
3. «Ученик 4 класса», «мальчик из моего класса» describe a pupil, not peers who harm; a jealous partner is no
   peer. The writer hurt by a pupil of another class is still bullying.

Every item of the quiet and crisis lists failed on the code before this round (checked against HEAD's
bot/crisis and content/crisis_rules), and the control lists keep what already worked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.crisis import CrisisDetector
from bot.crisis.detector import RULES_DIR
from bot.crisis.rule_files import read_rule_files
from tests.support.crisis_eval import concepts_lost_without

ABSENCE_NOTES = [
    "Завтра меня не будет. Заболел.",
    "Завтра меня не будет. Заболела, температура. Всем пока!",
    "Заболел. Завтра меня не будет. Всем пока!",
    "Zavtra menya ne budet. Zabolel. Vsem poka!",
    "Меня не будет до понедельника. Всем пока!",
    "Меня завтра не будет, вернусь в понедельник. Всем пока",
    "Меня не будет три дня, уезжаем на соревнования. Всем пока!",
    "Завтра меня не будет. Останусь ночевать у подруги. Всем пока!",
    "Меня завтра не будет. Пропущу, у меня олимпиада. Всем пока",
    "дедушка умер, пропустим три дня, едем на похороны",
    "Бабушка умерла. Мы пропустим два дня, похороны в деревне. До свидания",
    "Ертең мен болмаймын. Жарысқа барамыз. Қош болыңдар!",
    "Ертең мен болмаймын. Ауырып қалдым. Қош болыңдар!",
    "Ертең келмеймін. Тұмау болып қалдым. Қош болыңыздар!",
    "Erten men bolmaimyn. Zharyska baramyz. Qosh bolyndar!",
    "erten men bolmaimyn. auyryp qaldym. qosh bolyndar",
    "Ертең мен болмаймын, дүйсенбіде келемін. Қош болыңдар!",
    "Атам қайтыс болды, үш күн сабаққа келмейміз, жаназаға барамыз. Қош болыңыздар",
    "Әжем қайтыс болды. Ертең мен болмаймын, жерлеуге барамыз. Қош болыңдар",
]

# A goodbye with no ordinary reason, or with one and a word of a real farewell: still the suicide reply.
GOODBYES = [
    "Завтра меня не будет. Прощайте все. Простите меня.",
    "Заболел. Завтра меня не будет. Простите меня за всё.",
    "Завтра меня не будет. Заболел. Не вините никого.",
    "В понедельник меня уже не будет. Не ищите меня.",
    "Меня завтра не будет. Всем пока!",
    "Zavtra menya ne budet. Proshaite vse.",
    "ертең мен болмаймын. кешіріңдер, қош болыңдар",
    "Ертең мен болмаймын. Қош болыңдар!",
    "Ертең мен болмаймын. Ауырып қалдым. Мені іздемеңдер, кешіріңдер.",
]

# Another crisis said beside an absence note with its reason: its own rule still fires.
CRISES_BESIDE_A_NOTE = [
    ("Завтра меня не будет, заболел. Мне так плохо, никто меня не любит, устал от всего.", "distress"),
    ("Ертең мектепке келмеймін, ауырып қалдым. Бәрі мені жек көреді, өмірден шаршадым.", "suicide"),
    ("Завтра меня не будет, заболела. Папа опять пьяный, бьёт маму.", "violence"),
    ("Ертең сабаққа келмеймін, дәрігерге барамын. Өзімді өлтіргім келеді.", "suicide"),
]

NOTICES = [
    "по статистике каждый третий ребёнок сталкивается с насилием",
    "Статистика: в Казахстане растёт число суицидов среди подростков, каждый день дети режут себя.",
    "Лекция: буллинг в школе, когда одноклассники бьют и унижают ребёнка.",
    "Статистика бойынша әр бесінші жасөспірім өлгісі келетінін айтқан.",
    "Статистика бойынша балалардың үштен бірі ұрып-соғуға ұшырайды.",
]

# Quiet before this round too; they must stay so.
NOTICES_ALREADY_QUIET = [
    "на собрании обсудим профилактику суицида",
    "суицидтің алдын алу апталығы",
    "По статистике подростковые самоубийства выросли на 10 процентов.",
    "Статистика бойынша жасөспірімдер арасында суицид көбейген.",
    "Ата-аналар жиналысында балалар суициді туралы сөйлесеміз.",
    "Суицидтің алдын алу апталығы: егер балаңыз өлгім келеді десе, 111-ге хабарласыңыз.",
]

# Someone's own case told beside the very same words.
OWN_CASES = [
    "Была неделя профилактики суицида, а мой сын после неё сказал, что хочет умереть.",
    "После лекции сын сказал, что хочет умереть.",
    "Я психолог, после тренинга по профилактике ученица сказала мне, что хочет покончить с собой.",
    "Алдын алу апталығынан кейін қызым өлгім келеді деді.",
    "Семинардан кейін қызым өлгім келеді деді.",
]

OWN_CASES_ALREADY_FOUND = [
    "На собрании обсудим профилактику суицида. Мой сын говорит что хочет умереть.",
    "Мектепте суицидтің алдын алу апталығы өтті. Бірақ мен өзімді өлтіргім келеді.",
    "Статистика мені қызықтырмайды, мен өлгім келеді.",
    "По статистике таких как я много, но я правда хочу умереть.",
]

# (text, the reply's kind): a pupil's class and a jealous partner are no peers.
WHO_HURTS = [
    ("Ученик 7 класса пришёл с синяками в форме пальцев на шее. Говорит, что брат пошутил.", "violence"),
    ("Ученица 5 класса пришла с синяками в форме пальцев на шее.", "violence"),
    ("мой пацан ревнует меня ко всем, вчера ударил меня, потому что я говорила с одноклассником", "violence"),
    ("Парень ревнует меня к однокласснику и бьёт меня.", "violence"),
    ("мой парень ревнует меня к одноклассникам и бьёт меня", "violence"),
]

# Peers who hurt the writer stay bullying, a pupil's class named or not.
PEERS = [
    "одноклассники бьют меня каждый день",
    "парень из 10 класса ударил меня",
    "мальчик из моего класса бьёт меня на переменах",
    "ученики 9 класса избили меня после уроков",
    "сыныптастарым мені ұрады",
]


@pytest.mark.parametrize("text", ABSENCE_NOTES)
def test_an_absence_note_with_its_reason_in_another_sentence_is_quiet(
    text: str, detector: CrisisDetector
) -> None:
    assert detector.detect(text) is None, detector.detect(text)


@pytest.mark.parametrize("text", GOODBYES)
def test_a_goodbye_with_no_reason_or_with_a_farewell_word_stays_suicide(
    text: str, detector: CrisisDetector
) -> None:
    finding = detector.detect(text)
    assert finding is not None and finding.category.value == "suicide", finding


@pytest.mark.parametrize(("text", "kind"), CRISES_BESIDE_A_NOTE)
def test_a_crisis_beside_an_absence_note_still_fires(text: str, kind: str, detector: CrisisDetector) -> None:
    finding = detector.detect(text)
    assert finding is not None and finding.category.value == kind, finding


@pytest.mark.parametrize("text", NOTICES + NOTICES_ALREADY_QUIET)
def test_a_notice_or_an_article_that_names_dangers_is_quiet(text: str, detector: CrisisDetector) -> None:
    assert detector.detect(text) is None, detector.detect(text)


@pytest.mark.parametrize("text", OWN_CASES + OWN_CASES_ALREADY_FOUND)
def test_an_own_case_beside_a_notice_s_words_is_suicide(text: str, detector: CrisisDetector) -> None:
    finding = detector.detect(text)
    assert finding is not None and finding.category.value == "suicide", finding


@pytest.mark.parametrize(("text", "kind"), WHO_HURTS)
def test_a_pupil_s_class_and_a_jealous_partner_are_no_peers(
    text: str, kind: str, detector: CrisisDetector
) -> None:
    finding = detector.detect(text)
    assert finding is not None and finding.category.value == kind, finding


@pytest.mark.parametrize("text", PEERS)
def test_peers_who_hurt_the_writer_stay_bullying(text: str, detector: CrisisDetector) -> None:
    finding = detector.detect(text)
    assert finding is not None and finding.category.value == "bullying", finding


def test_the_frames_refuse_an_unknown_rule_or_concept() -> None:
    data = read_rule_files(RULES_DIR)
    data["absence_note"] = {**data["absence_note"], "rules": ["ru.no_such_rule"]}
    with pytest.raises(ValueError, match="absence_note: unknown rules"):
        CrisisDetector(data)
    data = read_rule_files(RULES_DIR)
    data["notice_frame"] = {**data["notice_frame"], "frame": ["no_such_concept"]}
    with pytest.raises(ValueError, match="notice_frame: unknown concepts"):
        CrisisDetector(data)


def test_the_frames_words_take_no_concept_from_any_word(tmp_path: Path) -> None:
    """A Kazakh stem of frames.yaml longer than another, or a whole word, would take the word's other
    concepts away (the longest stem wins): none of the labelled words loses one."""
    lost, _ = concepts_lost_without("frames.yaml", tmp_path)
    assert not lost
