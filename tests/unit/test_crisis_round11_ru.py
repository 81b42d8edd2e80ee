"""Crisis rules, round 11 (Russian): classes of crisis the rules missed or answered with the wrong reply, in
phrasings of the fixer's own (tests/data/crisis_eval/ru_round11.yaml holds them with labels and, where the
class is about the reply, the reply they must get).

H. Violence told by the idiom «поднять руку на», «распускать руки», in any word order: on the writer, on a
   sibling, by a teacher or a coach; on a parent in front of the child (the witness reply); on one's child by
   a coach or a teacher, told by a parent (the reply on staff who hit). A hand raised in class, to vote or to
   wave stays quiet; so does a hand never raised («ни разу руки не распускал»: the n-gram net is vetoed), but
   not the plea «не поднимай на меня руку».
O. Intimate photos, a camera, filming, fake nudes, a secret chat (a child's message and a parent's) got the
   plain reply on sexual abuse, bullying or distress: now the online one («don't pay, don't send more, keep
   the messages»). Filming is told apart from watching («подглядывает, когда я моюсь» keeps the plain reply),
   and every sexual rule of ru.yaml and kk.yaml whose words name pictures, a camera or blackmail is in
   crisis.yaml's online group or excepted here with its reason, so the class cannot reopen with a new rule.
S. Hitting oneself in other words («луплю себя», «колочу себя», «хлещу себя»), a head or a forehead knocked
   against something («стучу головой о стену», «бьюсь лбом об парту»), slaps given to oneself: self-harm, and
   a parent's «дочь бьёт себя по лицу» is no parent's blow. «биться над задачей», «хоть головой об стену
   бейся», «бьюсь об заклад» stay quiet.
P. A parent as the one who hits, in a noun phrase: blows («от отцовских побоев», «мамины пощёчины», «батины
   подзатыльники»), a belt or a fist and its mark («после папиного ремня вся спина синяя»), hands that leave
   bruises («синяки от отчимовых рук»). A father's belt too big, a mother's hands, a boxer's punch stay quiet.
M. A parent whose child left home and is gone («сын ушёл из дома вчера, телефон выключен», «дочка ушла из
   дома после ссоры, где её искать»): the reply on a missing child (adult_missing: the police at once). Gone
   to school, a training, the army, or to live apart stays quiet. The Kazakh side of it is in situations.yaml
   too (kk.sit_child_left_home_*: home left, and the phone, the night, a quarrel, a search or «кеше»).

The classes of blind set 9's Russian misses, wrong reply kinds and false alarms (its items are a measurement
and are not copied here):
A. Tried before, this time «properly» («уже пыталась, в этот раз доведу до конца»): suicide.
B. A child in groups about death, «я следующая» in a status, the «синий кит»: suicide.
C. Even, parallel cuts whatever the excuse («говорит, что кошка»): self-harm.
D. A teacher who hits a pupil on the head or the hands, «дал мне по затылку».
E. Filmed or photographed for memes, a teacher too: bullying.
F. A knife and a threat to kill the writer: violence, whatever the school words beside.
H. A man who lies down in the child's bed at night: sexual.
I. A stranger who «showed me his own»: sexual.
J. Filmed crying or beaten in the toilet and posted: bullying, not the sexual reply.
K. «убейся», «сдохни» written to the writer: bullying (a parent's: violence), not the writer's own wish.
L. Older pupils in the plural («старшим», «старшие»): peers who extort, bullying.
M. Made to kneel before everyone: bullying (by a parent: violence).
N. «никому не могу сказать»: a sorrow one cannot tell, distress, not a secret demanded.
False alarms: a bruise after a jab, a child crying over a cartoon watched together.
Q. Grief for a relative said with «никто» («после смерти бабушки никто меня не понимает») got the suicide
   reply (ru.gone_and_nobody_notices, [die, nobody]): the rule now needs the writer (я, меня, мой) and yields
   to a relative's death; «умру — никто не заметит», «после моей смерти никто не заплачет» stay suicide.
"""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.content.base import parse_yaml
from bot.crisis import CrisisDetector
from bot.crisis.detector import RULES_DIR
from bot.crisis.rule_files import read_rule_files
from bot.views.crisis import reply_kind
from tests.support.crisis_eval import EVAL_DIR, assert_kind, round_items

pytestmark = pytest.mark.no_database

CONTENT = Content.load()
CRISIS, QUIET = round_items("ru_round11")
REPLIES = [
    (i["text"], i["reply"])
    for i in parse_yaml((EVAL_DIR / "ru_round11.yaml").read_text("utf-8"))["items"]
    if "reply" in i
]


@pytest.mark.parametrize(("text", "cat"), CRISIS)
def test_each_class_gets_its_kind(detector: CrisisDetector, text: str, cat: str) -> None:
    assert_kind(detector, text, cat)


