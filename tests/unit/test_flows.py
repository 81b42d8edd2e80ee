"""The shared wizard toolkit: the one date and time reading, grade ticks, typed callback data of a wizard."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import Message

from bot.clock import KZ
from bot.content import Content
from bot.flows import revise
from bot.flows.buttons import pickers
from bot.flows.change_header import CHANGING as CHANGING_KEY
from bot.flows.change_header import changing_header, changing_label
from bot.flows.grades import GRADES, SCHOOL_GRADES, GradeAct, grades_of, toggled
from bot.flows.moments import MomentError, Problem, day_in_bounds, parse_moment
from bot.flows.org_picker import OrgAct, tree_keyboard
from bot.flows.step_count import counted_steps, numbered
from bot.flows.wizard import ASKED, COUNTED, Step, StepOf, Wizard, WizardTexts, draft_step
from bot.i18n import compile_catalogs, create_i18n
from bot.measures import Catalogue
from bot.views.paging import paginate
from bot.views.post_keyboards import PostCb, PostGradeCb, PostOrgCb, PostPageCb, PostScopeCb, PostUrgencyCb
from db.models import Organisation

pytestmark = pytest.mark.no_database

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=KZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25.12.2026 18:30", datetime(2026, 12, 25, 18, 30, tzinfo=KZ)),
        ("  25.12.2026   18:30 ", datetime(2026, 12, 25, 18, 30, tzinfo=KZ)),
        ("25/12/2026 18.30", datetime(2026, 12, 25, 18, 30, tzinfo=KZ)),
        ("25.12.2026, 18:30", datetime(2026, 12, 25, 18, 30, tzinfo=KZ)),
        ("5.1.2027 9:05", datetime(2027, 1, 5, 9, 5, tzinfo=KZ)),
        ("25.12 18:30", datetime(2026, 12, 25, 18, 30, tzinfo=KZ)),
        # Without a year: the next such date, so early January typed in December is next year's.
        ("05.01 10:00", datetime(2027, 1, 5, 10, 0, tzinfo=KZ)),
        ("05.12 11:00", datetime(2027, 12, 5, 11, 0, tzinfo=KZ)),
    ],
)
def test_accepted_forms(text: str, expected: datetime) -> None:
    assert parse_moment(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("завтра вечером", Problem.UNREADABLE),
        ("25.12.2026", Problem.UNREADABLE),
        ("18:30", Problem.UNREADABLE),
        ("2026-12-25 18:30", Problem.UNREADABLE),
        ("", Problem.UNREADABLE),
        ("31.02.2027 10:00", Problem.NO_SUCH_DAY),
        ("25.12.2026 24:10", Problem.NO_SUCH_DAY),
        ("01.01.2020 10:00", Problem.PAST),
        ("05.12.2026 12:00", Problem.PAST),  # now is not in the future
    ],
)
def test_refused_forms_say_why(text: str, problem: Problem) -> None:
    with pytest.raises(MomentError) as caught:
        parse_moment(text, NOW)
    assert caught.value.problem is problem


def test_every_moment_is_at_most_a_year_ahead() -> None:
    """An event moved to 31.12.9999 broke its calendar file: the limit holds unless a flow asks for more."""
    for far in ("01.01.2028 18:00", "31.12.9999 18:00"):
        with pytest.raises(MomentError) as caught:
            parse_moment(far, NOW)
        assert caught.value.problem is Problem.TOO_FAR
    assert parse_moment("01.12.2027 18:00", NOW) == datetime(2027, 12, 1, 18, 0, tzinfo=KZ)
    assert parse_moment("01.01.2028 18:00", NOW, max_ahead=timedelta(days=800)).year == 2028


def test_typed_days_keep_within_sane_bounds() -> None:
    today = NOW.date()
    assert day_in_bounds(date(2000, 1, 1), today) and day_in_bounds(date(2027, 12, 6), today)
    for day in (date(999, 1, 1), date(1999, 12, 31), date(2027, 12, 7), date(9999, 12, 31)):
        assert not day_in_bounds(day, today)


def test_the_moment_is_read_in_kazakhstan_time_whatever_the_clock_zone() -> None:
    utc_now = NOW.astimezone(datetime.now().astimezone().tzinfo)
    assert parse_moment("25.12 18:30", utc_now).utcoffset() == timedelta(hours=5)


def test_grades_tick_in_school_order_and_by_kind() -> None:
    assert toggled(None, "7", GRADES) == ["7"]
    assert toggled(["7"], "pre", GRADES) == ["pre", "7"]
    assert toggled(["pre", "7"], "7", GRADES) == ["pre"]
    assert grades_of("kindergarten") == ("pre",)
    assert grades_of("college") == ("college",)
    # A school has no «college» grade; an area (a post to a district) may reach every kind.
    assert grades_of("school") == SCHOOL_GRADES == tuple(g for g in GRADES if g != "college")
    assert grades_of("district") == GRADES


def test_each_press_of_a_wizard_reads_as_exactly_one_typed_class() -> None:
    classes = (PostCb, PostScopeCb, PostUrgencyCb, PostOrgCb, PostPageCb, PostGradeCb)
    presses = [
        PostCb(act="n"),
        PostScopeCb(code="SCH1"),
        PostUrgencyCb(urgency="urgent"),
        PostOrgCb(act=OrgAct.tick, code="SCH1"),
        PostPageCb(page=2),
        PostGradeCb(act=GradeAct.toggle, grade="5"),
        PostGradeCb(act=GradeAct.all),
    ]
    for press in presses:
        data = press.pack()
        assert data.startswith("pst:")
        readers = []
        for cls in classes:
            try:
                readers.append(cls.unpack(data))
            except (TypeError, ValueError):
                continue
        assert readers == [press], data


def test_a_forged_value_reads_as_no_press_at_all() -> None:
    for data in ("pst:tg:13", "pst:u:loud", "pst:pg:x", "pst:zz"):
        for cls in (PostCb, PostUrgencyCb, PostPageCb, PostGradeCb):
            with pytest.raises((TypeError, ValueError)):
                cls.unpack(data)


def _org(code: str, kind: str, name: str) -> Organisation:
    return Organisation(code=code, kind=kind, parent_code=None, name_kk=name, name_ru=name)


def test_the_tree_keyboard_opens_areas_picks_organisations_and_pages_with_any_callback_data() -> None:
    items = [_org("d1", "district", "District"), *(_org(f"s{n}", "school", f"School {n}") for n in range(9))]
    made: list[tuple[OrgAct, str]] = []

    def org(act: OrgAct, code: str) -> PostOrgCb:
        made.append((act, code))
        return PostOrgCb(act=act, code=code)

    markup = tree_keyboard(org, lambda n: PostPageCb(page=n), paginate(items, 0), "ru", [], folder="📂 ")
    texts = [[b.text for b in row] for row in markup.inline_keyboard]
    assert texts[0] == ["📂 District"] and texts[1] == ["School 0"]
    assert texts[-1] == ["▶️"]  # nine schools and a district: a second page
    assert made[:2] == [(OrgAct.open, "d1"), (OrgAct.pick, "s0")]
    assert markup.inline_keyboard[-1][0].callback_data == "pst:pg:1"


def test_a_wizard_cancel_ends_only_its_own_conversations() -> None:
    class First(StatesGroup):
        one = State()

    class Side(StatesGroup):
        two = State()

    class Other(StatesGroup):
        three = State()

    texts = WizardTexts(str, str, str)
    wizard = Wizard(Router(), "t", "t", texts, First, Side)
    assert wizard.is_mine(First.one.state) and wizard.is_mine(Side.two.state)
    assert not wizard.is_mine(Other.three.state) and not wizard.is_mine(None)


def test_pickers_under_a_prefix_are_seen_by_the_wizard_and_by_nothing_else() -> None:
    org, page, grade = pickers("tst")
    assert org(act=OrgAct.pick, code="X").pack() == "tst:o:X"
    assert page(page=3).pack() == "tst:pg:3"
    assert grade(act=GradeAct.done).pack() == "tst:gd:"
    with pytest.raises((TypeError, ValueError)):
        PostOrgCb.unpack("tst:o:X")


HEADERS = {
    "en": ("<b>New post · step 3 of 6</b>", "<b>Progress update · step 1 of 5</b>"),
    "kk": ("<b>Жаңа хабарландыру · 3/6-қадам</b>", "<b>Жол картасы бойынша есеп · 1/5-қадам</b>"),
    "ru": ("<b>Новое объявление · шаг 3 из 6</b>", "<b>Отчёт по дорожной карте · шаг 1 из 5</b>"),
}
CHANGING = {"en": "✏️ Changing: {}", "kk": "✏️ Өзгерту: {}", "ru": "✏️ Изменение: {}"}


@pytest.mark.parametrize("locale", ["en", "kk", "ru"])
def test_a_question_changed_from_the_summary_names_the_part_instead_of_a_step(locale: str) -> None:
    """The header of any wizard keeps its name; the step's number gives way to the part being changed."""
    compile_catalogs()
    with create_i18n("kk").context():
        for header in HEADERS[locale]:
            name = header[3:].partition(" · ")[0]
            text = changing_header(f"{header}\nThe question?\n<i>Currently: x</i>", "Recipients & co", locale)
            first, _, rest = text.partition("\n")
            assert first == f"<b>{name} · {CHANGING[locale].format('Recipients &amp; co')}</b>"
            assert rest == "The question?\n<i>Currently: x</i>"
            assert not re.search(r"\d", first)
        # Not a step's header: shown as it is.
        for text in (
            "⚠️ The Kazakh text looks like Russian.",
            "<b>Check before sending</b>",  # one line, no question under it
            "<b>What would you like to change?</b> Everything else stays as it is.\nx",
            "Chosen: <b>2</b>\n<b>3</b>",
        ):
            assert changing_header(text, "Recipients", locale) == text
        no_name = changing_header("<b>Step 2 of 3</b>\nQ?", "Time", locale)
        assert no_name == f"<b>{CHANGING[locale].format('Time')}</b>\nQ?"


