"""Is a text Kazakh or Russian? A guess from evidence, for what staff write twice (bot/flows/bilingual.py).

A Kazakh letter (ә ғ қ ң ө ұ ү һ і) alone decides nothing: Russian notices carry «Отбасы сағаты», school and
place names («№ 5 мектеп-гимназиясы», «Қарағанды») and people's names (Әсем, Ғалия), and Kazakh typed on a
Russian keyboard has no Kazakh letter at all («Ертен сабак жок»). So each word is weighed:

- a frequent word of either language (and, for Kazakh, the forms of frequent stems), counted 2;
- a grammatical ending typical of one language (kk -лары, -ның, -мыз; ru -ость, -ение, -ого, -ться), 1;
- a Kazakh letter, 1; a letter native Kazakh words lack (ё ь ъ щ э ц ф ч в), 0.5;
- a number's ending: kk «18:00-де», «5-сынып»; ru «5-го», «10-х», 1.

Names carry no evidence: a capitalised word inside a sentence and whatever stands in quotes («…», "…") are
left out, unless they are one of the frequent words (a polite «Вас», «Сіз»). A language is the guess when it
has at least MIN_SCORE and RATIO times the other's score; otherwise the guess is None, and a caller that
warns on a guess stays quiet.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from bot.kazakh_suffixes import SUFFIXES, is_suffix_chain


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MIN_SCORE = 2.5
RATIO = 2.0

KAZAKH_LETTERS = frozenset("әғқңөұүһі")
# Letters a native Kazakh word lacks; Russian loans in a Kazakh text mostly carry a Kazakh ending as well.
RUSSIAN_LETTERS = frozenset("ёъьщэцфчв")
# How Kazakh is typed on a Russian keyboard (and і as the Latin i).
_PLAIN = str.maketrans("әғқңөұүһі", "агкноуухи")

_TAG = re.compile(r"<[^>]*>")
_QUOTED = re.compile(r"«[^«»]*»|\"[^\"]*\"|“[^“”]*”|„[^„“”]*[“”]")
# A word (letters, inner hyphens and apostrophes), or a number with a suffix after a hyphen: «18:00-де».
_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)*-(?P<suffix>[^\W\d_]+)|(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*)")
_SENTENCE_END = re.compile(r"[.!?:;\n•—–]")
_LATIN_I_IN_CYRILLIC = re.compile(r"(?<=[а-яёәғқңөұүһі])[iI]|[iI](?=[а-яёәғқңөұүһі])", re.IGNORECASE)

# Frequent Kazakh words, written properly; their keyboard forms (қ->к, і->и) are added below.
KK_WORDS = words(
    """
    және мен менен бен пен үшін бар жоқ емес де деп ғой ғана тек әлі енді қазір сондай осындай қандай қалай
    қашан қайда неге неліктен кімге ма ме ба бе па пе иә ал бірақ немесе яғни сондықтан себебі өйткені егер
    туралы бойынша арқылы дейін кейін бастап шейін сайын бірге қарсы арналған байланысты қатысты сияқты
    секілді ретінде барлық бәрі әр әрбір көп өте ең тағы сен ол біз сіз олар сіздер маған саған оған бізге
    сізге оларға мені сені оны бізді сізді оларды менің сенің оның біздің сіздің олардың осы бұл сол мына
    өз өзі өзіңіз өзіміз болады болып болды болатын болса болсын болмайды бола өтеді өтетін өтті өткізіледі
    өткізеді өткізу келеді келіңіз келу келуге қатысу қатысуға қатысыңыз қатысады шақырамыз шақырады
    өтінеміз сұраймыз хабарлаймыз ескертеміз ұсынамыз керек қажет тиіс мүмкін құрметті бүгін ертең кеше
    сағат күні жылы жылғы бір екі үш төрт алты жеті сегіз тоғыз жиырма отыз қырық елу жүз мың бірінші
    екінші үшінші жаңа үлкен жақсы маңызды міндетті түрде рахмет сәлеметсіз қайырлы назар аударыңыз
    """
)
# Stems whose inflected forms are Kazakh (stem + a chain of Kazakh suffixes, bot/kazakh_suffixes.py).
KK_STEMS = words(
    """
    ата-ана бала оқушы мұғалім жиналыс кездесу тақырып сабақ сынып мектеп уақыт апта айы қала аудан облыс
    мекенжай ақпарат хабарландыру хабарлама ескерту тіл қазақ орыс қаңтар ақпан сәуір мамыр маусым шілде тамыз
    қыркүйек қазан қараша желтоқсан отбасы сағат
    """
)
# Stems that stand alone in a Russian text too (the glossary's «Отбасы сағаты», «мектеп-гимназиясы»):
# only an inflected form counts.
KK_STEMS_NOT_ALONE = frozenset({"мектеп", "отбасы", "сағат", "тіл"})
# The programme's name, the same in both languages («Отбасы сағаты» stays Kazakh in a Russian text).
_PROGRAMME = re.compile(r"\b[Оо]тбасы\s+са[ғг]аты\b")
# Each stem, and whether it needs a suffix. A final қ, к, п voices before a vowel suffix (сабақ -> сабағы,
# мектеп -> мектебі): the voiced stem always has one.
_VOICING = {"қ": "ғ", "к": "г", "п": "б"}
_ALONE, _TAIL, _VOICED = "alone", "tail", "voiced"
_STEMS = {s[:-1] + _VOICING[s[-1]]: _VOICED for s in KK_STEMS if s[-1] in _VOICING} | {
    s: _TAIL if s in KK_STEMS_NOT_ALONE else _ALONE for s in KK_STEMS
}

RU_WORDS = words(
    """
    и в во на что чтобы с со по для это этот эта эти этом этой вы вас вам вами ваш ваша ваше ваши вашего вашей
    вашему вашим ваших будет будут будем состоится состоятся пройдет пройдут проводится проходит к ко у о об
    обо до из за при или но а также как так же ли бы уже все всех всем вся весь всего мы нас нам наш наша наше
    наши нашей нашего наших она они их его ее ему ей который которая которое которые которых можно нужно
    необходимо если когда где есть был была были быть будьте очень только после перед через около между без
    под над про тоже еще уважаемые уважаемый родители родителей родителям родительское родительский собрание
    собрания приглашаем приглашаются просим сообщаем напоминаем внимание дети детей детям ребенок ребенка
    ребенку ребенком ученик ученики учеников учащихся учащиеся школа школы школе школу класс класса классов
    классы классе урок уроки уроков встреча встречи встречу тема теме время место день дня дней неделя недели
    год года году часов час часа минут завтра сегодня вчера утром вечером здание адрес адресу спасибо
    пожалуйста здравствуйте добрый доброе новый новая новые первый первая второй том тем чем кто себя своих
    свой свою своего своей нет месяц января февраля марта апреля мая июня июля августа сентября октября ноября
    декабря понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье приходите
    ждем просьба обязательно
    """
)

# Grammatical endings: Kazakh ones written with a Kazakh letter (matched on the word as typed) and ones
# that survive typing on a Russian keyboard (matched on the plain form); Russian ones on the word itself.
_KK_ENDING = re.compile(
    r"(ның|нің|дың|дің|тың|тің|ға|қа|ғы|қы|ңыз|ңіз|міз|іміз|лық|лік|дық|дік|тық|тік|дағы|дегі|тағы|тегі|ған|қан|"
    r"еді|йді|ді|ті|сін|ңдар|ңдер|ғыз|гіз|лығы|лігі|дігі|дығы|тігі|тығы)$"
)
_KK_PLAIN_ENDING = re.compile(
    r"((лар|лер|дар|дер|тар|тер)(ы|и|га|ге|да|де|ден|дын|дин|ды|ди|ымыз|имиз|ыныз|иниз|ын|ин|дагы|деги|ына|ине)?"
    r"|ымыз|имиз|мыз|ыныз|иниз|ныз|низ|сыз|сиз|йды|йди|атын|етин|йтын|йтин|дагы|деги|тагы|теги|ында|инде|"
    r"ынан|инен|ына|ысы|ден|нен|тен|ген|кен|пен|бен|нын|дын|тын|нин|сын|син|мын|пын|бын|ылды|илди|ланды|ленди|"
    r"еуге|ауга|лык|дык|тык|лыгы|дыгы|тыгы|лиги|диги|тиги|мады|меди|бады|беди|пады|педи)$"
)
# Russian words that end like Kazakh ones.
_NOT_KK = words("мастер компьютер лидер характер принтер дилер доллар гектар нектар керосин бензин рентген")
_RU_ENDING = re.compile(
    r"(ость|ости|остью|ение|ения|ению|ением|ении|ание|ания|анию|анием|ании|ого|его|ому|ему|ыми|ими|ться|тся|ся|"
    r"ция|ции|цию|цией|ство|ства|ству|ством|ая|яя|ое|ее|ые|ие|ый|ий|ой|ую|юю|ами|ями|ах|ях|ов|ев|ает|яет|ует|"
    r"ют|айте|йте|ите|аем|яем|уем|ник|ника|ники|ников|ница|ницы|ницу|ь)$"
)
# A number's ending: «18:00-де», «5-сынып», «2027-ж.» in Kazakh; «5-го», «10-х», «1-е» in Russian.
_KK_NUMBER_ENDINGS = words(
    "да де та те ға ге қа ке ші шы нші ншы інші ыншы ден дан тен тан нен нан сынып ж жылы ы і сы сі ның нің "
    "дың дің тың тің"
)
_RU_NUMBER_ENDINGS = words("го й х я е ое ая ые ый ий ом ем м ми ти му ому ему")


def plain(word: str) -> str:
    """A Kazakh word as typed on a Russian keyboard: сағаты -> сагаты, үшін -> ушин."""
    return word.translate(_PLAIN)


_PLAIN_SUFFIXES = frozenset(plain(s) for s in SUFFIXES)
# A plain form that is also a frequent Russian word, or too short to tell, says nothing.
_KK_PLAIN_WORDS = frozenset(plain(w) for w in KK_WORDS) - RU_WORDS - {"торт", "бес", "ал", "ол", "ез", "из"}
_PLAIN_STEMS = {plain(s): kind for s, kind in _STEMS.items()}
_FREQUENT = KK_WORDS | RU_WORDS


@lru_cache(maxsize=4096)
def _plain_suffix_chain(tail: str) -> bool:
    if not tail:
        return True
    return any(
        tail[:n] in _PLAIN_SUFFIXES and _plain_suffix_chain(tail[n:]) for n in range(1, min(len(tail), 6) + 1)
    )


def _kazakh_form(word: str) -> bool:
    """A form of a frequent Kazakh stem: балаларға, мектепте, сабағы, ата-аналардың, (plain) жиналыска."""
    flat = plain(word)
    for cut in range(3, len(word) + 1):
        kind, tail = _STEMS.get(word[:cut]), word[cut:]
        if kind is not None and (tail or kind is _ALONE) and is_suffix_chain(tail):
            return True
        kind, tail = _PLAIN_STEMS.get(flat[:cut]), flat[cut:]
        # A plain tail of one letter is as likely a Russian word's own ending (казаки, балы); after a
        # voiced stem (мектеби, сабагы) it is not.
        usable = len(tail) > 1 or (tail and kind is _VOICED) or (not tail and kind is _ALONE)
        if kind is not None and usable and _plain_suffix_chain(tail):
            return True
    return False


@lru_cache(maxsize=8192)
def word_evidence(word: str) -> tuple[float, float]:
    """(Kazakh, Russian) evidence of one word, lower-case."""
    had_yo = "ё" in word
    word = word.replace("ё", "е")
    flat = plain(word)
    if word in KK_WORDS or flat in _KK_PLAIN_WORDS:
        return 2.0, 0.0
    if word in RU_WORDS:
        return 0.0, 2.0
    if _kazakh_form(word):
        return 2.0, 0.0
    last = word.rsplit("-", 1)[-1]
    flat_last = plain(last)
    kk = 1.0 if KAZAKH_LETTERS & set(word) else 0.0
    # A plain ending needs a longer word: a short Russian one ends so too (один, стык).
    proper_ending = len(last) >= 4 and _KK_ENDING.search(last)
    if (proper_ending or (len(last) >= 5 and _KK_PLAIN_ENDING.search(flat_last))) and last not in _NOT_KK:
        kk += 1.0
    ru = 0.0
    if not kk and len(last) >= 4 and _RU_ENDING.search(last):
        ru += 1.0
    if not kk and (had_yo or RUSSIAN_LETTERS & set(word)):
        ru += 0.5
    return kk, ru


@dataclass(frozen=True)
class Evidence:
    kk: float
    ru: float
    words: int  # words weighed (names and quotes left out)

    @property
    def language(self) -> str | None:
        """ "kk" or "ru" when the evidence is clear, else None."""
        for lang, mine, other in (("kk", self.kk, self.ru), ("ru", self.ru, self.kk)):
            if mine >= MIN_SCORE and mine >= RATIO * other:
                return lang
        return None


def readable(text: str) -> str:
    """The text a reader sees: Telegram HTML tags removed, entities decoded."""
    return html.unescape(_TAG.sub("", text))


def has_letters(text: str) -> bool:
    """Whether a text (Telegram HTML or plain) has a letter at all: «15.01.2027 17:00» has none."""
    return any(ch.isalpha() for ch in readable(text))


def evidence(text: str) -> Evidence:
    text = _PROGRAMME.sub(" ", _LATIN_I_IN_CYRILLIC.sub("і", readable(text)))
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    kk = ru = 0.0
    words = 0
    previous_end = 0
    first = True
    for match in _TOKEN.finditer(text):
        start = match.start()
        sentence_start = first or bool(_SENTENCE_END.search(text, previous_end, start))
        previous_end, first = match.end(), False
        if match["suffix"] is not None:
            suffix = match["suffix"].lower()
            kk += suffix in _KK_NUMBER_ENDINGS
            ru += suffix in _RU_NUMBER_ENDINGS
            continue
        raw = match["word"]
        lower = raw.lower()
        frequent = lower.replace("ё", "е") in _FREQUENT
        in_quotes = any(a <= start < b for a, b in quoted)
        name = raw[0].isupper() and not raw.isupper() and not sentence_start
        acronym = raw.isupper() and len(raw) <= 4
        if not frequent and (in_quotes or name or acronym):
            continue
        kk_w, ru_w = word_evidence(lower)
        kk, ru, words = kk + kk_w, ru + ru_w, words + 1
    return Evidence(kk, ru, words)


def guess_language(text: str) -> str | None:
    """ "kk", "ru", or None when the text does not say clearly (short, names only, numbers)."""
    return evidence(text).language
