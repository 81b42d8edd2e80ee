"""A text written twice, in Kazakh then in Russian (/post, /event): warned only on clear evidence.

A Kazakh letter in the Russian text (the glossary's «Отбасы сағаты», Қарағанды, Әсем, «мектеп-гимназиясы»),
or none in the Kazakh one (typed on a Russian keyboard), used to be enough to warn; realistic pairs of both
kinds pass now, and the same language twice, the same text twice and swapped languages are still caught.
"""

from __future__ import annotations

import pytest

from bot.flows.language_guess import guess_language, has_letters
from bot.views.post_flow import Mismatch, language_mismatch, looks_like_same_language

pytestmark = pytest.mark.no_database

# (Kazakh text, Russian text): a real pair, no warning.
RIGHT_PAIRS = [
    # Russian with «Отбasы сағаты», quoted or not, as the glossary wants it
    (
        "«Отбасы сағаты»: баланың интернеттегі қауіпсіздігі",
        "«Отбасы сағаты»: безопасность ребёнка в интернете",
    ),
    (
        "Отбасы сағаты: ата-аналар мен балалардың бірлескен кездесуі",
        "Отбасы сағаты: совместная встреча родителей и детей",
    ),
    (
        "Құрметті ата-аналар! 15 қаңтарда сағат 17:00-де № 5 мектеп-гимназиясында «Отбасы сағаты» өтеді.",
        "Уважаемые родители! 15 января в 17:00 в № 5 мектеп-гимназиясы пройдёт «Отбасы сағаты».",
    ),
    ("Қыркүйектегі «Отбасы сағаты»: мектепке бейімделу", "«Отбасы сағаты» в сентябре: адаптация к школе"),
    ("Отбасы сағаты", "«Отбасы сағаты» (Семейный час)"),
    ("Отбасы сағатына шақырамыз", "Приглашаем на Отбасы сағаты"),
    # Russian with Kazakh place, school and people's names, «апай», «мектеп»
    ("Қарағанды қаласындағы ата-аналар жиналысы", "Родительское собрание в Қарағанды"),
    (
        "Әсем апаймен кездесу: балаңызбен қалай сөйлесуге болады",
        "Встреча с Әсем апай: как разговаривать с ребёнком",
    ),
    (
        "Психолог Ғалия Сәрсенқызы ата-аналарға кеңес береді",
        "Психолог Ғалия Сәрсенқызы проконсультирует родителей",
    ),
    (
        "Кездесу «Болашақ» мектеп-лицейінің акт залында өтеді",
        "Встреча пройдёт в актовом зале мектеп-лицея «Болашақ»",
    ),
    ("Нұрлан Әбенұлымен кездесу", "Встреча с Нұрлан Әбенұлы"),
    ("Апайлар мен ағайлардың ата-аналармен кездесуі", "Встреча апай и ағай с родителями"),
    ("Ата-аналарға арналған «Балаңызды тыңдаңыз» тренингі", "Тренинг для родителей «Балаңызды тыңдаңыз»"),
    ("Ғалия апай", "Галия апай"),
    ("№ 5 мектеп-гимназиясы", "Школа-гимназия № 5"),
    ("Әсем Нұрланқызы: жасөспіріммен сөйлесу", "Әсем Нұрланқызы: разговор с подростком"),
    (
        "Қарағанды облысы, Абай ауданы: ата-аналарға арналған семинар",
        "Карагандинская область, Абайский район: семинар для родителей",
    ),
    ("Ата-аналарға Ақбота апайдан хабарлама", "Сообщение родителям от Ақбота апай из мектеп-гимназии № 5"),
    # Kazakh without a Kazakh letter: typed on a Russian keyboard, or words that have none
    ("Ата-аналар жиналысы", "Родительское собрание"),
    ("Ертен сабак жок", "Завтра уроков нет"),
    ("Ертен мектепте ата-аналар жиналысы болады", "Завтра в школе родительское собрание"),
    ("Балалар уйде калады, сабак онлайн болады", "Дети остаются дома, уроки пройдут онлайн"),
    ("Сиздерди ата-аналар жиналысына шакырамыз", "Приглашаем вас на родительское собрание"),
    ("Ертен 18:00-де жиналыс", "Завтра в 18:00 собрание"),
    ("Бiздiң мектепте ата-аналар жиналысы", "Собрание родителей в нашей школе"),
    ("Ата-аналар клубы", "Родительский клуб"),
    # ordinary pairs, some short
    ("Буллингтің алдын алу", "Профилактика буллинга"),
    ("Жасөспірімдердің психологиялық денсаулығы", "Психологическое здоровье подростков"),
    ("Ата-аналар назарына! Ертең сабақ болмайды.", "Вниманию родителей! Завтра занятий не будет."),
    ("Сабақ кестесі өзгерді", "Изменилось расписание уроков"),
    ("<b>Құрметті ата-аналар!</b> Ертең сабақ жоқ.", "<b>Уважаемые родители!</b> Завтра занятий нет."),
    ("Ата-аналар клубы: жасөспірімдермен тіл табысу", "Родительский клуб: как найти общий язык с подростком"),
]

