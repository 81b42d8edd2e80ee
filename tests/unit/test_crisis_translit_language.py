"""The language of a crisis message typed in Latin letters, and of one that mixes Kazakh and Russian.

Russian typed in Latin letters («papa menya bet», «ya hochu umeret») is Russian and Kazakh so typed
(«men olgim keledi», «akem meni urady») Kazakh, whichever rule or the n-gram net found the crisis: the
frequent words are read through their Cyrillic reading, and the words only one lexicon knows decide when
there is none. A text whose words say both languages is not sure of its language (Finding.language_sure),
and the reply keeps the language the user chose (handlers/crisis.py; tests/e2e/test_crisis.py walks both
through the emulator).
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector

pytestmark = pytest.mark.no_database

RU = [
    "menya b'yut doma",
    "ya ne hochu bolshe zhit",
    "odnoklassniki b'yut menya",
    "ya ustal ot vsego, hochu ischeznut",
    "mne strashno idti domoj, otchim p'yanyj",
    "ya rezhu sebe ruki",
    "nikomu ya ne nuzhna",
    "menya zastavlyayut razdevatsya",
    "hochu sprygnut s kryshi",
    "mama menya ne kormit uzhe dva dnya",
    "ya bol'she ne vyderzhu",
    "muzh b'et menya i detej",
    # A Kazakh rule or the net found these before the words were read: they got the Kazakh reply.
    "otchim b'et menya remnem, mama molchit",
    "mne pishet vzroslyi i prosit intim foto",
    "skoro vsyo zakonchitsya, ya uzhe reshil",
    "pomogite pozhalujsta, ya ne znayu 4to so mnoj",
]
KK = [
    "men omir surgim kelmeidi",
    "meni eshkim jaqsy kormeidi, olgim keledi",
    "akem ishkende meni sabaidy",
    "synypta meni mazaqtaidy",
    "qolymdy tilip jurmin",
    "anam meni uiden quyp shyqty",
    "ozime qol salgym keledi",
    "barinin magynasy joq, ketkim keledi",
    "meni eshkim tushinbeidi, jalgyzbyn",
    "oge akem meni ustaidy, qorqamyn",
    "magan komektesinizshi, ote jaman",
    "kuieuim meni jane balalardy urady",
    "ölgım keledı",
]
MIXED = [
    "olgim keledi, ne hochu zhit",
    "meni urady, pomogite",
    "olgim keledi ya ustala ot vsego",
    # Russian with one Kazakh word («ағам бьёт меня каждый день») is Russian (bot/crisis/language.py).
    "ағам бьёт меня, көмектесіңізші",
]


@pytest.mark.parametrize(("text", "lang"), [(t, "ru") for t in RU] + [(t, "kk") for t in KK], ids=[*RU, *KK])
def test_latin_letters_are_read_in_the_language_of_their_words(
    detector: CrisisDetector, text: str, lang: str
) -> None:
    finding = detector.detect(text)
    assert finding is not None
    assert (finding.locale, finding.language_sure) == (lang, True), finding


@pytest.mark.parametrize("text", MIXED)
def test_a_mixed_message_is_not_sure_of_its_language(detector: CrisisDetector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None
    assert not finding.language_sure, finding


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("меня бьют дома", "ru"),
        ("я не хочу жить", "ru"),
        ("мені ұрады", "kk"),
        ("олгим келеди", "kk"),
        ("өмір сүргім келмейді, шаршадым", "kk"),
        ("устал от всего. от себя, от школы, от людей. хочется исчезнуть", "ru"),
    ],
)
def test_cyrillic_in_one_language_stays_sure(detector: CrisisDetector, text: str, lang: str) -> None:
    finding = detector.detect(text)
    assert finding is not None
    assert (finding.locale, finding.language_sure) == (lang, True), finding
