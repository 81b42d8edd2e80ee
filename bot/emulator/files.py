"""Files the bot uploads or users send: ids that look like Telegram's, bytes kept for download."""

from __future__ import annotations

import base64
import itertools
import mimetypes
import secrets
from dataclasses import dataclass
from typing import Any

from .errors import bad_request
from .params import Upload

MAX_DOWNLOAD = 20 * 1024 * 1024
MAX_UPLOAD = 50 * 1024 * 1024

# Real file_ids start with a type tag; bots often hard-code ids copied from production.
_PREFIXES = {
    "photo": "AgAC",
    "sticker": "CAAC",
    "document": "BQAC",
    "video": "BAAC",
    "audio": "CQAC",
    "voice": "AwAC",
    "video_note": "DQAC",
    "animation": "CgAC",
}
_KNOWN_PREFIXES = tuple(_PREFIXES.values())
_FOLDERS = {
    "photo": "photos",
    "sticker": "stickers",
    "video": "videos",
    "audio": "music",
    "voice": "voice",
    "video_note": "video_notes",
    "animation": "animations",
    "document": "documents",
}
_DEFAULT_EXTENSIONS = {
    "photo": ".jpg",
    "sticker": ".webp",
    "voice": ".oga",
    "video": ".mp4",
    "video_note": ".mp4",
}


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    def ids(self) -> dict[str, Any]:
        return {"file_id": self.file_id, "file_unique_id": self.file_unique_id, "file_size": self.size}

    def as_file(self) -> dict[str, Any]:
        return {**self.ids(), "file_path": self.file_path}


def _token(size: int) -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(size)).decode().rstrip("=")


class FileStore:
    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._counter = itertools.count(1)

    def add(
        self, kind: str, data: bytes, file_name: str | None = None, mime_type: str | None = None
    ) -> StoredFile:
        number = next(self._counter)
        extension = ""
        if file_name and "." in file_name:
            extension = "." + file_name.rsplit(".", 1)[1]
        extension = extension or _DEFAULT_EXTENSIONS.get(kind, "")
        if mime_type is None and file_name:
            mime_type = mimetypes.guess_type(file_name)[0]
        stored = StoredFile(
            file_id=_PREFIXES.get(kind, "BQAC") + "AgIAAxkBAA" + _token(36),
            file_unique_id=("AQAD" if kind == "photo" else "AgAD") + _token(9),
            kind=kind,
            data=data,
            file_path=f"{_FOLDERS.get(kind, 'documents')}/file_{number}{extension}",
            file_name=file_name,
            mime_type=mime_type,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def by_path(self, path: str) -> StoredFile | None:
        return self._by_path.get(path)

    def resolve(self, value: Upload | str, kind: str) -> StoredFile:
        """An InputFile argument as Telegram would accept it, or the error Telegram gives."""
        if isinstance(value, Upload):
            if not value.data:
                raise bad_request("file must be non-empty")
            if len(value.data) > MAX_UPLOAD:
                raise bad_request("file is too big")
            content_type = value.content_type if value.content_type != "application/octet-stream" else None
            return self.add(kind, value.data, value.filename, content_type)
        value = value.strip()
        known = self._by_id.get(value)
        if known is not None:
            return known
        if value.lower().startswith(("http://", "https://")):
            name = value.rsplit("/", 1)[-1].split("?", 1)[0] or None
            return self.add(kind, b"", name)
        if value.startswith(_KNOWN_PREFIXES) and len(value) >= 20:
            # A production file_id: Telegram would accept it, so register it with no bytes.
            stored = StoredFile(
                value, "AgAD" + _token(9), kind, b"", f"{_FOLDERS.get(kind, 'documents')}/{value[:12]}"
            )
            self._by_id[value] = stored
            self._by_path[stored.file_path] = stored
            return stored
        raise bad_request("wrong file identifier/HTTP URL specified")
