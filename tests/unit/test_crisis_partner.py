"""Who writes and what is negated: a wife or husband hurt by their partner, a touch denied, a hand raised.

1. An adult whose husband, wife or partner hurts them («муж бьёт меня», «күйеуім мені ұрады», «жолдасым маған
   қол көтереді», «сожитель избивает меня», in Latin letters or without the Kazakh ones) gets the reply for
   an adult hurt themself (adult_violence_self; with their children named, adult_violence:
   test_crisis_adult_self). The partner is the writer's when nobody else owns them: «мамин
   муж», «муж мамы», «у мамы новый муж», «папина жена», «шешемнің күйеуі», «әкемнің әйелі» are a child's
   stepfather or stepmother, and a child's messages about the parents («папа бьёт маму», «әкем шешемді ұрады»,
   «отчим», «өгей әкем») keep the reply for a child.
2. A touch denied in its clause is no sign of sexual abuse: «мачеха бьёт меня, а своих детей не трогает»,
   «никто не трогал меня», «ағам маған тиіспейді», «ол мені ұстамайды»; «трогает меня», «тиіседі», a plea
   «не трогай меня» / «маған тиіспе» and «не только бьёт, но и трогает» still are.
3. A hand raised or laid on the writer or the children in any word order («менің күйеуім балаларға да, маған
   да қол жұмсайды», «муж поднимает на меня руку», «муж распускает руки»), and being thrown out of home with
   the children («муж выгнал меня с детьми на улицу», «күйеуім мені балаларыммен қуып жіберді»), are violence;
   a hand raised in class, a cat put out or a walk with the children are not.

Paraphrases written before the rules (common.yaml about_child, ru.yaml, kk.yaml); none of them is in
tests/data/crisis_eval/.
"""

from __future__ import annotations

import re

import pytest

from bot.content import Content
from bot.crisis import Category, CrisisDetector
from bot.views.crisis import is_adult, reply_kind

pytestmark = pytest.mark.no_database

CONTENT = Content.load()

# 1. The writer's own husband, wife or partner hurts them: an adult writes.
PARTNER_KK = [
    "күйеуім мені ұрады",
    "ерім мені соғады",
    "жолдасым маған қол көтереді",
    "менің күйеуім мені ұрып жүр",
    "әйелім мені пышақпен қорқытады",
    "мені күйеуім ұрады",
    "күйеуім ішіп келіп мені ұрады",
    "бұрынғы күйеуім мені өлтіремін деп қорқытады",
    "ерім мені тепкілейді",
    "жолдасым мені ұрып-соғады",
    "енем мені ұрады",
    "әйелім маған пышақ кезеп, өлтіремін дейді",
    "күйеуімнен қорқамын, ол мені ұрады",
    "kuieuim meni urady",
    "kuyeuim meni urady",
    "küieuim meni urady",
    "erim magan qol koteredi",
    "куйеуим мени урады",
    "ерим мени согады",
    "жолдасым маган кол котереди",
    "күйеуім ішеді. Кеше мені ұрды.",
    "жұбайым мені ұрады",
]
PARTNER_RU = [
    "муж бьёт меня",
    "жена угрожает мне ножом",
    "сожитель избивает меня",
    "мой муж меня избивает",
    "меня бьёт муж",
    "бывший муж угрожает убить меня",
    "муж душит меня, когда выпьет",
    "муж опять ударил меня по лицу",
    "мой сожитель толкнул меня, я упала",
    "экс-муж избил меня вчера",
    "супруг бьёт меня уже год",
    "я боюсь мужа, он бьёт меня",
    "меня избивает сожитель, что делать",
    "живу с мужем, он меня бьёт",
    "свекровь бьёт меня",
    "муж пьёт и бьёт меня, я не знаю куда идти",
    "муж запирает меня дома и бьёт",
    "muzh b'et menya",
    "muj menya bet",
    "zhena ugrozhaet mne nozhom",
    "я его жена, а он меня бьёт",
    "Муж пьёт. Вчера он меня избил.",
    "жена избивает меня, я мужчина, стыдно сказать",
    "сожительница бьёт меня",
    "при муже свекровь бьёт меня",
]
# A child about a parent, a stepfather («мамин муж», «шешемнің күйеуі») or a stepmother («папина жена»).
FAMILY_KK = [
    "әкем шешемді ұрады",
    "шешемнің күйеуі мені ұрады",
    "анамның күйеуі мені соғады",
    "өгей әкем мені ұрады",
    "отчим мені ұрады",
    "әкем анамды ұрады, мен қорқамын",
    "анамның жаңа күйеуі мені ұрады",
    "мамамның күйеуі маған қол көтереді",
    "өгей шешем мені ұрады",
    "әкемнің әйелі мені ұрады",
    "папамның жаңа әйелі мені соғады",
    "анамның күйеуімен тұрамыз, ол мені ұрады",
    "әпкемнің күйеуі мені ұрады",
    "сыныптас жолдасым мені ұрады",
    "akem anamdy urady",
    "sheshemnin kuieui meni urady",
    "шешемнин куйеуи мени урады",
    "шешемнің күйеуі мені және балаларды ұрады",
    "мектепте жолдасым мені ұрады",
]
FAMILY_RU = [
    "папа бьёт маму",
    "мамин муж бьёт меня",
    "мамин сожитель избивает меня",
    "отчим бьёт меня",
    "муж мамы бьёт меня",
    "новый муж мамы избивает меня",
    "у мамы новый муж, он бьёт меня",
    "папина жена бьёт меня",
    "жена папы угрожает мне",
    "мачеха бьёт меня",
    "папа бьёт свою жену и меня",
    "мама с мужем бьют меня",
    "отец избивает жену, я боюсь",
    "мамин муж ударил меня ремнём",
    "мама и её муж бьют меня",
    "мне 13, мамин сожитель бьёт меня",
    "муж моей мамы бьёт меня",
    "у папы новая жена, она бьёт меня",
    "mamin muzh b'et menya",
    "мама вышла замуж, и муж бьёт меня",
    "мамин муж бьёт меня и детей",
    "я ещё ребёнок, а муж мамы бьёт меня",
    "отец бьёт меня при своей жене",
    "у него жена, а он меня бьёт",
]

