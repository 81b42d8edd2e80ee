"""At a step of /post, /event, /update or /upload that only its buttons answer, a photo, a sticker, a voice
message or typed text gets one reminder in the user's language, quoting the step's question, and the draft
goes on to its Confirm: such messages used to reach the bot's general answer (the helplines and the main
menu) and leave the step unexplained. And along every branch of each wizard the header «step N of M» counts
steadily: M never shrinks, N never goes back unless Back is pressed, N never passes M, and the last step is
«M of M» (a coordinator who sent a post to a college alone saw «4 of 7», then «5 of 6»)."""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.emulator.sample_media import PDF
from bot.factory import Overrides
from bot.flows.wizard import press_a_button
from db.models import Organisation
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_with, buttons, callback_buttons, next_with, pick_language
from tests.support.org_tree import DISTRICT, OTHER_DISTRICT, SCHOOL, add_tree, grant
from tests.support.small_plan import small_catalogue

PSY, COORD = 8901, 8902
HEADER = re.compile(r"(\d+)/(\d+)-қадам|шаг (\d+) из (\d+)")
COLLEGE = "t-dis-c1"
Message = dict[str, Any]


def plain(text: str) -> str:
    """A view's Telegram HTML as the chat shows it."""
    return re.sub(r"<[^>]+>", "", text)


@dataclass
class Walk:
    """One staff member going through a wizard: what each button step answered, and every header seen."""

    app: RunningApp
    user: Any
    locale: str
    headers: list[tuple[int, int]] = field(default_factory=list)
    backs: set[int] = field(default_factory=set)  # indexes of `headers` reached with ⬅️ Back
    reminded: int = 0

    def t(self, msgid: str) -> str:
        return plain(str(self.app.dp["i18n"].gettext(msgid, locale=self.locale)))

    def count(self, message: Message, *, back: bool = False) -> Message:
        """The step number and total of the header of `message`, as it is now."""
        found = HEADER.search(str(message["text"]))
        assert found, f"no step number in {message['text']!r}"
        number, total = (int(g) for g in found.groups() if g is not None)
        if back:
            self.backs.add(len(self.headers))
        self.headers.append((number, total))
        return message

    async def buttons_only(self, message: Message, *, typed: str | None = None) -> Message:
        """A photo and a sticker (and, when `typed` is given, that text and a voice message) at the step
        `message` asks: each gets the reminder, quoting that message, and the step's buttons stay as they
        were."""
        with self.app.dp["i18n"].context():
            reminder = plain(press_a_button(self.locale))
        keyboard = callback_buttons(message)
        # The bot has done with the update that asked the step (it keeps which message asks it after
        # sending it); a person cannot answer that fast.
        await self.app.idle()
        sends: list[Callable[[], Awaitable[Any]]] = [self.user.send_photo, self.user.send_sticker]
        if typed is not None:
            sends += [lambda: self.user.send(typed), self.user.send_voice]
        for send in sends:
            await send()
            reply = await self.user.next_message()
            assert reply["text"] == reminder, (reply["text"], reminder)
            assert (reply.get("reply_to_message") or {}).get("message_id") == message["message_id"]
            assert not buttons(reply)  # not the main menu
            self.reminded += 1
        assert callback_buttons(message) == keyboard
        return message

    async def step(self, message: Message, *, back: bool = False, typed: str | None = None) -> Message:
        """A button step with a header: counted, then tried with media."""
        self.count(message, back=back)
        return await self.buttons_only(message, typed=typed)

    async def press(self, message: Message, label: str) -> Message:
        """Presses the button with `label` in it (translated); the message as the press edited it."""
        await self.user.press(message, button_with(message, self.t(label)))
        return await self.user.wait_edit(message)

    async def press_new(self, message: Message, label: str) -> Message:
        """Presses the button with `label` in it (translated); the next message the bot sends."""
        await self.user.press(message, button_with(message, self.t(label)))
        return await self.user.next_message()

    async def confirm(self, summary: str | Message, done: str) -> None:
        """The last step: the summary (the message, or the next one with this fragment) is a button step too,
        then Confirm, and the message with `done` says the draft was saved."""
        if isinstance(summary, str):
            summary = await next_with(self.user, self.t(summary))
        await self.buttons_only(summary)
        await self.user.press(summary, button_with(summary, self.t("Confirm")))
        assert not (await self.user.wait_edit(summary)).get("reply_markup")
        await next_with(self.user, done)

    def assert_steady(self) -> None:
        """The counters of this walk: from 1, the total never shrinks, the number never passes it and goes
        back only with Back, and the last step is «M of M»."""
        headers = self.headers
        assert headers[0][0] == 1, headers
        assert all(1 <= number <= total for number, total in headers), headers
        totals = [total for _, total in headers]
        assert totals == sorted(totals), headers
        for index, (before, after) in enumerate(itertools.pairwise(headers), start=1):
            assert index in self.backs or after[0] >= before[0], headers
        assert headers[-1][0] == headers[-1][1], headers
        assert self.reminded > 0
        assert self.app.emu.rejections == []


