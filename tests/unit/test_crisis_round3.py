"""Round 3 of the crisis rules: the causes behind what the independent blind set 5 (tests/data/crisis_eval/
{kk,ru}_blind5.yaml) missed or flagged wrongly, each pinned by phrasings of the fixer's own, not the set's.

A cause is a class: a veto that silenced more than it should (`thing` on a beating named with its tool or the
victim's hair; `prevention` on a class teacher or a worried adult asking «как реагировать»), a sign the rules
had no shape for (a child's injury explained away, «не ищите меня», a letter left to be found, a plan with a
place but no method word, a death group's signs in Kazakh words, undressing in front of an adult or a camera,
teasing said with no object, loneliness said plainly), a word form the reader missed (Russian reflexive verbs
typed in Latin letters, «razdevatsya»), and the look-alikes that fired («агам мені пабгта өлтірді», «это
видео меня убило», a parent's how-to question with «әзірге ештеңе болған жоқ»). Every case here was decided
the other way by the rules of e3f74e5.
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector

pytestmark = pytest.mark.no_database

# cause -> (messages the cause used to silence, with the kind of reply; look-alikes that stay quiet)
CAUSES: dict[str, tuple[list[tuple[str, str]], list[str]]] = {
    "object veto on a beating named by its tool or the hair": (
        [
            ("отчим бьёт проводом от зарядки за любую ошибку", "violence"),
            ("тётя хватает за волосы и тащит в комнату", "violence"),
            ("дядя таскает за волосы, если не слушаюсь", "violence"),
            ("өгей әкем телефонның зарядкасымен ұрады", "violence"),
            ("әкем телефонның шнурымен ұрады", "violence"),
            ("анам телефон зарядкасымен сабайды", "violence"),
        ],
        [
            "мама выбивает ковёр палкой на балконе",
            "бабушка заплетает мне косу каждое утро",
            "әжем кілемді таяқпен қағып жатыр",
            "әжем кілемді таяқпен сабады, шаң шықты",
        ],
    ),
    "a how-to or role word vetoes an adult's report about a child": (
        [
            ("я классный руководитель, мальчик из моего класса сказал что хочет умереть", "suicide"),
            ("ученица написала в тетради что хочет умереть, как нам действовать", "suicide"),
            ("классный руководитель звонил: сын говорит, что хочет умереть. как реагировать?", "suicide"),
        ],
        [
            "Классный час «Стоп травле» пройдёт в пятницу в 7 «А»",
            "Семинар для классных руководителей: как реагировать, если ученик говорит о смерти",
            "Алгоритм действий классного руководителя при выявлении признаков суицидального поведения",
        ],
    ),
    "a child's injury the child explains away": (
        [
            ("у дочки синяки на руках, говорит что ударилась о дверь", "violence"),
            ("ученица вся в синяках, говорит что упала с лестницы", "violence"),
            ("оқушымның қолында көгерген жерлер бар, құладым дейді", "violence"),
            ("немерем бетінде көгерген ізбен келді, баспалдақтан құладым дейді", "violence"),
        ],
        [
            "дочь упала на тренировке, говорит, что коленка болит",
            "сын говорит, что упал с турника, но ничего не болит",
            "ұлым футболда құлап, тізесі көгерді",
        ],
    ),
    "a farewell: do not look for me, a letter left to be found": (
        [
            ("не ищите меня, так будет лучше", "suicide"),
            ("мама, не ищите меня больше", "suicide"),
            ("оставила записку, мама найдёт вечером", "suicide"),
            ("хатымды үстелге қалдырдым, таңертең табасыңдар", "suicide"),
            ("анама арнап хат жазып, сөреге қалдырдым, кешке тауып алады", "suicide"),
        ],
        [
            "я спряталась, не ищите меня, играем в прятки",
            "оставила записку маме, что ушла в магазин",
            "анама дүкенге кеттім деп хат қалдырдым",
        ],
    ),
    "a plan with a place or a wish but no method word": (
        [
            ("после школы залезу на крышу высотки, я решил", "suicide"),
            ("какой этаж нужен чтобы наверняка", "suicide"),
            ("как сделать, чтобы не больно было", "suicide"),
            ("раздал приставку и наушники друзьям, мне они больше ни к чему", "suicide"),
        ],
        [
            "завтра поднимусь на крышу посмотреть салют",
            "раздала старые игрушки соседским детям",
            "как сделать укол, чтобы было не больно?",
            "мост наверняка закрыт на ремонт",
        ],
    ),
    "a death group's signs in Kazakh words (the ru rules had them in Russian only)": (
        [
            ("кураторым соңғы тапсырманы бүгін береді", "suicide"),
            ("топтағы куратор соңғы тапсырманы орындау керек дейді", "suicide"),
            ("ұлым түнде 4:20-да тапсырма орындайды, телефоннан көрдім", "suicide"),
        ],
        [
            "колледждегі кураторымыз курстық жұмысқа тапсырма берді",
            "соңғы тапсырманы мұғалім тексерді",
            "4:20-да автобус келеді",
        ],
    ),
    "Russian reflexive verbs typed in Latin letters": (
        [
            ("otchim zastavlyaet razdevatsya", "sexual"),
            ("menya zastavili razdevatsya pered nim", "sexual"),
            ("trener zastavlyaet razdevatsa pri nem", "sexual"),
        ],
        [
            "ne hochu odevatsya v shkolnuyu formu",
            "zavtra budem katatsya na velike",
        ],
    ),
    "undressing or showing oneself in front of an adult or a camera": (
        [
            ("тренер заставляет переодеваться при нём", "sexual"),
            ("взрослый парень в дискорде просит показать себя по камере", "sexual"),
            ("он попросил показать себя на вебку, а потом удалился", "sexual"),
        ],
        [
            "мама просит переодеваться быстрее, опаздываем",
            "учитель на онлайн-уроке просит показать себя по камере",
        ],
    ),
    "teasing said with no object, a slur on my photos, everyone leaving when I come": (
        [
            ("обзывают и передразнивают, когда я отвечаю у доски", "bullying"),
            ("дразнят, когда я выхожу к доске", "bullying"),
            ("скидывают мои фотки с подписью «чмо»", "bullying"),
            ("мен барсам бәрі басқа жаққа кетеді", "bullying"),
            ("мен келгенде қыздардың бәрі кетіп қалады", "bullying"),
        ],
        [
            "я видел как дразнят кошку",
            "в классе меня не травят, все дружные",
            "мен келсем бәрі кетіп қалыпты, кешігіп қалдым",
        ],
    ),
    "loneliness, exhaustion and sleeplessness said plainly": (
        [
            ("мне очень одиноко в последнее время", "distress"),
            ("устал быть сильным для всех", "distress"),
            ("всё навалилось сразу", "distress"),
            ("третий день не могу встать с постели, ничего не хочу", "distress"),
            ("қазір өте жалғызбын", "distress"),
            ("соңғы кезде қатты жалғызсырап жүрмін", "distress"),
            ("түнде ұйықтай алмаймын, жүрегім лүпілдеп тұр", "distress"),
        ],
        [
            "мне не одиноко, у меня есть кот",
            "не могу встать с кровати, температура 39, болею",
            "үйде жалғызбын, анам жұмыста",
            "кофе ішсем түнде ұйықтай алмаймын",
        ],
    ),
}

# Look-alikes that fired (false alarms of blind set 5 by cause), and crisis messages of the same shape that
# must still fire.
FALSE_ALARM_CAUSES: dict[str, tuple[list[str], list[tuple[str, str]]]] = {
    "killed in a game, by a video, or if a parent finds out": (
        [
            "ағам мені дотада тағы өлтірді",
            "брат опять убил меня в пабге 😤",
            "вчерашнее видео меня добило",
            "папам білсе мені өлтіреді, вазаны сындырдым",
            "mamam bilse meni oltiredi, kurtkamdy jogalttym",
        ],
        [
            ("әкем мені өлтіремін деп қорқытады", "violence"),
            ("папа сказал что убьёт меня если расскажу", "violence"),
        ],
    ),
    "a parent's how-to question before anything has happened": (
        [
            "как научить ребёнка не обижаться, если будут дразнить?",
            "балама бейтаныс адамға сурет жібермеуді қалай ұғындырамын?",
            "әзірге ештеңе болған жоқ, бірақ алдын ала сұрап отырмын",
        ],
        [
            ("сына дразнят в школе, как научить его давать отпор?", "bullying"),
            ("мен жоқ боламын, сонда бәріне жеңіл болады", "suicide"),
        ],
    ),
}

CAUGHT = [(cause, t, k) for cause, (pos, _) in CAUSES.items() for t, k in pos]
QUIET = [(cause, t) for cause, (_, neg) in CAUSES.items() for t in neg]
FA_QUIET = [(cause, t) for cause, (neg, _) in FALSE_ALARM_CAUSES.items() for t in neg]
FA_CAUGHT = [(cause, t, k) for cause, (_, pos) in FALSE_ALARM_CAUSES.items() for t, k in pos]


@pytest.mark.parametrize(("cause", "text", "kind"), CAUGHT)
def test_the_rules_catch_what_the_cause_silenced(
    rules_only: CrisisDetector, cause: str, text: str, kind: str
) -> None:
    finding = rules_only.detect(text)
    assert finding is not None, cause
    assert finding.category.value == kind, (cause, finding.rule)


@pytest.mark.parametrize(("cause", "text"), QUIET + FA_QUIET)
def test_no_rule_fires_on_the_look_alike(rules_only: CrisisDetector, cause: str, text: str) -> None:
    finding = rules_only.detect(text)
    assert finding is None, (cause, finding)


# The n-gram net (not refitted) flagged these once the rules were quiet: a game's name and a parent's «как
# объяснить» are score vetoes now (common.yaml), as «научить» and a joke were.
@pytest.mark.parametrize(
    "text",
    [
        "агам мени пабгта тагы олтирип тастады 😤",
        "ағам мені дотада тағы өлтірді 😤",
        "брат опять убил меня в пабге 😤",
        "қызыма бейтаныс адамға сурет жібермеу керектігін қалай ұғындырамын? әзірге ештеңе болған жоқ",
        "балама бейтаныс адамға сурет жібермеуді қалай ұғындырамын?",
    ],
)
def test_the_net_does_not_flag_a_game_or_a_how_to_question(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None


@pytest.mark.parametrize(("cause", "text", "kind"), FA_CAUGHT)
def test_the_crisis_of_the_same_shape_still_fires(
    detector: CrisisDetector, cause: str, text: str, kind: str
) -> None:
    finding = detector.detect(text)
    assert finding is not None, cause
    assert finding.category.value == kind, (cause, finding.rule)
