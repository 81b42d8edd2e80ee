"""Whether a text addresses its reader as «ты/сен» or as «вы/Сіз»: help screens read by a child and by a
parent alike must do neither."""

from __future__ import annotations

import re

# Verb forms and pronouns of each register, as they appear in the bot's help texts.
FORMAL = {
    "ru": re.compile(
        r"\b(вы|вас|вам|вами|ваш\w*|звоните|позвоните|свяжитесь|обратитесь|уточните|отсканируйте|оставьте)\b",
        re.IGNORECASE,
    ),
    # Kazakh «Сіз» and its imperative and possessive endings (шалыңыз, біліңіз, телефоныңыз).
    "kk": re.compile(r"\b(сіз\w*|\w+ң[ыі]з)\b", re.IGNORECASE),
}
FAMILIAR = {
    "ru": re.compile(r"\b(ты|тебя|тебе|тобой|твой|твоя|твоё|твои|звони|позвони|напиши)\b", re.IGNORECASE),
    "kk": re.compile(r"\b(сен|сені|саған|сенің|сенде|сенен|шал|хабарлас)\b", re.IGNORECASE),
}


def addresses(text: str, locale: str) -> list[str]:
    """The words of `text` that speak to the reader as «ты» or «вы» (empty: register-neutral)."""
    return [m.group(0) for pattern in (FORMAL[locale], FAMILIAR[locale]) for m in pattern.finditer(text)]
