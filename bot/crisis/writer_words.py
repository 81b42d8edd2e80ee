"""The words that tell who writes, read from the message's text rather than from the lexicons (used by
bot/crisis/writer.py and bot/crisis/detector.py): numbers said in words for an age («мне тринадцать», «он үш
жастамын»), an adult's occupation or role said of oneself («я учительница», «мұғаліммін»), the writer's own
wish («думаю уйти из жизни», «кеткім келеді») beside their children named in an oblique case («мама двоих
детей», «балаларыма»), and a child or a pupil named at all («мальчик», «оқушы»).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.crisis.normalize import key as _fold_key
from bot.crisis.rules import Found

# A word's readings (bot/crisis/normalize.key), kept: the same words come back in every message.
key = lru_cache(maxsize=65_536)(_fold_key)

# Numbers said in words («мне тринадцать», «маған он төрт жас», «он үш жастамын», «mne pyatnadtsat»): read as
# digits near an age's anchor word (spelled). Kazakh tens take a unit after them (он үш = 13, отыз бес = 35).
_NUMBERS = {
    "один": 1,
    **{w: n for n, w in enumerate(("два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"), 2)},
    **{
        w: n
        for n, w in enumerate(
            (
                "десять",
                "одиннадцать",
                "двенадцать",
                "тринадцать",
                "четырнадцать",
                "пятнадцать",
                "шестнадцать",
                "семнадцать",
                "восемнадцать",
                "девятнадцать",
            ),
            10,
        )
    },
    **{w: n * 10 for n, w in enumerate(("двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят"), 2)},
    **{w: n for n, w in enumerate(("бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"), 1)},
    **{w: n * 10 for n, w in enumerate(("он", "жиырма", "отыз", "қырық", "елу", "алпыс"), 1)},
}
_NUMBER_KEYS = {k: n for w, n in _NUMBERS.items() for k in key(w)}
_UNITS = ("жас", "zhas", "jas")
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w]+|_")


def _number(word: str) -> int | None:
    return next((_NUMBER_KEYS[k] for k in key(word) if k in _NUMBER_KEYS), None)


def spelled(chunk: str) -> str:
    """``chunk`` with its numbers in words written in digits: «мне тринадцать лет» -> «мне 13 лет»."""
    tokens = _TOKEN.findall(chunk)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        value = _number(tokens[i]) if tokens[i][0].isalpha() else None
        after = tokens[i + 2] if i + 2 < len(tokens) and tokens[i + 1].isspace() else ""
        if value == 10 and key(tokens[i])[0] == "он" and not (_number(after) or after.startswith(_UNITS)):
            value = None  # «он» is «he» in Russian: ten only before a unit or «жас» («он үш», «он жаста»)
        if value is None:
            out.append(tokens[i])
            i += 1
            continue
        # A ten and a unit after it, one space between: «двадцать пять», «он үш», «отыз бес».
        unit = _number(after) if after else None
        if value % 10 == 0 and value >= 10 and unit is not None and unit < 10:
            out.append(str(value + unit))
            i += 3
        else:
            out.append(str(value))
            i += 1
    return "".join(out)


def _keys(*words: str) -> frozenset[str]:
    return frozenset(k for w in words for k in key(w))


# An adult's occupation or role said of oneself (says_role): «я учительница», «я мама двоих детей», «я работаю
# воспитателем»; «мұғаліммін», «мен үш баланың анасымын» (the Kazakh first person is in the word).
_I_WORDS = frozenset({"я", "ya"})
_FIRST_PERSON = ("мын", "мин", "бын", "бин", "пын", "пин", "myn", "min", "byn", "bin")
_WORK = _keys("работаю", "rabotayu")
_ROLE_RU = _keys(
    *[
        "учитель",
        "учительница",
        "учителем",
        "учительницей",
        "педагог",
        "педагогом",
        "воспитатель",
        "воспитательница",
        "воспитателем",
        "воспитательницей",
        "классрук",
        "завуч",
        "директор",
        "психолог",
        "соцпедагог",
        "тренер",
        "тренером",
        "вожатая",
        "вожатый",
        "вожатой",
        "вожатым",
        "наставник",
        "наставница",
        "врач",
        "медсестра",
        "мама",
        "мать",
        "папа",
        "отец",
        "бабушка",
        "дедушка",
        "многодетная",
        "многодетный",
        "uchitel",
        "uchitelnica",
        "mama",
        "mat",
        "papa",
        "otec",
    ]
)
_ROLE_KK = _keys(
    *[
        "мұғаліммін",
        "мұғалиммін",
        "мұғалімін",
        "ұстазбын",
        "тәрбиешімін",
        "тәрбиешімін",
        "анасымын",
        "әкесімін",
        "жаттықтырушымын",
        "тренермін",
        "тәлімгермін",
        "психологпын",
        "дәрігермін",
        "zhattyqtyrushymyn",
        "trenermin",
        "мугалиммин",
        "mugalimmin",
        "mugalimin",
        "ustazbyn",
        "anasymyn",
        "akesimin",
    ]
)
# The writer's own wish (own_wish): «хочу», «думаю уйти», «не вывожу»; Kazakh «кеткім келеді», «өлгім келеді».
_WISH_RU = _keys(
    *["хочу", "думаю", "вывожу", "могу", "решила", "решил", "устала", "устал", "hochu", "dumayu"]
)
_WISH_KK = re.compile(r"(?:гым|гим|кым|ким|gym|gim|kym|kim|qym|qim)$")
_KEL = ("кел", "kel")
# A Kazakh wish followed by a report is someone's words retold: «бір шәкіртім "өлгім келеді" деді».
_REPORTED_KK = _keys("деді", "дейді", "деп", "депті", "айтты", "жазды", "dedi", "deidi", "dep")
# A child of the writer's in an oblique case: «мама двоих детей», «обузой детям», «балаларыма ауыртпалық».
_OBLIQUE_RU = _keys(
    *[
        "детей",
        "детям",
        "детьми",
        "детях",
        "сына",
        "сыну",
        "сыном",
        "дочери",
        "дочерью",
        "дочки",
        "дочке",
        "дочкой",
        "ребенка",
        "ребенку",
        "ребенком",
        "detei",
        "detey",
        "detyam",
    ]
)
_OBLIQUE_KK = re.compile(r"(?:м(?:а|е|га|ге|ка|ке|нын|нин|ды|ди|ны|ни|нан|нен|да|де|ен|менен)|[ндт][ыи]н)$")
_FOR = _keys("үшін", "ushin", "ради")


# A child or a pupil named (mentions_young): a teacher or a parent who names one writes about them.
_YOUNG = tuple(
    k
    for w in [
        "мальчи",
        "девоч",
        "девчон",
        "ученик",
        "учениц",
        "ребен",
        "ребят",
        "подрост",
        "школьни",
        "пацан",
        "сын",
        "доч",
        "дет",
        "бала",
        "окушы",
        "улым",
        "улы",
        "улдар",
        "кызым",
        "кызы",
        "кыздар",
        # A coach's or a camp leader's: «бір жігітім», «шәкіртім», «воспитанница», «спортшым».
        "жигит",
        "шакирт",
        "воспитанни",
        "спортшы",
    ]
    for k in key(w)
)
_YOUNG_NOT = tuple(
    k
    for w in ["детск", "детств", "детал", "сынып", "сынак", "сындыр", "кызык", "кызыл", "кызмет", "улык"]
    for k in key(w)
)


def mentions_young(parts: list[list[str]]) -> bool:
    """Whether the message names a child or a pupil: «мальчик», «девочка», «ученик», «сын», «оқушы»."""
    return any(
        k.startswith(_YOUNG) and not k.startswith(_YOUNG_NOT)
        for words in parts
        for w in words
        for k in key(w)
    )


def says_role(words: list[str]) -> bool:
    """The writer names their adult occupation or role: «я учительница», «я работаю учителем»,
    «мұғаліммін»."""
    for at, word in enumerate(words):
        if word in _I_WORDS:
            after = words[at + 1 : at + 3]
            if after and (
                not _ROLE_RU.isdisjoint(key(after[0]))
                or (
                    len(after) > 1
                    and not _WORK.isdisjoint(key(after[0]))
                    and not _ROLE_RU.isdisjoint(key(after[1]))
                )
            ):
                return True
        elif word.endswith(_FIRST_PERSON) and not _ROLE_KK.isdisjoint(key(word)):
            return True
    return False


def own_wish(words: list[str], found: list[Found], child: frozenset[str]) -> bool:
    """The sentence is the writer's own wish («думаю уйти из жизни», «өмірден кеткім келеді») and names the
    writer's children only in an oblique case («мама двоих детей», «балаларыма ауыртпалық болғым
    келмейді»)."""
    wish = any(
        not _WISH_RU.isdisjoint(key(w))
        or (
            _WISH_KK.search(w) is not None
            and at + 1 < len(words)
            and words[at + 1].startswith(_KEL)
            and _REPORTED_KK.isdisjoint(k for r in words[at + 2 : at + 5] for k in key(r))
        )
        for at, w in enumerate(words)
    )
    if not wish:
        return False
    for at, concepts, _negated, _langs in found:
        if child.isdisjoint(concepts) or at >= len(words):
            continue
        keys = key(words[at])
        if not _OBLIQUE_RU.isdisjoint(keys) or any(_OBLIQUE_KK.search(k) for k in keys):
            continue
        if at + 1 < len(words) and not _FOR.isdisjoint(key(words[at + 1])):
            continue
        return False
    return True
