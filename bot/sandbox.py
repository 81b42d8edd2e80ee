"""`python -m bot sandbox`: the real bot against the loopback emulator, with a chat in this terminal.

No token and no network: the emulator plays Telegram on 127.0.0.1 and the data lives in a throw-away
SQLite file. Type messages and commands; a number presses that button of the last message with buttons;
`@text` runs an inline query; `/quit` leaves.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

from bot.emulator import Emulator
from bot.factory import build_app, run_polling
from bot.numbers import ascii_int
from bot.settings import Settings

SANDBOX_TOKEN = "100000001:SANDBOX-token-for-the-loopback-emulator"
ROLE_IDS = {"parent": 200_001, "student": 200_002, "staff": 200_003}
ROLE_NAMES = {"parent": "Parent", "student": "Student", "staff": "Staff"}


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


def _render(message: dict[str, Any], edited: bool) -> str:
    body = (
        message.get("text")
        or message.get("caption")
        or "[" + ", ".join(k for k in ("photo", "document", "video", "audio") if message.get(k)) + "]"
    )
    head = "bot (edited)> " if edited else "bot> "
    lines = [head + textwrap.indent(body, " " * len(head)).lstrip()]
    markup = message.get("reply_markup") or {}
    n = 0
    for row in markup.get("inline_keyboard", []):
        cells = []
        for button in row:
            n += 1
            kind = "" if "callback_data" in button else " ↗"
            cells.append(f"[{n}] {button['text']}{kind}")
        lines.append("     " + "  ".join(cells))
    return "\n".join(lines)


class TerminalChat:
    def __init__(self, emu: Emulator, user: Any) -> None:
        self._emu = emu
        self._user = user
        self._seen: dict[int, str] = {}

    def _snapshot(self, message: dict[str, Any]) -> str:
        return repr((message.get("text"), message.get("caption"), message.get("reply_markup")))

    def flush(self) -> bool:
        """Prints new and edited bot messages; True if anything was printed."""
        printed = False
        for message in self._user.messages:
            key, snap = message["message_id"], self._snapshot(message)
            if self._seen.get(key) != snap:
                print(_render(message, edited=key in self._seen))
                self._seen[key] = snap
                printed = True
        return printed

    async def settle(self, quiet: float = 0.4, limit: float = 5.0) -> None:
        """Waits until the bot has stopped answering for a moment, printing as it goes."""
        loop = asyncio.get_running_loop()
        last_change = start = loop.time()
        while loop.time() - start < limit:
            if self.flush():
                last_change = loop.time()
            elif loop.time() - last_change > quiet:
                return
            await asyncio.sleep(0.05)

    def last_with_buttons(self) -> dict[str, Any] | None:
        for message in reversed(self._user.messages):
            if (message.get("reply_markup") or {}).get("inline_keyboard"):
                return message
        return None

    async def handle(self, line: str) -> None:
        if ascii_int(line) is not None:
            message = self.last_with_buttons()
            rows = (message or {}).get("reply_markup", {}).get("inline_keyboard", [])
            buttons = [b for row in rows for b in row]
            index = int(line) - 1
            if message is None or not 0 <= index < len(buttons):
                print("   (no such button)")
                return
            button = buttons[index]
            if "callback_data" not in button:
                print(f"   (this button opens {button.get('url') or 'the chat picker for inline mode'})")
                return
            answer = await self._user.press(message, index)
            if answer and answer.get("text"):
                print(f"   [popup] {answer['text']}")
        elif line.startswith("@"):
            results = await self._user.inline(line[1:].strip())
            for n, result in enumerate(results, 1):
                print(f"   inline {n}) {result.get('title')}: {result.get('description', '')}")
        else:
            await self._user.send(line)
        await self.settle()


async def _main(language: str, role: str) -> int:
    logging.basicConfig(level=logging.WARNING)
    emu = Emulator()
    await emu.start()
    workdir = Path(tempfile.mkdtemp(prefix="outreach-sandbox-"))
    user_id = ROLE_IDS[role]
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=SANDBOX_TOKEN,
        telegram_api_url=emu.base_url,
        database_url=f"sqlite+aiosqlite:///{workdir / 'sandbox.sqlite3'}",
        admin_ids=frozenset({user_id}) if role == "staff" else frozenset(),
    )
    bot, dp = build_app(settings)
    polling = asyncio.create_task(run_polling(bot, dp, settings, handle_signals=False, polling_timeout=1))
    user = emu.user(user_id, first_name=ROLE_NAMES[role], language_code=language)
    chat = TerminalChat(emu, user)
    print(f"Sandbox: you are a {role}, Telegram language {language}. Type /start; /quit leaves.")
    loop = asyncio.get_running_loop()
    try:
        while True:
            try:
                line = (await loop.run_in_executor(None, input, "you> ")).strip()
            except EOFError:
                break
            if line in {"/quit", "/exit"}:
                break
            if line:
                if not sys.stdin.isatty():
                    print(line)  # echo piped input so a transcript reads like a chat
                await chat.handle(line)
    finally:
        await chat.settle(quiet=0.2, limit=2)
        with contextlib.suppress(RuntimeError):
            await dp.stop_polling()
        with contextlib.suppress(asyncio.CancelledError):
            await polling
        await bot.session.close()
        await emu.stop()
        rejections = getattr(emu, "rejections", [])
        if rejections:
            print(f"The emulator rejected {len(rejections)} request(s): {rejections}")
    return 0


def run(language: str | None, role: str | None) -> int:
    try:
        if language is None:
            language = _choose("Telegram language / Тіл / Язык:", [("kk", "Қазақша"), ("ru", "Русский")])
        if role is None:
            role = _choose("Role:", [(r, ROLE_NAMES[r]) for r in ROLE_IDS])
    except EOFError:
        return 1
    return asyncio.run(_main(language, role))