async def test_the_draft_has_no_step_number_while_a_part_is_changed() -> None:
    """`draft_step`, which the «draft still open» notes quote: none while a part is changed, and `Step.show`
    puts the part in the header only then."""
    storage = MemoryStorage()
    state = FSMContext(storage, StorageKey(bot_id=1, chat_id=2, user_id=2))
    await state.set_state("PostAuthoring:urgency")
    await state.update_data({COUNTED: ["text_kk", "text_ru", "urgency", "when"]})
    assert await draft_step(state) == (3, 4)
    await state.update_data({CHANGING_KEY: {"part": "mode", "label": "Mode", "was": {}, "absent": []}})
    assert await draft_step(state) is None
    assert changing_label(await state.get_data()) == "Mode"
    await state.update_data({CHANGING_KEY: None})
    assert await draft_step(state) == (3, 4) and changing_label(await state.get_data()) is None


def _state() -> FSMContext:
    return FSMContext(MemoryStorage(), StorageKey(bot_id=1, chat_id=2, user_id=2))


async def _step(state: FSMContext, message_id: int = 7, **given: object) -> Step:
    """The step a wizard's handler gets (through its `StepOf` filter), on the bot's message `message_id`."""
    message = Message.model_construct(message_id=message_id)
    made = await StepOf("t")(message, state, None, None, None, None, "kk", **given)  # type: ignore[arg-type]
    assert isinstance(made, dict)
    return made["step"]


