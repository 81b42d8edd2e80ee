"""The sha256 of a file Telegram holds, computed while the bytes stream past.

The bytes are only hashed: never parsed, opened, kept in memory as a whole, or written to disk.
"""

from __future__ import annotations

import hashlib
import io

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiohttp import ClientError

DOWNLOAD_TIMEOUT = 60  # seconds; 20 MB even on a slow link


class DownloadFailed(Exception):
    """Telegram would not hand over the file (too big, gone, network trouble)."""


class _HashingSink(io.RawIOBase):
    """A write-only stream that hashes what is written to it and keeps nothing."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._hash = hashlib.sha256()
        self._limit = limit
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        self.size += len(chunk)
        if self.size > self._limit:
            # Telegram said the file was smaller: stop rather than hash an unbounded stream.
            raise DownloadFailed("more bytes than announced")
        self._hash.update(chunk)
        return len(chunk)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


async def sha256_of(bot: Bot, file_id: str, limit: int) -> str:
    sink = _HashingSink(limit)
    try:
        found = await bot.get_file(file_id)
        # Telegram gives no path for files a bot may not download (over 20 MB).
        if not found.file_path or (found.file_size or 0) > limit:
            raise DownloadFailed("not downloadable")
        await bot.download_file(
            found.file_path,
            destination=sink,  # type: ignore[arg-type]
            timeout=DOWNLOAD_TIMEOUT,
            seek=False,
        )
    except (TimeoutError, TelegramAPIError, ClientError) as exc:
        raise DownloadFailed(type(exc).__name__) from exc
    return sink.hexdigest()
