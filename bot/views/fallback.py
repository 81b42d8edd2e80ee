"""What the bot says to what it cannot answer: a message, a file, a sticker, a place.

Whoever writes here may be a child who has just had a crisis reply and writes «у меня нет телефона»: each
note opens with where help is (111; 112 and the police for danger now), then says kindly that this is a
bot, in words that fit a child and an adult alike (no «ты», no «вы»). A plain thank-you («спасибо»,
«рақмет») is answered as one. Nothing the user sent is kept.
"""

from __future__ import annotations

from aiogram.enums import ContentType

from bot.views.phrases import Phrase, __

short_text = __("I am a bot: I understand only buttons and commands, so I can't answer this message.")
# A long letter may be about something hard: its writer is thanked, after where help is.
long_text = __("Thank you for the message. I am a bot and can't answer such a long letter.")
_voice = __("I am a bot and can't listen to voice messages or audio.")
_photo = __("I am a bot and can't look at photos.")
_video = __("I am a bot and can't watch videos.")
_sticker = __("Thank you for the sticker! I am a bot and understand only buttons and commands.")
_location = __(
    "I am a bot and pass a location to no one: nobody will come to it. For help to come, the address has "
    "to be said on the phone."
)
# A screenshot of threats, a photo of a bruise: what was sent may be evidence, which the crisis replies ask
# to keep. Said without «ты» or «вы», to whoever sent it.
_evidence = __("If it shows what happened, keep it: the school psychologist or the police may need it.")
# What Telegram sends besides text (aiogram's Message.content_type), each with the notes that fit it.
NOTES: dict[str, tuple[Phrase, ...]] = {
    ContentType.VOICE: (_voice,),
    ContentType.AUDIO: (_voice,),
    ContentType.PHOTO: (_photo, _evidence),
    ContentType.LIVE_PHOTO: (_photo, _evidence),
    ContentType.VIDEO: (_video, _evidence),
    ContentType.ANIMATION: (_video,),
    ContentType.VIDEO_NOTE: (__("I am a bot and can't watch video messages."),),
    ContentType.DOCUMENT: (__("I am a bot and don't open files, so I can't read this document."), _evidence),
    ContentType.STICKER: (_sticker,),
    ContentType.LOCATION: (_location,),
    ContentType.VENUE: (_location,),
    ContentType.CONTACT: (__("I am a bot and pass contacts to no one: nobody will call this number back."),),
}
other_kind = __("I am a bot and understand only buttons and commands.")

# 111 is free, anonymous and round the clock: content/helplines.yaml, with its sources.
help_111 = __("If it is hard or frightening: <b>111</b> (free, anonymous, round the clock).")
help_now = __("If there is danger right now: <b>112</b>, the police: <b>102</b>.")
menu_below = __("The main menu is on the buttons below.")
welcome = __("You're welcome!")


def fallback_note(note: str, locale: str) -> str:
    """Where help is first, then `note` (already in `locale`), then the menu's place: one reply."""
    return f"{help_111(locale)}\n{help_now(locale)}\n\n{note}\n\n{menu_below(locale)}"


def welcome_text(locale: str) -> str:
    """The answer to a plain thank-you, over the main menu."""
    return f"{welcome(locale)} {menu_below(locale)}"


def kind_note(content_type: str, locale: str) -> str:
    notes = NOTES.get(content_type, (other_kind,))
    return fallback_note(" ".join(note(locale) for note in notes), locale)
