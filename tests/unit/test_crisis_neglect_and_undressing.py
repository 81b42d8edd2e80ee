"""Neglect and undressing, the two classes probing found missing: every word form and word order, with and
without the pronoun, Cyrillic and Latin, in Kazakh and Russian; and the look-alikes that must stay quiet.

A child's report of neglect gets the violence reply (111, 112 or 102 in danger, an adult outside the home);
undressing gets the sexual reply. The wider sets are in tests/data/crisis_eval/{kk,ru}_probe.yaml.
"""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.crisis import Category, CrisisDetector
from bot.views.crisis import crisis_reply, reply_kind

pytestmark = pytest.mark.no_database

NEGLECT_RU = [
    "нас не кормят",
    "меня не кормят дома",
    "дома меня не кормят",
    "мама нас не кормит",
    "мама пьёт и не кормит нас",
    "родители меня не кормили со вчерашнего дня",
    "нам не дают есть",
    "нам есть не дают дома",
    "дома нечего есть",
    "у нас дома нет еды",
    "хожу голодная уже второй день",
    "родители пьют",
    "мои родители пьют",
    "отец опять пьёт",
    "родители бухают каждые выходные",
    "мама опять запила",
    "отец в запое неделю",
    "мама пьяная спит",
    "папа наркоман",
    "мама колется",
    "меня оставили одного дома на три дня",
    "мы одни дома уже третий день",
    "мама не приходит домой третий день",
    "за нами никто не смотрит",
    "меня не пускают домой",
    "ночую в подъезде",
    "у меня нет зимней куртки",
    "зимой хожу без куртки",
    "родители не водят меня к врачу",
    "ne kormyat nas",
    "roditeli pyut",
    "otec v zapoe",
]
NEGLECT_KK = [
    "бізге тамақ бермейді",
    "маған тамақ бермейді",
    "бізді тамақтандырмайды",
    "мені үйде тамақтандырмайды",
    "өгей әкем тамақ жегізбейді",
    "үйде тамақ жоқ",
    "үйде жейтін ештеңе жоқ",
    "үш күн аш жүрмін",
    "аш жүрміз",
    "екі күннен бері ештеңе жемедік",
    "анам ішеді",
    "ата-анам ішеді",
    "әкем күнде ішеді",
    "әкем тағы ішіп жатыр",
    "анам ішкіш",
    "әкем нашақор",
    "анам есірткі қолданады",
    "мені үйде жалғыз тастап кетті",
    "анам бізді жалғыз қалдырып кетті, бір апта болды",
    "анам үш күн үйге келмеді",
    "бізге ешкім қарамайды",
    "бізді ешкім бақпайды",
    "маған ешкім қамқор болмайды",
    "анам есікті ашпай, мені далада қалдырды",
    "далада түнеймін",
    "жылы киімім жоқ",
    "қыста күртешесіз жүрем",
    "ауырып жатырмын, анам дәрігерге апармайды",
    "мені емдетпейді",
    "bizge tamaq bermeidi",
    "akem kunde ishedi",
    "уиде тамак жок, анам ишеди",
]
UNDRESSING_RU = [
    "он снял с меня одежду",
    "снял с меня одежду",
    "с меня сняли одежду",
    "стянул с меня штаны",
    "отчим стаскивал с меня одежду",
    "раздел меня",
    "меня раздели",
    "заставил снять трусы",
    "дядя задрал мне юбку",
    "трогал за грудь",
    "хватал за попу в автобусе мужик",
    "хватал меня между ног",
    "дядя лезет рукой мне в трусы",
    "мужчина в маршрутке прижимался ко мне всю дорогу",
    "on snyal s menya odezhdu",
]
UNDRESSING_KK = [
    "мені шешіндірді",
    "шешіндірді мені",
    "ол мені шешіндірді",
    "бізді шешіндірді",
    "шешіндірмек болды",
    "мені жалаңаштады",
    "киімімді шешкізді",
    "үстімдегі киімді шешті",
    "шалбарымды шешті",
    "шалбарымды тартып түсірді",
    "көйлегімді көтерді",
    "шешін деді",
    "meni sheshindirdi",
    "mені шешіндірмек болды",
]
LOOK_ALIKES = [
    "нас кормят в столовой?",
    "чем кормят в школе?",
    "сколько стоит питание в школе",
    "в столовой нас не кормят бесплатно?",
    "родители пьют чай",
    "мама пьёт лекарства",
    "папа пьёт только зелёный чай",
    "родители не пьют вообще",
    "дома пьём чай с мамой",
    "снять ребёнка с питания",
    "с меня сняли баллы за опоздание",
    "можно мне снять кофту, жарко?",
    "раздевалка в спортзале",
    "мама сняла бельё с верёвки",
    "мама трогала лоб, проверяла температуру",
    "оставили одного дома на вечер, что посмотреть?",
    "меня не пускают гулять",
    "в холодильнике нечего есть, закажем пиццу?",
    "мы голодные как волки после тренировки 😂",
    "где купить тёплую куртку для лыж?",
    "завтра поведу сына к врачу",
    "шешендік өнер үйірмесі",
    "шешім қабылдадық",
    "киім ауыстыратын бөлме қайда",
    "шешінетін бөлме қайда?",
    "мұғалім маған есепті шештірді",
    "баланы шешіндіріп, ұйықтатып қойдым",
    "асханада тамақ береді ме?",
    "ата-анам шай ішеді",
    "анам дәрі ішеді",
    "анам ішімдік ішпейді",
    "үйде тамақ жоқ, пицца тапсырыс берейік",
    "ашпын, асхана қашан ашылады?",
    "ата-анам іссапарға кетті, үш күн келмейді",
    "ертең баламды дәрігерге апарамын",
]


