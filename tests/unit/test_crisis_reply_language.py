"""The language of the crisis reply to a message that mixes Kazakh and Russian (bot/crisis/language.py).

Russian with a few Kazakh words is answered in Russian, Kazakh with a few Russian words in Kazakh, in every
script (Cyrillic with Kazakh letters, Kazakh typed without them, Latin): the words are counted, the first
Kazakh letter no longer makes a message Kazakh. A message of about as many words of each is not sure of its
language (the reply then goes in the language the user chose, handlers/crisis.py), and its guess is the
language with more words. The phrasings here are written for this test, none copied from the eval set.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.content.base import parse_yaml
from bot.crisis import CrisisDetector
from bot.crisis.language import Vote
from tests.support.crisis_eval import EVAL_DIR

pytestmark = pytest.mark.no_database

# Russian, a Kazakh word or two: a kinship word, a greeting, a thanks, an address.
RU_WITH_KK = [
    "әкем опять напился и бьёт маму, я боюсь идти домой",
    "ағам каждый вечер меня бьёт ремнём",
    "я больше не хочу жить, рахмет за всё",
    "сыныптастарым меня травят, мне очень плохо",
    "Сәлеметсіз бе, моя дочь режет себе руки, что мне делать",
    "апай, мне очень страшно, отчим меня бьёт",  # Kazakh without its letters
    "бүгін мне опять очень плохо, я не хочу жить",  # the Kazakh word comes first
    "ya bolshe ne hochu zhit, rahmet za vse",
    "agam menya b'yet kazhdyi den, ya boyus idti domoi",
]
# Kazakh, a Russian word or two: «короче», «вообще», «просто».
KK_WITH_RU = [
    "короче мен енді өмір сүргім келмейді",
    "әкем мені күнде ұрады, вообще үйге барғым келмейді",
    "мені сыныпта травят, ешкім сөйлеспейді, өлгім келеді",
    "не істеймін, өмір сүргім келмейді",
    "акем мени кунде урады, вообще уйге баргым келмейди",
    "мен енди омир сургим келмейди, короче",
    "akem meni kunde urady, prosto uige bargym kelmeidi",
    "omir surgim kelmeidi, bari mağynasyz",
]
# About as many words of each: not sure; (message, guess), None when neither has more.
MIXED = [
    ("мені ұрады, помогите пожалуйста", "kk"),  # two and two: Kazakh letters decide the guess
    ("өлгім келеді, не хочу жить", "ru"),
    ("олгим келеди, не хочу жить", "ru"),
    ("olgim keledi, ne hochu zhit", "ru"),
    ("өгей әкем мені ұрады, мне страшно", "kk"),
    ("маган оте жаман, хочу умереть", "kk"),
    ("ogei akem meni kunde urady, ya boyus", "kk"),
    ("меня травят в классе, ешкім көмектеспейді", "ru"),
]


@pytest.mark.parametrize(("text", "lang"), [(t, "ru") for t in RU_WITH_KK] + [(t, "kk") for t in KK_WITH_RU])
def test_a_few_words_of_the_other_language_keep_the_message_language(
    detector: CrisisDetector, text: str, lang: str
) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert (finding.locale, finding.language_sure) == (lang, True), finding


@pytest.mark.parametrize(("text", "guess"), MIXED)
def test_about_as_many_words_of_each_is_not_sure_and_guesses_the_larger(
    detector: CrisisDetector, text: str, guess: str
) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert (finding.locale, finding.language_sure) == (guess, False), finding


@pytest.mark.parametrize(
    ("words", "letters", "sure", "leaning"),
    [
        ((0, 0), (0, 0), None, None),
        ((1, 0), (5, 0), "kk", "kk"),
        ((0, 1), (0, 4), "ru", "ru"),
        ((1, 3), (6, 14), "ru", "ru"),  # three times as many words
        ((2, 5), (10, 20), "ru", "ru"),  # twice as many and three more
        ((2, 4), (10, 20), None, "ru"),
        ((3, 5), (15, 20), None, "ru"),
        ((4, 2), (20, 8), None, "kk"),
        ((2, 2), (10, 10), None, None),
        ((11, 5), (60, 25), "kk", "kk"),
        # Twice as many words and three more, not half as many letters again: short Russian words against
        # long Kazakh ones («булят меня в школе каждый день, мектепке барғым келмейді»).
        ((3, 6), (22, 25), None, "ru"),
        ((1, 4), (14, 18), None, "ru"),
    ],
)
def test_what_the_count_says(
    words: tuple[int, int], letters: tuple[int, int], sure: str | None, leaning: str | None
) -> None:
    vote = Vote(*words, *letters)
    assert (vote.sure, vote.leaning) == (sure, leaning)


def test_no_labelled_crisis_message_is_answered_sure_in_the_other_language(detector: CrisisDetector) -> None:
    # bench/crisis_language.py prints the figures per language and script; before the words were counted,
    # eight Russian messages with a Kazakh word were answered in Kazakh whatever the user chose.
    wrong: list[str] = []
    unsure: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for path in sorted(Path(EVAL_DIR).glob("*.yaml")):
        lang = path.stem.partition("_")[0]
        for item in parse_yaml(path.read_text("utf-8"))["items"]:
            finding = detector.detect(item["text"]) if item["cat"] != "none" else None
            if finding is None:
                continue
            found[lang] += 1
            if not finding.language_sure:
                unsure[lang] += 1
            elif finding.locale != lang:
                wrong.append(item["text"])
    assert wrong == []
    # Mixed messages are few: most of each language say it (a share, as the sets grow: 20 of 1,301 Kazakh and
    # 10 of 1,387 Russian when this was written; 23 of 1,568 and 12 of 1,640 with blind set 7).
    assert unsure["kk"] <= 0.02 * found["kk"] and unsure["ru"] <= 0.01 * found["ru"], (unsure, found)