async def test_a_step_carries_what_the_handler_was_given() -> None:
    """What a step calls (✏️ Change's callbacks) gets the dispatcher's content and roadmaps from the step."""
    content, catalogue = Content.model_construct(), Catalogue.model_construct()
    step = await _step(_state(), content=content, catalogue=catalogue, settings="s")
    assert step.content is content and step.catalogue is catalogue
    assert step.given["settings"] == "s"
    bare = await _step(_state())
    for read in (lambda: bare.content, lambda: bare.catalogue):
        with pytest.raises(LookupError):
            read()


def test_a_step_off_the_path_is_counted_and_numbered_without_error() -> None:
    """A part asked again from the summary whose step the draft's answers skipped (/event's kind in a Family
    Hour month): nothing new counted, and a number after the rest (its header names the part instead)."""
    path = ["topic_kk", "topic_ru", "when", "place", "capacity"]
    assert counted_steps(path, path, "kind") == path
    assert counted_steps([], path, "kind") == path
    assert counted_steps(["a", "kind", "b"], ["a", "b"], "kind") == ["a", "kind", "b"]
    assert numbered("kind", path) == (6, 6)
    assert numbered("when", path) == (3, 5)


async def test_a_part_asked_again_here_is_put_back_and_change_counts_here() -> None:
    """⬅️ Back at a later question of a part (a new message): the part as it was on the summary, its first
    question asked on this message, and Change counting on it; the menu's ⬅️ Back puts it back the same way."""
    state = _state()
    changing = {"part": "titles", "label": "Titles", "was": {"title": "old"}, "absent": ["title_ru"]}
    data = {"title": "new", "title_ru": "жаңа", "slug": "x", revise.REVISING: changing, revise.SUMMARY: 3}
    await state.set_data(data)
    step = await _step(state, message_id=9)
    assert revise.elsewhere(await step.data(), 9) and not revise.elsewhere(await step.data(), 3)
    asked: list[tuple[str, dict[str, object]]] = []

    async def ask(at: Step, part: str) -> None:
        asked.append((part, await at.data()))

    assert await revise.again_here(step, ask)
    after = await state.get_data()
    assert after["title"] == "old" and "title_ru" not in after and after["slug"] == "x"
    assert after[revise.SUMMARY] == 9 and revise.revising(after) == "titles"
    assert asked == [("titles", after)]
    await revise.counts_on(step, 11)
    assert revise.elsewhere(await state.get_data(), 9)
    # Nothing being changed: nothing to put back.
    await state.set_data({"title": "x"})
    assert not await revise.again_here(step, ask) and len(asked) == 1