# (Kazakh text, Russian text, what is wrong): warned.
WRONG_PAIRS = [
    # Russian twice
    (
        "Родительское собрание в школе № 5",
        "Родительское собрание пройдёт в школе № 5",
        Mismatch.KAZAKH_IS_RUSSIAN,
    ),
    ("Безопасность детей в интернете", "Безопасность ребёнка в интернете", Mismatch.KAZAKH_IS_RUSSIAN),
    ("Собрание в Қарағанды для родителей", "Собрание для родителей в Караганде", Mismatch.KAZAKH_IS_RUSSIAN),
    (
        "«Отбасы сағаты» для родителей пятых классов",
        "«Отбасы сағаты» для родителей 5-х классов",
        Mismatch.KAZAKH_IS_RUSSIAN,
    ),
    # Kazakh twice, also with «Отбасы сағаты» and in plain letters
    ("Баланың интернеттегі қауіпсіздігі", "Балалардың интернеттегі қауіпсіздігі", Mismatch.RUSSIAN_IS_KAZAKH),
    (
        "«Отбасы сағаты»: отбасылық құндылықтар",
        "«Отбасы сағаты» отбасылық құндылықтар туралы",
        Mismatch.RUSSIAN_IS_KAZAKH,
    ),
    ("Ата-аналарға арналған онлайн-семинар", "Ата-аналарға онлайн-семинар өтеді", Mismatch.RUSSIAN_IS_KAZAKH),
    (
        "Қысқы демалыс 30 желтоқсанда басталады",
        "Қысқы демалыс желтоқсанның соңында басталады",
        Mismatch.RUSSIAN_IS_KAZAKH,
    ),
    (
        "Ертең сағат 18:00-де ата-аналар жиналысы",
        "Ертен сагат 18:00-де ата-аналар жиналысы болады",
        Mismatch.RUSSIAN_IS_KAZAKH,
    ),
    ("Ертен сабак жок", "Ертен сабак болмайды", Mismatch.RUSSIAN_IS_KAZAKH),
    ("Ата-аналар жиналысы ертен болады", "Ертен ата-аналар жиналысы болады", Mismatch.RUSSIAN_IS_KAZAKH),
    # the same text twice
    ("Завтра уроков не будет", "Завтра уроков не будет", Mismatch.KAZAKH_IS_RUSSIAN),
    (
        "Ата-аналарға хабарлама: ертең мектепте іс-шара болады.",
        "Ата-аналарға хабарлама: ертең мектепте іс-шара болады.",
        Mismatch.SAME_TEXT,
    ),
    ("Отбасы сағаты", "отбасы  сағаты", Mismatch.SAME_TEXT),
    ("Әсем Нұрланқызы", "Әсем Нұрланқызы", Mismatch.SAME_TEXT),
    # swapped
    ("Родительское собрание", "Ата-аналар жиналысы", Mismatch.KAZAKH_IS_RUSSIAN),
    (
        "Уважаемые родители, приглашаем вас на встречу",
        "Құрметті ата-аналар, сіздерді кездесуге шақырамыз",
        Mismatch.KAZAKH_IS_RUSSIAN,
    ),
]


@pytest.mark.parametrize(("text_kk", "text_ru"), RIGHT_PAIRS)
def test_a_real_pair_is_not_warned(text_kk: str, text_ru: str) -> None:
    assert not looks_like_same_language(text_kk, text_ru)


@pytest.mark.parametrize(("text_kk", "text_ru", "mismatch"), WRONG_PAIRS)
def test_the_same_language_the_same_text_or_swapped_is_warned(
    text_kk: str, text_ru: str, mismatch: Mismatch
) -> None:
    assert looks_like_same_language(text_kk, text_ru)
    assert language_mismatch(text_kk, text_ru) is mismatch


def test_the_table_is_big_enough() -> None:
    assert len(RIGHT_PAIRS) + len(WRONG_PAIRS) >= 40


@pytest.mark.parametrize(
    "text",
    [
        "15.01.2027 17:00",
        "Әсем",
        "Ғалия апай",
        "Отбасы сағаты",
        "№ 5 мектеп-гимназиясы",
        "Қарағанды",
        "2027",
        "«Болашақ»",
    ],
)
def test_too_little_to_tell_is_no_language(text: str) -> None:
    assert guess_language(text) is None


@pytest.mark.parametrize(
    ("text", "letters"),
    [
        ("15.01.2027 17:00", False),
        ("<b>15.01.2027</b> 17:00 &amp; 18:00", False),
        ("👍 !!! 100%", False),
        ("5 «Б»", True),
        ("Ертен", True),
    ],
)
def test_a_text_needs_letters(text: str, letters: bool) -> None:
    assert has_letters(text) is letters