async def _staff(app: RunningApp, user_id: int, locale: str, *grants: tuple[str, str]) -> Walk:
    sessionmaker = app.dp["sessionmaker"]
    await add_tree(sessionmaker)
    async with sessionmaker() as session:
        session.add(
            Organisation(
                code=COLLEGE,
                kind="college",
                parent_code=DISTRICT,
                name_kk="№ 1 колледж",
                name_ru="Колледж № 1",
            )
        )
        await session.commit()
    for role, scope in grants:
        await grant(sessionmaker, user_id, role, scope)
    user = app.emu.user(user_id)
    await pick_language(user, locale)
    return Walk(app, user, locale)


ORG = {
    "school": {"kk": "№ 1 мектеп", "ru": "Школа № 1"},
    "college": {"kk": "№ 1 колледж", "ru": "Колледж № 1"},
    "district": {"kk": "Сынақ ауданы", "ru": "Тестовый район"},
}


# --- /post ----------------------------------------------------------------------------------------------


async def _post_texts(walk: Walk) -> Message:
    """/post's two texts; returns the attachment step."""
    user = walk.user
    await user.send("Ертең ата-аналар жиналысы болады.")
    walk.count(await user.next_message())
    await user.send("Завтра родительское собрание.")
    return walk.count(await user.next_message())


async def _post_tail(walk: Walk, urgency: Message, mode: str, done: str) -> None:
    """Urgency, when (now), the summary and Confirm."""
    when = await walk.step(await walk.press(urgency, mode))
    await walk.user.press(when, button_with(when, walk.t("Now")))
    await walk.confirm("<b>Check before sending</b>", done)


async def post_for_a_school(app: RunningApp, locale: str) -> Walk:
    """A psychologist of a school who also coordinates another district: whom it is from (the school, so no
    organisations are asked after all), the grades, the urgency, when, the summary."""
    walk = await _staff(app, PSY, locale, ("psychologist", SCHOOL), ("coordinator", OTHER_DISTRICT))
    user = walk.user
    await user.send("/post")
    scope = await walk.step(await user.next_message(), typed=ORG["school"][locale])
    await user.press(scope, button_with(scope, ORG["school"][locale]))
    await user.wait_edit(scope)  # its buttons go
    walk.count(await user.next_message())  # the Kazakh text
    media = await _post_texts(walk)
    grades = await walk.step(await walk.press_new(media, "No attachment"), typed=walk.t("All grades"))
    await _post_tail(walk, await walk.step(await walk.press(grades, "All grades")), "Normal", "✅")
    return walk


async def post_for_a_college(app: RunningApp, locale: str) -> Walk:
    """A coordinator of two districts: whom it is from, everyone in the district (the grades are asked), Back,
    then the college alone (the grades are not: it has one), the urgency, when, the summary."""
    grants = (("coordinator", DISTRICT), ("coordinator", OTHER_DISTRICT))
    walk = await _staff(app, COORD, locale, *grants)
    user = walk.user
    await user.send("/post")
    scope = await walk.step(await user.next_message(), typed=ORG["district"][locale])
    await user.press(scope, button_with(scope, ORG["district"][locale]))
    await user.wait_edit(scope)  # its buttons go
    walk.count(await user.next_message())  # the Kazakh text
    media = await _post_texts(walk)
    orgs = await walk.step(await walk.press_new(media, "No attachment"))
    await user.press(orgs, button_with(orgs, "📣"))  # everyone in the district
    grades = await walk.step(await user.wait_edit(orgs))
    orgs = walk.count(await walk.press(grades, "⬅️ Back"), back=True)
    await user.press(orgs, button_with(orgs, ORG["college"][locale]))
    orgs = walk.count(await user.wait_edit(orgs))  # ticked
    urgency = await walk.step(await walk.press(orgs, "Done"))
    await _post_tail(walk, urgency, "Silent", "✅")
    return walk


