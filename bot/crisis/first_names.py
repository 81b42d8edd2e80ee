"""First names as a child writes them about a friend (bot/crisis/retold.py): «Катя сказала…», «у Даши дома
бьют», «Айгерімді ұрады». Russian declines a name by its ending, so the forms are made here, not listed:
the nominative and the dative name the one who feels («Кате плохо»), the genitive and the accusative the one
hurt («Катю бьют», «у Ерлана дома»). A Kazakh name in a Kazakh sentence takes Kazakh case endings; retold.py
reads those as it reads «досымды».
"""

from __future__ import annotations

_HUSHING = "гкхжшчщ"


def russian_forms(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(nominative and dative, genitive and accusative) of a first name, lower-case."""
    n = name.lower()
    stem = n[:-1]
    if n.endswith("ия"):  # Мария: Марии, Марию
        return (n, stem + "и"), (stem + "и", stem + "ю")
    if n.endswith("а"):  # Катя, Даша, Мадина: Даше, Даши, Дашу
        genitive = stem + ("и" if stem[-1:] in _HUSHING else "ы")
        return (n, stem + "е"), (genitive, stem + "у")
    if n.endswith("я"):
        return (n, stem + "е"), (stem + "и", stem + "ю")
    if n.endswith(("й", "ь")):  # Андрей, Игорь: Андрея, Андрею
        return (n, stem + "ю"), (stem + "я",)
    if n[-1:] in "бвгджзклмнпрстфхцчшщ":  # Ерлан, Максим: Ерлана, Ерлану
        return (n, n + "у"), (n + "а",)
    return (n,), ()
