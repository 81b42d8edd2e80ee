"""What the author of a post sees while it goes out: a progress line, then the final report."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.views.phrases import grouped
from bot.views.posts import ack_label
from db.repositories.posts import DeliveryCounts


def duration(seconds: float, locale: str) -> str:
    if seconds < 60:
        return _("{seconds} s", locale=locale).format(seconds=max(1, round(seconds)))
    if seconds < 3600:
        return _("{minutes} min", locale=locale).format(minutes=round(seconds / 60))
    return _("{hours} h {minutes} min", locale=locale).format(
        hours=int(seconds // 3600), minutes=round(seconds % 3600 / 60)
    )


def progress_text(post_id: int, counts: DeliveryCounts, seconds_left: float | None, locale: str) -> str:
    head = _("<b>Post #{id} is being sent.</b>", locale=locale).format(id=post_id)
    done = _("Sent: {sent} of {total}.", locale=locale).format(
        sent=grouped(counts.sent, locale), total=grouped(counts.total, locale)
    )
    if seconds_left is None:
        left = _("Estimating the time left…", locale=locale)
    else:
        left = _("About {time} left.", locale=locale).format(time=duration(seconds_left, locale))
    return f"{head}\n{done}\n{left}"


def report_text(post_id: int, counts: DeliveryCounts, locale: str, *, event: bool = False) -> str:
    """`event`: the post announces an event, whose copies carry RSVP buttons instead of «Түсінікті»."""
    lines = [
        _("<b>Post #{id} has been sent.</b>", locale=locale).format(id=post_id),
        _("Delivered: {sent} of {total}.", locale=locale).format(
            sent=grouped(counts.sent, locale), total=grouped(counts.total, locale)
        ),
        _("Blocked the bot or left Telegram: {blocked}.", locale=locale).format(
            blocked=grouped(counts.blocked, locale)
        ),
        _("Failed: {failed}.", locale=locale).format(failed=grouped(counts.failed, locale)),
    ]
    if event:
        lines.append(_("Who is coming: /event list.", locale=locale))
    else:
        lines.append(
            _("«{label}» presses so far: {acks}.", locale=locale).format(
                label=ack_label(locale), acks=grouped(counts.acknowledged, locale)
            )
        )
    return "\n".join(lines)
