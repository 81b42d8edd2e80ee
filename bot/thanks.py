"""Whether a message is only a thank-you: «рақмет», «спасибо большое!», «Raxmet)», «thank you 🙏».

Such a message, often the reply to a crisis note or a helpline card, is answered as a thank-you, not with
the note for what the bot cannot answer. Anything more than thanks (a question, a number, a word of what
happened) is not one: only words of thanks and the few that go with them («көп», «большое», «вам») are read,
and at least one of them is a thank-you itself. Case, punctuation and emoji are passed over.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
# Someone who thanks and goes on to say more is saying something else.
_MOST_WORDS = 6
THANKS = frozenset(
    {
        # kk, Cyrillic and Latin (the Kazakh Latin alphabet and the ways people type it in ASCII)
        "рақмет", "рахмет", "рахмат", "raqmet", "rahmet", "raxmet", "rakhmet", "rakmet", "rahmat",
        # ru, Cyrillic and translit
        "спасибо", "спасиб", "спасибки", "спс", "благодарю", "благодарим", "spasibo", "spasib",
        # en
        "thanks", "thank", "thx",
    }
)  # fmt: skip
# Words that go with a thank-you without changing it.
WITH_THANKS = frozenset(
    {
        "көп", "үлкен", "зор", "сізге", "саған", "сіздерге", "сендерге", "бот", "ботқа",
        "большое", "огромное", "вам", "тебе", "всем", "очень", "боту",
        "you", "so", "much", "very", "a", "lot", "bot",
    }
)  # fmt: skip


def is_thanks(text: str) -> bool:
    said = _WORD.findall(text.casefold().replace("ё", "е"))
    return (
        0 < len(said) <= _MOST_WORDS
        and any(word in THANKS for word in said)
        and all(word in THANKS or word in WITH_THANKS for word in said)
    )


__all__ = ["is_thanks"]
