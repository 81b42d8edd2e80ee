"""«Ертең мен болмаймын» alone may be a school absence; with a goodbye, love to those left, forgiveness or
«don't blame anyone» in a neighbouring sentence of the same message it is a farewell (Rule.beside). A school
place, a reason (ill, a trip, the village, a competition) or a return named anywhere keeps it quiet."""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector

pytestmark = pytest.mark.no_database

# Failed on the old code: a rule read one sentence, and «ертең мен болмаймын» alone fits none.
FAREWELLS = [
    "Ертең мен болмаймын. Анама айтыңдаршы, мен оны жақсы көремін.",
    "ертең мен болмаймын. сіңлімді сағынамын, оған айтыңдаршы",
    "Бәріңді жақсы көремін. Ертең мен болмаймын.",
    "Ертең болмаймын. Әкеме айтыңдар, оны жақсы көремін.",
    "ертен мен болмаимын. бариңди жаксы коремин",
    "Мен ертең болмаймын. Барлығыңды жақсы көремін, сағынамын.",
    "erten men bolmaimin. barindi jaksy koremin.",
    "Ертең мен болмаймын. Қоштасайық, достар.",
]

# Absences with a place, a reason or a return said: no rule fires.
ABSENCES = [
    "Ертең мен сабақта болмаймын. Сау болыңдар!",
    "ертең болмаймын, ауылға кетеміз. көріскенше!",
    "Ертең мен болмаймын. Ауырып қалдым, бәріңді жақсы көремін.",
    "Ертең мен мектепте болмаймын. Бәріңді жақсы көремін.",
    "Ертең мен болмаймын, жарысқа барамын. Бәріңді жақсы көремін!",
    "Ертең болмаймын. Дүйсенбіде келемін, бәріңді сағынамын.",
    "Ертең мен болмаймын. Ертеңнен кейін қайтамын, сағынамын.",
    "erten men sabakta bolmaimin. sau bolyndar!",
    "Завтра меня не будет на уроке, заболел.",
    "Завтра меня не будет в школе, я вернусь в понедельник.",
]

# Russian «Завтра меня не будет» is read as a farewell in its own sentence (ru.when_i_am_gone_be).
RU_FAREWELLS = [
    "Завтра меня не будет. Передайте маме, что я её люблю.",
    "Передайте маме, что я её люблю. Завтра меня уже не будет.",
    "Zavtra menya ne budet. Peredaite mame, chto ya ee lyublyu.",
    "Завтра меня не будет. Простите меня все.",
]


@pytest.mark.parametrize("text", FAREWELLS + RU_FAREWELLS)
def test_gone_tomorrow_with_a_goodbye_in_a_neighbouring_sentence(
    text: str, rules_only: CrisisDetector
) -> None:
    finding = rules_only.detect(text)
    assert finding is not None and finding.category.value == "suicide", finding


@pytest.mark.parametrize("text", ABSENCES)
def test_an_absence_with_its_place_reason_or_return_is_quiet(text: str, rules_only: CrisisDetector) -> None:
    assert rules_only.detect(text) is None, rules_only.detect(text)


@pytest.mark.parametrize("text", FAREWELLS)
def test_the_full_detector_answers_a_farewell_in_kazakh(text: str, detector: CrisisDetector) -> None:
    finding = detector.detect(text)
    assert finding is not None and finding.category.value == "suicide" and finding.locale == "kk", finding
