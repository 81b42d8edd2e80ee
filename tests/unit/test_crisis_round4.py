"""Crisis rules, round 4: the classes blind set 6 showed, in the fixer's own words (not the set's).

Suicide over distress and bullying (under a train, everything ended for ever, no strength to live, a
phone left to a sibling before leaving); peers who hurt at school or online are bullying; a divorce, a
break-up, a bad mark, a parent who does not call, a secret are distress; a drunk stepfather or a husband
who beats is violence, not sexual; the gym kit hidden, teasing for being poor, not eating for fear of
getting fat, a child withdrawn after a move; look-alikes stay quiet. The gaps once marked here as strict
xfails are closed by round 6 (tests/unit/test_crisis_round6.py).
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector
from tests.support.crisis_eval import net_flagged_quiet as _quiet

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # suicide, ru
        ("сегодня брошусь под поезд, всё решено", "suicide"),
        ("вечером лягу под электричку", "suicide"),
        ("завтра кинусь под машину, надоело всё", "suicide"),
        ("хочу, чтобы всё это кончилось навсегда", "suicide"),
        ("хочется чтобы всё прекратилось раз и навсегда", "suicide"),
        ("сил жить больше нет", "suicide"),
        ("нет больше сил жить", "suicide"),
        ("segodnya broshus pod poezd", "suicide"),
        ("hochu chtoby vse zakonchilos navsegda", "suicide"),
        ("sil zhit bolshe net", "suicide"),
        ("оставляю свой телефон младшему брату, я ухожу", "suicide"),
        ("отдала планшет сестрёнке, мне он больше не нужен, я ухожу навсегда", "suicide"),
        # suicide, kk
        ("бүгін пойыздың астына түсемін", "suicide"),
        ("поездың астына секіремін бүгін", "suicide"),
        ("бугин пойыздын астына тусемин", "suicide"),
        ("bugin poiyzdyn astyna tusemin", "suicide"),
        ("бәрі мәңгіге бітсін деймін, өмір сүруге күшім жоқ", "suicide"),
        ("өмір сүруге күшім қалмады", "suicide"),
        ("омир суруге кушим жок", "suicide"),
        ("omir suruge kushim joq", "suicide"),
        ("енді жасағым келмейді", "suicide"),
        ("енди жасагым келмейди", "suicide"),
        ("телефонымды сіңліме қалдырдым, мен кетемін", "suicide"),
        ("zattarymdy inime qaldyrdym, men ketemin", "suicide"),
        # bullying, ru
        ("старшеклассники отнимают у меня деньги, а если не даю, бьют", "bullying"),
        ("старшие в школе забирают мои деньги и бьют, если не принесу", "bullying"),
        ("девочки из класса дёргают меня за волосы и обзывают", "bullying"),
        ("одноклассники таскают меня за волосы и кидают мой рюкзак", "bullying"),
        ("меня сняли на телефон, как унижают, и выложили в тикток", "bullying"),
        ("засняли как меня обливают водой в школе и скинули всем", "bullying"),
        ("в классном чате выкладывают мои фотки с фотошопом", "bullying"),
        ("в столовой меня толкают, а учительница видит и молчит", "bullying"),
        ("starsheklassniki otbirayut dengi i byut esli ne dam", "bullying"),
        ("odnoklassniki dergayut za volosy i obzyvayut", "bullying"),
        ("меня пихают на перемене, а учитель смотрит и ничего не делает", "bullying"),
        # bullying, kk
        ("жоғары сынып оқушылары ақшамды алып қояды, бермесем тепкілейді", "bullying"),
        ("жогары сынып балалары ақшамды тартып алады, бермесем соғады", "bullying"),
        ("сыныптастарым шашымнан тартып, сөмкемді лақтырады", "bullying"),
        ("сыныптагы кыздар шашымнан тартады, мазактайды", "bullying"),
        ("мені видеоға түсіріп масқаралап, инстаграмға салды", "bullying"),
        ("meni videoga tusirip masqaralap, tiktokqa saldy", "bullying"),
        ("сынып чатына суретімді өзгертіп салып күледі", "bullying"),
        ("сынып чатында суретимди фотошоппен бузып салады", "bullying"),
        ("асханада мені итеріп жібереді, мұғалім көріп тұрып үндемейді", "bullying"),
        ("sheshimdi tartady, sumkamdy laqtyrady, aqymaq dep ataidy", "bullying"),
        ("zhogary synyp oqushylary aqshamdy tartyp alady, bermesem urady", "bullying"),
        # distress, ru
        ("мама с папой разводятся и всё время кричат друг на друга", "distress"),
        ("родители постоянно ссорятся, я не могу это слушать", "distress"),
        ("чувствую, что я никому не нужен, даже маме с папой", "distress"),
        ("папа уехал и уже три месяца не звонит", "distress"),
        ("парень меня бросил, очень больно внутри", "distress"),
        ("меня бросила девушка, не могу ни есть ни спать", "distress"),
        ("лучшая подруга перестала со мной дружить и ушла к другим", "distress"),
        ("боюсь идти домой, получила двойку", "distress"),
        ("есть кое-что, что я никому не могу рассказать, мне страшно", "distress"),
        ("roditeli razvodyatsya i postoyanno rugayutsya", "distress"),
        ("menya brosil paren, ochen bolno", "distress"),
        # distress, kk
        ("ата-анам ажырасып жатыр, үйде күнде ұрсысады", "distress"),
        ("ata-anam ajyrasyp jatyr, kunde urysady", "distress"),
        ("өзімді ешкімге керек емес сияқты сезінемін, тіпті ата-анама да", "distress"),
        ("әкем бірнеше ай бұрын кетті, хабарласпайды да", "distress"),
        ("жігітім мені тастап кетті, жүрегім ауырады", "distress"),
        ("ең жақын құрбым мені тастап, басқалармен жүр", "distress"),
        ("екі алдым, үйге барудан қорқамын", "distress"),
        ("екі алсам үйге баруға қорқамын", "distress"),
        ("ешкімге айта алмайтын бір нәрсе бар, қорқамын", "distress"),
        ("ешкимге айта алмаитын бир нарсе бар, коркамын", "distress"),
        ("jigitim meni tastap ketti, jurekim auyrady", "distress"),
        # violence, ru
        ("отчим напился, бьёт посуду и таскает маму за волосы", "violence"),
        ("отчим пьяный ломает всё дома и тащит маму за волосы", "violence"),
        ("папа выпил, крушит мебель и бьёт маму", "violence"),
        ("муж забрал у меня телефон, запирает дома и бьёт", "violence"),
        ("муж отнял телефон и не выпускает меня из квартиры, бьёт", "violence"),
        ("мне 30, муж отбирает телефон, запирает и избивает", "violence"),
        ("otchim napilsya i taskaet mamu za volosy", "violence"),
        ("muzh zabral telefon, zapiraet doma i b'et", "violence"),
        ("отчим пьяный, швыряет вещи и тащит маму за волосы по полу", "violence"),
        ("сожитель мамы пьёт и таскает её за волосы", "violence"),
        # violence, kk
        ("өгей әкем мас болып, бәрін сындырып, анамды шашынан сүйрейді", "violence"),
        ("огей акем ишип алып, анамды шашынан суйреп урады", "violence"),
        ("ogei akem iship alyp anamdy shashynan suireidi", "violence"),
        ("өгей әкем ішкенде үйдегі заттарды сындырып, мамамды ұрады", "violence"),
        ("күйеуім телефонымды тартып алып, үйге қамап ұрады", "violence"),
        ("куйеуим телефонымды алып коиып, уиден шыгармаиды, урады", "violence"),
        ("kuieuim telefonymdy alyp qoiyp, uiden shygarmaidy, urady", "violence"),
        ("мен 30 жастамын, күйеуім телефонымды алып, мені ұрады", "violence"),
        ("әкем ішіп келіп анамды шашынан сүйреп, ыдысты сындырады", "violence"),
        ("өгей әкем мас, анамды шашынан тартып ұрады", "violence"),
    ],
)
def test_kind(detector: CrisisDetector, text: str, kind: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert finding.category.value == kind, (text, finding.rule)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("на физре спрятали мою одежду и ржут", "bullying"),
        ("в раздевалке прячут мою форму и смеются надо мной", "bullying"),
        ("дразнят, что у нас нет денег, смеются над моими старыми кедами", "bullying"),
        ("смеются что я бедная и ношу старую куртку", "bullying"),
        ("не ем уже три дня, боюсь потолстеть", "distress"),
        ("боюсь растолстеть, поэтому почти ничего не ем", "distress"),
        ("ne em uzhe dva dnya, boyus potolstet", "distress"),
        ("Дочь после переезда закрылась в себе, почти не ест и ни с кем не общается", "adult"),
        ("Сын после развода замкнулся, почти ничего не ест, сидит один", "adult"),
        ("smeyutsya chto my bednye i u menya starye krossovki", "bullying"),
        ("дене шынықтыру сабағында киімімді тығып қойып, күледі", "bullying"),
        ("физрада формамды жасырып, мазақ қылады", "bullying"),
        ("fizrada kiimimdi jasyryp qoiyp kuledi", "bullying"),
        ("кедейсің деп мазақтайды, ескі кроссовкама күледі", "bullying"),
        ("біз кедей болғанымыз үшін мазақтайды", "bullying"),
        ("семіріп кетемін деп қорқып, екі күн тамақ жемедім", "distress"),
        ("семирип кетемин деп коркамын, тамак жемеймин", "distress"),
        ("semirip ketemin dep qorqamyn, tamaq jemeimin", "distress"),
        ("Ұлым көшкеннен кейін тұйықталып қалды, тамақ ішпейді, ешкіммен сөйлеспейді", "adult"),
        ("Қызым басқа қалаға көшкеннен бері ешкіммен сөйлеспейді, тамақ жемейді", "adult"),
    ],
)
def test_missed_before(detector: CrisisDetector, text: str, kind: str) -> None:
    """«adult»: a parent about a withdrawn child, the distress reply for adults."""
    finding = detector.detect(text)
    assert finding is not None, text
    if kind == "adult":
        assert finding.about_child and finding.category.value == "distress", (text, finding.rule)
    else:
        assert finding.category.value == kind, (text, finding.rule)


@pytest.mark.parametrize(
    "text",
    _quiet(
        [
            "всем спасибо, прощай школа! выпускной 🎓",
            "прощай, школа, спасибо учителям за всё",
            "иду домой сама, автобус опаздывает",
            "меня первым убили в мафии, обидно",
            "в мафии меня сегодня убили в первую ночь",
            "режу курицу ножом на ужин",
            "разделала курицу ножом, готовлю суп",
            "отчим подарил мне телефон на день рождения",
            "mozhno segodnya poranshe domoi?",
            "hochu domoi, nas otpustyat poranshe?",
            "бәріңізге рахмет, қош бол мектеп! бітірдік",
            "қош бол, мектеп! мұғалімдерге рахмет",
            "kosh bol mektep, barine rahmet",
            "өзім үйге барамын, автобус кешікті",
            "озим уйге кетип барамын, автобус кешикти",
            "мафияда мені бірінші өлтірді",
            "кешкі асқа тауықты пышақпен турадым",
            "тауықты пышақпен бөлшектеп, мамама кешкі ас дайындадым",
            "өгей әкем туған күніме велосипед сыйлады",
            "ogei akem tugan kunime telefon syilady",
        ]
    ),
)
def test_lookalike_stays_quiet(detector: CrisisDetector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is None, (text, finding and finding.rule)
