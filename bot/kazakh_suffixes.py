"""A Kazakh suffix fallback for hunspell-kk, whose dictionary lacks most inflected forms.

A word hunspell does not know is taken as known when it splits into a stem hunspell knows and a chain of
common inflectional suffixes. It is a heuristic: it keeps real misspellings of stems visible while not
flagging every case ending.
"""

from __future__ import annotations

from functools import lru_cache

_SUFFIX_TEXT = """
    лар лер дар дер тар тер ның нің дың дің тың тің ны ні ды ді ты ті н ға ге қа ке на не а е ңа ңе
    да де та те нда нде дан ден тан тен нан нен мен бен пен ым ім м ың ің ң ы і сы сі ымыз іміз мыз
    міз ыңыз іңіз ңыз ңіз ыз із ған ген қан кен атын етін йтын йтін ар ер ады еді йды йді у уға уге
    уды уді уда уде удан уден уын уін са се сақ сек саңыз сеңіз ып іп шы ші лық лік дық дік тық тік
    сыз сіз ша ше дай дей тай тей мақ мек пақ пек бақ бек ма ме ба бе па пе ды ді ты ті дық дік тық
    тік ла ле да де ламыз леміз ғы гі қы кі ғыз гіз қыз кіз тыр тір дыр дір ыр ір ыл іл ын ін ушы
    уші ақ ек нікі дікі тікі ныкі дыкі тыкі ғай гей қай кей мын мін сың сің сыз сіз ған ген шілік
    шылық
"""
SUFFIXES = frozenset(_SUFFIX_TEXT.split())

# A final voiceless consonant voices before a vowel: керек -> керегі, кітап -> кітабы.
VOICING = {"ғ": "қ", "г": "к", "б": "п"}


@lru_cache(maxsize=4096)
def is_suffix_chain(tail: str) -> bool:
    if not tail:
        return True
    return any(tail[:n] in SUFFIXES and is_suffix_chain(tail[n:]) for n in range(1, min(len(tail), 6) + 1))


def stems(word: str) -> set[str]:
    """Possible stems of a word: every prefix of 2+ letters followed by a suffix chain."""
    lower = word.casefold()
    found = set()
    for cut in range(2, len(lower)):
        if is_suffix_chain(lower[cut:]):
            stem = lower[:cut]
            found.add(stem)
            if stem[-1] in VOICING:
                found.add(stem[:-1] + VOICING[stem[-1]])
    return found
