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

# Per kind: the type tag real file_ids start with (bots often hard-code ids copied from production), the
# folder of its file_path, and the extension of a file sent without a name.
FILE_KINDS = {
    "photo": ("AgAC", "photos", ".jpg"),
    "sticker": ("CAAC", "stickers", ".webp"),
    "document": ("BQAC", "documents", ""),
    "video": ("BAAC", "videos", ".mp4"),
    "audio": ("CQAC", "music", ""),
    "voice": ("AwAC", "voice", ".oga"),
    "video_note": ("DQAC", "video_notes", ".mp4"),
    "animation": ("CgAC", "animations", ""),
}
_KNOWN_PREFIXES = tuple(prefix for prefix, _, _ in FILE_KINDS.values())
CAPTIONED_KINDS = FILE_KINDS.keys() - {"sticker", "video_note"}
# What a sticker object says besides its ids: a plain static 512x512 one.
STICKER_FIELDS = {"type": "regular", "width": 512, "height": 512, "is_animated": False, "is_video": False}


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
        prefix, folder, extension = FILE_KINDS.get(kind, FILE_KINDS["document"])
        if file_name and "." in file_name:
            extension = "." + file_name.rsplit(".", 1)[1]
        if mime_type is None and file_name:
            mime_type = mimetypes.guess_type(file_name)[0]
        return self._keep(
            StoredFile(
                file_id=prefix + "AgIAAxkBAA" + _token(36),
                file_unique_id=("AQAD" if kind == "photo" else "AgAD") + _token(9),
                kind=kind,
                data=data,
                file_path=f"{folder}/file_{next(self._counter)}{extension}",
                file_name=file_name,
                mime_type=mime_type,
            )
        )

    def _keep(self, stored: StoredFile) -> StoredFile:
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
            folder = FILE_KINDS.get(kind, FILE_KINDS["document"])[1]
            return self._keep(StoredFile(value, "AgAD" + _token(9), kind, b"", f"{folder}/{value[:12]}"))
        raise bad_request("wrong file identifier/HTTP URL specified")