def _reported(detector: CrisisDetector, text: str, category: Category, locale: str) -> None:
    found = detector.detect(text)
    assert found is not None, text
    assert (found.category, found.locale, found.about_child) == (category, locale, False), (text, found)


@pytest.mark.parametrize("text", NEGLECT_RU)
def test_russian_neglect_gets_the_childs_violence_reply(detector: CrisisDetector, text: str) -> None:
    _reported(detector, text, Category.VIOLENCE, "ru")


@pytest.mark.parametrize("text", NEGLECT_KK)
def test_kazakh_neglect_gets_the_childs_violence_reply(detector: CrisisDetector, text: str) -> None:
    _reported(detector, text, Category.VIOLENCE, "kk")


@pytest.mark.parametrize("text", UNDRESSING_RU)
def test_russian_undressing_is_sexual_abuse(detector: CrisisDetector, text: str) -> None:
    _reported(detector, text, Category.SEXUAL, "ru")


@pytest.mark.parametrize("text", UNDRESSING_KK)
def test_kazakh_undressing_is_sexual_abuse(detector: CrisisDetector, text: str) -> None:
    _reported(detector, text, Category.SEXUAL, "kk")


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_not_a_crisis(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None, (text, detector.detect(text))


def test_an_adult_reporting_neglect_gets_the_adult_reply(detector: CrisisDetector) -> None:
    for text in ("ученик приходит голодный, говорит дома не кормят", "Оқушым үйде тамақ бермейді дейді"):
        found = detector.detect(text)
        assert found is not None and found.about_child, (text, found)


@pytest.mark.parametrize(("text", "lang"), [("нас не кормят", "ru"), ("бізге тамақ бермейді", "kk")])
def test_a_neglected_child_is_told_to_call_111(detector: CrisisDetector, text: str, lang: str) -> None:
    found = detector.detect(text)
    assert found is not None
    content = Content.load()
    reply = crisis_reply(content, found.locale, reply_kind(found, content))
    assert found.locale == lang and "111" in reply and "112" in reply
