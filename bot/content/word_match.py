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
# The words of a question, not of its topic, and the little words around one (pronouns, conjunctions,
# prepositions, particles): left out of the query and of the title alike. «көмек керек» names no memo whose
# title says «не істеу керек», nor «что делать» every memo that says what to do; «мені ұрады» is not about
# «Су мен мұз» («мен», "and", is also "I"), «у меня» names no title with «у» or «уловки». «өзім», «себя»
# stay: «өзіне зиян», «режет себя» are what a memo is about.
COMMON = frozenset(
    {
        # kk: question words and verbs of asking
        "керек", "қалай", "не", "нені", "неден", "неге", "кім", "кімге", "қандай", "қайда", "қашан",
        "істеу", "істеймін", "істейміз", "бар", "жоқ", "туралы", "үшін", "болса", "болады",
        # kk: personal pronouns in their cases, and «this»
        "мен", "мені", "менің", "маған", "менде", "менен", "менімен",
        "сен", "сені", "сенің", "саған", "сенде", "сенен", "сенімен",
        "сіз", "сізді", "сіздің", "сізге", "сізде", "сізден", "сізбен",
        "ол", "оны", "оның", "оған", "онда", "одан", "онымен",
        "біз", "бізді", "біздің", "бізге", "бізде", "бізден", "бізбен",
        "сендер", "сіздер", "олар", "оларды", "олардың", "оларға", "оларда", "олардан",
        "бұл", "бұны", "мұны", "осы", "мына", "мынау",
        # kk: conjunctions and particles
        "және", "пен", "бен", "немесе", "бірақ", "әрі", "да", "де", "та", "те", "ма", "ме", "ба", "бе",
        "па", "пе", "ғой", "ғана",
        # ru: question words and verbs of asking
        "как", "что", "чего", "чем", "кто", "где", "куда", "когда", "если", "чтобы", "делать", "начать",
        "нужно", "надо", "нужна", "нужен", "можно", "это", "этот", "эта", "эти", "есть", "нет", "так",
        "уже", "еще", "очень",
        # ru: personal and possessive pronouns in their cases
        "я", "меня", "мне", "мной", "мною", "мы", "нас", "нам", "нами",
        "ты", "тебя", "тебе", "тобой", "вы", "вас", "вам", "вами",
        "он", "его", "ему", "им", "нем", "него", "нему", "ним", "она", "ее", "ей", "ней", "нее",
        "оно", "они", "их", "ими", "них",
        "мой", "моя", "мое", "мои", "моего", "моей", "моему", "моим", "моих",
        "твой", "твоя", "твое", "твои", "наш", "наша", "наше", "наши", "ваш", "ваша", "ваше", "ваши",
        # ru: conjunctions, particles and prepositions («без», «при», «под» would take «безопасность»,
        # «признаки», «подготовиться» as typed beginnings)
        "и", "а", "но", "или", "же", "ли", "бы", "то", "ни",  # «да», «не» are Kazakh words too, above
        "в", "во", "на", "с", "со", "к", "ко", "о", "об", "обо", "от", "до", "по", "за", "у", "из",
        "для", "про", "без", "при", "под", "над", "через",
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


def topic_words(text: str) -> list[str]:
    """The words of `text` that may name a topic: not the words of a question («как», «керек») nor the
    little words around one («мен», «и», «в»)."""
    return [w for w in words(text) if w not in COMMON]


def names_all(query: str, text: str) -> bool:
    """Every topic word of `query` names some topic word of `text` (a query without one names nothing)."""
    asked, known = topic_words(query), topic_words(text)
    return bool(asked) and all(any(same_word(a, k) for k in known) for a in asked)


def named_count(query: str, text: str) -> int:
    """How many topic words of `query` name a word of `text`. Words under three letters («в», «и», «о») count
    only when the query has nothing longer, so a parent's whole question still finds its memo."""
    asked, known = topic_words(query), topic_words(text)
    long_ones = [a for a in asked if len(a) >= _SHORTEST]
    return sum(any(same_word(a, k) for k in known) for a in long_ones or asked)
