"""The crisis detector on the labelled evaluation set: recall and false positives, then time per message.

    .venv/bin/python bench/crisis.py            # every file in tests/data/crisis_eval/
    .venv/bin/python bench/crisis.py --split dev --misses   # one split, and list what it got wrong

Prints recall per language and category (crisis messages that got a crisis reply), the false-positive rate
per language and kind of ordinary message, how often the reply's kind matched the label, and the time per
message on ordinary-sized messages and on 4 KB ones (CPU time of the thread, so that other work on a shared
machine does not count).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.crisis import CrisisDetector, load_detector  # noqa: E402

EVAL_DIR = ROOT / "tests" / "data" / "crisis_eval"
CRISIS = ("suicide", "selfharm", "violence", "sexual", "bullying", "distress", "adult")


def load_items(split: str | None, only_lang: str | None = None) -> list[dict]:
    items = []
    for path in sorted(EVAL_DIR.glob("*.yaml")):
        lang, _, part = path.stem.partition("_")
        if (split and part != split) or (only_lang and lang != only_lang):
            continue
        for item in yaml.safe_load(path.read_text("utf-8"))["items"]:
            items.append({**item, "lang": lang, "split": part})
    return items


def evaluate(detector: CrisisDetector, items: list[dict]) -> dict:
    hits: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    same_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    # Whose crisis (bot/crisis/retold.py): a friend's told by a child (`who: friend`) should get the friend
    # reply; a child's own crisis (every other child's item) should not.
    friend: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    own: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for item in items:
        finding = detector.detect(item["text"])
        crisis = item["cat"] != "none"
        group = (item["lang"], item["cat"] if crisis else "none:" + item["kind"])
        hits[group][0] += finding is not None
        hits[group][1] += 1
        if crisis and finding is not None:
            expected_child = item["cat"] == "adult"
            kind_ok = finding.about_child if expected_child else finding.category == item["cat"]
            same_kind[item["lang"]][0] += kind_ok
            same_kind[item["lang"]][1] += 1
            if item["cat"] != "adult" and item.get("who", "self") in ("self", "friend"):
                told = item.get("who") == "friend"
                counts = (friend if told else own)[item["lang"]]
                counts[0] += finding.retold
                counts[1] += 1
                if finding.retold != told:
                    misses.append(("own reply" if told else "friend reply", item, finding.rule))
            if finding.locale != item["lang"]:
                misses.append(("wrong language", item, finding.rule))
        if crisis != (finding is not None):
            misses.append(("missed" if crisis else "false alarm", item, finding.rule if finding else ""))
    return {"hits": hits, "same_kind": same_kind, "friend": friend, "own": own, "misses": misses}


def table(result: dict) -> list[str]:
    hits = result["hits"]
    lines = [f"{'lang':4} {'category / kind':22} {'n':>4} {'flagged':>7} {'rate':>6}"]
    for lang in ("kk", "ru"):
        crisis = [0, 0]
        ordinary = [0, 0]
        for (lg, group), (flagged, n) in sorted(hits.items()):
            if lg != lang:
                continue
            lines.append(f"{lang:4} {group:22} {n:>4} {flagged:>7} {flagged / n:>6.3f}")
            bucket = ordinary if group.startswith("none") else crisis
            bucket[0] += flagged
            bucket[1] += n
        if crisis[1]:
            lines.append(
                f"{lang:4} {'RECALL (all crisis)':22} {crisis[1]:>4} {crisis[0]:>7} "
                f"{crisis[0] / crisis[1]:>6.3f}"
            )
        if ordinary[1]:
            lines.append(
                f"{lang:4} {'FALSE POSITIVES':22} {ordinary[1]:>4} {ordinary[0]:>7} "
                f"{ordinary[0] / ordinary[1]:>6.3f}"
            )
        ok, n = result["same_kind"].get(lang, [0, 0])
        if n:
            lines.append(f"{lang:4} {'reply kind = label':22} {n:>4} {ok:>7} {ok / n:>6.3f}")
        for label, counts in (
            ("friend's: friend reply", result["friend"]),
            ("own: friend reply", result["own"]),
        ):
            ok, n = counts.get(lang, [0, 0])
            if n:
                lines.append(f"{lang:4} {label:22} {n:>4} {ok:>7} {ok / n:>6.3f}")
    return lines


def timing(detector: CrisisDetector, items: list[dict]) -> list[str]:
    texts = [i["text"] for i in items]
    rng = random.Random(7)

    def four_kb(pool: list[str]) -> list[str]:
        out = []
        for _ in range(50):
            parts: list[str] = []
            while sum(len(p) + 1 for p in parts) < 4000:
                parts.append(rng.choice(pool))
            out.append(" ".join(parts)[:4096])
        return out

    # A long letter is mostly ordinary sentences; the dense case strings crisis messages end to end.
    letters = four_kb([i["text"] for i in items if i["cat"] == "none"])
    dense = four_kb(texts)
    for text in letters + dense + texts:  # "warm": every word has been seen once, as in a running bot
        detector.detect(text)
    lines = []
    for label, sample, cold in (
        ("one message, warm", texts, False),
        ("4 KB letter, warm", letters, False),
        ("4 KB of crisis messages, warm", dense, False),
        ("4 KB letter, cold cache", letters, True),
    ):
        runs = []
        for text in sample:
            if cold:
                detector.clear_cache()
            started = time.thread_time()
            detector.detect(text)
            runs.append(time.thread_time() - started)
        lines.append(
            f"{label:30} n={len(runs):4}  median {statistics.median(runs) * 1e3:.3f} ms"
            f"  p99 {sorted(runs)[int(len(runs) * 0.99) - 1] * 1e3:.3f} ms  max {max(runs) * 1e3:.3f} ms"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default=None, help="dev, holdout, review1, review2: one file per language")
    parser.add_argument("--lang", choices=["kk", "ru"], default=None)
    parser.add_argument("--misses", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    started = time.perf_counter()
    detector = load_detector()
    print(f"detector built in {time.perf_counter() - started:.2f} s, {len(detector.rules)} rules")
    items = load_items(args.split, args.lang)
    result = evaluate(detector, items)
    print("\n".join(table(result)))
    if args.misses:
        for what, item, rule in result["misses"]:
            print(
                f"{what:14} {item['lang']} {item.get('cat')}/{item.get('kind', '')} {rule:24} "
                f"{item['text']!r}"
            )
    print("\n".join(timing(detector, items)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
