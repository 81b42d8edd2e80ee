"""The terminal sandbox (app/sandbox.py), driven through its functions and once through a piped script."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import pytest
from aiogram.types import BufferedInputFile

from app.sandbox import ROLE_IDS, Sandbox
from app.sandbox_texts import DISTRICT, SCHOOL
from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from db.repositories import Repositories
from domain.enums import Role

ROOT = Path(__file__).resolve().parents[2]
NOON = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)  # outside the quiet hours: a normal notice goes at once


@asynccontextmanager
async def sandbox(language: str, role: str) -> AsyncIterator[tuple[Sandbox, list[str]]]:
    out: list[str] = []
    box = Sandbox(language, role, out=out.append, overrides=Overrides(clock=FrozenClock(NOON)))
    await box.start()
    try:
        yield box, out
    finally:
        await box.stop()


async def printed(out: list[str], check: Callable[[str], bool], within: float = 10.0) -> str:
    """The first printed block that passes `check`, waiting for the watcher if it has not come yet."""
    for _ in range(int(within / 0.05)):
        for block in out:
            if check(block):
                return block
        await asyncio.sleep(0.05)
    raise AssertionError(f"nothing like that was printed; printed: {out[-5:]}")


def button(box: Sandbox, fragment: str) -> str:
    """`#N` for the button of the current person's last keyboard whose label holds `fragment`."""
    message = box.last_with_buttons()
    assert message is not None
    labels = [b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row]
    for n, label in enumerate(labels, 1):
        if fragment in label:
            return f"#{n}"
    raise AssertionError(f"no button with {fragment!r} in {labels}")


async def typed(box: Sandbox, line: str) -> None:
    assert await box.handle(line)
    await box.settle(quiet=0.3)


async def test_a_number_is_sent_and_a_button_has_its_own_syntax() -> None:
    async with sandbox("ru", "parent") as (box, out):
        await typed(box, "/start")
        assert "[#2] ✅ Русский" in out[-1] or "[#2] Русский" in out[-1]
        await typed(box, "#2")  # presses «Русский»
        assert any("Добро пожаловать" in block for block in out)
        await typed(box, "5")
        sent = [
            m.get("text")
            for m in box.current.user.chat.messages.values()
            if not m.get("from", {}).get("is_bot")
        ]
        assert sent[-1] == "5"  # the number went to the bot as a message, no button was pressed
        await typed(box, "#99")
        assert out[-1].strip() == "Такой кнопки нет."
        assert "#N — кнопка" in box.prompt()


async def test_kazakh_prompts_and_the_button_syntax() -> None:
    async with sandbox("kk", "parent") as (box, out):
        await typed(box, "!help")
        assert "#2 — соңғы батырмалы хабардың 2-батырмасын басу" in out[-1]
        await typed(box, "!nonsense")
        assert "Сынақ алаңы мұндай команданы білмейді" in out[-1]
        await typed(box, "#1")
        assert out[-1].strip() == "Мұндай батырма жоқ."
        assert box.prompt() == "ата-ана (#N — батырма, !help)> "


async def test_a_late_message_is_printed_without_typing() -> None:
    async with sandbox("kk", "psychologist") as (box, out):
        await typed(box, "/start")
        # Something the bot sends on its own (a report, a digest): nobody types, it still shows.
        await box.bot.send_message(ROLE_IDS["psychologist"], "Кешіккен хабар")
        block = await printed(out, lambda b: "Кешіккен хабар" in b)
        assert block.startswith("bot> ")
        await box.bot.send_message(ROLE_IDS["parent"], "Ата-анаға хабар")
        block = await printed(out, lambda b: "Ата-анаға хабар" in b)
        assert block.startswith("bot → ата-ана> ")


