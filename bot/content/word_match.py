"""Finding a memo by the words a parent types, whatever their case endings.

A title says «буллинг» or «травля»; a parent types «буллингтен», «травли», «пожаре», often inside a
whole question. Kazakh stacks suffixes
and Russian changes endings, so a query word is taken to name a title word when the two begin alike for most
of the shorter one (at least three letters), rather than when one is a substring of the other.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
# Of the shorter word, the share its beginning must have in common with the other.
_SHARE = 0.6
_SHORTEST = 3
# Where the two words part before the shorter one ends, each may go on by an ending of this many letters at
# most: «травли» is «травля», but «телефон» is not «тела» (only «тел» in common, and «ефон» is no ending).
_ENDING = 3
# The words of a question, not of its topic: «көмек керек» names no memo whose title says «не істеу керек»,
# nor «что делать» every memo that says what to do.
COMMON = frozenset(
    {
        # kk
        "керек", "қалай", "не", "нені", "неден", "істеу", "істеймін", "істейміз", "және", "мен", "маған",
        "менің", "бар", "жоқ", "қайда", "туралы", "үшін", "болса", "болады", "немесе",
        # ru
        "как", "что", "чего", "делать", "если", "нужно", "надо", "нужна", "нужен", "можно", "куда", "мне",
        "меня", "мой", "моя", "мои", "для", "или", "про", "это", "есть", "нет", "начать", "чтобы", "когда",
    }
)  # fmt: skip


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("ё", "е"))


def _common_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def same_word(typed: str, known: str) -> bool:
    if known.startswith(typed):  # a word still being typed: «11», «буллин»
        return True
    common = _common_start(typed, known)
    if common == min(len(typed), len(known)):  # «буллинг» + a stack of Kazakh suffixes
        return common >= _SHORTEST
    shorter = min(len(typed), len(known))
    return (
        common >= max(_SHORTEST, round(_SHARE * shorter))
        and len(typed) - common <= _ENDING
        and len(known) - common <= _ENDING
    )


def topic_words(query: str) -> list[str]:
    """The words of `query` that may name a topic: not the words of a question («как», «керек»)."""
    return [w for w in words(query) if w not in COMMON]


def names_all(query: str, text: str) -> bool:
    """Every word of `query` names some word of `text` (an empty query names nothing)."""
    asked, known = words(query), words(text)
    return bool(asked) and all(any(same_word(a, k) for k in known) for a in asked)


def named_count(query: str, text: str) -> int:
    """How many topic words of `query` name a word of `text`. Words under three letters («в», «и», «о») count
    only when the query has nothing longer, so a parent's whole question still finds its memo."""
    asked, known = topic_words(query), words(text)
    long_ones = [a for a in asked if len(a) >= _SHORTEST]
    return sum(any(same_word(a, k) for k in known) for a in long_ones or asked)
