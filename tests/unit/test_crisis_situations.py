"""Situations a tester found answered wrongly (the e2e walk: tests/e2e/test_crisis_situations.py).

The labelled messages are tests/data/crisis_eval/{kk,ru}_situations.yaml, each crisis with the reply it must
get (`reply`: bot/views/crisis.py reply_kind), in Cyrillic, in Kazakh without its letters and in Latin; the
rules are content/crisis_rules/situations.yaml and the replies content/crisis.yaml (rule_groups).

1. A parent whose child is missing («балам жоғалып кетті», «балам мектептен үйге келмеді, телефонын
   алмайды», «ребёнок не вернулся из школы», «сын пропал, не пришёл домой») got the distress reply or the
   plain fallback: now adult_missing (the police at once, no waiting three days, 102, 112 if life is in
   danger, what the child looks like and wears and where last seen, 111). A lost phone, mittens or rucksack,
   a cat, a pupil absent from a lesson stay quiet. «балам жоғалып кетті» fits kk.yaml's kk.child_gone (also
   a wish to disappear) too: situations.yaml lists kk.sit_child_gone under first_rules, which the detector
   tries before the other rules of their category.
2. A child in danger right now got the plain fallback: followed by a stranger («за мной идёт незнакомец»,
   «біреу артымнан еріп келе жатыр»), lost («я потерялся», «мен адасып қалдым»), lured into a car, robbed in
   the street: now violence_danger (go where there are people, tell a shop assistant or a guard, 102 or 112,
   never go with a stranger, 111 afterwards). An online stranger insisting on a meeting is grooming:
   sexual_online, which now says «don't agree to meet» too. A lost phone or keys, lost in a game or in a
   sum, a cat or a queue «за мной» stay quiet.
3. A parent whose child a teacher, a coach or a kindergarten worker hits («қызымды мұғалім ұрды», «ребенка
   бьёт воспитатель в садике») got the advice on violence at home («куда вы с детьми можете уйти»): now
   adult_violence_staff (no one, teachers included, may hit a child; 102 / 112; a doctor records the
   injuries; a written complaint to the director and the education department; 111), its memo on where to
   turn. A teacher who scolds («ұрысты», not «ұрды») or a coach who teaches to punch a bag stays quiet;
   pupils who hit their teacher keep the adult's own reply.
4. A parent whose child a stranger adult writes to («дочке пишет незнакомый взрослый», «балама бейтаныс адам
   жазып жүр») got nothing or the plain adult reply: now adult_sexual_online, with its memo on online
   grooming. A teacher, a classmate, a coach or a grandmother who writes stays quiet.
5. A child who sees a parent beaten («папа бьёт маму», «әкем анамды ұрады») got «Никто не имеет права бить
   тебя»: now violence_witness (not your fault, somewhere safe and 102 / 112 if it is dangerous now, 111 on
   helping yourself and your close ones). «бьёт меня и маму» keeps the child's own reply. 3 and 5 fit
   ru.yaml's and kk.yaml's general rules (hit_child, aggressor_hits) too: first_rules puts the situation's
   rules before them.
6. A girl who is (or thinks she is) pregnant («мен жүктімін», «я беременна», «кажется я беременна, мне 15»)
   got the reply about sexual abuse: now sexual_pregnancy (you are not alone, 111 tells where to go, a
   doctor at the polyclinic or a youth health centre; if you were forced, it is not your fault, 102). A
   lesson about pregnancy, a pregnant sister, mother, teacher or cat stay quiet.
8. The line every reply to a child ends with said in Kazakh «сенімен хат алыса алмаймын», which reads like
   exchanging paper letters: the bot cannot talk as a person does, people answer at 111 (native review).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content import Content
from bot.content.base import parse_yaml
from bot.crisis import Category, CrisisDetector, Finding, load_detector
from bot.crisis.detector import RULES_DIR
from bot.views.crisis import crisis_reply, reply_kind
from tests.support.crisis_eval import EVAL_DIR, concepts_lost_without

pytestmark = pytest.mark.no_database

CONTENT = Content.load()


def _items(lang: str) -> list[dict]:
    items = parse_yaml((EVAL_DIR / f"{lang}_situations.yaml").read_text("utf-8"))["items"]
    return [{**item, "lang": lang} for item in items]


ITEMS = _items("kk") + _items("ru")
CRISES = [i for i in ITEMS if i["cat"] != "none"]
LOOK_ALIKES = [i for i in ITEMS if i["cat"] == "none"]
# Look-alikes the n-gram net flags, as it did before this file: no rule of situations.yaml fires on them.
NET_FLAGS = {
    "дочке каждый день пишет бабушка",
    "ұлыма әжесі күнде жазады",
    "ұлымның рюкзагы жоғалып кетті",
    "балама репетитор іздеп жүрмін",
}


# --- Every labelled situation: found, in its language, with its reply ---------------------------------------


def test_the_first_rules_come_before_the_general_rules_they_overlap() -> None:
    ids = [r.id for r in load_detector().rules]
    for narrow, general in [
        ("kk.sit_child_gone", "kk.child_gone"),
        ("ru.sit_staff_hits_child", "ru.hit_child"),
        ("kk.sit_staff_hits_child", "kk.hit_child"),
        ("ru.sit_parent_beaten", "ru.aggressor_hits"),
        ("kk.sit_parent_beaten", "kk.aggressor_hits"),
    ]:
        assert ids.index(narrow) < ids.index(general), (narrow, general)


@pytest.mark.parametrize("item", CRISES, ids=[f"{i['lang']}-{i['reply']}-{i['text']}" for i in CRISES])
def test_a_situation_gets_its_reply(detector: CrisisDetector, item: dict) -> None:
    finding = detector.detect(item["text"])
    assert finding is not None, item
    assert finding.locale == item["lang"], finding
    assert reply_kind(finding, CONTENT) == item["reply"], finding


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(i, marks=pytest.mark.xfail(strict=True, reason="the n-gram net flags it"))
        if i["text"] in NET_FLAGS
        else i
        for i in LOOK_ALIKES
    ],
    ids=[f"{i['lang']}-{i['text']}" for i in LOOK_ALIKES],
)
def test_a_look_alike_stays_quiet(detector: CrisisDetector, item: dict) -> None:
    assert detector.detect(item["text"]) is None


@pytest.mark.parametrize("item", LOOK_ALIKES, ids=[f"{i['lang']}-{i['text']}" for i in LOOK_ALIKES])
def test_no_rule_fires_on_a_look_alike(rules_only: CrisisDetector, item: dict) -> None:
    assert rules_only.detect(item["text"]) is None


def test_situations_yaml_names_each_concept_once_per_section() -> None:
    """YAML keeps the last of two same keys: a concept said twice would lose its first words silently."""

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader: Loader, node: yaml.MappingNode) -> dict:
        keys = [loader.construct_object(k) for k, _ in node.value]
        assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
        return yaml.SafeLoader.construct_mapping(loader, node)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    yaml.load((RULES_DIR / "situations.yaml").read_text("utf-8"), Loader=Loader)


# Words the other files misread, which a word of situations.yaml reads right: «көлігіне» (into his car, folded
# «колигине») was «қол» (a hand); «нигде» (nowhere) was «негде» (no place to), by the loose vowel reading;
# «пример» (an example, blind set 8) was a show («премьера»).
MISREAD = {"колигине": {"k_kol"}, "нигде": {"nobody_to"}, "пример": {"show_event"}}


def test_the_situations_words_take_no_concept_from_any_word(tmp_path: Path) -> None:
    """A Kazakh stem of situations.yaml longer than another, or a whole word, would take the word's other
    concepts away (the longest stem wins), and a Russian word its prefix concepts: none of the labelled words
    loses one."""
    lost, after = concepts_lost_without("situations.yaml", tmp_path, MISREAD)
    assert not lost
    for word, concepts in MISREAD.items():
        new = after._word(word)
        assert new is not None and concepts.isdisjoint(new.concepts), word


# --- 1. A missing child -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_missing_child_reply_sends_to_the_police_at_once(lang: str) -> None:
    reply = crisis_reply(CONTENT, lang, "adult_missing")
    words = {
        "kk": ("күтпеңіз", "бірден", "үш күн", "киім", "соңғы рет", "сурет"),
        "ru": ("не ждите", "сразу", "три дня", "одет", "в последний раз", "фото"),
    }[lang]
    for word in words:
        assert word in reply.casefold(), word
    assert reply.index("<b>102</b>") < reply.index("<b>112</b>") < reply.index("<b>111</b>")
    assert "Мен — ботпын" not in reply and "Я — бот" not in reply, "a parent is answered as an adult"
    assert (" сен " if lang == "kk" else " ты ") not in f" {reply.casefold()} "


def test_a_wish_to_disappear_is_no_missing_child(detector: CrisisDetector) -> None:
    """kk.yaml's kk.child_gone also reads a child's wish to disappear: that stays the plain adult reply
    (talking with the child), whatever situations.yaml adds."""
    for text in (
        "қызым жоғалып кеткісі келеді дейді",
        "балам жоғалғысы келеді",
        "дочь говорит, что хочет исчезнуть",
    ):
        finding = detector.detect(text)
        assert finding is not None and reply_kind(finding, CONTENT) == "adult", (text, finding)


# --- 2. A child in danger now; 4. a stranger who writes to one's child --------------------------------------

GROOMING = ["ru.adult_invites_to_meet", "kk.stranger_meet", "ru.sit_online_meet", "kk.sit_online_meet"]


@pytest.mark.parametrize("rule", GROOMING)
@pytest.mark.parametrize(("about_child", "kind"), [(False, "sexual_online"), (True, "adult_sexual_online")])
def test_a_stranger_who_insists_on_meeting_gets_the_online_reply(
    rule: str, about_child: bool, kind: str
) -> None:
    finding = Finding(locale="kk", category=Category.SEXUAL, about_child=about_child, rule=rule)
    assert reply_kind(finding, CONTENT) == kind


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_online_reply_says_do_not_agree_to_meet(lang: str) -> None:
    reply = crisis_reply(CONTENT, lang, "sexual_online")
    assert ("кездесуге келіспе" if lang == "kk" else "не соглашайся на встречу") in reply


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_danger_reply_sends_the_child_where_there_are_people(lang: str) -> None:
    reply = crisis_reply(CONTENT, lang, "violence_danger")
    words = {
        "kk": (
            "адамдар көп жерге",
            "дүкен",
            "дәріхана",
            "сатушы",
            "күзетші",
            "бейтаныс адаммен ешқайда барма",
        ),
        "ru": (
            "где есть люди",
            "магазин",
            "аптек",
            "продавц",
            "охранник",
            "никуда не ходи и не садись в машину к незнакомым",
        ),
    }[lang]
    for word in words:
        assert word in reply.casefold(), word
    for number in ("<b>102</b>", "<b>112</b>", "<b>111</b>"):
        assert number in reply
    assert reply.index("<b>102</b>") < reply.index("<b>111</b>"), "the police first, 111 afterwards"


# --- 3. A teacher who hits one's child; 5. a parent beaten before the child ---------------------------------


@pytest.mark.parametrize(
    ("rule", "about_child", "kind"),
    [
        ("ru.sit_staff_hits_child", True, "adult_violence_staff"),
        ("kk.sit_staff_hits_child", True, "adult_violence_staff"),
        ("ru.sit_parent_beaten", False, "violence_witness"),
        ("kk.sit_parent_beaten", False, "violence_witness"),
        # The general rules keep their replies: a child hit at home, a child beaten by a parent.
        ("ru.hit_child", True, "adult_violence"),
        ("kk.aggressor_hits", False, "violence"),
    ],
)
def test_a_teacher_who_hits_and_a_parent_beaten_get_their_replies(
    rule: str, about_child: bool, kind: str
) -> None:
    finding = Finding(locale="ru", category=Category.VIOLENCE, about_child=about_child, rule=rule)
    assert reply_kind(finding, CONTENT) == kind


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_staff_reply_names_a_doctor_and_a_written_complaint(lang: str) -> None:
    reply = crisis_reply(CONTENT, lang, "adult_violence_staff")
    words = {
        "kk": ("мұғалім", "дәрігер", "жазбаша шағым", "директор", "білім бөлім"),
        "ru": ("учитель", "врач", "письменную жалобу", "директор", "отдел образования"),
    }[lang]
    for word in words:
        assert word in reply.casefold(), word
    assert reply.index("<b>112</b>") < reply.index("<b>111</b>") and "<b>102</b>" in reply
    assert "пана" not in reply and "куда вы с детьми" not in reply, "no shelter from home"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_witness_reply_says_not_your_fault_and_where_to_go(lang: str) -> None:
    reply = crisis_reply(CONTENT, lang, "violence_witness")
    words = {"kk": ("кінәлі емессің", "қауіпсіз жер"), "ru": ("нет твоей вины", "безопасное место")}[lang]
    for word in words:
        assert word in reply.casefold(), word
    for number in ("<b>102</b>", "<b>112</b>", "<b>111</b>"):
        assert number in reply
    assert ("сені ұруға" not in reply) and ("бить тебя" not in reply), "the child is not the one beaten"


def test_the_first_rules_are_rules_of_situations_yaml() -> None:
    data = parse_yaml((RULES_DIR / "situations.yaml").read_text("utf-8"))
    ids = {r["id"] for r in data["rules"]}
    assert set(data["first_rules"]) <= ids


# --- 6. Pregnancy -------------------------------------------------------------------------------------------


PREGNANCY_RULES = ["kk.pregnant_me", "kk.pregnancy_fear", "ru.am_i_pregnant", "ru.period_late_days"]


@pytest.mark.parametrize("rule", PREGNANCY_RULES)
def test_the_pregnancy_rules_get_the_pregnancy_reply(rule: str) -> None:
    finding = Finding(locale="ru", category=Category.SEXUAL, about_child=False, rule=rule)
    assert reply_kind(finding, CONTENT) == "sexual_pregnancy"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_pregnancy_reply_says_not_alone_a_doctor_and_the_police_if_forced(lang: str) -> None:
    reply = crisis_reply(CONTENT, lang, "sexual_pregnancy")
    words = {
        "kk": ("жалғыз емессің", "дәрігер", "емхана", "кінәң жоқ", "мәжбүрле"),
        "ru": ("не одна", "врач", "поликлиник", "твоей вины здесь нет", "принуди"),
    }[lang]
    for word in words:
        assert word in reply.casefold(), word
    for number in ("<b>111</b>", "<b>112</b>", "<b>102</b>"):
        assert number in reply
    assert "Мен — ботпын" in reply or "Я — бот" in reply


# --- 8. The bot's line under a child's reply ----------------------------------------------------------------


def test_the_bots_line_says_it_cannot_talk_in_the_chat() -> None:
    note = CONTENT.crisis.child_note
    assert "хат алыс" not in note.kk
    assert "адам сияқты сөйлесе алмаймын" in note.kk
    assert "не заменю живого разговора" in note.ru
    for lang in ("kk", "ru"):
        assert "<b>111</b>" in note.get(lang) and "<b>112</b>" in note.get(lang)


@pytest.mark.parametrize(
    "text",
    [
        "хочу сбежать из дома",
        "сын хочет сбежать из дома",
        "үйден қашқым келеді",
        "ұлым сабақтан үйге қашып кетті",
        "сын сбежал с урока домой",
    ],
)
def test_a_wish_to_run_away_or_running_home_is_no_missing_child(detector: CrisisDetector, text: str) -> None:
    """A parent's «сын сбежал из дома» / «ұлым үйден қашып кетті» is a missing child (adult_missing); a wish
    to run away is the child's own crisis, and running home from a lesson is no missing child."""
    finding = detector.detect(text)
    assert finding is None or reply_kind(finding, CONTENT) != "adult_missing", finding