@pytest.mark.parametrize(("text", "cat"), CRISIS)
def test_a_rule_fires_on_each(rules_only: CrisisDetector, text: str, cat: str) -> None:
    """The rules alone (the n-gram net's threshold moves with every refit)."""
    assert_kind(rules_only, text, cat)
    finding = rules_only.detect(text)
    assert finding is not None and not finding.rule.startswith("ngrams"), finding


@pytest.mark.parametrize("text", QUIET)
def test_the_look_alikes_stay_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None, detector.detect(text)


@pytest.mark.parametrize(("text", "kind"), REPLIES)
def test_the_reply_fits_the_class(detector: CrisisDetector, text: str, kind: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert reply_kind(finding, CONTENT) == kind, (text, finding)


# --- O: every sexual rule about pictures gets the online reply ---------------------------------------------

# Beginnings of the words (as the rule files spell them) that name a picture, filming, a camera or blackmail,
# Russian and Kazakh: a concept with one of them is about pictures.
PICTURE_WORDS = (
    "фото", "фотк", "фотограф", "сфот", "фотат", "видео", "видос", "снимок", "нюд", "нуд", "nude", "камер",
    "вебк", "шантаж", "скрин", "селфи", "снима", "снять", "засня", "сурет", "бопса", "түсір",
)  # fmt: skip
# Sexual rules left out of the online group on purpose, with the reason: such a concept for another of its
# words, or a picture that is none of the child's.
NOT_ONLINE = {
    "ru.under_clothes": "nude: a skirt, underwear; a hand under clothes",
    "ru.skirt_lifted": "nude: a skirt lifted to mock",
    "ru.clothes_off_me": "take_off: «снять» clothes off the child",
    "ru.clothes_off_forced": "take_off: «снять» clothes off the child",
    "ru.clothes_off_demanded": "take_off: «снять» clothes off the child",
    "ru.clothes_off_child": "take_off: «снять» clothes off the child",
    "kk.undressed": "k_undress: «шешіп түсірді», clothes taken off",
    "kk.eleven_shameful_video_shown": "a shameful video shown to the child, none of theirs",
    "kk.eleven_undressed_secret": "k_nude: undressed with an adult («іштансыз»), a secret; no picture",
}


def _picture_concepts(data: dict) -> set[str]:
    words: dict[str, set[str]] = {}
    for section in ("russian", "kazakh"):
        for part in ("lemmas", "prefixes", "words", "stems"):
            for concept, items in (data.get(section, {}).get(part) or {}).items():
                words.setdefault(concept, set()).update(w.partition("@")[0].lower() for w in items)
    return {c for c, ws in words.items() if any(w.startswith(PICTURE_WORDS) for w in ws)}


def test_every_sexual_rule_about_pictures_gets_the_online_reply() -> None:
    data = read_rule_files(RULES_DIR)
    pictures = _picture_concepts(data)
    online = set(CONTENT.crisis.rule_groups["online"])
    about = {
        r["id"]
        for r in data["rules"]
        if r["category"] == "sexual" and {c.rstrip("+-") for c in r["all"]} & pictures
    }
    missing = sorted(about - online - set(NOT_ONLINE))
    assert not missing, f"add to content/crisis.yaml rule_groups.online, or to NOT_ONLINE: {missing}"
    rules = {r["id"] for r in data["rules"]}
    stale = sorted(r for r in set(NOT_ONLINE) & rules if r not in about - online)
    assert not stale, f"exceptions that are no longer ones: {stale}"


# --- M in Kazakh: a parent whose child left home and is gone (situations.yaml kk.sit_child_left_home_*) ---

KK_LEFT_HOME = [
    "ұлым кеше үйден кетіп қалды, телефоны өшірулі",
    "қызым ұрсысқаннан кейін үйден кетіп қалды, қайдан іздеймін",
    "qyzym uiden ketip qaldy, telefony oshiruli",
    "балам түнде үйден шығып кетті, әлі жоқ",
    "улым кеше уйден кетип калды, телефонын алмайды",
]
KK_NOT_GONE = [
    "ұлым таңертең үйден мектепке кетті",
    "ұлым кеше үйден әскерге кетті",
    "қызым кеше үйден университетке кетті, телефоны өшірулі",
]


@pytest.mark.parametrize("text", KK_LEFT_HOME)
def test_kk_child_left_home_gets_the_missing_reply(detector: CrisisDetector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None and finding.locale == "kk", (text, finding)
    assert reply_kind(finding, CONTENT) == "adult_missing", (text, finding)


@pytest.mark.parametrize("text", KK_NOT_GONE)
def test_kk_child_gone_to_school_or_the_army_is_no_missing_child(
    rules_only: CrisisDetector, text: str
) -> None:
    finding = rules_only.detect(text)
    assert finding is None or CONTENT.crisis.group_of(finding.rule) != "missing", (text, finding)
