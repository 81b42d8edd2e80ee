"""Crisis rules, round 5: what round 4 left (tests/unit/test_crisis_round4.py), in the fixer's own words.

1. Older pupils who extort money at school and beat when it is not paid, or classmates who push a child while
   a teacher watches and does nothing, are school bullying (the bullying reply: evidence, the psychologist,
   111, 102 if beaten), not violence: an older pupil is a peer (common.yaml peer_harm), a watching teacher no
   aggressor (CrisisDetector._adult_named).
2. Kazakh (and Russian) violence with no sexual word is violence: a husband who takes the phone, locks in and
   beats; a stepfather who breaks things and drags the mother by the hair; shame or a secret to tell said
   beside the blows.
3. An age in words is an age («мне тринадцать», «он үш жастамын», «маған он төрт жас»): writer.stated_age.
4. An adult's occupation or role said of oneself («я учительница», «мен мұғаліммін», «я мама двоих детей»)
   makes an adult writer, and their own wish to die is theirs (adult_self), the children named beside it in
   an oblique case no subject («балаларыма ауыртпалық болғым келмейді»).
5. A break-up («меня бросила девушка») is distress, not violence.

MISSING marks known gaps (strict xfail: fixing one fails the test, so the mark is removed with the fix).
"""

from __future__ import annotations

import pytest

from bot.crisis.writer import stated_age
from tests.support.crisis_eval import category_test, reply_test

pytestmark = pytest.mark.no_database

MISSING = pytest.mark.xfail(strict=True, reason="round 5: not caught yet")


BULLYING_RU = [
    "старшеклассники трясут с меня деньги, а если не плачу, бьют",
    "в школе старшеклассник требует у меня деньги каждый день и бьёт, если не принесу",
    "ребята из 11 класса забирают мои деньги на обед и избивают, если денег нет",
    "старшеклассницы отбирают у меня карманные деньги и пинают",
    "отбирают деньги старшеклассники и бьют меня, когда денег нет",
    "бьют меня старшеклассники за школой и требуют деньги",
    "на перемене меня толкают, а учительница смотрит и молчит",
    "одноклассник бьёт меня прямо на уроке, учитель видит и ничего не делает",
    "меня пинают в коридоре, а учитель стоит и смотрит",
    "меня толкнули с лестницы в школе, а учительница отвернулась",
    "starsheklassniki zabirayut dengi i byut esli ne prinesu",
    "na peremene menya tolkayut, a uchitel smotrit i molchit",
]
BULLYING_KK = [
    "жоғары сынып оқушылары ақшамды тартып алады, бермесем ұрады",
    "жогары сынып окушылары акшамды тартып алады, бермесем урады",
    "zhogary synyp oqushylary aqshamdy alyp qoiady, bermesem urady",
    "ақшамды жоғары сынып балалары алып қояды, бермесем ұрады",
    "мектепте жоғары сыныптағылар ақшамды алып, бермесем тепкілейді",
    "11 сыныптың ұлдары ақшамды тартып алады, бермесем соғады",
    "үзілісте мені итереді, мұғалім көріп тұрып үндемейді",
    "сыныптастарым мені ұрады, апай көреді бірақ ештеңе демейді",
    "дәлізде мені тепкілейді, мұғалім қарап тұрады",
    "асханада балалар мені итеріп құлатады, мұғалім үндемейді",
    "uzilisde meni iteredi, mugalim korip turyp undemeidi",
    "узилисте мени итереди, мугалим корип турып, ундемейди",
]


test_older_pupils_and_watching_teacher_are_bullying = category_test(
    BULLYING_RU + BULLYING_KK, "bullying", reply_prefix="bullying"
)
test_adult_who_hurts_keeps_violence = category_test(
    [
        "учитель бьёт меня линейкой, а все смотрят",
        "старший брат бьёт меня каждый день",
        "старшие пацаны из соседнего двора отбирают деньги и бьют",
        "отчим бьёт меня, учительница видела синяки",
        "мұғалім мені ұрады, бәрі қарап тұрады",
        "ағам мені күнде ұрады",
    ],
    "violence",
)


