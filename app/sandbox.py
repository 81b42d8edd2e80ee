"""`python -m bot sandbox`: the real bot against the loopback emulator, with a chat in this terminal.

No token and no network: the emulator plays Telegram on 127.0.0.1 and the data lives in a throw-away
SQLite file in a temporary folder (removed at exit, with the files the bot sent). Two people share the
sandbox: the role chosen at start and a partner (a parent for staff, the school's psychologist for a
parent or a student); `!switch` changes who is typing, so one person can send a notice and see it arrive.
Whatever the bot sends, to either of them and at any time (a report, a held notice at 08:00), is printed
as it arrives, without waiting for the next line typed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.composition import build_app
from app.sandbox_texts import (
    DISTRICT,
    PARTNER_GRADE,
    ROLES,
    SCHOOL,
    STAFF_ROLES,
    attachment_of,
    render,
    say,
)
from bot.emulator import Emulator
from bot.emulator.sample_media import PDF, PNG
from bot.emulator.users import SimUser
from bot.factory import Overrides
from bot.numbers import ascii_int
from bot.polling_task import InFlight, start_polling_task
from bot.settings import Settings
from db.repositories import Repositories
from domain.enums import Role

SANDBOX_TOKEN = "100000001:SANDBOX-token-for-the-loopback-emulator"
ROLE_IDS = {role: 200_001 + n for n, role in enumerate(ROLES)}  # parent 200001 ... admin 200005
FIRST_NAMES = dict(zip(ROLES, ("Aigerim", "Nurlan", "Dana", "Yerlan", "Admin"), strict=True))
GRANTS = {"psychologist": (Role.PSYCHOLOGIST, SCHOOL), "coordinator": (Role.COORDINATOR, DISTRICT)}


def partner_of(role: str) -> str:
    """Staff try a notice on a parent of their school; a parent or a student meets its psychologist."""
    return "parent" if role in STAFF_ROLES else "psychologist"


@dataclass
class Person:
    role: str
    user: SimUser

    @property
    def id(self) -> int:
        return self.user.id


class Sandbox:
    """One emulator, the real bot and two people; `handle` takes a typed line, a watcher prints replies."""

    def __init__(
        self,
        language: str,
        role: str,
        *,
        out: Callable[[str], None] = print,
        overrides: Overrides | None = None,
        poll_interval: float = 0.1,
    ) -> None:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
        self.language = language
        self.out = out
        self.overrides = overrides
        self.poll_interval = poll_interval
        self.emu = Emulator()
        self.workdir = Path(tempfile.mkdtemp(prefix="outreach-sandbox-"))
        self.files_dir = self.workdir / "files"
        self.people = [role, partner_of(role)]
        self.active = role
        self.at_prompt = False
        """True while the terminal waits for a line, so a message printed meanwhile repeats the prompt."""
        self.on_background_print: Callable[[], None] | None = None
        self._seen: dict[tuple[int, int], str] = {}
        self._saved: dict[str, Path] = {}
        self._watcher: asyncio.Task[None] | None = None
        self._polling: asyncio.Task[None] | None = None
        self._in_flight = InFlight()

    # Life cycle -----------------------------------------------------------------------------

    def person(self, role: str) -> Person:
        user = self.emu.user(ROLE_IDS[role], first_name=FIRST_NAMES[role], language_code=self.language)
        return Person(role, user)

    @property
    def current(self) -> Person:
        return self.person(self.active)

    @property
    def other(self) -> Person:
        return self.person(self.people[1] if self.active == self.people[0] else self.people[0])

    async def start(self) -> None:
        await self.emu.start()
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            bot_token=SANDBOX_TOKEN,
            telegram_api_url=self.emu.base_url,
            database_url=f"sqlite+aiosqlite:///{self.workdir / 'sandbox.sqlite3'}",
            admin_ids=frozenset({ROLE_IDS["admin"]}),
        )
        self.bot, self.dp = build_app(settings, self.overrides)
        self._in_flight.install(self.dp)
        self._polling = await start_polling_task(
            self.bot, self.dp, settings, timeout=120, after_startup=self._set_up_people
        )
        self._watcher = asyncio.create_task(self._watch())

    async def _set_up_people(self) -> None:
        """Roles for the staff among the two, and a partner who has already started the bot."""
        sessionmaker = self.dp["sessionmaker"]
        clock = self.dp["clock"]
        partner = self.people[1]
        async with sessionmaker() as session:
            repo = Repositories(session)
            for role in self.people:
                if role in GRANTS:
                    kind, scope = GRANTS[role]
                    await repo.staff.grant(ROLE_IDS[role], kind.value, scope, 0, clock.now())
            await repo.users.record_visit(ROLE_IDS[partner], clock.now())
            await repo.users.choose_language(ROLE_IDS[partner], self.language)
            if partner == "parent":
                await repo.subscriptions.subscribe(ROLE_IDS[partner], SCHOOL, PARTNER_GRADE, clock.now())
            await session.commit()
        # The partner "has written to the bot before", so Telegram lets the bot write to them.
        self.person(partner).user.start_chat()
        if partner in GRANTS:
            # The person at the keyboard gets the staff menu when they choose a language, as after an invite.
            await self.dp["commands"].publish_for_chat(self.bot, ROLE_IDS[partner], self.language, staff=True)

    async def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
        self.flush()
        if self._polling is not None:
            with contextlib.suppress(RuntimeError):
                await self.dp.stop_polling()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._polling, timeout=10)
            await self.bot.session.close()
        await self.emu.stop()
        rejections = self.emu.rejections
        if rejections:
            detail = "; ".join(f"{r.method}: {r.description}" for r in rejections[:5])
            self.out(say("rejected", self.language, count=len(rejections), detail=detail))
        shutil.rmtree(self.workdir, ignore_errors=True)
        self.out(say("removed", self.language, path=self.workdir))

    # Output ---------------------------------------------------------------------------------

    def label(self, role: str) -> str:
        return say(f"role.{role}", self.language)

    def prompt(self) -> str:
        return say("prompt", self.language, who=say(f"short.{self.active}", self.language))

    def _save(self, message: dict[str, Any]) -> Path | None:
        attachment = attachment_of(message)
        if attachment is None:
            return None
        if attachment.file_id in self._saved:
            return self._saved[attachment.file_id]
        stored = self.emu.files.get(attachment.file_id)
        if stored is None or not stored.data:
            return None
        self.files_dir.mkdir(exist_ok=True)
        safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in attachment.name) or "file"
        path = self.files_dir / f"{len(self._saved) + 1}_{safe}"
        path.write_bytes(stored.data)
        self._saved[attachment.file_id] = path
        return path

    def flush(self) -> bool:
        """Prints every new or edited bot message of both people; True if anything was printed."""
        printed = False
        for role in self.people:
            person = self.person(role)
            head = "bot" if role == self.active else f"bot → {say(f'short.{role}', self.language)}"
            for message in person.user.messages:
                key = (person.id, message["message_id"])
                snap = repr((message.get("text"), message.get("caption"), message.get("reply_markup")))
                if self._seen.get(key) == snap:
                    continue
                saved = self._save(message)
                self.out(
                    render(
                        message,
                        edited=key in self._seen,
                        head=head,
                        saved_path=str(saved) if saved else None,
                        language=self.language,
                    )
                )
                self._seen[key] = snap
                printed = True
        return printed

    async def _watch(self) -> None:
        while True:
            if self.flush() and self.at_prompt and self.on_background_print is not None:
                self.on_background_print()
            await asyncio.sleep(self.poll_interval)

    def _busy(self) -> bool:
        return bool(self._in_flight.count or self.emu.updates.pending) or any(
            not q.future.done() for q in self.emu.world.queries.values()
        )

    async def settle(self, quiet: float = 0.4, limit: float = 5.0) -> None:
        """Waits until the bot has been quiet for a moment, printing as it goes (for scripts and tests)."""
        loop = asyncio.get_running_loop()
        last_change = start = loop.time()
        while loop.time() - start < limit:
            if self.flush() or self._busy():
                last_change = loop.time()
            elif loop.time() - last_change > quiet:
                return
            await asyncio.sleep(0.05)

    # Input ----------------------------------------------------------------------------------

    def last_with_buttons(self) -> dict[str, Any] | None:
        for message in reversed(self.current.user.messages):
            if (message.get("reply_markup") or {}).get("inline_keyboard"):
                return message
        return None

    async def press(self, number: int) -> None:
        message = self.last_with_buttons()
        rows = (message or {}).get("reply_markup", {}).get("inline_keyboard", [])
        buttons = [b for row in rows for b in row]
        if message is None or not 1 <= number <= len(buttons):
            self.out("   " + say("no_button", self.language))
            return
        button = buttons[number - 1]
        if "callback_data" not in button:
            target = button.get("url") or button.get("login_url", {}).get("url")
            key = "url_button" if target else "inline_button"
            self.out("   " + say(key, self.language, target=target))
            return
        answer = await self.current.user.press(message, number - 1)
        self.flush()  # the edit a press makes comes before its pop-up, as on a phone
        if answer and answer.get("text"):
            self.out(f"   [{say('popup', self.language)}] {answer['text']}")

    async def handle(self, line: str) -> bool:
        """One typed line; False when it asks to leave."""
        line = line.strip()
        if not line:
            return True
        user = self.current.user
        command, _, rest = line.partition(" ")
        if line in {"!quit", "!exit", "/quit", "/exit"}:
            return False
        if line == "!help":
            self.out(say("help", self.language))
        elif line == "!switch":
            self.active = self.other.role
            self.out(say("switched", self.language, who=self.label(self.active)))
        elif command == "!doc":
            name = rest.strip() or "document.pdf"
            await user.send_document(file_name=name, data=PDF)
        elif command == "!photo":
            await user.send_photo(caption=rest.strip() or None, data=PNG)
        elif line.startswith("!"):
            self.out(say("unknown", self.language))
        elif line.startswith("#") and ascii_int(line[1:].strip()) is not None:
            await self.press(ascii_int(line[1:].strip()) or 0)
        elif line.startswith("@"):
            results = await user.inline(line[1:].strip())
            for n, result in enumerate(results, 1):
                self.out(f"   inline {n}) {result.get('title')}: {result.get('description', '')}")
            if not results:
                self.out("   " + say("no_results", self.language))
        else:
            await user.send(line)
        return True


def _choose(prompt: str, options: list[tuple[str, str]]) -> str:
    print(prompt)
    for n, (_, label) in enumerate(options, 1):
        print(f"  {n}) {label}")
    while True:
        answer = input("> ").strip()
        chosen = ascii_int(answer)
        if chosen is not None and 1 <= chosen <= len(options):
            return options[chosen - 1][0]
        for key, _label in options:
            if answer == key:
                return key
        print("?")


async def _main(language: str, role: str) -> int:
    logging.basicConfig(level=logging.WARNING)
    sandbox = Sandbox(language, role)
    interactive = sys.stdin.isatty()

    def reprompt() -> None:
        print(sandbox.prompt(), end="", flush=True)

    sandbox.on_background_print = reprompt
    await sandbox.start()
    print(say("intro", language, who=sandbox.label(role), telegram=language))
    print(say("partner", language, who=sandbox.label(sandbox.people[1])))
    print(say("help", language))
    loop = asyncio.get_running_loop()
    try:
        while True:
            sandbox.at_prompt = interactive
            try:
                line = await loop.run_in_executor(None, input, sandbox.prompt() if interactive else "")
            except EOFError:
                break
            finally:
                sandbox.at_prompt = False
            if not interactive and line.strip():
                print(f"{sandbox.prompt()}{line.strip()}")  # a piped script reads like a chat
            if not await sandbox.handle(line):
                break
            if not interactive:
                await sandbox.settle()  # a script's next line waits for the answer to this one
    finally:
        await sandbox.settle(quiet=0.3, limit=3)
        await sandbox.stop()
    return 0


def run(language: str | None, role: str | None) -> int:
    try:
        if language is None:
            language = _choose("Telegram language / Тіл / Язык:", [("kk", "Қазақша"), ("ru", "Русский")])
        if role is None:
            role = _choose(say("choose_role", language), [(r, say(f"role.{r}", language)) for r in ROLES])
    except EOFError:
        return 1
    return asyncio.run(_main(language, role))
