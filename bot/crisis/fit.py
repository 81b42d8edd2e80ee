"""Fits the scorer's weights (content/crisis_rules/weights.yaml) on the labelled messages.

    .venv/bin/python -m bot.crisis.fit            # writes the file and prints what it did

A softmax regression over the concepts of each message (bot/crisis/scoring.py), with an L2 penalty strong
enough that a weight only grows where many messages agree. The margin is the smallest that keeps false
alarms (rules and weights together) on the ordinary messages at or under MAX_FALSE_ALARMS. Only the
concepts are seen, never the words, so the weights carry over to phrasings the set does not have as long
as their words are in the concept lists.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import yaml

from bot.crisis.detector import RULES_DIR, CrisisDetector
from bot.crisis.scoring import CLASSES, NONE

EVAL_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "crisis_eval"
WEIGHTS = RULES_DIR / "weights.yaml"
PENALTY = 0.02
MAX_FALSE_ALARMS = 0.015
HEADER = """\
# Weights of the crisis scorer (bot/crisis/scoring.py): when no rule fires, the concepts of a message are
# weighed per class. Written by `.venv/bin/python -m bot.crisis.fit` from tests/data/crisis_eval/; do not
# edit by hand, change the concept lists or the labelled messages and fit again.
"""


def load(folder: Path = EVAL_DIR) -> list[dict]:
    items = []
    for path in sorted(folder.glob("*.yaml")):
        items.extend(yaml.safe_load(path.read_text("utf-8"))["items"])
    return items


def fit(detector: CrisisDetector, items: list[dict]) -> dict:
    feats = [detector.features(i["text"]) for i in items]
    names = sorted(set().union(*feats))
    index = {n: k for k, n in enumerate(names)}
    x = np.zeros((len(items), len(names)))
    for row, fs in enumerate(feats):
        for f in fs:
            x[row, index[f]] = 1.0
    y = np.array([CLASSES.index(i["cat"]) for i in items])
    onehot = np.eye(len(CLASSES))[y]
    w = np.zeros((len(names), len(CLASSES)))
    b = np.zeros(len(CLASSES))
    rate = 0.5
    for _ in range(3000):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot) / len(items)
        w -= rate * (x.T @ grad + PENALTY * w)
        b -= rate * grad.sum(axis=0)
    weights = {}
    for name, k in index.items():
        row = {c: round(float(w[k, j]), 2) for j, c in enumerate(CLASSES) if abs(w[k, j]) >= 0.05}
        if row:
            weights[name] = row
    return {"bias": {c: round(float(b[j]), 2) for j, c in enumerate(CLASSES)}, "weights": weights}


def choose_margin(plain: CrisisDetector, scoring: dict, items: list[dict]) -> float:
    ordinary = [i["text"] for i in items if i["cat"] == NONE]
    plain.use_scoring(None)
    by_rules = sum(plain.detect(t) is not None for t in ordinary)
    left = [t for t in ordinary if plain.detect(t) is None]
    for margin in [m / 10 for m in range(0, 60)]:
        plain.use_scoring({**scoring, "margin": margin})
        alarms = by_rules + sum(plain.detect(t) is not None for t in left)
        if alarms / len(ordinary) <= MAX_FALSE_ALARMS:
            return margin
    return 6.0


def main() -> int:
    items = load()
    plain = CrisisDetector.from_dir(RULES_DIR)
    plain.use_scoring(None)
    scoring = fit(plain, items)
    scoring["margin"] = choose_margin(plain, scoring, items)
    text = yaml.safe_dump({"scoring": scoring}, allow_unicode=True, sort_keys=True, width=110)
    WEIGHTS.write_text(HEADER + text, encoding="utf-8")
    print(f"{len(items)} messages, {len(scoring['weights'])} weighted concepts, margin {scoring['margin']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
