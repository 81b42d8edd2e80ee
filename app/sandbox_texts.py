"""The sandbox's own words (kk and ru) and how it shows the bot's messages in a terminal.

The sandbox talks before any language is stored and outside Telegram, so its few prompts live here rather
than in the bot's gettext catalogs; everything the bot itself says still comes from the real handlers.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

ROLES = ("parent", "student", "psychologist", "coordinator", "admin")
STAFF_ROLES = frozenset({"psychologist", "coordinator", "admin"})

# One school and its district of the shipped organisation tree (content/orgs/karaganda.yaml).
SCHOOL = "krg-buh-s001"
DISTRICT = "krg-buh"
PARTNER_GRADE = "5"

# Each text in Kazakh, then in Russian.
TEXTS: dict[str, tuple[str, str]] = {
    "role.parent": ("ата-ана", "родитель"),
    "role.student": ("оқушы", "ученик"),
    "role.psychologist": (
        "№ 1 мектептің психологы (Бұқар жырау ауданы)",
        "психолог школы № 1 (Бухар-Жырауский район)",
    ),
    "role.coordinator": ("Бұқар жырау ауданының үйлестірушісі", "координатор Бухар-Жырауского района"),
    "role.admin": ("әкімші", "администратор"),
    "short.parent": ("ата-ана", "родитель"),
    "short.student": ("оқушы", "ученик"),
    "short.psychologist": ("психолог", "психолог"),
    "short.coordinator": ("үйлестіруші", "координатор"),
    "short.admin": ("әкімші", "администратор"),
    "choose_role": ("Рөлді таңдаңыз:", "Выберите роль:"),
    "intro": (
        "Сынақ алаңы: Сіз — {who}. Telegram тілі: {telegram}. Бастау үшін /start жазыңыз.",
        "Песочница: вы — {who}, язык Telegram: {telegram}. Чтобы начать, напишите /start.",
    ),
    "partner": (
        "Екінші пайдаланушы: {who} (!switch — соған ауысу).",
        "Второй пользователь: {who} (!switch — переключиться на него).",
    ),
    "help": (
        "Мәтін мен сандар ботқа хабар ретінде кетеді.\n"
        "#2 — соңғы батырмалы хабардың 2-батырмасын басу.\n"
        "@мәтін — inline сұрау (басқа чатта «@бот мәтін» деп жазғандай).\n"
        "!doc [атауы.pdf] — PDF файл жіберу, !photo [жазу] — сурет жіберу.\n"
        "!switch — екінші пайдаланушыға ауысу, !help — осы анықтама, !quit — шығу.",
        "Текст и числа уходят боту как сообщения.\n"
        "#2 — нажать кнопку 2 последнего сообщения с кнопками.\n"
        "@текст — inline-запрос (как «@бот текст» в другом чате).\n"
        "!doc [имя.pdf] — отправить PDF-файл, !photo [подпись] — отправить фото.\n"
        "!switch — переключиться на второго пользователя, !help — эта справка, !quit — выход.",
    ),
    "prompt": ("{who} (#N — батырма, !help)> ", "{who} (#N — кнопка, !help)> "),
    "no_button": ("Мұндай батырма жоқ.", "Такой кнопки нет."),
    "url_button": ("Бұл батырма мынаны ашады: {target}", "Эта кнопка открывает: {target}"),
    "inline_button": (
        "Бұл батырма inline режимде чат таңдауды ашады; орнына @мәтін жазыңыз.",
        "Эта кнопка открывает выбор чата для inline-режима; вместо неё напишите @текст.",
    ),
    "popup": ("қалқымалы терезе", "всплывающее окно"),
    "edited": ("өзгертілді", "изменено"),
    "no_results": ("Нәтиже жоқ.", "Результатов нет."),
    "switched": ("Енді Сіз — {who}.", "Теперь вы — {who}."),
    "unknown": (
        "Сынақ алаңы мұндай команданы білмейді; !help жазыңыз.",
        "Песочница не знает такой команды; напишите !help.",
    ),
    "saved": ("сақталды: {path}", "сохранён: {path}"),
    "rejected": (
        "Эмулятор {count} сұрауды қабылдамады: {detail}",
        "Эмулятор отклонил запросы ({count}): {detail}",
    ),
    "removed": ("Уақытша қалта жойылды: {path}", "Временная папка удалена: {path}"),
}


def say(key: str, language: str, **values: Any) -> str:
    kk, ru = TEXTS[key]
    return (ru if language == "ru" else kk).format(**values)


def size_label(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass(frozen=True)
class Attachment:
    """A file in a bot message: its kind, the name to show and the Telegram file id to fetch it by."""

    kind: str
    name: str
    file_id: str
    size: int


MEDIA_KINDS = ("document", "photo", "video", "audio", "voice", "animation", "sticker", "video_note")


def attachment_of(message: dict[str, Any]) -> Attachment | None:
    for kind in MEDIA_KINDS:
        media = message.get(kind)
        if not media:
            continue
        if isinstance(media, list):  # a photo comes in sizes; the largest is the photo
            media = media[-1]
        name = media.get("file_name") or f"{kind}_{message['message_id']}"
        return Attachment(kind, name, media.get("file_id", ""), int(media.get("file_size") or 0))
    return None


def render(message: dict[str, Any], *, edited: bool, head: str, saved_path: str | None, language: str) -> str:
    """A bot message as terminal lines: a file as `[document: a.pdf, 12 KB]`, the text, numbered buttons."""
    parts: list[str] = []
    attachment = attachment_of(message)
    if attachment is not None:
        tag = f"[{attachment.kind}: {attachment.name}, {size_label(attachment.size)}]"
        if saved_path:
            tag += " " + say("saved", language, path=saved_path)
        parts.append(tag)
    body = message.get("text") or message.get("caption")
    if body:
        parts.append(body)
    if not parts:
        parts.append("[" + ", ".join(k for k in message if k in {"location", "contact", "poll"}) + "]")
    head = head + (f" ({say('edited', language)})> " if edited else "> ")
    lines = [head + textwrap.indent("\n".join(parts), " " * len(head)).lstrip()]
    markup = message.get("reply_markup") or {}
    n = 0
    for row in markup.get("inline_keyboard", []):
        cells = []
        for button in row:
            n += 1
            kind = "" if "callback_data" in button else " ↗"
            cells.append(f"[#{n}] {button['text']}{kind}")
        lines.append("     " + "  ".join(cells))
    return "\n".join(lines)