# 2. A touch denied in its clause: no sexual-abuse reply (a violence reply, or none).
TOUCH_DENIED_RU = [
    "мачеха бьёт меня, а своих детей не трогает",
    "никто не трогал меня",
    "меня никто не трогает",
    "отчим меня не трогает, но кричит",
    "папа бьёт меня, а брата не трогает",
    "он меня не трогал, просто кричал",
    "меня никто не трогал, я просто испугалась",
    "ко мне никто не пристаёт",
    "отчим бьёт маму, а меня не трогает",
    "мама бьёт меня, сестру не трогает",
    "брат меня не трогает, только обзывается",
    "меня дома не трогают, но в школе бьют",
    "учитель ко мне не пристаёт, всё нормально",
    "отец меня и пальцем не трогает, только орёт",
    "меня никто не лапал, не выдумывай",
]
TOUCH_DENIED_KK = [
    "өгей шешем мені ұрады, ал өз балаларына тиіспейді",
    "ағам маған тиіспейді",
    "маған ешкім тиіскен жоқ",
    "ол мені ұстамайды",
    "әкем мені ұрады, ал қарындасыма тиіспейді",
    "ағам мені ешқашан ұстамаған",
    "ешкім маған тиіспеді",
    "мұғалім маған тиіспейді, бәрі жақсы",
    "өгей әкем маған тиіспейді, бірақ айқайлайды",
    "нағашым маған тиіспейді, тек ұрысады",
    "мені ешкім ұстаған жоқ",
    "көршім маған тиіспейді",
    "ol magan tiispeidi",
    "агам мени устамаиды",
    "әкем анамды ұрады, маған тиіспейді",
]
# The same verbs said of what is done: still sexual abuse.
TOUCH_RU = [
    "он трогает меня",
    "отчим трогает меня",
    "отчим трогает меня, а маму не трогает",
    "дядя трогает меня, когда никого нет",
    "отчим пристаёт ко мне",
    "брат трогает меня там, где нельзя",
    "не только бьёт, но и трогает меня",
    "он не перестаёт трогать меня",
    "отчим трогал меня ночью",
    "мамин муж трогает меня",
    "он не трогает маму, а меня трогает",
    "сосед лапает меня",
    "не трогай меня, говорю ему, а он всё равно трогает",
    "не трогай меня",
    "я просила не трогать меня, а он трогал",
]
TOUCH_KK = [
    "ағам маған тиіседі",
    "өгей әкем маған тиіседі",
    "маған тиіспе дедім, бірақ ол тиісе береді",
    "өгей әкем түнде маған тиісіп жүр",
    "көршім денеме тиіседі",
    "ағам ұятты жерімді ұстайды",
    "маған тиіспеші деймін, ол тыңдамайды",
    "жаттықтырушы маған тиісіп жүр",
    "ол маған тиіспейді деп ойладым, бірақ тиісіп жүр",
    "agam magan tiisedi",
    "маған тиіспе",
    "өгей әкем мені ұстайды, қорқамын",
    "нағашым түнде мені ұстайды",
    "ол тек ұрмайды, маған тиіседі де",
    "ағам денеме тиіседі, анам сенбейді",
]

