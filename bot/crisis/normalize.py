"""Turns a message into sentences of comparable word keys, whatever script or keyboard it was typed on.

Teenagers type Kazakh without its special letters (олгим келеди), in the 2021 Latin alphabet (ölgım keledı)
or in plain ASCII (olgim keledi), and Russian in Latin letters (ne hochu zhit, menya b'yut). Every word,
from a message or from the rule lists, goes through the same steps, so one list entry stands for all of them:

* casefold; ``ё`` -> ``е``; ``ь``, ``ъ`` and apostrophes dropped (the letters people skip most);
* Kazakh letters -> the nearest plain Cyrillic letter (``ә``->``а``, ``қ``->``к``, ``і``->``и`` ...);
* a word with Latin letters is transliterated to Cyrillic; ``j`` is ``ж`` in Kazakh but ``й`` in Russian
  (``sebja``), so such a word gets a second reading;
* ``й`` -> ``и`` (Latin typists write both as ``i``), runs of one letter collapse (``хочууу`` -> ``хочу``).

Kazakh keys fold one step further (``ы`` -> ``и``), because Kazakh typists use both for ``ы``; Russian keys
keep ``ы`` apart from ``и`` so that ``быть`` (to be) never reads as ``бить`` (to beat).
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC_FOLDS = (
    ("ё", "е"),
    ("ә", "а"),
    ("ғ", "г"),
    ("қ", "к"),
    ("ң", "н"),
    ("ө", "о"),
    ("ұ", "у"),
    ("ү", "у"),
    ("һ", "х"),
    ("і", "и"),
    ("й", "и"),
    ("ь", ""),
    ("ъ", ""),
    ("'", ""),
    ("’", ""),
    ("‘", ""),
    ("`", ""),
    ("ʼ", ""),
    ("´", ""),
)

# Letters of the Kazakh Latin alphabets (2017, 2018, 2021) and Turkish-style typing, to plain Latin first.
_LATIN_LETTER_FOLDS = (
    ("ä", "a"),
    ("á", "a"),
    ("ö", "o"),
    ("ó", "o"),
    ("ü", "u"),
    ("ú", "u"),
    ("ū", "u"),
    ("ı", "i"),
    ("ý", "i"),
    ("ş", "sh"),
    ("ç", "ch"),
    ("ğ", "g"),
    ("ǵ", "g"),
    ("ñ", "n"),
    ("ń", "n"),
)

# Multi-letter Latin spellings first; chat typing also writes 4 for ч and 6 or w for ш.
_LATIN_DIGRAPHS = (
    ("shch", "ш"),
    # Reflexive verbs: «razdevatsya» is «раздеваться» (folded «раздеватся»), not «раздеваця».
    ("tsya", "тся"),
    ("sch", "ш"),
    ("zh", "ж"),
    ("kh", "х"),
    ("gh", "г"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("yo", "е"),
    ("ye", "е"),
    ("yu", "ю"),
    ("ya", "я"),
)
_RUSSIAN_J = (("ja", "я"), ("ju", "ю"), ("je", "е"), ("jo", "е"), ("ia", "я"), ("iu", "ю"), ("j", "й"))
_LATIN_SINGLE = str.maketrans(
    {
        "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
        "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р",
        "s": "с", "t": "т", "u": "у", "v": "в", "w": "ш", "x": "х", "y": "ы", "z": "з",
        "4": "ч", "6": "ш",
    }
)  # fmt: skip
# Latin letters that look like Cyrillic ones, for words typed in a mix of both keyboards.
_HOMOGLYPHS = str.maketrans(
    {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к", "m": "м", "t": "т",
     "i": "и"}
)  # fmt: skip

_SENTENCE_END = re.compile(r"[.!?…;\n]+")
# Clause ends inside a sentence: a comma, a colon, a bracket, a dash between words (not «кто-то»).
_CLAUSE_ENDS = (",", ":", "(", ")", "—", "–", " - ")
# \w is a third faster than [^\W_] on Cyrillic; the rare "_" becomes a space first.
_WORD = re.compile(r"\w+")
_REPEATS = re.compile(r"(\D)\1+")
_LATIN = re.compile(r"[a-z]")
_CYRILLIC = re.compile(r"[а-я]")


def _fold(text: str) -> str:
    # Decomposed input (o + U+0308) is composed first, so that it folds like ö; casefold() turns "İ" into
    # "i" + U+0307, which is dropped.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    s = text.casefold().replace("\u0307", "")
    for old, new in _LATIN_LETTER_FOLDS:
        if old in s:
            s = s.replace(old, new)
    for old, new in _CYRILLIC_FOLDS:
        if old in s:
            s = s.replace(old, new)
    return s


_Y_AFTER_VOWEL = re.compile(r"(?<=[aeiouy])y(?![aeiou])")


def _transliterate(word: str, *, russian_j: bool) -> str:
    # "y" after a vowel and before a consonant is й (domoy, moy), elsewhere ы (byl, ty).
    s = _Y_AFTER_VOWEL.sub("i", word)
    if s.endswith("tsa"):  # «smeyutsa»: a reflexive ending typed short
        s = s[:-3] + "tsya"
    if russian_j:
        for old, new in _RUSSIAN_J:
            s = s.replace(old, new)
    for old, new in _LATIN_DIGRAPHS:
        if old in s:
            s = s.replace(old, new)
    s = s.translate(_LATIN_SINGLE).replace("й", "и")
    return _REPEATS.sub(r"\1", s)


# Kazakh typed in Latin writes ң as «ng» (kezdespeseng, erteng): a later reading with «n» (ң folds to н),
# tried only when the first finds nothing, so «trening», «parking» keep theirs.
_NG = re.compile(r"ng(?![aeiouy])")


def word_readings(word: str) -> tuple[str, ...]:
    """The Cyrillic key(s) of one folded word: one, or two for a Latin word with ``j`` or a Kazakh «ng»."""
    if not _LATIN.search(word):
        return (word,)
    if _CYRILLIC.search(word):
        return (_REPEATS.sub(r"\1", word.translate(_HOMOGLYPHS)),)
    first = _transliterate(word, russian_j=False)
    found = [first]
    if "j" in word or "ia" in word or "iu" in word:
        found.append(_transliterate(word, russian_j=True))
    if "ng" in word and (plain := _NG.sub("n", word)) != word:
        found.append(_transliterate(plain, russian_j=False))
    return tuple(dict.fromkeys(found))


def kazakh_key(key: str) -> str:
    return key.replace("ы", "и").replace("э", "е")


# Laughing emoji stand for a word, so that a rule can tell a joke («мама меня убьёт 😂») from a threat.
_LAUGHTER = re.compile("[\U0001f602\U0001f923\U0001f605\U0001f606\U0001f601\U0001f604\U0001f639]+")


# Emoji that stand for a word.
_EMOJI_WORDS = {"🩸": " кровь ", "🔪": " нож ", "💊": " таблетки "}


class Sentence(list[str]):
    """The words of one sentence; ``breaks`` are the positions of words that open a clause after a comma, a
    colon or a dash. A negation ends there: in «я больше не могу, хочу умереть» «хочу» is not negated."""

    breaks: tuple[int, ...] = ()  # set only on a sentence that has them: most have none


# A clause end becomes this word (an obsolete letter no chat has), found by the same scan as the words.
_CLAUSE_WORD = "ѣ"
_CLAUSE_SPACED = f" {_CLAUSE_WORD} "


def _sentence(words: list[str]) -> Sentence:
    if _CLAUSE_WORD not in words:
        return Sentence(words)
    kept: list[str] = []
    breaks: list[int] = []
    for word in words:
        if word != _CLAUSE_WORD:
            kept.append(word)
        elif kept and (not breaks or breaks[-1] != len(kept)):
            breaks.append(len(kept))
    sentence = Sentence(kept)
    sentence.breaks = tuple(breaks)
    return sentence


def sentences(text: str) -> list[list[str]]:
    """The message's sentences as lists of folded words. Letter runs are collapsed and Latin is read per
    word, later (``readings``): the detector caches words, so a word costs that only once per process."""
    if _LAUGHTER.search(text):
        text = _LAUGHTER.sub(" хаха ", text)
    for emoji, word in _EMOJI_WORDS.items():
        if emoji in text:
            text = text.replace(emoji, word)
    folded = _fold(text)
    if "_" in folded:
        folded = folded.replace("_", " ")
    for mark in _CLAUSE_ENDS:  # str.replace: a regular expression here cost a third of the time
        if mark in folded:
            folded = folded.replace(mark, _CLAUSE_SPACED)
    return [s for chunk in _SENTENCE_END.split(folded) if (s := _sentence(_WORD.findall(chunk)))]


def readings(word: str) -> tuple[str, ...]:
    """The key(s) of one word of ``sentences``: letter runs collapsed, Latin transliterated."""
    return word_readings(_REPEATS.sub(r"\1", word))


def key(word: str) -> tuple[str, ...]:
    """The readings of a single word from the rule lists, folded as message words are."""
    folded = _REPEATS.sub(r"\1", _fold(word.strip()))
    return word_readings(folded)
