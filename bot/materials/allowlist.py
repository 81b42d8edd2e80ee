"""Which files may be attached to a lesson topic or a memo, decided from what Telegram tells about them.

Pure functions of the message's metadata (MIME type, file name, size, duration): nothing here sees the bytes,
so an uploaded file is never opened. A document must match the allowlist by MIME type AND by extension, and
the two must agree, so a renamed program (.exe called .pdf) or a mislabelled one is turned away.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum, auto
from urllib.parse import urlsplit

# The most a bot may download through the Bot API, so also the most we can checksum.
MAX_BYTES = 20 * 1024 * 1024
# "Short video": anything longer belongs on a video site, attached as a link.
MAX_VIDEO_SECONDS = 10 * 60
MAX_URL = 512  # the column's width


# Kind and MediaType are stored (materials.kind, materials.media_type) as their names in lower case.
class Kind(StrEnum):
    PDF = auto()
    PPTX = auto()
    DOCX = auto()
    IMAGE = auto()
    VIDEO = auto()
    LINK = auto()


class MediaType(StrEnum):
    """How Telegram holds the file, which decides the send method."""

    DOCUMENT = auto()
    PHOTO = auto()
    VIDEO = auto()


class Refusal(StrEnum):
    TOO_BIG = auto()
    TOO_LONG = auto()
    NOT_ALLOWED = auto()
    MISMATCH = auto()  # both known, but the name and the type say different things
    OLD_OFFICE = auto()  # .doc / .ppt: allowed once saved in the current format


@dataclass(frozen=True, slots=True)
class Accepted:
    kind: Kind
    media_type: MediaType
    mime_type: str


@dataclass(frozen=True, slots=True)
class Refused:
    reason: Refusal
    # What the file was, for the message: its extension (".exe"), "JPG" for a photo, empty when the name has
    # none. Never the MIME type: Telegram takes it from the sender's device, and «.exe (application/pdf)»
    # only puzzled people.
    what: str = ""


Verdict = Accepted | Refused

PDF = "application/pdf"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
JPEG, PNG, MP4 = "image/jpeg", "image/png", "video/mp4"

# MIME type -> (kind, the extensions a file of that type may carry).
DOCUMENTS: dict[str, tuple[Kind, frozenset[str]]] = {
    PDF: (Kind.PDF, frozenset({".pdf"})),
    PPTX: (Kind.PPTX, frozenset({".pptx"})),
    DOCX: (Kind.DOCX, frozenset({".docx"})),
    JPEG: (Kind.IMAGE, frozenset({".jpg", ".jpeg"})),
    PNG: (Kind.IMAGE, frozenset({".png"})),
    MP4: (Kind.VIDEO, frozenset({".mp4"})),
}
EXTENSIONS = frozenset(ext for _kind, exts in DOCUMENTS.values() for ext in exts)
OLD_OFFICE = frozenset({".doc", ".ppt", ".pps", ".xls"})
# For the refusal message: what people can send, in the order they think of it.
ALLOWED_LIST = "PDF, PPTX, DOCX, JPG, PNG, MP4"


def extension(file_name: str | None) -> str:
    if not file_name or "." not in file_name:
        return ""
    suffix = file_name.rsplit(".", 1)[1].strip().lower()
    return "." + suffix if suffix else ""


def stem(file_name: str | None) -> str:
    """The file name without its extension: a suggested title."""
    name = (file_name or "").strip()
    ext = extension(name)
    return (name[: -len(ext)] if ext else name).strip(" ._-")


def _too_big(size: int | None) -> bool:
    return size is not None and size > MAX_BYTES


def check_document(file_name: str | None, mime_type: str | None, size: int | None) -> Verdict:
    """A file sent as a document (any type Telegram lets a user attach)."""
    mime = (mime_type or "").strip().lower()
    ext = extension(file_name)
    what = ext
    # Size first: it is known before any download, and no download may exceed it.
    if _too_big(size):
        return Refused(Refusal.TOO_BIG, what)
    if ext in OLD_OFFICE:
        return Refused(Refusal.OLD_OFFICE, what)
    known = DOCUMENTS.get(mime)
    if known is None or ext not in EXTENSIONS:
        return Refused(Refusal.NOT_ALLOWED, what)
    kind, extensions = known
    if ext not in extensions:
        return Refused(Refusal.MISMATCH, what)
    return Accepted(kind, MediaType.DOCUMENT, mime)


def check_photo(size: int | None) -> Verdict:
    """A picture sent as a photo: Telegram recompresses those to JPEG."""
    if _too_big(size):
        return Refused(Refusal.TOO_BIG, "JPG")
    return Accepted(Kind.IMAGE, MediaType.PHOTO, JPEG)


def check_video(mime_type: str | None, size: int | None, duration: int | None) -> Verdict:
    """A video sent as a video; Telegram clients send MP4."""
    mime = (mime_type or MP4).strip().lower()
    what = ""  # a video message has no name to show
    if _too_big(size):
        return Refused(Refusal.TOO_BIG, what)
    if mime != MP4:
        return Refused(Refusal.NOT_ALLOWED, what)
    if duration is not None and duration > MAX_VIDEO_SECONDS:
        return Refused(Refusal.TOO_LONG, what)
    return Accepted(Kind.VIDEO, MediaType.VIDEO, mime)


def link(text: str | None) -> str | None:
    """The text as a link we accept (https:// with a host, one line, no spaces), or None."""
    candidate = (text or "").strip()
    if not candidate or len(candidate) > MAX_URL or any(ch.isspace() for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() != "https" or not host or "." not in host or parts.username or parts.password:
        return None
    return candidate


def looks_like_link(text: str | None) -> bool:
    """Whether the user meant a link (so a refusal can say what is wrong with it)."""
    lowered = (text or "").strip().lower()
    return lowered.startswith(("http://", "https://", "www.", "ftp://"))