# --- /event ---------------------------------------------------------------------------------------------


async def _event_topics(walk: Walk) -> None:
    user = walk.user
    await user.send("/event")
    walk.count(await user.next_message())
    await user.send("Қауіпсіз интернет")
    walk.count(await user.next_message())
    await user.send("Безопасный интернет")
    walk.count(await user.next_message())  # the date


async def _event_tail(walk: Walk, capacity: Message) -> None:
    """No limit, the summary and Confirm."""
    await walk.user.press(capacity, button_with(capacity, walk.t("No limit")))
    await walk.confirm("<b>Check before announcing</b>", "✅")


async def event_for_a_school(app: RunningApp, locale: str) -> Walk:
    """A psychologist of one school, in a Family Hour month: the grades, Back to the place, the grades again,
    the places, the summary."""
    walk = await _staff(app, PSY, locale, ("psychologist", SCHOOL))
    await _event_topics(walk)
    user = walk.user
    await user.send("20.12.2026 18:30")
    walk.count(await user.next_message())  # the place: the kind is not asked
    await user.send("Актовый зал")
    grades = await walk.step(await user.next_message(), typed="5")
    walk.count(await walk.press(grades, "⬅️ Back"), back=True)  # the place, typed again
    await user.send("Мәжіліс залы")
    grades = walk.count(await user.next_message())
    capacity = walk.count(await walk.press(grades, "All grades"))
    await _event_tail(walk, capacity)
    return walk


async def event_for_a_college(app: RunningApp, locale: str) -> Walk:
    """A district coordinator: a January date asks the kind, a December date typed there after all does not;
    then everyone in the district (the grades are asked), Back, the college alone (they are not)."""
    walk = await _staff(app, COORD, locale, ("coordinator", DISTRICT))
    await _event_topics(walk)
    user = walk.user
    await user.send("20.01.2027 18:30")
    walk.count(await user.next_message())  # the kind
    await user.send("20.12.2026 18:30")  # a Family Hour after all
    walk.count(await user.next_message())  # the place
    await user.send("Актовый зал")
    orgs = await walk.step(await user.next_message())
    await user.press(orgs, button_with(orgs, "📣"))  # everyone in the district
    grades = await walk.step(await user.wait_edit(orgs))
    orgs = walk.count(await walk.press(grades, "⬅️ Back"), back=True)
    await user.press(orgs, button_with(orgs, ORG["college"][locale]))
    capacity = walk.count(await user.wait_edit(orgs))
    await _event_tail(walk, capacity)
    return walk


# --- /update --------------------------------------------------------------------------------------------


async def _update_tail(walk: Walk, status: Message, visibility: str) -> Message:
    """The status (in progress), public or internal; returns the message after that."""
    public = await walk.step(await walk.press(status, "in progress"))
    await walk.user.press(public, button_with(public, walk.t(visibility)))
    return await walk.user.next_message()


async def update_chosen_from_the_list(app: RunningApp, locale: str) -> Walk:
    """A psychologist of one school: the section, the measure (two figures), the texts, figures and date
    typed, no evidence, the status, internal, the summary."""
    walk = await _staff(app, PSY, locale, ("psychologist", SCHOOL))
    user = walk.user
    await user.send("/update")
    sections = await walk.step(await user.next_message(), typed="1")
    section = {"kk": "Ата-аналармен жұмыс", "ru": "Работа с родителями"}[locale]
    measures = await walk.step(await walk.press(sections, section))
    measure = {"kk": "Ата-аналар жиналысы", "ru": "Родительские собрания"}[locale]
    await user.press(measures, button_with(measures, measure))
    for typed in ("Жиналыс өтті.", "Собрание прошло.", "120", "3"):
        walk.count(await user.next_message())
        await user.send(typed)
    when = walk.count(await user.next_message())
    await user.press(when, button_with(when, walk.t("Today")))
    evidence = walk.count(await user.next_message())
    status = await walk.step(await walk.press_new(evidence, "No evidence"))
    await walk.confirm(await _update_tail(walk, status, "Internal"), "✅")  # the school is not asked
    return walk