# 3. A hand raised or laid on the writer or the children, thrown out with the children: violence. True: the
# writer is an adult (a partner or the writer's children named), False: a child.
HAND_KK = [
    ("менің күйеуім балаларға да, маған да қол жұмсайды", True),
    ("күйеуім маған қол жұмсайды", True),
    ("маған күйеуім қол жұмсайды", True),
    ("қол жұмсайды маған күйеуім", True),
    ("ерім балаларға қол жұмсайды", True),
    ("күйеуім маған ішіп келіп қол көтереді", True),
    ("ерім маған да балаларға да қол жұмсайды", True),
    ("әйелім маған қол жұмсайды", True),
    ("kuieuim magan qol jumsaidy", True),
    ("куйеуим балаларга да маган да кол жумсаиды", True),
    ("күйеуім балаларға қол көтереді", True),
    ("әкем маған қол жұмсайды", False),
    ("өгей әкем маған да, анама да қол жұмсайды", False),
    ("күйеуім мені балаларыммен қуып жіберді", True),
    ("күйеуім мені балаларыммен бірге үйден қуып шықты", True),
    ("күйеуім мені балалармен көшеге қуып шықты", True),
    ("ерім мені балаларыммен үйден шығарып жіберді", True),
    ("түнде күйеуім мені балаларымен бірге далаға қуып шығарды", True),
    ("ерім бізді үйден қуып жіберді, балалармен баратын жеріміз жоқ", True),
]
HAND_RU = [
    ("муж выгнал меня с детьми на улицу", True),
    ("муж выгнал меня с детьми", True),
    ("муж выставил нас с детьми за дверь", True),
    ("сожитель выгнал меня с ребёнком из квартиры", True),
    ("свекровь выгнала меня с детьми на улицу", True),
    ("муж выгнал нас с сыном среди ночи на мороз", True),
    ("меня с детьми выгнали на улицу, нам негде жить", True),
    ("бывший муж выкинул меня с детьми из дома", True),
    ("muzh vygnal menya s det'mi na ulicu", True),
    ("муж выгнал меня и детей на улицу", True),
    ("муж поднимает на меня руку", True),
    ("муж поднимает руку на меня", True),
    ("муж поднял руку на меня при детях", True),
    ("на меня муж руку поднимает", True),
    ("муж распускает руки", True),
    ("жена поднимает руку на детей", True),
    ("муж замахивается на меня", True),
    ("муж поднимает руку и на меня, и на детей", True),
    ("отец поднимает на меня руку", False),
    ("отчим выгнал меня на улицу", False),
]
# Look-alikes: a hand raised in class, a cat put out, a walk with the children, a harm denied.
QUIET_RU = [
    "поднимаю руку на уроке, а учитель меня не спрашивает",
    "поднимите руку, кто готов",
    "муж поднял руку, чтобы поймать такси",
    "выгнали с урока за телефон",
    "муж выгнал кота на улицу",
    "собаку выгнали на улицу",
    "мы с детьми вышли на улицу гулять",
    "жена не трогает мои вещи",
    "муж никогда не поднимал на меня руку",
    "как научить детей поднимать руку на уроке",
    "с детьми гуляем на улице, муж дома",
    "муж меня не бьёт, просто кричит иногда",
    "муж с детьми уехал к свекрови",
    "распустила волосы, и руки замёрзли",
    "хочу прийти с мужем на семейный час",
]
QUIET_KK = [
    "сабақта қол көтердім, мұғалім маған сөз бермеді",
    "қол көтеріңдер, кім дайын",
    "күйеуім балаларға ойыншық сатып алды",
    "мысықты көшеге қуып шықтым",
    "балалармен көшеге серуенге шықтық",
    "күйеуім маған ешқашан қол көтерген емес",
    "ақшаны үйге жұмсадық",
    "ерім балаларға уақыт жұмсайды",
    "балаларға көп күш жұмсаймын",
    "сыныпта бәрі қол көтерді",
    "күйеуім жұмыстан келіп, балалармен ойнады",
    "мұғалім мені сыныптан қуып шықты",
    "күйеуім мені ұрмайды",
    "анам мені дүкенге жұмсайды",
    "балалар қуыспақ ойнап, бірін-бірі қуып жүр",
]


