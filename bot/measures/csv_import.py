"""`python -m bot measures import FILE`: a region's new roadmap from a CSV of its table, without code.

The CSV (UTF-8, with or without BOM, a header row) has the columns of the roadmap table, one row a measure:
number, section, title_kk, title_ru, form_kk, form_ru, deadline_kk, deadline_ru, responsible_kk,
responsible_ru, parent_facing, and optionally figures (keys of the previous plan's figure labels, space- or
comma-separated). A row with a section number and no measure number is that section's heading, as in the
roadmap itself. The Russian deadline is read for the schedule («декабрь 2027 года», «ежегодно», «июнь,
декабрь ежегодно», «ежеквартально», «1 раз в полугодие», «в течение учебного года», «в течение года»); both
deadline texts are shown to readers as written.

The plan takes the abbreviations and figure labels of the region's latest plan (the bodies rarely change),
is checked as `content check` checks content, and is described; only with --apply is it written, as
content/measures/<code>.yaml, which the bot loads at start. It becomes current on its start date: until then
parents see the ended plan in the archive and are told when the next one starts.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.measures.catalogue import MEASURES_DIR, Catalogue, Measure, Plan, load_catalogue
from bot.measures.status import month_end
from bot.numbers import ascii_int

# The roadmap table's columns: the number, the section, each text in both languages, and the parents' flag.
TEXT_COLUMNS = tuple(
    f"{name}_{locale}" for name in ("title", "form", "deadline", "responsible") for locale in ("kk", "ru")
)
REQUIRED = ("number", "section", *TEXT_COLUMNS, "parent_facing")
OPTIONAL = ("figures",)
YES = {"yes", "y", "true", "1", "да", "иә", "ия", "+"}
NO = {"no", "n", "false", "0", "нет", "жоқ", "-", ""}
MONTHS = {
    1: r"январ\w*",
    2: r"феврал\w*",
    3: r"март\w*",
    4: r"апрел\w*",
    5: r"ма[йяе]",
    6: r"июн\w*",
    7: r"июл\w*",
    8: r"август\w*",
    9: r"сентябр\w*",
    10: r"октябр\w*",
    11: r"ноябр\w*",
    12: r"декабр\w*",
}
_DAY = re.compile(r"^(?:до\s+)?(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г(?:ода|\.)?)?$")
KIND_NAMES = {
    "once": "once",
    "yearly": "yearly",
    "semiannual": "every half-year",
    "quarterly": "every quarter",
    "school_year": "every school year",
    "continuous": "all through, reported each December",
}


class DeadlineError(ValueError):
    pass


def parse_deadline(ru: str) -> dict[str, Any]:
    """The schedule a Russian deadline text means: the `deadline` of a measure without its `text`."""
    text = " ".join(ru.lower().replace("ё", "е").split())
    day = _DAY.match(text)
    if day:
        d, m, y = (int(part) for part in day.groups())
        try:
            return {"kind": "once", "on": date(y, m, d)}
        except ValueError as exc:
            raise DeadlineError(f"{ru!r} is not a date") from exc
    words = re.findall(r"[а-я]+|[0-9]+", text)
    months = [n for word in words for n, stem in MONTHS.items() if re.fullmatch(stem, word)]
    years = [int(w) for w in words if ascii_int(w) is not None and len(w) == 4]
    every_year = "ежегодно" in words or "каждый" in words
    if "ежеквартально" in words or any(w.startswith("квартал") for w in words):
        return {"kind": "quarterly"}
    if any(w.startswith("полугод") for w in words):
        return {"kind": "semiannual"}
    if "учебного" in words or "учебный" in words:
        return {"kind": "school_year"}
    if len(months) == 1 and len(years) == 1 and not every_year:
        return {"kind": "once", "on": month_end(years[0], months[0])}
    if months and not years:
        distinct = sorted(set(months))
        if distinct == [6, 12]:
            return {"kind": "semiannual"}
        return {"kind": "yearly", "months": distinct}
    if every_year and not years:
        return {"kind": "yearly", "months": [12]}
    if (
        "течение" in words
        or "постоянно" in words
        or "постоянной" in words
        or (len(years) == 2 and not months)
    ):
        return {"kind": "continuous"}
    raise DeadlineError(
        f"{ru!r} is not understood; write it as «декабрь 2027 года», «до 15.09.2027», «ежегодно», "
        "«июнь, декабрь ежегодно», «ежеквартально», «1 раз в полугодие», «в течение учебного года» or "
        "«в течение года»"
    )


@dataclass
class Outcome:
    plan: Plan | None
    errors: list[str] = field(default_factory=list)
    base: Plan | None = None  # the region's latest plan before this one


def _read(path: Path) -> tuple[list[dict[str, str]], list[str]]:
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"{path}: cannot be read as UTF-8 text ({exc})"]
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in REQUIRED + OPTIONAL]
    errors = []
    if missing:
        errors.append(f"row 1: missing column(s) {', '.join(missing)}")
    if unknown:
        errors.append(f"row 1: unknown column(s) {', '.join(unknown)}")
    if errors:
        return [], errors
    rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]
    return rows, []


def _flag(value: str) -> bool | None:
    low = value.lower()
    return True if low in YES else False if low in NO else None


def _error_text(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" if e["loc"] else e["msg"] for e in exc.errors()
    )


def build_plan(
    path: Path,
    *,
    code: str,
    region: str,
    title_kk: str,
    title_ru: str,
    starts: date,
    ends: date,
    catalogue: Catalogue,
) -> Outcome:
    rows, errors = _read(path)
    if errors:
        return Outcome(None, errors)
    earlier = [p for p in catalogue.of_region(region) if p.code != code]
    base = earlier[-1] if earlier else None
    if catalogue.plan(code) is not None:
        errors.append(f"plan {code} is already in the catalogue; give the new plan another code")
    if ends < starts:
        errors.append(f"the plan ends ({ends}) before it starts ({starts})")
    for other in earlier:
        if other.starts <= ends and starts <= other.ends:
            errors.append(
                f"the period {starts}..{ends} overlaps plan {other.code} ({other.starts}..{other.ends})"
            )
    sections: list[dict[str, Any]] = []
    measures: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=2):
        if not any(row.values()):
            continue
        section = row["section"]
        if ascii_int(section) is None:
            errors.append(f"row {number}: section {section!r} is not a number")
            continue
        if not row["number"]:
            sections.append({"number": int(section), "title": {"kk": row["title_kk"], "ru": row["title_ru"]}})
            continue
        if ascii_int(row["number"]) is None:
            errors.append(f"row {number}: measure number {row['number']!r} is not a number")
            continue
        parent_facing = _flag(row["parent_facing"])
        if parent_facing is None:
            errors.append(f"row {number}: parent_facing {row['parent_facing']!r} is not yes or no")
            continue
        try:
            deadline = parse_deadline(row["deadline_ru"])
        except DeadlineError as exc:
            errors.append(f"row {number}: deadline {exc}")
            continue
        on = deadline.get("on")
        if on is not None and not starts <= on <= ends:
            errors.append(f"row {number}: deadline {on} is outside the plan's period {starts}..{ends}")
            continue
        deadline["text"] = {"kk": row["deadline_kk"], "ru": row["deadline_ru"]}
        item: dict[str, Any] = {
            "number": int(row["number"]),
            "section": int(section),
            "title": {"kk": row["title_kk"], "ru": row["title_ru"]},
            "form": {"kk": row["form_kk"], "ru": row["form_ru"]},
            "deadline": deadline,
            "responsible": {"kk": row["responsible_kk"], "ru": row["responsible_ru"]},
        }
        if parent_facing:
            item["parent_facing"] = True
        if row.get("figures"):
            item["figures"] = re.split(r"[\s,;]+", row["figures"])
        try:
            Measure.model_validate(item)
        except ValidationError as exc:
            errors.append(f"row {number}: {_error_text(exc)}")
            continue
        measures.append(item)
    if not measures and not errors:
        errors.append("the file has no measures")
    if errors:
        return Outcome(None, errors, base)
    data: dict[str, Any] = {
        "code": code,
        "region": region,
        "title": {"kk": title_kk, "ru": title_ru},
        "starts": starts,
        "ends": ends,
        "figure_labels": {k: v.model_dump() for k, v in base.figure_labels.items()} if base else {},
        "sections": sections,
        "measures": measures,
    }
    if base is not None and base.abbreviations is not None:
        data["abbreviations"] = base.abbreviations.model_dump()
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        return Outcome(None, [_error_text(exc)], base)
    errors = check(plan)
    return Outcome(None if errors else plan, errors, base)


def check(plan: Plan) -> list[str]:
    """What `content check` refuses in a plan: numbering, unexplained abbreviations, the wrong language, a
    glossary variant, a phone number that is not a verified helpline, a message Telegram would reject."""
    from bot import content_check as cc
    from bot import content_glossary as glossary
    from bot.content import CONTENT_DIR, HelplinesFile
    from bot.content.base import read_yaml
    from bot.i18n import create_i18n

    report = cc.Report()
    cc.check_plan(report, plan)
    allow = cc.Allowlist.load(CONTENT_DIR / "spelling_allowlist.yaml")
    # Only the helplines: a plan's check does not depend on the other content files.
    helplines = HelplinesFile.model_validate(read_yaml(CONTENT_DIR / "helplines.yaml")).helplines
    phones = {h.phone for h in helplines if h.phone}
    rules = glossary.load_glossary(CONTENT_DIR / "glossary.yaml")
    where = f"content/measures/{plan.code}.yaml"
    with create_i18n("kk").context():
        for locale in ("kk", "ru"):
            texts = list(cc.plan_texts(plan, locale))
            glossary.check_glossary(
                report, rules, [glossary.SourceText(where, 1, locale, text) for _label, text in texts]
            )
            cc.check_texts(report, locale, texts, allow, phones)
            cc.check_pages(report, locale, cc.plan_rendered(plan, locale))
    return report.errors


def describe(plan: Plan, base: Plan | None, target: Path) -> str:
    kinds = Counter(KIND_NAMES[m.deadline.kind] for m in plan.measures)
    parents = sum(m.parent_facing for m in plan.measures)
    lines = [
        f"plan {plan.code} (region {plan.region}): {plan.starts:%d.%m.%Y} - {plan.ends:%d.%m.%Y}",
        f"  kk: {plan.title.kk}",
        f"  ru: {plan.title.ru}",
        f"  {len(plan.sections)} sections, {len(plan.measures)} measures ({parents} parent-facing)",
        "  deadlines: " + ", ".join(f"{n} {kind}" for kind, n in kinds.most_common()),
    ]
    for section in plan.sections:
        lines.append(f"  section {section.number}. {section.title.ru}")
        for m in plan.in_section(section.number):
            when = f"by {m.deadline.on:%d.%m.%Y}" if m.deadline.on else KIND_NAMES[m.deadline.kind]
            if m.deadline.kind == "yearly":
                when += " (months " + ", ".join(str(x) for x in m.deadline.due_months()) + ")"
            mark = "parents" if m.parent_facing else "staff"
            lines.append(f"    {m.number:>3}. {m.title.ru} | {m.deadline.text.ru} -> {when} | {mark}")
    if base is not None:
        lines.append(
            f"abbreviations and figure labels from {base.code}; from {plan.starts:%d.%m.%Y} it is the "
            f"current plan and {base.code} is in the archive"
        )
    else:
        lines.append(f"from {plan.starts:%d.%m.%Y} it is the current plan")
    lines.append(f"file: {target}")
    return "\n".join(lines)


def to_yaml(plan: Plan, source: Path) -> str:
    data = plan.model_dump(mode="python", exclude_defaults=True)
    for measure in data["measures"]:
        if "months" in measure["deadline"]:
            measure["deadline"]["months"] = list(measure["deadline"]["months"])
        if "figures" in measure:
            measure["figures"] = list(measure["figures"])
    data["sections"] = list(data["sections"])
    data["measures"] = list(data["measures"])
    head = (
        f"# {plan.title.ru}: imported with `python -m bot measures import {source.name}`.\n"
        "# Fix a text here (and run `make content`); a measure's number and its plan are what updates are\n"
        "# kept under, so never renumber a measure once staff have reported on it.\n"
    )
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    return head + body


def run(
    path: Path,
    *,
    code: str | None,
    region: str | None,
    title_kk: str,
    title_ru: str,
    starts: date,
    ends: date,
    apply: bool,
    directory: Path = MEASURES_DIR,
) -> int:
    catalogue = load_catalogue(directory)
    code = code or path.stem
    if not re.fullmatch(r"[a-z0-9-]{3,40}", code):
        print(f"error: plan code {code!r} must be 3-40 lowercase latin letters, digits and '-' (use --code)")
        return 1
    regions = sorted({p.region for p in catalogue.plans})
    if region is None:
        if len(regions) != 1:
            print(f"error: say which region with --region (known: {', '.join(regions) or 'none'})")
            return 1
        region = regions[0]
    outcome = build_plan(
        path,
        code=code,
        region=region,
        title_kk=title_kk,
        title_ru=title_ru,
        starts=starts,
        ends=ends,
        catalogue=catalogue,
    )
    target = directory / f"{code}.yaml"
    if outcome.plan is not None and target.exists():
        outcome.errors.append(f"{target} already exists")
    for error in outcome.errors:
        print(f"error: {error}")
    if outcome.errors or outcome.plan is None:
        print("nothing written")
        return 1
    print(describe(outcome.plan, outcome.base, target))
    if not apply:
        print("checked; nothing written yet: run again with --apply to add it")
        return 0
    target.write_text(to_yaml(outcome.plan, path), "utf-8")
    written = load_catalogue(directory).plan(code)
    assert written == outcome.plan, "the written file does not read back as the checked plan"
    print(f"written {target}; restart the bot to load it")
    return 0
