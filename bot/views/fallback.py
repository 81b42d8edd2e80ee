"""What the bot says to what it cannot answer: a message, a file, a sticker, a place.

Whoever writes here may be a child who has just had a crisis reply and writes «спасибо» or «у меня нет
телефона»: each note says kindly that this is a bot, in words that fit a child and an adult alike (no
«ты», no «вы»), and names the people who can listen. Nothing the user sent is kept.
"""

from __future__ import annotations

from aiogram.enums import ContentType

from bot.views.phrases import Phrase, __

short_text = __(
    "Thank you for the message. I am a bot: I understand only buttons and commands, so I can't answer it."
)
# A long letter may be about something hard: the people at 111 come in its first sentence.
long_text = __(
    "Thank you for the message. I am a bot and can't answer such a long letter, but the people at "
    "<b>111</b> will listen: free, anonymous, round the clock."
)
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

help_111 = __("If help is needed: <b>111</b>, free, anonymous, round the clock.")
help_112 = __("If someone's life is in danger right now: <b>112</b>, from any phone.")
menu_below = __("The main menu is on the buttons below.")


def fallback_note(first: str, locale: str, *, with_111: bool = True) -> str:
    """`first` (already in `locale`), then where help is, then the menu's place: one reply."""
    helplines = [help_111(locale), help_112(locale)] if with_111 else [help_112(locale)]
    return f"{first}\n\n" + "\n".join(helplines) + f"\n\n{menu_below(locale)}"


def kind_note(content_type: str, locale: str) -> str:
    notes = NOTES.get(content_type, (other_kind,))
    return fallback_note(" ".join(note(locale) for note in notes), locale)
