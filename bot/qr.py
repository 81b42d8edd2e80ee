"""The poster QR code: a PNG of the deep link that takes a parent straight to their school's grades."""

from __future__ import annotations

import io

import segno

DEEP_LINK_PREFIX = "school_"


def school_link(bot_username: str, org_code: str) -> str:
    return f"https://t.me/{bot_username}?start={DEEP_LINK_PREFIX}{org_code}"


def qr_png(link: str, scale: int = 12) -> bytes:
    """A PNG sharp enough to print on an A4 poster; error level M survives some wear and glare."""
    buffer = io.BytesIO()
    segno.make(link, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
