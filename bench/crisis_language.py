"""The language of the crisis reply on the labelled evaluation set: how often the detector answers a crisis
message in the other language than its file's, and how often it is not sure of the language.

    .venv/bin/python bench/crisis_language.py            # every crisis item of tests/data/crisis_eval/
    .venv/bin/python bench/crisis_language.py --list     # and every item answered in the other language
    .venv/bin/python bench/crisis_language.py --split blind6   # one split (both languages)

Only items the detector flags count (a missed item has no reply). Per file language (ru_*, kk_*) and script
(cyr, plain: Kazakh without its letters, latin, mixed) it prints: n flagged, how many got Finding.locale
other than the file's language ("wrong"), and how many have language_sure False ("unsure": the reply then
goes in the user's chosen language, handlers/crisis.py). "wrong & sure" are the ones no chosen language
can mend.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.crisis import load_items  # noqa: E402
from bot.crisis import load_detector  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--list", action="store_true", help="list the items answered in the other language")
    parser.add_argument("--split", default=None, help="dev, holdout, blind6, ...: one file per language")
    args = parser.parse_args()
    detector = load_detector()
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    wrong_items = []
    for item in load_items(args.split):
        if item["cat"] == "none":
            continue
        finding = detector.detect(item["text"])
        if finding is None:
            continue
        row = counts[(item["lang"], item.get("script", "?"))]
        wrong = finding.locale != item["lang"]
        row[0] += 1
        row[1] += wrong
        row[2] += not finding.language_sure
        row[3] += wrong and finding.language_sure
        if wrong:
            wrong_items.append((item, finding))
    print(f"{'lang':4} {'script':7} {'n':>5} {'wrong':>6} {'unsure':>7} {'wrong & sure':>13}")
    total = [0, 0, 0, 0]
    for (lang, script), row in sorted(counts.items()):
        print(f"{lang:4} {script:7} {row[0]:>5} {row[1]:>6} {row[2]:>7} {row[3]:>13}")
        total = [a + b for a, b in zip(total, row, strict=True)]
    print(f"{'all':4} {'':7} {total[0]:>5} {total[1]:>6} {total[2]:>7} {total[3]:>13}")
    if args.list:
        for item, finding in wrong_items:
            sure = "sure" if finding.language_sure else "unsure"
            print(f"{item['lang']} {item.get('script', '?'):6} -> {finding.locale} {sure:6} {item['text']!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