def test_back_goes_to_the_change_menu_only_at_the_first_question_of_the_part_changed() -> None:
    """`revise.back_for`, every wizard's ⬅️ Back under a question, given the wizard's own two buttons."""
    changing = {revise.REVISING: {"part": "to", "label": "To"}}
    assert revise.back_for(changing, "to", "menu", "back") == "menu"
    assert revise.back_for(changing, "to", "menu", "back", first=False) == "back"  # a later question of it
    others: list[tuple[dict[str, Any], str | None]] = [
        (changing, "when"),
        (changing, None),
        ({}, "to"),
        ({}, None),
        ({revise.REVISING: None}, "to"),
    ]
    for data, part in others:
        assert revise.back_for(data, part, "menu", None) is None


class _CountingStorage(MemoryStorage):
    """Counts every read of the FSM storage (get_state, get_data; update_data reads through get_data)."""

    reads = 0

    async def get_state(self, key: StorageKey) -> str | None:
        self.reads += 1
        return await super().get_state(key)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        self.reads += 1
        return await super().get_data(key)


class _Question:
    """The bot's message a step is shown on; `during` runs while a new one is sent (another update writes)."""

    def __init__(self, during: Callable[[], Awaitable[None]]) -> None:
        self.message_id, self.during, self.shown = 7, during, ""

    async def edit_text(self, text: str, reply_markup: object = None) -> None:
        self.shown = text

    async def answer(self, text: str, reply_markup: object = None) -> _Question:
        self.shown = text
        await self.during()
        return _Question(self.during)


@pytest.mark.parametrize(("edit", "reads"), [(True, 2), (False, 3)])
async def test_a_step_is_shown_on_one_read_of_the_draft_and_a_fresh_one_after_a_send(
    edit: bool, reads: int
) -> None:
    """`Step.show`: the state and the draft read once (the header, and an edit's note of the message asking);
    a question sent as a new message reads the draft again after the send, so what was written meanwhile
    stays. The header names the part being changed, and the draft notes the message asking the step."""
    storage = _CountingStorage()
    state = FSMContext(storage, StorageKey(bot_id=1, chat_id=2, user_id=2))
    await state.set_state("PostAuthoring:urgency")
    await state.set_data({"kept": 1, CHANGING_KEY: {"part": "mode", "label": "Mode"}})

    async def meanwhile() -> None:
        await state.update_data({"meanwhile": 2})
        storage.reads -= 1  # another update's read, not the step's

    question = _Question(meanwhile)
    step = Step("t", question, state, None, None, None, None, "en")  # type: ignore[arg-type]
    storage.reads = 0
    compile_catalogs()
    with create_i18n("kk").context():
        shown_on = await step.show("<b>New post · step 3 of 6</b>\nQ?", None, edit=edit)
    assert storage.reads == reads
    data = await state.get_data()
    assert data[ASKED] == {"step": "PostAuthoring:urgency", "message": shown_on} and data["kept"] == 1
    assert data.get("meanwhile") == (None if edit else 2)
    assert question.shown.startswith("<b>New post · ✏️ Changing: Mode</b>\nQ?")
