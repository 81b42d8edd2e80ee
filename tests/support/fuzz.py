"""Generated updates of every kind the bot handles, and a driver that feeds them to the running bot.

Hypothesis draws `Action`s (plain data, so a failure prints a reproducible input); `Fuzzer.run` turns each
into updates through the emulator's simulated users, waits until the bot is idle and reports what went
wrong: an exception that reached the error handler (or escaped it), a request the emulator rejected as
Telegram would, a button press left unanswered.
"""

from __future__ import annotations

import asyncio
import logging
import string
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from aiogram.filters.callback_data import CallbackData
from hypothesis import strategies as st

from bot.emulator import Emulator
from bot.emulator.sample_media import MP4, OGG, PDF, PNG, WEBP
from bot.emulator.sim_chats import SimGroup
from bot.emulator.sim_queries import CallbackAnswer, open_query
from bot.emulator.users import SimUser, my_chat_member
from db.repositories import Repositories
from tests.support.app import ADMIN_ID, RunningApp
from tests.support.org_tree import DISTRICT, NOW, SCHOOL, add_tree, grant

KINDS = (
    "text",
    "command",
    "media",
    "callback",
    "inline",
    "my_chat_member",
    "edited",
    "group",
)
MEDIA = ("photo", "document", "voice", "sticker", "video")
# The cast: a stranger, a parent, a psychologist, a coordinator, the admin; one group holds them all.
FRESH, PARENT, PSY, COORD = 7_700_001, 7_700_002, 7_700_003, 7_700_004
CAST = (FRESH, PARENT, PSY, COORD, ADMIN_ID)
GROUP_ID = -1_001_770_000_001

COMMANDS = (
    "start", "menu", "help", "helplines", "sos", "memos", "lessons", "familyhour", "about", "measures",
    "measure", "language", "forget", "mydata", "subscribe", "mysubscriptions", "unsubscribe", "post",
    "update", "myupdates", "event", "upload", "materials", "stats", "qr", "invite", "invites", "staff",
    "channel", "cancel", "report", "status",
)  # fmt: skip
COMMAND_ARGS = (
    "", "1", "55", "0", "-1", "²", "٣", "99999999999999999999", "list", "school_krg-buh-s001",
    f"school_{SCHOOL}", "school_", "staff_", "staff_AAAAAAAAAAAAAAAA", "ru", "kk", "<b>x</b>", "a b c",
)  # fmt: skip
# Text that has broken bots before: markup, right-to-left and zero-width marks, combining characters,
# the helpline number, crisis words, digits of other scripts, the longest and the emptiest text.
SEEDS = (
    "<b>bold</b> & <i>", "&amp; &lt;", "\u202eRTL\u202c", "a\u200b\u200db", "е\u0301", "111", "150",
    "Мен өлгім келеді", "хочу умереть", "меня бьют", "12.12.2026 18:00", "31.12.9999", "25.12 18:30",
    "٣", "²", "𝟙𝟚", "🏳️‍🌈👨‍👩‍👧", "\n\n", "x" * 4096, "ё" * 4096, "/", "@", "#", "$", "*_`[",
)  # fmt: skip
ENTITY_TYPES = (
    "bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre", "text_link", "url", "mention",
    "hashtag", "cashtag", "bot_command", "email", "phone_number", "blockquote", "expandable_blockquote",
    "custom_emoji", "text_mention",
)  # fmt: skip