VIOLENCE_KK = [
    "күйеуім телефонымды алып қойып, үйден шығармайды, ұрады",
    "куйеуим телефонымды алып коиып, уиден шыгармаиды, урады",
    "kuieuim telefonymdy alyp qoiyp, uiden shygarmaidy, urady",
    "ерім телефонымды тартып алып, мені бөлмеге қамап ұрады",
    "өгей әкем бәрін сындырып, анамды шашынан сүйрейді",
    "огей акем бари заттарды сындырып, анамды шашынан суйрейди",
    "ogei akem zattardy syndyryp, anamdy shashynan suireidi",
    "өгей әкем ыдысты сындырып, шешемді шашынан тартып сүйрейді",
    "ұялып айта алмаймын, әкем мені күнде ұрады",
    "анама айтпа деді, ағам мені ұрып тастады",
    "ұялғаннан ешкімге айта алмаймын, өгей әкем мені белбеумен ұрады",
    "мамама айтпа деді де, өгей әкем мені соқты",
]
VIOLENCE_RU = [
    "муж отбирает телефон, запирает меня в комнате и бьёт",
    "муж забрал мой телефон, не выпускает из дома и избивает",
    "отчим всё крушит дома и таскает маму за волосы",
    "отчим ломает мебель и тащит маму за волосы",
    "стыдно рассказать, но отчим бьёт меня каждый день",
    "мне стыдно кому-то сказать, папа бьёт меня ремнём",
    "брат сказал никому не говорить, что он меня бьёт",
    "отчим запретил рассказывать маме, что он меня бьёт",
    "muzh otbiraet telefon, zapiraet i bet",
    "otchim lomaet veshi i taskaet mamu za volosy",
]


test_violence_with_no_sexual_word_is_violence = category_test(VIOLENCE_KK + VIOLENCE_RU, "violence")
test_secret_beside_blows_and_the_teacher_told = reply_test(
    [
        # A secret or shame in one sentence, the blows in another: violence (common.yaml weak_sexual).
        # A child who sees a parent beaten gets the witness's reply (situations.yaml sit_parent_beaten).
        ("мне 14. отчим пьёт и бьёт маму. мама сказала никому не говорить", "violence_witness"),
        ("папа бьёт меня ремнём. просил никому не рассказывать", "violence"),
        ("14 жастамын. өгей әкем анамды ұрады. анам ешкімге айтпа дейді", "violence_witness"),
        ("ағам мені ұрады. ешкімге айтпа деді, ұялып айта алмаймын", "violence"),
        ("Мен 30 жастамын. Күйеуім мені ұрады. Ата-анама айтуға ұяламын", "adult_violence_self"),
        (
            "Маған 32 жас. Күйеуім телефонымды тартып алады, ұрады. Анама айтуға ұяламын",
            "adult_violence_self",
        ),
        # A sexual word anywhere keeps it sexual.
        ("дядя трогает меня. сказал никому не говорить", "sexual"),
        ("мамин друг трогает меня, когда мамы нет. сказал никому не говорить, а то побьёт", "sexual"),
        # The teacher one would tell is no aggressor.
        ("в классе забирают мой телефон и говорят, если пожалуюсь учительнице, будет хуже", "bullying"),
        ("если расскажу учителю, что он меня бьёт, будет только хуже", "violence"),
    ]
)


AGES_RU = [
    ("мне тринадцать, отчим бьёт меня", 13),
    ("мне пятнадцать лет, парень угрожает", 15),
    ("мне уже шестнадцать, я устала", 16),
    ("Мне четырнадцать. Меня травят", 14),
    ("мне двенадцать лет и я хочу умереть", 12),
    ("мне семнадцать, муж бьёт меня", 17),
    ("мне тридцать пять, не хочу жить", 35),
    ("мне сорок лет, муж бьёт", 40),
    ("мне двадцать два, всё надоело", 22),
    ("mne trinadtsat, menya b'yut", 13),
    ("mne pyatnadtsat let", 15),
]
AGES_KK = [
    ("он үш жастамын, әкем ұрады", 13),
    ("маған он төрт жас, өлгім келеді", 14),
    ("мен он бес жастамын", 15),
    ("маған он алты жаста", 16),
    ("он жеті жастамын, күйеуім ұрады", 17),
    ("маган он уш жас", 13),
    ("он торт жастамын", 14),
    ("отыз бес жастамын, өмір сүргім келмейді", 35),
    ("маған қырық жас, күйеуім ұрады", 40),
    ("on ush jastamyn", 13),
    ("magan on tort zhas", 14),
]


@pytest.mark.parametrize(("text", "age"), AGES_RU + AGES_KK)
def test_age_in_words(text: str, age: int) -> None:
    assert stated_age(text) == age