def _reply(detector: CrisisDetector, text: str) -> str | None:
    finding = detector.detect(text)
    return None if finding is None else reply_kind(finding, CONTENT)


PARTNER = [pytest.param(t, "kk", id=f"kk-{n}") for n, t in enumerate(PARTNER_KK)] + [
    pytest.param(t, "ru", id=f"ru-{n}") for n, t in enumerate(PARTNER_RU)
]
FAMILY = [pytest.param(t, "kk", id=f"kk-{n}") for n, t in enumerate(FAMILY_KK)] + [
    pytest.param(t, "ru", id=f"ru-{n}") for n, t in enumerate(FAMILY_RU)
]


@pytest.mark.parametrize(("text", "lang"), PARTNER)
def test_a_partner_who_hurts_the_writer_means_an_adult_writes(
    detector: CrisisDetector, text: str, lang: str
) -> None:
    finding = detector.detect(text)
    assert finding is not None
    assert finding.category is Category.VIOLENCE, finding
    assert finding.about_child, finding
    assert finding.adult_self, finding
    assert reply_kind(finding, CONTENT) == "adult_violence_self"
    assert finding.locale == lang


@pytest.mark.parametrize(("text", "lang"), FAMILY)
def test_a_child_about_a_parent_or_stepparent_keeps_the_child_reply(
    detector: CrisisDetector, text: str, lang: str
) -> None:
    finding = detector.detect(text)
    assert finding is not None
    assert finding.category in (Category.VIOLENCE, Category.BULLYING), finding
    assert not finding.about_child, finding
    assert not is_adult(reply_kind(finding, CONTENT))
    assert finding.locale == lang


@pytest.mark.parametrize("text", TOUCH_DENIED_RU + TOUCH_DENIED_KK)
def test_a_touch_denied_is_no_sexual_abuse(detector: CrisisDetector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is None or finding.category is not Category.SEXUAL, finding


@pytest.mark.parametrize(
    "text",
    [
        "мачеха бьёт меня, а своих детей не трогает",
        "папа бьёт меня, а брата не трогает",
        "отчим бьёт маму, а меня не трогает",
        "өгей шешем мені ұрады, ал өз балаларына тиіспейді",
        "әкем мені ұрады, ал қарындасыма тиіспейді",
    ],
)
def test_the_blows_beside_a_denied_touch_get_the_child_violence_reply(
    detector: CrisisDetector, text: str
) -> None:
    assert _reply(detector, text) == "violence"


def test_a_parent_beaten_beside_a_denied_touch_gets_the_witness_reply(detector: CrisisDetector) -> None:
    # The child is not touched; the mother is beaten: situations.yaml kk.sit_parent_beaten.
    assert _reply(detector, "әкем анамды ұрады, маған тиіспейді") == "violence_witness"


@pytest.mark.parametrize("text", TOUCH_RU + TOUCH_KK)
def test_a_touch_done_is_sexual_abuse(detector: CrisisDetector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None
    assert finding.category is Category.SEXUAL, finding


@pytest.mark.parametrize(("text", "adult"), HAND_KK + HAND_RU)
def test_a_hand_raised_or_thrown_out_with_the_children_is_violence(
    detector: CrisisDetector, text: str, adult: bool
) -> None:
    finding = detector.detect(text)
    assert finding is not None
    assert finding.category is Category.VIOLENCE, finding
    assert finding.about_child is adult, finding
    kind = reply_kind(finding, CONTENT)
    assert is_adult(kind) is adult, kind
    if adult:  # the writer's children named: the reply speaks of them; else the writer's own (adult_self)
        children = re.search(r"бал|дет|ребён|ребен|сын|доч|det|ұл|қыз", text) is not None
        assert kind == ("adult_violence" if children else "adult_violence_self"), kind


@pytest.mark.parametrize("text", QUIET_RU + QUIET_KK)
def test_look_alikes_stay_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None


def test_each_set_has_fifteen_paraphrases_per_language() -> None:
    for texts in (
        PARTNER_KK,
        PARTNER_RU,
        FAMILY_KK,
        FAMILY_RU,
        TOUCH_DENIED_RU,
        TOUCH_DENIED_KK,
        TOUCH_RU,
        TOUCH_KK,
        HAND_KK,
        HAND_RU,
        QUIET_RU,
        QUIET_KK,
    ):
        assert len(texts) >= 15
