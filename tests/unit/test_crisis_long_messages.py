"""A crisis buried in a long chatty message, and long notices that name dangers.

A rule's finding is dropped when the n-gram net reads the message strongly as not a crisis
(content/crisis_rules/ngrams.json keep_rules_from): a school notice or a news article names beatings,
bullying and a hotline in the words of a crisis. The net scores words, so in a long message of school
chatter (the timetable, canteen fees, a library book, homework) the chatter pulled the whole message below
that mark and a crisis a rule had found in one sentence was thrown away. The veto now also reads the rule's
own sentence (alone, and with its neighbours; bot/crisis/detector.py CrisisDetector._notice): a notice is
notice-like throughout, a chatty message is not.

1. A crisis sentence (violence at home, self-harm, bullying, sexual abuse, an eating disorder) in the middle
   or at the end of school questions, in Russian and Kazakh, in Cyrillic and in Latin letters: caught, of
   its kind, in the message's language.
2. Long notices and articles (a bullying week, a hotline in the news, statistics of violence), in both
   languages and both scripts: quiet, and the veto is what keeps them quiet (a rule fires in each).

Written for this test; none of them is in tests/data/crisis_eval/.
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector
from bot.crisis.frames import NoticeFrame

pytestmark = pytest.mark.no_database

# School chatter: seven sentences per language and script; a crisis goes after the third or at the end.
CHATTER = {
    "ru": [
        "Привет, скинь, пожалуйста, расписание на завтра, я в чат не заходила.",
        "Сколько сдавать на обеды в столовой за март?",
        "Книгу из библиотеки по литературе надо вернуть до пятницы?",
        "И какой кабинет у нас на физике?",
        "Кто-нибудь сделал домашку по алгебре, номер 245?",
        "Кстати, во сколько завтра начинается физкультура?",
        "Спасибо, до завтра!",
    ],
    "ru_latin": [
        "privet, skin pozhaluysta raspisanie na zavtra, ya v chat ne zahodila.",
        "skolko nado sdat na obedy v stolovoy za mart?",
        "knigu iz biblioteki po literature nado vernut do pyatnicy?",
        "i kakoy kabinet u nas na fizike?",
        "kto sdelal domashku po algebre, nomer 245?",
        "kstati vo skolko zavtra nachinaetsya fizkultura?",
        "spasibo, do zavtra!",
    ],
    "kk": [
        "Сәлем, ертеңгі сабақ кестесін жіберші, мен чатқа кірмедім.",
        "Асханаға наурыз айына қанша ақша төлейміз?",
        "Кітапханадан алған кітапты жұмаға дейін қайтару керек пе?",
        "Физикадан қай кабинетте боламыз?",
        "Алгебрадан үй тапсырмасын кім орындады, 245-есеп?",
        "Айтпақшы, ертең дене шынықтыру сабағы нешеде басталады?",
        "Рахмет, ертең көріскенше!",
    ],
    "kk_latin": [
        "salem, ertengi sabak kestesin jibershi, men chatka kirmedim.",
        "ashanaga nauryz aiyna kansha aksha toleymiz?",
        "kitaphanadan algan kitapty jumaga deyin kaytaru kerek pe?",
        "fizikadan kay kabinette bolamyz?",
        "algebradan uy tapsyrmasyn kim oryndady, 245-esep?",
        "aitpakshy, erten dene shynyqtyru sabagy neshede bastalady?",
        "rahmet, erten koriskenshe!",
    ],
}

# (script, the crisis sentence, its kind)
CRISIS = [
    ("ru", "Отчим опять избил меня ремнём, вся спина в синяках.", "violence"),
    ("ru", "В классе меня каждый день травят, обзывают и толкают.", "bullying"),
    ("ru", "Мне очень плохо, каждый день плачу и никому не нужна.", "distress"),
    ("ru", "Сосед трогает меня за грудь и говорит никому не рассказывать.", "sexual"),
    ("ru_latin", "otchim opyat izbil menya remnem, vsya spina v sinyakah.", "violence"),
    ("ru_latin", "ya opyat rezhu sebe ruki lezviem i ne mogu ostanovitsya.", "selfharm"),
    ("ru_latin", "v klasse menya kazhdyy den travyat, obzyvayut i tolkayut.", "bullying"),
    ("ru_latin", "sosed trogaet menya za grud i govorit nikomu ne rasskazyvat.", "sexual"),
    ("kk", "Өгей әкем мені белдікпен ұрады, арқам көгеріп кетті.", "violence"),
    ("kk", "Мен түнде қолымды пышақпен кесемін, ешкім білмейді.", "selfharm"),
    ("kk", "Сыныптағы балалар мені күнде мазақтайды, итеріп, ұрады.", "bullying"),
    ("kk_latin", "ogey akem meni beldikpen urady, arkam kogerip ketti.", "violence"),
    ("kk_latin", "men tunde kolymdy pyshakpen kesemin, eshkim bilmeydi.", "selfharm"),
    ("kk_latin", "synyptagy balalar meni kunde mazaktaidy, iterip, urady.", "bullying"),
    ("kk_latin", "korshim meni ustap, eshkimge aitpa deydi.", "sexual"),
]


def _buried(script: str, sentence: str, where: str) -> str:
    chatter = CHATTER[script]
    parts = [*chatter[:3], sentence, *chatter[3:]] if where == "middle" else [*chatter, sentence]
    return " ".join(parts)


BURIED = [
    pytest.param(_buried(script, sentence, where), kind, script[:2], id=f"{script}-{kind}-{where}-{n}")
    for n, (script, sentence, kind) in enumerate(CRISIS)
    for where in ("middle", "end")
]

# Hand-written letters, other chatter, other kinds.
LETTERS = [
    # A guard (caught before too): a parent's letter, the crisis among thanks and a question.
    pytest.param(
        "Здравствуйте, я мама ученицы 8 класса. Спасибо за концерт к 8 марта, было очень приятно. "
        "У меня вопрос. Дочь за три месяца похудела на 10 килограммов, ест одна в своей комнате, после еды "
        "сразу идёт в ванную, считает калории в телефоне. Классный руководитель тоже заметила, что она "
        "побледнела. К кому нам обратиться сначала, к психологу или к врачу?",
        "distress",
        "ru",
        id="ru-eating-disorder-letter",
    ),
    pytest.param(
        "privet, skin pozhaluysta domashku po himii, ya bolela. i u kogo est konspekt po istorii pro "
        "Abylai hana. slushay, ya opyat rezhu sebe nogi, vchera krov dolgo ne "
        "ostanavlivalas, ne znayu kak perestat. kstati v subbotu idem na katok ili net? i kakogo tsveta "
        "forma na linejku",
        "selfharm",
        "ru",
        id="ru-latin-selfharm-among-questions",
    ),
    pytest.param(
        "Сәлем, апай! Ертеңгі олимпиадаға қай кабинетке бару керек? Кітапханадан ағылшын тілі кітабын "
        "алдым, қашан қайтарамын? Өгей әкем мені белдікпен ұрады, арқам көгеріп кетті, үйге барудан "
        "қорқамын. Асханада түскі ас қанша тұрады? Үй тапсырмасын қайдан көруге болады?",
        "violence",
        "kk",
        id="kk-violence-among-questions",
    ),
]

NOTICES = [
    "Уважаемые родители! С 10 по 14 марта в школе проходит неделя против буллинга. На классных часах детям "
    "расскажут, что делать, если их травят, обзывают, бьют или унижают в сети. Психолог школы принимает по "
    "вторникам и четвергам. Телефон доверия 111 работает круглосуточно.",
    "Uvazhaemye roditeli! S 10 po 14 marta v shkole prohodit nedelya protiv bullinga. Na klassnyh chasah "
    "detyam rasskazhut, chto delat, esli ih travyat, obzyvayut, b'yut ili unizhayut v seti. Psiholog shkoly "
    "prinimaet po vtornikam. Telefon doveriya 111 rabotaet kruglosutochno.",
    "Новости. В Казахстане работает бесплатная круглосуточная линия 111 для детей и подростков. За год на "
    "линию поступило более десяти тысяч обращений: дети жаловались на травлю, побои дома и одиночество. "
    "Специалисты советуют родителям внимательно слушать детей. Звонок анонимный и бесплатный.",
    "Статистика насилия в семье. По данным министерства, в прошлом году зарегистрировано больше обращений о "
    "побоях в семье. Эксперты говорят, что синяки и побои дети часто скрывают от учителей. В школах проводят "
    "профилактические беседы. Телефон доверия 111 работает круглосуточно.",
    "Statistika nasiliya v seme. Po dannym ministerstva, v proshlom godu zaregistrirovano bolshe "
    "obrashcheniy o poboyah v seme. Eksperty govoryat, chto sinyaki i poboi deti chasto skryvayut "
    "ot uchiteley. V shkolah provodyat profilakticheskie besedy. Telefon doveriya 111 rabotaet "
    "kruglosutochno.",
    "Құрметті ата-аналар! Наурыздың 10-нан 14-іне дейін мектепте буллингке қарсы апталық өтеді. Сынып "
    "сағаттарында балаларға мазақтаса, ұрса немесе интернетте қорласа не істеу керектігі айтылады. Мектеп "
    "психологы сейсенбі мен бейсенбі күндері қабылдайды. 111 сенім телефоны тәулік бойы жұмыс істейді.",
    "Qurmetti ata-analar! Nauryzdyn 10-nan 14-ine deyin mektepte bullingke karsy aptalyk otedi. Synyp "
    "sagattarynda balalarga mazaktasa, ursa nemese internette korlasa ne isteu kerektigi aitylady. Mektep "
    "psihology seysenbi kunderi kabyldaidy. 111 senim telefony tauylik boyi jumys isteydi.",
    "Жаңалықтар. Қазақстанда балалар мен жасөспірімдерге арналған 111 тегін желісі тәулік бойы жұмыс "
    "істейді. Бір жылда желіге он мыңнан астам өтініш түскен: балалар мазақтау, үйде ұрып-соғу және "
    "жалғыздық туралы айтқан. Мамандар ата-аналарға балаларын мұқият тыңдауға кеңес береді.",
    "Балаларға қатысты зорлық-зомбылық статистикасы. Министрлік деректері бойынша өткен жылы балаларды үйде "
    "ұрған жағдайлар көбейген. Сарапшылар көгерген жерлер мен соққылар жиі жасырылатынын айтады. Мектептерде "
    "алдын алу әңгімелері өткізіледі.",
]


@pytest.mark.parametrize(("text", "kind", "locale"), BURIED + LETTERS)
def test_a_crisis_buried_in_school_chatter_is_caught(
    detector: CrisisDetector, text: str, kind: str, locale: str
):
    finding = detector.detect(text)
    assert finding is not None, text
    assert (finding.category.value, finding.locale) == (kind, locale), finding.rule


@pytest.mark.parametrize("text", NOTICES)
def test_a_notice_that_names_dangers_stays_quiet(
    detector: CrisisDetector, monkeypatch: pytest.MonkeyPatch, text: str
):
    assert detector.detect(text) is None
    # The vetoes keep it quiet (the net's, and a notice's frame words with nobody's own case, frames.py):
    # a rule fires in each notice.
    monkeypatch.setattr(CrisisDetector, "_notice", lambda *_: False)
    monkeypatch.setattr(NoticeFrame, "quiets", lambda *_: False)
    assert detector.detect(text) is not None
