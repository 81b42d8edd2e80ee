"""What may be attached to a lesson or a memo, decided from metadata only."""

from __future__ import annotations

import pytest

from bot.materials.allowlist import (
    DOCX,
    MAX_BYTES,
    MAX_VIDEO_SECONDS,
    PDF,
    PPTX,
    Accepted,
    Kind,
    MediaType,
    Refusal,
    Refused,
    check_document,
    check_photo,
    check_video,
    link,
    looks_like_link,
    stem,
)


@pytest.mark.parametrize(
    ("name", "mime", "kind"),
    [
        ("Буллинг.pdf", PDF, Kind.PDF),
        ("slides.PPTX", PPTX, Kind.PPTX),
        ("жадынама.docx", DOCX, Kind.DOCX),
        ("poster.jpg", "image/jpeg", Kind.IMAGE),
        ("poster.jpeg", "image/jpeg", Kind.IMAGE),
        ("poster.png", "image/png", Kind.IMAGE),
        ("clip.mp4", "video/mp4", Kind.VIDEO),
    ],
)
def test_allowed_documents(name: str, mime: str, kind: Kind) -> None:
    assert check_document(name, mime, 1000) == Accepted(kind, MediaType.DOCUMENT, mime)


@pytest.mark.parametrize(
    ("name", "mime", "reason"),
    [
        ("setup.exe", "application/x-msdownload", Refusal.NOT_ALLOWED),
        ("lessons.zip", "application/zip", Refusal.NOT_ALLOWED),
        ("song.mp3", "audio/mpeg", Refusal.NOT_ALLOWED),
        ("page.html", "text/html", Refusal.NOT_ALLOWED),
        ("noextension", PDF, Refusal.NOT_ALLOWED),
        ("lesson.pdf", None, Refusal.NOT_ALLOWED),
        ("lesson.pdf", "application/octet-stream", Refusal.NOT_ALLOWED),
        # A program renamed to look like a PDF, and a PDF that says it is a picture.
        ("lesson.pdf", "application/x-msdownload", Refusal.NOT_ALLOWED),
        ("lesson.pdf", "image/png", Refusal.MISMATCH),
        ("lesson.exe", PDF, Refusal.NOT_ALLOWED),
        ("old.doc", "application/msword", Refusal.OLD_OFFICE),
        ("old.ppt", "application/vnd.ms-powerpoint", Refusal.OLD_OFFICE),
    ],
)
def test_refused_documents(name: str, mime: str | None, reason: Refusal) -> None:
    verdict = check_document(name, mime, 1000)
    assert isinstance(verdict, Refused)
    assert verdict.reason is reason


def test_refusal_names_the_extension_not_the_mime_type() -> None:
    verdict = check_document("setup.exe", "application/x-msdownload", 10)
    assert verdict == Refused(Refusal.NOT_ALLOWED, ".exe")
    # A program the sender's phone labelled a PDF: «.exe (application/pdf)» puzzled people.
    assert check_document("setup.exe", PDF, 10) == Refused(Refusal.NOT_ALLOWED, ".exe")
    assert check_document("noextension", PDF, 10) == Refused(Refusal.NOT_ALLOWED, "")
    assert check_video("video/quicktime", 5000, 30) == Refused(Refusal.NOT_ALLOWED, "")


def test_size_limit_is_checked_first_and_exactly() -> None:
    assert isinstance(check_document("a.pdf", PDF, MAX_BYTES), Accepted)
    assert check_document("a.pdf", PDF, MAX_BYTES + 1).reason is Refusal.TOO_BIG  # type: ignore[union-attr]
    # Even a forbidden type: the size is what the user must fix first either way.
    assert check_document("a.zip", "application/zip", MAX_BYTES + 1).reason is Refusal.TOO_BIG  # type: ignore[union-attr]
    assert check_photo(MAX_BYTES + 1) == Refused(Refusal.TOO_BIG, "JPG")
    assert check_video("video/mp4", MAX_BYTES + 1, 10).reason is Refusal.TOO_BIG  # type: ignore[union-attr]


def test_photos_and_videos() -> None:
    assert check_photo(5000) == Accepted(Kind.IMAGE, MediaType.PHOTO, "image/jpeg")
    assert check_video(None, 5000, 30) == Accepted(Kind.VIDEO, MediaType.VIDEO, "video/mp4")
    assert check_video("video/mp4", 5000, MAX_VIDEO_SECONDS) == Accepted(
        Kind.VIDEO, MediaType.VIDEO, "video/mp4"
    )
    assert check_video("video/mp4", 5000, MAX_VIDEO_SECONDS + 1).reason is Refusal.TOO_LONG  # type: ignore[union-attr]
    assert check_video("video/quicktime", 5000, 30).reason is Refusal.NOT_ALLOWED  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    ["https://example.kz/lesson", "https://bilim.kz/a?b=1#c", "  https://www.gov.kz/x  "],
)
def test_links_accepted(text: str) -> None:
    assert link(text) == text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "http://example.kz/lesson",
        "https://",
        "https://localhost/x",
        "https://example.kz/a b",
        "javascript:alert(1)",
        "ftp://example.kz/file.pdf",
        "https://user:pass@example.kz/",
        "example.kz",
        "https://" + "a" * 510 + ".kz",
        "",
    ],
)
def test_links_refused(text: str) -> None:
    assert link(text) is None


def test_looks_like_link_tells_a_bad_link_from_plain_text() -> None:
    assert looks_like_link("http://example.kz")
    assert looks_like_link("www.example.kz")
    assert not looks_like_link("Буллинг туралы")


def test_stem_suggests_a_title() -> None:
    assert stem("Буллинг туралы.pdf") == "Буллинг туралы"
    assert stem("slides.final.pptx") == "slides.final"
    assert stem(None) == ""
    assert stem(".pdf") == ""
