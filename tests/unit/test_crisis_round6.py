"""Crisis rules, round 6: what round 4 left (tests/unit/test_crisis_round4.py), in the fixer's own words.

Most phrasings failed on the rules before round 6; the last ones of each list, the look-alikes of old rules
and the real crises beside the vetoes are regression guards.

1. Being filmed while peers humiliate one and the video posted is bullying, not sexual (no sexual word).
2. Clothes hidden in PE and laughed at, teasing for being poor or for old shoes: bullying.
3. Not eating for fear of getting fat: distress.
4. The n-gram net's look-alikes (going home oneself, the bus late; let out early; a stepfather's gift) stay
   quiet: veto concepts (common.yaml score_vetoes) stop the net, and a real crisis beside them still fires.
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector
from tests.support.crisis_eval import net_flagged_quiet as _quiet

pytestmark = pytest.mark.no_database

FILMED_KK = [
    "мені масқаралап видеоға түсіріп, интернетке салды",
    "masqaralap meni videoga tusirip, internetke saldy",
    "мені масқаралап телефонға түсіріп, тиктокқа салып жіберді",
    "olar meni masqaralap videoga tusirip saldy",
    "сыныптағылар мені масқаралап видео түсіріп, интернетке салды",
    "үстіме су құйып, мені видеоға түсіріп, барлығына таратты",
    "басыма су шашып, видеоға түсіріп күлді",
    "сыныптастарым мені мазақтап, телефонға түсіріп, тиктокқа салды",
]
FILMED_RU = [
    "меня унижали и снимали на видео, а потом выложили в интернет",
]
CLOTHES_POOR_KK = [
    "дене шынықтыру сабағында киімімді тығып қойып, күледі",
    "fizrada kiimimdi jasyryp qoiyp kuledi",
    "раздевалкада киімдерімді жасырып, маған күлді",
    "біз кедей болғанымыз үшін мазақтайды",
    "ескі аяқ киімім үшін сыныптастарым күледі",
    "ески аяк киимим ушин сыныптастарым куледи",
    "kedei bolgandyqtan maghan kuledi",
    "физкультурада киімдерімді жасырып тастап, маған күледі",
    "кедей деп мені мазақ қылады",
]
CLOTHES_POOR_RU = [
    "в раздевалке утащили мою одежду, все смеялись",
    "на физкультуре утащили мои вещи из раздевалки и угорали",
    "смеются, что я хожу в одной и той же куртке, потому что мы бедные",
    "на физре спрятали мою одежду и ржали",
    "дразнят за то, что у меня старые кроссовки",
    "дразнят, что моя семья бедная",
]
FAT_KK = [
    "семіріп кетуден қорқып, үш күн бойы ештеңе жемедім",
    "семирип кетемин деп уш кун бойы ештене жемедим",
    "semirip ketuden qorqyp eshtenge jemedim",
    "толып кетуден қорқып, ештеңе жемедім",
    "семіріп кетемін деп қорқамын, тамақ ішпеймін",
    "семіз болып кетуден қорқамын, күні бойы ештеңе жемеймін",
]
FAT_RU = [
    "боюсь растолстеть, поэтому почти ничего не ем",
    "не ем, потому что боюсь стать толстой",
    "boyus rastolstet, pochti nichego ne em",
    "не ем, боюсь набрать вес",
    "третий день не ем, боюсь поправиться",
    "почти ничего не ем, очень боюсь набрать вес",
]


@pytest.mark.parametrize("text", FILMED_KK + FILMED_RU + CLOTHES_POOR_KK + CLOTHES_POOR_RU)
def test_peers_filming_hiding_teasing_are_bullying(detector: CrisisDetector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert finding.category.value == "bullying", (text, finding.rule)


@pytest.mark.parametrize("text", FAT_KK + FAT_RU)
def test_not_eating_for_fear_of_getting_fat_is_distress(detector: CrisisDetector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert finding.category.value == "distress", (text, finding.rule)


@pytest.mark.parametrize(
    "text",
    _quiet(
        [
            # going home oneself, the bus late; let out early; a gift
            "өзім үйге барамын, автобус кешікті",
            "озим уйге кетип барамын, автобус кешикти",
            "ozim uige baramyn, avtobus keshikti",
            "өгей әкем туған күніме велосипед сыйлады",
            "ogei akem maghan velosiped syilady",
            "hochu domoi, nas otpustyat poranshe?",
            "нас сегодня отпустят раньше? хочу домой",
            "хочу домой, когда нас отпустят?",
            "иду домой пешком, автобус опять опаздывает",
            "отчим подарил мне велик",
            "отчим подарил мне велосипед на днюху",
            # other look-alikes
            "гүлге су құйып, видеоға түсірдім",
            "ескі фильмге күлдік",
            "семіз мысығым тамақты көп жейді",
            "не ем сладкое, чтобы не потолстеть",
            "спрятала форму для физры в шкафчик",
        ]
    ),
)
def test_lookalike_stays_quiet(detector: CrisisDetector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is None, (text, finding and finding.rule)


@pytest.mark.parametrize(
    "text",
    [
        "не хочу домой, там бьют",
        "домой не хочу, там опять бьют",
        "боюсь идти домой, отчим бьёт",
        "үйге барғым келмейді, әкем ұрады",
        "уйге баргым келмейди, папам урады",
        "отчим подарил телефон, а теперь требует фото без одежды",
        "один взрослый в игре дарит мне скины и просит видео где я без футболки",
        "ойында танысқан адам маған скин сыйлап, енді жеке суреттер сұрайды",
    ],
)
def test_real_crisis_beside_the_vetoes_still_fires(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "отчим подарил телефон и теперь трогает меня",
        "он подарил мне подарок и сказал никому не говорить что он делал",
        "ағай сыйлық сыйлады, енді жалаңаш сурет сұрайды",
        "в маршрутке ко мне прижимался мужчина и трогал",
        "хочу броситься под автобус",
    ],
)
def test_a_gift_or_a_bus_beside_a_crisis_does_not_hide_it(detector: CrisisDetector, text: str) -> None:
    """Why the n-gram net is not vetoed on a bus, a gift or leaving early (see _NET_FLAGS)."""
    assert detector.detect(text) is not None, text
