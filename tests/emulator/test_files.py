"""Uploads keep their bytes: getFile + download return exactly what was sent."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InputMediaDocument, InputMediaPhoto

from bot.emulator.emulator import Emulator
from bot.emulator.sample_media import PNG

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


@pytest.fixture
async def user(emu: Emulator):
    sim = emu.user(8001, "Aigerim")
    await sim.send("/start")
    return sim


@pytest.mark.asyncio
async def test_upload_then_get_file_and_download(emu: Emulator, bot: Bot, user) -> None:
    payload = bytes(range(256)) * 40
    sent = await bot.send_document(
        user.id, BufferedInputFile(payload, "roadmap.pdf"), caption="<b>Roadmap</b>", parse_mode="HTML"
    )
    assert sent.document.file_name == "roadmap.pdf" and sent.document.file_size == len(payload)
    assert sent.caption == "Roadmap" and user.last["caption_entities"][0]["type"] == "bold"
    file = await bot.get_file(sent.document.file_id)
    assert file.file_path.startswith("documents/")
    downloaded = await bot.download_file(file.file_path)
    assert downloaded.read() == payload

    again = await bot.send_document(user.id, sent.document.file_id)
    assert again.document.file_id == sent.document.file_id


@pytest.mark.asyncio
async def test_file_ids(emu: Emulator, bot: Bot, user) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: wrong file identifier/HTTP URL specified"):
        await bot.send_photo(user.id, "not-a-file-id")
    production_id = "AgACAgIAAxkBAAIBZ2Zexample_production_file_id"
    sent = await bot.send_photo(user.id, production_id)
    assert sent.photo[-1].file_id == production_id
    by_url = await bot.send_video(user.id, "https://cdn.example.org/clip.mp4")
    assert by_url.video.file_name == "clip.mp4"
    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await bot.get_file("unknown")


@pytest.mark.asyncio
async def test_user_photo_can_be_downloaded(emu: Emulator, bot: Bot, user) -> None:
    await user.send_photo(caption="report")
    message = (await bot.get_updates(timeout=0))[-1].message
    assert message.caption == "report"
    file = await bot.get_file(message.photo[-1].file_id)
    assert (await bot.download_file(file.file_path)).read() == PNG
    await user.send_voice()
    await user.send_sticker()
    kinds = [u.message.content_type for u in await bot.get_updates(offset=-2, timeout=0)]
    assert kinds == ["voice", "sticker"]


@pytest.mark.asyncio
async def test_media_group_rules(emu: Emulator, bot: Bot, user) -> None:
    photo = InputMediaPhoto(media=BufferedInputFile(PNG, "a.png"), caption="<b>one</b>", parse_mode="HTML")
    document = InputMediaDocument(media=BufferedInputFile(b"doc", "a.txt"))
    album = await bot.send_media_group(
        user.id, [photo, InputMediaPhoto(media=BufferedInputFile(PNG, "b.png"))]
    )
    assert [m.caption for m in album] == ["one", None]
    with pytest.raises(TelegramBadRequest, match="wrong number of media"):
        await bot.send_media_group(user.id, [photo])
    with pytest.raises(TelegramBadRequest, match="document can't be mixed"):
        await bot.send_media_group(user.id, [photo, document])
    assert len(user.messages) == 2
