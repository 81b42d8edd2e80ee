"""Fits the detector's two weighted looks on the labelled messages, and writes them to content/crisis_rules/.

    .venv/bin/python -m bot.crisis.fit

- weights.yaml: a softmax regression over the concepts of a message (bot/crisis/scoring.py), used to name the
  kind of crisis when the rules did not;
- ngrams.json: a logistic regression over the letter sequences of the words (bot/crisis/ngrams.py), the broad
  net for phrasings the rules do not spell out, and a check on the rules' findings. Its thresholds are
  chosen on scores the model gave messages it was not fitted on (five-fold cross-validation), for the best
  recall at which the false alarms of rules and net together stay within MAX_FALSE_ALARMS in each language;
  then the model is fitted on all messages.
Pure Python and numpy, two minutes or so; the results are data, reviewed like any other change in content/.
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

from bot.content.base import parse_yaml
from bot.crisis.detector import RULES_DIR, CrisisDetector
from bot.crisis.ngrams import marked_words, word_features
from bot.crisis.normalize import sentences
from bot.crisis.scoring import CLASSES

EVAL_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "crisis_eval"
WEIGHTS = RULES_DIR / "weights.yaml"
NGRAMS = RULES_DIR / "ngrams.json"
PENALTY = 0.02
MAX_FALSE_ALARMS = 0.03  # the limit, out of fold: on messages the net was not fitted on
HEADER = """\
# Weights of the crisis scorer (bot/crisis/scoring.py): the concepts of a message weighed per class, to name
# the kind of crisis when no rule did. Written by `.venv/bin/python -m bot.crisis.fit` from
# tests/data/crisis_eval/; do not edit by hand: change the concept lists or the labelled messages, fit again.
"""


def load(folder: Path = EVAL_DIR) -> list[dict]:
    items: list[dict] = []
    for path in sorted(folder.glob("*.yaml")):
        lang = path.stem.split("_")[0]
        items.extend({**i, "lang": lang} for i in parse_yaml(path.read_text("utf-8"))["items"])
    return items


def fit_concepts(detector: CrisisDetector, items: list[dict]) -> dict:
    feats = [detector.features(i["text"]) for i in items]
    names = sorted(set().union(*feats))
    index = {n: k for k, n in enumerate(names)}
    x = np.zeros((len(items), len(names)))
    for row, fs in enumerate(feats):
        for f in fs:
            x[row, index[f]] = 1.0
    onehot = np.eye(len(CLASSES))[np.array([CLASSES.index(i["cat"]) for i in items])]
    w = np.zeros((len(names), len(CLASSES)))
    b = np.zeros(len(CLASSES))
    for _ in range(3000):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot) / len(items)
        w -= 0.5 * (x.T @ grad + PENALTY * w)
        b -= 0.5 * grad.sum(axis=0)
    weights: dict[str, dict[str, float]] = {}
    for name, k in index.items():
        per_class = {c: round(float(w[k, j]), 2) for j, c in enumerate(CLASSES) if abs(w[k, j]) >= 0.05}
        if per_class:
            weights[name] = per_class
    bias = {c: round(float(b[j]), 2) for j, c in enumerate(CLASSES)}
    return {"bias": bias, "weights": weights, "margin": 0.0}


def message_features(text: str) -> Counter[str]:
    return Counter(f for w in marked_words(sentences(text)) for f in word_features(w))


def fit_ngrams(xs: list[Counter[str]], ys: list[int], epochs: int = 25) -> tuple[dict[str, float], float]:
    w: dict[str, float] = {}
    b = 0.0
    order = list(range(len(xs)))
    for epoch in range(epochs):
        random.Random(epoch).shuffle(order)
        rate = 0.2 / (1 + epoch / 10)
        for j in order:
            z = b + sum(w.get(f, 0.0) * c for f, c in xs[j].items())
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - ys[j]
            for f, c in xs[j].items():
                old = w.get(f, 0.0)
                w[f] = old - rate * (g * c + 1e-4 * old)
            b -= rate * g
    return w, b


def score(w: dict[str, float], b: float, x: Counter[str]) -> float:
    return b + sum(w.get(f, 0.0) * c for f, c in x.items())


def choose_thresholds(
    items: list[dict], rule_hits: list[bool], xs: list[Counter[str]], ys: list[int]
) -> tuple[float, float]:
    """(below, above): a rule's finding stands unless the net scores the message under ``below`` (a notice
    that names every danger); with no rule, the net flags a message from ``above``. Chosen on out-of-fold
    scores for the best recall with false alarms within MAX_FALSE_ALARMS in each language."""
    folds = 5
    oof = [0.0] * len(items)
    for k in range(folds):
        train = [j for j in range(len(items)) if j % folds != k]
        w, b = fit_ngrams([xs[j] for j in train], [ys[j] for j in train], epochs=15)
        for j in range(len(items)):
            if j % folds == k:
                oof[j] = score(w, b, xs[j])
    langs = {lang: [j for j, i in enumerate(items) if i["lang"] == lang] for lang in ("kk", "ru")}
    crisis = [j for j, i in enumerate(items) if i["cat"] != "none"]
    best: tuple[float, float, float] | None = None
    for below in [x / 2 for x in range(-30, 1)]:
        for above in [x / 4 for x in range(-4, 60)]:
            flagged = [(rule_hits[j] and oof[j] >= below) or oof[j] >= above for j in range(len(items))]
            worst = max(
                sum(flagged[j] for j in js if items[j]["cat"] == "none")
                / sum(items[j]["cat"] == "none" for j in js)
                for js in langs.values()
            )
            if worst > MAX_FALSE_ALARMS:
                continue
            recall = sum(flagged[j] for j in crisis) / len(crisis)
            if best is None or recall > best[0]:
                best = (recall, below, above)
            break  # a higher `above` only loses recall
    assert best is not None, "no thresholds keep the false alarms in bounds"
    print(f"out-of-fold: recall {best[0]:.3f} with rules kept from {best[1]} and the net from {best[2]}")
    return best[1], best[2]


def main() -> int:
    items = load()
    detector = CrisisDetector.from_dir(RULES_DIR)
    detector.use_scoring(None)
    detector.use_ngrams(None)
    concepts = fit_concepts(detector, items)
    text = yaml.safe_dump({"scoring": concepts}, allow_unicode=True, sort_keys=True, width=110)
    WEIGHTS.write_text(HEADER + text, encoding="utf-8")

    rule_hits = [detector.detect(i["text"]) is not None for i in items]
    xs = [message_features(i["text"]) for i in items]
    ys = [0 if i["cat"] == "none" else 1 for i in items]
    below, above = choose_thresholds(items, rule_hits, xs, ys)
    w, b = fit_ngrams(xs, ys)
    kept = {f: round(v, 4) for f, v in sorted(w.items()) if abs(v) >= 0.005}
    NGRAMS.write_text(
        json.dumps(
            {"bias": round(b, 4), "threshold": above, "keep_rules_from": below, "weights": kept},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    print(f"{len(items)} messages: {len(concepts['weights'])} concepts, {len(kept)} letter sequences weighed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
