"""Request parameters as the Bot API receives them: strings from forms, JSON for nested objects."""

from __future__ import annotations

import builtins
import contextlib
import json
from dataclasses import dataclass
from typing import Any

from .errors import bad_request

ATTACH_PREFIX = "attach://"


@dataclass(frozen=True)
class Upload:
    """A multipart file part."""

    filename: str
    content_type: str
    data: bytes


class Params:
    """Typed access to one call's parameters; aiogram sends everything as form strings."""

    def __init__(self, values: dict[str, Any], uploads: dict[str, Upload] | None = None) -> None:
        self.values = values
        self.uploads = uploads or {}

    def has(self, name: str) -> bool:
        return self.values.get(name) is not None

    def raw(self, name: str) -> Any:
        return self.values.get(name)

    def str(self, name: str, default: str | None = None) -> str | None:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, Upload):
            raise bad_request(f"invalid {name} specified")
        return value if isinstance(value, str) else json.dumps(value)

    def int(
        self, name: builtins.str, default: int | None = None, *, error: builtins.str | None = None
    ) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(error or f"invalid {name} specified") from None

    def required_int(
        self, name: builtins.str, *, missing: builtins.str, invalid: builtins.str | None = None
    ) -> builtins.int:
        value = self.int(name, error=invalid)
        if value is None:
            raise bad_request(missing)
        return value

    def bool(self, name: builtins.str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("true", "1")

    def json(self, name: builtins.str, *, error: builtins.str) -> Any:
        """A nested object; aiogram serialises these to JSON strings inside the form."""
        value = self.values.get(name)
        if value is None or not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(error) from None

    def file(self, name: builtins.str) -> Upload | builtins.str | None:
        """An InputFile field: an uploaded part (direct or attach://), or a file_id / URL string."""
        value = self.values.get(name)
        if isinstance(value, Upload) or value is None:
            return value
        return self.attachment(str(value))

    def attachment(self, value: builtins.str) -> Upload | builtins.str:
        if value.startswith(ATTACH_PREFIX):
            upload = self.uploads.get(value[len(ATTACH_PREFIX) :])
            if upload is None:
                raise bad_request(f"file for {value} not found in the request")
            return upload
        return value

    def summary(self) -> dict[builtins.str, Any]:
        """JSON-decoded values with uploads shown by name and size, for emu.calls."""
        out: dict[str, Any] = {}
        for key, value in self.values.items():
            if isinstance(value, Upload):
                out[key] = f"<upload {value.filename} {len(value.data)} bytes>"
                continue
            if isinstance(value, str) and value[:1] in "[{":
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            out[key] = value
        return out