@pytest.mark.parametrize(
    ("role", "grants", "partner"),
    [
        ("parent", [], "psychologist"),
        ("student", [], "psychologist"),
        ("psychologist", [(Role.PSYCHOLOGIST, SCHOOL)], "parent"),
        ("coordinator", [(Role.COORDINATOR, DISTRICT)], "parent"),
        ("admin", [], "parent"),
    ],
)
async def test_each_role_is_set_up_at_start(role: str, grants: list[tuple[Role, str]], partner: str) -> None:
    async with sandbox("ru", role) as (box, _out):
        assert box.people == [role, partner]
        async with box.dp["sessionmaker"]() as session:
            repo = Repositories(session)
            rows = await repo.staff.roles_of(ROLE_IDS[role])
            assert [(r.role, r.scope_code) for r in rows] == [(g.value, s) for g, s in grants]
            if partner == "parent":
                subscriptions = await repo.subscriptions.of_user(ROLE_IDS["parent"])
                assert [s.org_code for s in subscriptions] == [SCHOOL]
            else:
                psy = await repo.staff.roles_of(ROLE_IDS["psychologist"])
                assert [(r.role, r.scope_code) for r in psy] == [("psychologist", SCHOOL)]
        await typed(box, "/start")
        await typed(box, "/post")
        refused = "для сотрудников" in box.current.user.messages[-1]["text"]
        assert refused == (role in {"parent", "student"})
        assert box.emu.rejections == []


async def test_a_psychologist_sends_a_notice_and_sees_it_arrive() -> None:
    async with sandbox("ru", "psychologist") as (box, out):
        await typed(box, "/start")
        await typed(box, button(box, "Русский"))
        await typed(box, "/post")
        await typed(box, "Ертең ата-аналар жиналысы болады.")
        await typed(box, "Завтра родительское собрание.")
        await typed(box, "#1")  # no attachment
        await typed(box, button(box, "5 класс"))
        await typed(box, button(box, "Готово"))
        await typed(box, button(box, "Обычный"))
        await typed(box, button(box, "Сейчас"))
        await printed(out, lambda b: "Проверьте" in b)  # the summary comes after the preview
        await box.settle()
        assert await box.handle(button(box, "Подтвердить"))
        # Nothing more is typed: the notice reaches the parent and the report comes back by themselves.
        arrived = await printed(out, lambda b: b.startswith("bot → родитель> ") and "Завтра" in b)
        assert "Понятно" in arrived
        # The report edits the progress note; a note first seen already edited prints as a new message.
        await printed(out, lambda b: b.startswith(("bot (изменено)> ", "bot> ")) and "Доставлено" in b)
        await typed(box, "!switch")
        assert out[-1] == "Теперь вы — родитель."
        await typed(box, button(box, "Понятно"))
        assert any("[всплывающее окно]" in block for block in out)
        assert box.emu.rejections == []


async def test_a_document_is_shown_saved_and_removed_at_exit() -> None:
    async with sandbox("ru", "coordinator") as (box, out):
        await typed(box, "/start")
        await box.bot.send_document(
            ROLE_IDS["coordinator"], BufferedInputFile(b"%PDF-1.4\n" + b"0" * 12_300, "poster.pdf")
        )
        block = await printed(out, lambda b: "[document: poster.pdf, 12 KB]" in b)
        path = Path(re.search(r"сохранён: (\S+)", block).group(1))
        assert path.read_bytes().startswith(b"%PDF")
        workdir = box.workdir
    assert not workdir.exists()
    assert not path.exists()
    assert out[-1] == f"Временная папка удалена: {workdir}"


@pytest.mark.no_database
def test_a_piped_script_reads_like_a_chat(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    script = "/start\n#1\n!switch\n!quit\n"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", "--language", "kk", "--role", "student"],
        input=script,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Сынақ алаңы: Сіз — оқушы" in done.stdout
    assert "оқушы (#N — батырма, !help)> /start" in done.stdout
    assert "Тілді сақтадым" in done.stdout or "терезе" in done.stdout
    assert "Енді Сіз — № 1 мектептің психологы" in done.stdout
    assert list(tmp_path.iterdir()) == []  # the temporary folder is gone