@pytest.mark.parametrize(
    "text",
    [
        "мне он сказал, что убьёт",
        "мне он и говорит: уходи",
        "мне два дня не отвечают",
        "мне пять минут идти до школы",
        "маған он күн бойы жазбады",
        "he is five",
    ],
)
def test_no_age_in_other_numbers(text: str) -> None:
    assert stated_age(text) is None


test_age_in_words_decides_the_reply = reply_test(
    [
        ("мне пятнадцать, муж бьёт меня", "violence"),
        ("мне шестнадцать лет, муж бьёт меня", "violence"),
        ("маған он жеті жас, күйеуім мені ұрады", "violence"),
        ("он алты жастамын, күйеуім мені ұрады", "violence"),
        ("мне тридцать пять, не хочу жить", "adult_self"),
        ("отыз бес жастамын, өмір сүргім келмейді", "adult_self"),
        ("маған қырық жас, өлгім келеді", "adult_self"),
        ("мне сорок, муж меня бьёт, не хочу жить", "adult_self"),
    ]
)


ROLE_RU = [
    "я учительница, выгорела, не хочу жить",
    "я учитель, так устал, что больше не хочу жить",
    "я мама двоих детей и больше не вывожу, думаю уйти из жизни",
    "я мать троих детей, хочу покончить с собой",
    "я воспитательница в садике, сил нет, хочу умереть",
    "я работаю учителем и не хочу больше жить",
    "я папа, жена ушла, хочу умереть",
    "Я педагог. Выгорела полностью, думаю о самоубийстве",
    "я многодетная мама, больше не могу, хочу исчезнуть навсегда",
    "ya uchitelnica, ne hochu zhit",
]
ROLE_KK = [
    "мен мұғаліммін, шаршадым, өмір сүргім келмейді",
    "мұғаліммін, күйіп біттім, өлгім келеді",
    "мугалиммин, шаршадым, омир сургим келмейди",
    "mugalimmin, sharshadym, olgim keledi",
    "мен ұстазбын, бәрінен шаршадым, өмір сүргім келмейді",
    "мен тәрбиешімін, өлгім келеді",
    "35 жастамын, балаларыма ауыртпалық болғым келмейді, өмірден кеткім келеді",
    "40 жастамын, балаларыма жүк болғым келмейді, өлгім келеді",
    "отыз бес жастамын, балаларыма ауыртпалық болғым келмейді, өлгім келеді",
    "мен үш баланың анасымын, өмірден кеткім келеді",
]


test_adult_role_own_crisis = reply_test([(text, "adult_self") for text in ROLE_RU + ROLE_KK])
test_role_does_not_take_a_child_reply = reply_test(
    [
        # An adult about a child keeps the reply about a child.
        ("я учительница, ученица сказала, что не хочет жить", "adult"),
        ("я мама, сын говорит, что хочет умереть", "adult"),
        ("Я учитель. Мальчик из моего класса пришёл в синяках, говорит отчим бьёт", "adult_violence"),
        ("мен мұғаліммін, оқушым өлгім келеді деді", "adult"),
        # A child who names a parent or a teacher stays a child.
        ("я маме сказала, что не хочу жить", "suicide"),
        ("я и мама боимся отчима, он бьёт нас", "violence"),
        ("анам мен мұғалім ұрсады, өлгім келеді", "suicide"),
    ]
)


BREAKUP_RU = [
    "меня бросила девушка, не могу ни есть ни спать",
    "девушка меня бросила, мне очень плохо",
    "меня кинула девушка, весь день реву",
    "моя девушка бросила меня ради другого",
    "бросила меня девушка, внутри пусто",
    "меня бросил парень, плачу каждую ночь",
    "девушка ушла от меня к другому, очень больно",
    "вчера меня бросила девушка, с которой мы были два года",
    "menya brosila devushka, ochen ploho",
    "devushka menya brosila",
]
BREAKUP_KK = [
    "жігітім мені тастап кетті, жылай берем",
    "сүйген қызым мені тастап кетті, жаным ауырады",
    "сүйген қызым басқа жігітке кетіп қалды",
    "мені жігітім тастап кетті, ұйықтай алмаймын",
    "сүйіктім мені тастап кетті, ештеңе жегім келмейді",
    "jigitim meni tastap ketti, qatty auyrady",
    "жигитим мени тастап кетти, жылаимын",
    "құрбым мені тастап кетті, жалғыз қалдым",
    "сүйген жігітім басқа қызға кетіп қалды, қатты ауырады",
    "suigen qyzym meni tastap ketti",
]


test_breakup_is_distress = category_test(BREAKUP_RU + BREAKUP_KK, "distress")