def callback_classes() -> list[type[CallbackData]]:
    """Every CallbackData class the bot's handlers and views define (imported by the root router)."""
    import handlers  # noqa: F401  (registers the classes)

    found: list[type[CallbackData]] = []
    pending = list(CallbackData.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if getattr(cls, "__prefix__", None):
            found.append(cls)
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit_bytes(text: str, limit: int = 64) -> str:
    data = text.encode()[:limit]
    return data.decode(errors="ignore")


@dataclass(frozen=True)
class Action:
    """One generated update, before it meets the bot's state (which keyboard, which own message)."""

    kind: str
    who: int
    text: str = ""
    entities: tuple[tuple[str, int, int], ...] = ()
    media: str = ""
    name: str = ""
    data: str = ""
    button: int = -1
    mutation: str = ""
    status: str = ""


# Strategies -----------------------------------------------------------------------------------------

any_char = st.characters(exclude_categories=("Cs",))  # no lone surrogates: Telegram's text is UTF-8
texts = st.one_of(
    st.text(any_char, min_size=1, max_size=60),
    st.text(
        st.characters(codec="utf-8", categories=("L", "N", "Zs", "P", "S", "M")), min_size=1, max_size=300
    ),
    st.sampled_from(SEEDS),
    st.builds(lambda a, b: a + " " + b, st.sampled_from(SEEDS), st.text(any_char, max_size=30)),
).filter(lambda t: bool(t.strip()))
captions = texts.map(lambda t: t[:1024])
commands = st.builds(
    lambda name, suffix, arg: f"/{name}{suffix}" + (f" {arg}" if arg else ""),
    st.sampled_from(COMMANDS),
    st.sampled_from(("", "", "", "@outreach_test_bot", "@other_bot")),
    st.one_of(st.sampled_from(COMMAND_ARGS), st.text(any_char, max_size=20)),
)


@st.composite
def entities_for(draw: st.DrawFn, text: str) -> tuple[tuple[str, int, int], ...]:
    size = utf16_len(text)
    if size == 0:
        return ()
    found = []
    for _ in range(draw(st.integers(0, 3))):
        offset = draw(st.integers(0, size - 1))
        length = draw(st.integers(1, size - offset))
        found.append((draw(st.sampled_from(ENTITY_TYPES)), offset, length))
    return tuple(found)


@st.composite
def text_actions(draw: st.DrawFn) -> Action:
    text = draw(texts)
    return Action("text", draw(st.sampled_from(CAST)), text=text, entities=draw(entities_for(text)))


@st.composite
def command_actions(draw: st.DrawFn) -> Action:
    text = draw(commands)
    return Action("command", draw(st.sampled_from(CAST)), text=text)


@st.composite
def media_actions(draw: st.DrawFn) -> Action:
    caption = draw(st.one_of(st.just(""), captions))
    return Action(
        "media",
        draw(st.sampled_from(CAST)),
        text=caption,
        entities=draw(entities_for(caption)),
        media=draw(st.sampled_from(MEDIA)),
        name=draw(
            st.one_of(
                st.sampled_from(("plan.pdf", "урок.docx", "a.exe", "x.PDF", ".pdf", "памятка.pptx")),
                st.text(any_char, min_size=1, max_size=40),
            )
        ),
    )


@st.composite
def callback_data(draw: st.DrawFn, prefixes: tuple[str, ...]) -> str:
    prefix = draw(st.sampled_from(prefixes))
    parts = draw(
        st.lists(
            st.one_of(
                st.integers(-(2**63), 2**63).map(str),
                st.sampled_from(("", "0", "1", "a", "x", SCHOOL, DISTRICT, "krg", "²", "-", "None", "true")),
                st.text(any_char, max_size=8),
            ),
            max_size=6,
        )
    )
    return fit_bytes(":".join([prefix, *parts])) or prefix


def callback_actions(prefixes: tuple[str, ...]) -> st.SearchStrategy[Action]:
    data = st.one_of(callback_data(prefixes), st.text(any_char, max_size=64).map(fit_bytes))
    return st.builds(
        Action,
        kind=st.just("callback"),
        who=st.sampled_from(CAST),
        data=data,
        button=st.integers(-1, 30),
        mutation=st.sampled_from(("", "", "", "truncate", "digits", "append", "swap", "replace")),
    )


inline_actions = st.builds(
    Action,
    kind=st.just("inline"),
    who=st.sampled_from(CAST),
    text=st.one_of(
        st.just(""), st.text(any_char, max_size=256), st.sampled_from(SEEDS).map(lambda t: t[:256])
    ),
)
member_actions = st.builds(
    Action,
    kind=st.just("my_chat_member"),
    who=st.sampled_from(CAST),
    status=st.sampled_from(("block", "unblock", "group_kicked", "group_admin", "group_member", "group_left")),
)


@st.composite
def edited_actions(draw: st.DrawFn) -> Action:
    text = draw(st.one_of(texts, commands))
    return Action("edited", draw(st.sampled_from(CAST)), text=text)


@st.composite
def group_actions(draw: st.DrawFn) -> Action:
    text = draw(st.one_of(texts, commands))
    return Action("group", draw(st.sampled_from(CAST)), text=text, entities=draw(entities_for(text)))


def actions(prefixes: tuple[str, ...]) -> st.SearchStrategy[Action]:
    return st.one_of(
        text_actions(),
        command_actions(),
        media_actions(),
        callback_actions(prefixes),
        inline_actions,
        member_actions,
        edited_actions(),
        group_actions(),
    )


def real_prefixes() -> tuple[str, ...]:
    return tuple(sorted({cls.__prefix__ for cls in callback_classes()}))


# The driver -------------------------------------------------------------------------------------------


def _entity(kind: str, offset: int, length: int, who: int) -> dict[str, Any]:
    entity: dict[str, Any] = {"type": kind, "offset": offset, "length": length}
    if kind == "text_link":
        entity["url"] = "https://example.org/<b>?a=1&b=2"
    elif kind == "pre":
        entity["language"] = "python"
    elif kind == "custom_emoji":
        entity["custom_emoji_id"] = "5368324170671202286"
    elif kind == "text_mention":
        entity["user"] = {"id": who, "is_bot": False, "first_name": "Mentioned"}
    return entity


def mutate(data: str, how: str, salt: str) -> str:
    if how == "truncate":
        return data[: max(1, len(data) // 2)]
    if how == "digits":
        return "".join("9" if c.isdigit() else c for c in data)
    if how == "append":
        return fit_bytes(data + ":" + salt)
    if how == "swap":
        head, _, tail = data.partition(":")
        return fit_bytes(tail + ":" + head) if tail else data
    if how == "replace":
        head, _, _ = data.partition(":")
        return fit_bytes(head + ":" + salt)
    return data


class ErrorLog(logging.Handler):
    """Keeps every record at ERROR or above: the error handler's "update N failed" and aiogram's own."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Problem:
    what: str
    detail: str
    action: Action | None


@dataclass
class Outcome:
    kinds: Counter[str] = field(default_factory=Counter)
    updates: int = 0
    problems: list[Problem] = field(default_factory=list)

    def count(self, what: str) -> int:
        return sum(1 for p in self.problems if p.what == what)


class Fuzzer:
    """The cast in a running app (roles, a subscribed parent, a group) and the feeding of actions."""

    def __init__(self, app: RunningApp) -> None:
        self.app = app
        self.emu: Emulator = app.emu
        self.users: dict[int, SimUser] = {}
        self.group: SimGroup | None = None
        self.own: dict[int, list[dict[str, Any]]] = {}
        self.errors = ErrorLog()
        self.by_update: dict[int, Action] = {}
        self.queries: list[tuple[Action, Any]] = []
        self._seen_rejections = 0
        self.blocked_refusals = 0
        self.resolved: Action | None = None
        self._seen_errors = 0
        self._seen_emulator_errors = 0

    async def set_up(self) -> None:
        sm = self.app.dp["sessionmaker"]
        await add_tree(sm)
        await grant(sm, PSY, "psychologist", SCHOOL)
        await grant(sm, COORD, "coordinator", DISTRICT)
        languages = {FRESH: None, PARENT: "ru", PSY: "kk", COORD: "ru", ADMIN_ID: "kk"}
        for user_id, language in languages.items():
            self.users[user_id] = self.emu.user(user_id, f"U{user_id}", language_code=language or "en")
            self.own[user_id] = []
        for user_id in (PARENT, PSY, COORD, ADMIN_ID):
            await self.users[user_id].send("/start")
        await self.app.idle()
        async with sm() as session:
            repo = Repositories(session)
            await repo.users.record_visit(PARENT, NOW)
            await repo.subscriptions.subscribe(PARENT, SCHOOL, "5", NOW)
            await session.commit()
        self.group = self.emu.group(GROUP_ID, "Ата-аналар <чаты> & co", members=list(self.users.values()))
        logging.getLogger().addHandler(self.errors)
        self.emu.reset_records()

    def tear_down(self) -> None:
        logging.getLogger().removeHandler(self.errors)

    async def _push(self, action: Action) -> None:
        user = self.users[action.who]
        entities = [_entity(k, o, n, action.who) for k, o, n in action.entities] or None
        if action.kind in ("text", "command"):
            sent = await user.send(action.text, entities=entities if action.kind == "text" else None)
            self.own[action.who].append(sent)
        elif action.kind == "media":
            await self._media(user, action, entities)
        elif action.kind == "callback":
            await self._callback(user, action)
        elif action.kind == "inline":
            payload = {"from": user.as_user(), "query": action.text, "offset": "", "chat_type": "sender"}
            query = open_query(self.emu, "inline", "inline_query", payload)
            self.queries.append((action, CallbackAnswer(query)))
        elif action.kind == "my_chat_member":
            await self._member(user, action.status)
        elif action.kind == "edited":
            await user.unblock()  # a blocked bot gets nothing from the chat, edits included
            mine = [m for m in self.own[action.who] if not m.get("deleted")]
            if not mine:
                mine = [await user.send("/start")]
                self.own[action.who].append(mine[0])
            await user.edit(mine[-1], action.text)
        elif action.kind == "group":
            assert self.group is not None
            if self.group.chat.bot_status in ("kicked", "left"):
                await self.group.set_bot_admin(False)
            await self.group.send(user, action.text, entities=entities)

    async def _media(self, user: SimUser, action: Action, entities: list[dict[str, Any]] | None) -> None:
        caption = action.text or None
        if action.media == "photo":
            message = await user.send_photo(caption=caption, data=PNG)
        elif action.media == "document":
            message = await user.send_document(
                file_name=action.name, data=PDF, caption=caption, mime_type=None
            )
        elif action.media == "video":
            message = await user.send_video(data=MP4, caption=caption)
        elif action.media == "voice":
            message = await user.send_voice(data=OGG)
        else:
            message = await user.send_sticker(data=WEBP)
        if entities and caption:
            # Telegram keeps the caption's entities next to it; the pushed update is a copy, so patch both.
            message["caption_entities"] = entities
            pending = self.emu.updates.pending[-1]["message"]
            pending["caption_entities"] = entities

    async def _callback(self, user: SimUser, action: Action) -> None:
        await user.unblock()  # a blocked bot's buttons cannot be pressed
        messages = user.messages
        if not messages:
            return
        with_buttons = [m for m in messages if (m.get("reply_markup") or {}).get("inline_keyboard")]
        data = action.data
        target = messages[-1]
        if action.button >= 0 and with_buttons:
            target = with_buttons[-1]
            flat = [
                b for row in target["reply_markup"]["inline_keyboard"] for b in row if "callback_data" in b
            ]
            if flat:
                data = mutate(flat[action.button % len(flat)]["callback_data"], action.mutation, action.data)
        self.resolved = replace(action, data=data or "x", button=-1, mutation="")
        self.queries.append((self.resolved, user.press_data(target, data or "x")))

    async def _member(self, user: SimUser, status: str) -> None:
        assert self.group is not None
        if status == "block":
            await user.block()
        elif status == "unblock":
            await user.unblock()
        elif status == "group_admin":
            await self.group.set_bot_admin(True)
        elif status == "group_member":
            await self.group.set_bot_admin(False)
        else:
            old = self.group.chat.bot_status
            self.group.chat.bot_status = "kicked" if status == "group_kicked" else "left"
            my_chat_member(self.emu, self.group.chat, user.as_user(), old, self.group.chat.bot_status)

    async def run(self, batch: list[Action], outcome: Outcome) -> list[Problem]:
        """Feeds `batch` at once (as quick taps come), waits until the bot is idle, returns the problems."""
        for action in batch:
            self.resolved = None
            first = self._next_update_id()
            await self._push(action)
            for update_id in range(first, self._next_update_id()):
                # A press is kept with the data it really carried (a mutated button's), to be reproducible.
                self.by_update[update_id] = self.resolved or action
                outcome.updates += 1
            outcome.kinds[action.kind if action.kind != "media" else f"media:{action.media}"] += 1
        await self.app.idle()
        await self._answered()
        found = self._collect()
        outcome.problems.extend(found)
        return found

    def _next_update_id(self) -> int:
        return self.emu.updates._next_id  # the id the next pushed update gets

    async def _answered(self) -> None:
        # A press or an inline query must be answered; give the last handler a moment past "idle".
        for _ in range(100):
            if all(q.query.future.done() for _a, q in self.queries):
                return
            await asyncio.sleep(0.02)

    def _collect(self) -> list[Problem]:
        found: list[Problem] = []
        for action, query in self.queries:
            if not query.query.future.done():
                found.append(Problem("unanswered", f"{query.query.kind} {query.data!r}", action))
        self.queries = []
        for rejection in self.emu.rejections[self._seen_rejections :]:
            chat = rejection.params.get("chat_id")
            if rejection.error_code == 403 and "blocked by the user" in rejection.description:
                # A reply racing the user's own "block" (sent in the same burst): Telegram refuses it and the
                # bot takes it as the end of the conversation (handlers/errors.py); not a bug of the request.
                self.blocked_refusals += 1
                continue
            action = next((a for a in reversed(self.by_update.values()) if str(a.who) == str(chat)), None)
            found.append(Problem("rejected", f"{rejection.method}: {rejection.description}", action))
        self._seen_rejections = len(self.emu.rejections)
        for record in self.errors.records[self._seen_errors :]:
            update_id = record.args[0] if isinstance(record.args, tuple) and record.args else None
            action = self.by_update.get(update_id) if isinstance(update_id, int) else None
            detail = record.getMessage()
            if record.exc_info and record.exc_info[1] is not None:
                detail += f" ({type(record.exc_info[1]).__name__}: {str(record.exc_info[1])[:200]})"
            found.append(Problem("exception", f"{record.name}: {detail}", action))
        self._seen_errors = len(self.errors.records)
        for error in self.emu.errors[self._seen_emulator_errors :]:
            found.append(Problem("emulator", repr(error), None))
        self._seen_emulator_errors = len(self.emu.errors)
        return found


def printable(action: Action | None) -> str:
    if action is None:
        return "(no single action)"
    shown = {k: v for k, v in vars(action).items() if v not in ("", (), -1)}
    return repr(shown) if len(repr(shown)) < 400 else repr(shown)[:400] + "…"


SALT_CHARS = string.ascii_letters + string.digits
