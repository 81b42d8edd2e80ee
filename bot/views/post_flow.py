"""Texts of the /post conversation; its callback data and keyboards are in bot/views/post_keyboards.py."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from enum import Enum

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.clock import KZ
from bot.flows.language_guess import guess_language, readable
from bot.flows.moments import MomentError, Problem
from bot.flows.wizard import numbered, step_over
from bot.quiet_hours import end_of_quiet_hours, in_quiet_hours
from bot.views import phrases
from bot.views.formats import date_time, grouped
from bot.views.moments import too_far_text
from bot.views.typed_dates import moment_example, no_such_moment_text

# Room left for the header and the button text once the post is rendered.
POST_TEXT_LIMIT = 3800


class Mismatch(Enum):
    """What is wrong with a text written twice, in Kazakh then in Russian."""

    KAZAKH_IS_RUSSIAN = "kazakh_is_russian"
    SAME_TEXT = "same_text"
    RUSSIAN_IS_KAZAKH = "russian_is_kazakh"


def language_mismatch(text_kk: str, text_ru: str) -> Mismatch | None:
    """A mismatch only on clear evidence (bot/flows/language_guess.py): a Kazakh letter in the Russian
    text («Отбасы сағаты», Әсем, Қарағанды) or none in the Kazakh one («Ертен сабак жок») proves nothing,
    and a text too short to tell passes. A Kazakh text in Russian comes first: sending the Russian again
    cannot mend it."""
    if guess_language(text_kk) == "ru":
        return Mismatch.KAZAKH_IS_RUSSIAN
    if " ".join(readable(text_kk).split()).casefold() == " ".join(readable(text_ru).split()).casefold():
        return Mismatch.SAME_TEXT
    if guess_language(text_ru) == "kk":
        return Mismatch.RUSSIAN_IS_KAZAKH
    return None


def looks_like_same_language(text_kk: str, text_ru: str) -> bool:
    """Whether the author is warned before the Russian text is kept."""
    return language_mismatch(text_kk, text_ru) is not None


def step_text(name: str, steps: Sequence[str], body: str, locale: str) -> str:
    """A question of the wizard under its header: which of the steps this author sees it is."""
    number, total = numbered(name, steps)
    header = _("<b>New post · step {step} of {steps}</b>", locale=locale).format(step=number, steps=total)
    return header + "\n" + body


def __(msgid: str) -> str:
    """Marks a msgid for extraction (the `__` keyword); it is translated where it is shown."""
    return msgid


# The question of each step, by the step's name.
PROMPTS = {
    "scope": __("Whom is the post from? Choose your organisation or area."),
    "text_kk": __(
        "Send the text of the post <b>in Kazakh</b>. "
        "Bold, italics and links you set in Telegram are kept.\n/cancel stops at any step."
    ),
    "text_ru": __("Now send the same text <b>in Russian</b>."),
    "media": __("Attach a photo or a document if you need one, or press «No attachment»."),
    "orgs": __("Who gets it? Send to everyone, or tick some organisations and press Done."),
    "grades": __("Which grades? All of them, or tick some and press Done."),
    "urgency": __(
        "How should it go?\n• <b>Normal</b>: with sound, but never between 22:00 and 08:00; "
        "at night it waits for the morning.\n• <b>Silent</b>: at once, without sound."
    ),
    "when": __("Send now, or at a set time?"),
}
URGENCY_NAMES = {"normal": __("normal"), "silent": __("silent"), "urgent": __("urgent")}


def prompt(name: str, steps: Sequence[str], locale: str, *, note: str = "") -> str:
    """The question of step `name`, with `note` (what is chosen so far, an extra option) under it."""
    body = _(PROMPTS[name], locale=locale)
    return step_text(name, steps, body + (f"\n{note}" if note else ""), locale)


no_org_ticked = phrases.__(
    "No organisation is ticked. Tick at least one and press Done, or send to everyone with the button at "
    "the top."
)


def chosen_note(selected: int, locale: str) -> str:
    return _("Chosen: {n}", locale=locale).format(n=selected) if selected else ""


# What Telegram charges for a message sent with allow_paid_broadcast (the Bot API's sendMessage).
STARS_PER_PAID_MESSAGE = Decimal("0.1")


def urgent_note(may_urgent: bool, locale: str, paid_rate: float = 0) -> str:
    """The urgent option's line, and the paid one's when `paid_rate` (messages/s) is offered."""
    if not may_urgent:
        return ""
    note = _("• <b>Urgent</b>: at once, with sound, even at night.", locale=locale)
    if paid_rate:
        rate = round(paid_rate)
        note += "\n" + ngettext(
            "• <b>Urgent, paid broadcast</b>: to the whole region at up to {rate} message a second; "
            "Telegram takes 0.1 Telegram Stars from the bot's balance for every message.",
            "• <b>Urgent, paid broadcast</b>: to the whole region at up to {rate} messages a second; "
            "Telegram takes 0.1 Telegram Stars from the bot's balance for every message.",
            rate,
            locale=locale,
        ).format(rate=rate)
    return note


# `phrases.__`: this module's own `__` only marks the msgids of PROMPTS and URGENCY_NAMES.
same_language_warning = phrases.__(
    "⚠️ The two texts look like the same language. Parents get the text in the language they chose. "
    "Send the Russian text again, or keep it as it is."
)
MISMATCH_WARNINGS = {
    Mismatch.KAZAKH_IS_RUSSIAN: phrases.__(
        "⚠️ The Kazakh text looks like Russian. Parents who chose Kazakh get it as it is. Keep it, or cancel "
        "and start again with the text in Kazakh."
    ),
    Mismatch.SAME_TEXT: same_language_warning,
    Mismatch.RUSSIAN_IS_KAZAKH: phrases.__(
        "⚠️ The Russian text looks like Kazakh. Parents who chose Russian get it as it is. Send the text in "
        "Russian, or keep it as it is."
    ),
}
kazakh_changed_warning = phrases.__(
    "⚠️ This Kazakh text looks like Russian, or like the Russian text. Parents who chose Kazakh get it as it "
    "is. Send the Kazakh text again, or keep it as it is."
)


def kazakh_mismatch(text_kk: str, text_ru: str) -> bool:
    """Whether a Kazakh text changed from the summary is warned about: it looks Russian, or like the Russian
    one (a Russian text that looks Kazakh was kept before, when it was written)."""
    return language_mismatch(text_kk, text_ru) in (Mismatch.KAZAKH_IS_RUSSIAN, Mismatch.SAME_TEXT)


# A text step answered with no word at all: a date, a number, only signs or emoji.
NO_WORDS = {
    "kk": phrases.__(
        "There is not a single word here, only numbers or signs. Please write the text in Kazakh in words "
        "(or /cancel)."
    ),
    "ru": phrases.__(
        "There is not a single word here, only numbers or signs. Please write the text in Russian in words "
        "(or /cancel)."
    ),
}


def too_long_text(length: int, locale: str) -> str:
    return _(
        "The text is too long: {length} characters, the limit is {limit}. "
        "Please shorten it and send it again.",
        locale=locale,
    ).format(length=length, limit=POST_TEXT_LIMIT)


def text_expected(locale: str) -> str:
    return _("Please send the text as a message (or /cancel).", locale=locale)


def media_expected(locale: str) -> str:
    return _("Please send a photo or a document, or press «No attachment».", locale=locale)


def ask_time(now: datetime, steps: Sequence[str], locale: str) -> str:
    """The second half of the «when» step: the moment itself."""
    body = _("Send the date and time in Kazakhstan time, like <code>{example}</code>.", locale=locale)
    example = moment_example(now)  # a moment the step takes, not now itself (already past when typed)
    return step_text("when", steps, body.format(example=example), locale)


def time_not_understood(now: datetime, locale: str) -> str:
    return _("I did not understand this time. Write it like {example}.", locale=locale).format(
        example=moment_example(now)
    )


def time_in_past(locale: str) -> str:
    return _("This time has already passed. Please send a time in the future.", locale=locale)


def time_refused(error: MomentError, now: datetime, locale: str) -> str:
    """Why a typed time was not taken: too far, no such day or time (31.02, 24:00), past, or unreadable."""
    if error.problem is Problem.TOO_FAR:
        return too_far_text(now, locale)
    if error.detail is not None:
        return no_such_moment_text(error.detail, now, locale)
    if error.problem is Problem.PAST:
        return time_in_past(locale)
    return time_not_understood(now, locale)


def preview_intro(locale: str) -> str:
    return _("<b>Preview.</b> Parents will see the post exactly like this:", locale=locale)


def preview_summary(
    audience: str,
    recipients: int,
    when: str,
    urgency: str,
    needs_approval: bool,
    locale: str,
    *,
    paid_rate: float = 0,
    night: str = "",
    at_once: bool = False,
) -> str:
    """`paid_rate`: the post goes as a paid broadcast at this many messages a second (0: it does not);
    `night`: night_note, why it waits for the morning; `at_once`: it goes as soon as it is confirmed."""
    lines = [
        _("<b>Check before sending</b>", locale=locale),
        _("To: {audience}", locale=locale).format(audience=audience),
        _("Recipients now: {n}", locale=locale).format(n=grouped(recipients, locale)),
        _("Sending: {when}", locale=locale).format(when=when),
        *([night] if night else []),
        _("Mode: {urgency}", locale=locale).format(urgency=urgency),
    ]
    if paid_rate:
        rate = round(paid_rate)
        paid = ngettext(
            "💫 Paid broadcast: up to {rate} message a second; about {stars} Telegram Stars from the bot's "
            "balance (0.1 for every message)",
            "💫 Paid broadcast: up to {rate} messages a second; about {stars} Telegram Stars from the bot's "
            "balance (0.1 for every message)",
            rate,
            locale=locale,
        )
        stars = grouped(recipients * STARS_PER_PAID_MESSAGE, locale)
        lines.append(paid.format(rate=rate, stars=stars))
    return "\n".join(lines + summary_notes(recipients, needs_approval, locale, at_once=at_once))


# Nobody subscribed and it goes at once: by post (False) or by event (True). A post may still choose a time.
NOBODY_NOW = {
    False: __(
        "⚠️ Nobody here is subscribed yet: sent now, the post reaches nobody. Share the QR code from /qr "
        "with parents first, or choose a later time."
    ),
    True: __(
        "⚠️ Nobody here is subscribed yet: announced now, it reaches nobody. Share the QR code from /qr "
        "with parents first."
    ),
}


def night_note(asked: datetime, locale: str, *, event: bool = False) -> str:
    """Why a normal post (an announcement is always one) asked for `asked` in quiet hours goes in the
    morning; empty by day. Said on the summary, beside the time it moves."""
    if not in_quiet_hours(asked):
        return ""
    times = {"asked": f"{asked.astimezone(KZ):%H:%M}", "morning": f"{end_of_quiet_hours(asked):%H:%M}"}
    if event:
        text = _("🌙 {asked} is night time: the announcement goes out at {morning}.", locale=locale)
        return text.format(**times)
    text = _(
        "🌙 {asked} is night time: a normal post goes out at {morning}. To send it at {asked}, choose "
        "«{silent}».",
        locale=locale,
    )
    return text.format(silent=_("Silent", locale=locale), **times)


def summary_notes(
    recipients: int, needs_approval: bool, locale: str, *, event: bool = False, at_once: bool = False
) -> list[str]:
    """The notes under a summary (a post's or an event's): nobody subscribed yet, and that an area-wide
    one waits for another coordinator. `at_once`: it goes as soon as it is confirmed, so nobody can
    subscribe before it does."""
    notes = []
    if recipients == 0 and at_once and not needs_approval:
        notes.append(_(NOBODY_NOW[event], locale=locale))
    elif recipients == 0:
        notes.append(
            _(
                "⚠️ Nobody here is subscribed yet. Parents who subscribe before it goes out will get it; "
                "the QR code from /qr helps them find the bot.",
                locale=locale,
            )
        )
    if needs_approval and event:
        notes.append(
            _(
                "An announcement to a whole district or region goes out after another coordinator "
                "approves it.",
                locale=locale,
            )
        )
    elif needs_approval:
        notes.append(
            _(
                "A post to a whole district or region goes out after another coordinator approves it.",
                locale=locale,
            )
        )
    return notes


def urgency_name(urgency: str, locale: str) -> str:
    return _(URGENCY_NAMES[urgency], locale=locale)


def when_text(send_at: datetime | None, locale: str) -> str:
    if send_at is None:
        return _("now", locale=locale)
    return date_time(send_at, locale)


def cancelled_text(locale: str) -> str:
    return _("Cancelled. Nothing was sent.", locale=locale)


nothing_to_cancel = phrases.__("There is nothing to cancel.")
step_over_text = step_over("post")


def queued_text(recipients: int, when: str, locale: str) -> str:
    return ngettext(
        "✅ Confirmed. {n} recipient; sending: {when}.",
        "✅ Confirmed. {n} recipients; sending: {when}.",
        recipients,
        locale=locale,
    ).format(n=grouped(recipients, locale), when=when)


already_confirmed_text = phrases.__("This post is already confirmed; it will not be sent twice.")
paid_switched_off = phrases.__(
    "Paid broadcasts have been switched off, so this post was not sent. Your draft is kept as an ordinary "
    "urgent post: check it below and press Confirm again (or /cancel)."
)


# The approval of a post: what its author is told (`awaiting_approval`, `no_approver` under the message that
# confirmed it; `author_role_gone`, `author_event_over` later, naming it; the decision itself is in
# bot/views/approvals.py), and what the approver is (the rest).
awaiting_approval = phrases.__(
    "Sent for approval. You will get a message when another coordinator or an admin approves it."
)
# Who may approve: bot/flows/publish.py ask_approvers (coordinators of the scope or an area above it, and the
# admins). A coordinator cannot invite one (/invite: a region coordinator or an admin appoints them), and a
# late approver finds the post in /approvals.
no_approver = phrases.__(
    "Nobody has been asked to approve it yet: no other coordinator of your area or region and no "
    "administrator of the bot uses the bot. Any of them can approve it with /approvals once they open the "
    "bot (new coordinators are appointed by a region coordinator or an administrator). Until then it "
    "waits; /stats shows it."
)
approved = phrases.__("Approved. The post is on its way.")
rejected = phrases.__("Rejected. The author has been told.")
event_over = phrases.__(
    "The event of this announcement has already begun or was cancelled: it will not be sent."
)
role_gone = phrases.__("The author's role no longer covers this audience, so the post will not be sent.")
already_decided = phrases.__("Someone has already decided on this post.")
own_post = phrases.__("You cannot approve your own post.")


# `post`: the post as bot/views/post_names.py post_label names it, in the author's language; the author may
# have several waiting.
def author_role_gone(post: str, locale: str) -> str:
    return _(
        "Your post {post}, which was waiting for approval, will not be sent: your role no longer covers its "
        "audience.",
        locale=locale,
    ).format(post=post)


def author_event_over(post: str, locale: str) -> str:
    return _(
        "Your announcement {post}, which was waiting for approval, will not be sent: its event has already "
        "begun or was cancelled.",
        locale=locale,
    ).format(post=post)