async def update_by_number_for_the_district(app: RunningApp, locale: str) -> Walk:
    """A district coordinator names the measure: the Russian text skipped, today, no evidence, the status,
    public (so the Russian text is asked after all), for which organisation, Back, public again, the
    organisation, the summary."""
    walk = await _staff(app, COORD, locale, ("coordinator", DISTRICT))
    user = walk.user
    await user.send("/update 3")
    walk.count(await user.next_message())
    await user.send("Стендтер жаңартылды.")
    text_ru = walk.count(await user.next_message())
    when = walk.count(await walk.press_new(text_ru, "Skip"))
    evidence = walk.count(await walk.press_new(when, "Today"))
    status = await walk.step(await walk.press_new(evidence, "No evidence"))
    walk.count(await _update_tail(walk, status, "Public: parents see it"))  # the Russian text
    await user.send("Стенды обновлены.")
    orgs = await walk.step(await user.next_message())
    public = await walk.step(await walk.press(orgs, "⬅️ Back"), back=True)
    await user.press(public, button_with(public, walk.t("Internal")))
    orgs = await walk.step(await user.next_message())
    # The area itself («📍 Район в целом» for a district, «📍 Сюда: …» for a city).
    await user.press(orgs, button_with(orgs, "📍 "))
    await walk.confirm("Please check the update:", "✅")
    return walk


# --- /upload --------------------------------------------------------------------------------------------


async def _upload_file(walk: Walk, file_step: Message) -> Message:
    """The file, its language (both), its suggested title in Kazakh and a typed one in Russian; returns the
    message after the titles."""
    walk.count(file_step)
    user = walk.user
    await user.send_document(file_name="Буллинг.pdf", data=PDF + b"% buttons\n", mime_type="application/pdf")
    language = await walk.step(await user.next_message())
    title = walk.count(await walk.press(language, "Both languages"))
    await user.press(title, 0)  # the file's name, suggested
    walk.count(await user.next_message())  # the Russian title, a step of its own
    await user.send("Памятка о буллинге")
    return await user.next_message()


async def upload_for_a_lesson(app: RunningApp, locale: str) -> Walk:
    """A psychologist proposes a file for a lesson topic: the way, the age group, the topic, the file, its
    language, the title, the preview."""
    walk = await _staff(app, PSY, locale, ("psychologist", SCHOOL))
    user = walk.user
    await user.send("/upload")
    start = await walk.step(await user.next_message(), typed=walk.t("Lesson topic"))
    groups = await walk.step(await walk.press(start, "📚"))
    await user.press(groups, 0)
    topics = await walk.step(await user.wait_edit(groups))
    await user.press(topics, 0)
    preview = await _upload_file(walk, await user.wait_edit(topics))
    await walk.buttons_only(preview)
    await user.press(preview, button_with(preview, walk.t("Confirm")))
    await next_with(user, "✅")
    return walk


async def upload_for_a_memo(app: RunningApp, locale: str) -> Walk:
    """A coordinator adds a file to a memo: the way, the category, the memo, the file, its language, the
    title, for whom, the preview."""
    walk = await _staff(app, COORD, locale, ("coordinator", DISTRICT))
    user = walk.user
    await user.send("/upload")
    start = await walk.step(await user.next_message())
    categories = await walk.step(await walk.press(start, "📝"))
    await user.press(categories, 0)
    memos = await walk.step(await user.wait_edit(categories))
    await user.press(memos, 0)
    age = await walk.step(await _upload_file(walk, await user.wait_edit(memos)))
    preview = await walk.press(age, "All ages")
    await walk.buttons_only(preview)
    await user.press(preview, button_with(preview, walk.t("Confirm")))
    await next_with(user, "✅")
    return walk


WALKS: dict[str, Callable[[RunningApp, str], Awaitable[Walk]]] = {
    "post-school": post_for_a_school,
    "post-college": post_for_a_college,
    "event-school": event_for_a_school,
    "event-college": event_for_a_college,
    "update-list": update_chosen_from_the_list,
    "update-number": update_by_number_for_the_district,
    "upload-lesson": upload_for_a_lesson,
    "upload-memo": upload_for_a_memo,
}


@pytest.fixture
async def wizard_app(database_url: str, walk: str) -> AsyncIterator[RunningApp]:
    """The bot; for /update with a small roadmap over the test tree (the others keep the real one, whose
    Family Hour months /event's dates rely on: December is one, January is not)."""
    overrides = Overrides(catalogue=small_catalogue()) if walk.startswith("update") else None
    async with running_app(database_url, overrides) as running:
        yield running


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize("walk", sorted(WALKS))
async def test_button_steps_remind_and_count_steadily(wizard_app: RunningApp, walk: str, locale: str) -> None:
    done = await WALKS[walk](wizard_app, locale)
    done.assert_steady()
