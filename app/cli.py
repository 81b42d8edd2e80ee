"""Command line: `python -m bot` runs the bot; sub-commands for the sandbox and the gettext workflow."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import date
from pathlib import Path

from app.sandbox_texts import ROLES as SANDBOX_ROLES
from bot.settings import Settings, SettingsError, load_settings


async def _poll(settings: Settings) -> None:
    from app.composition import build_app
    from bot.factory import run_polling
    from bot.web.server import operations_server, run_webhook

    bot, dp = build_app(settings)
    if settings.webhook_url:
        await run_webhook(bot, dp, settings)
        return
    # aiogram stops polling on SIGINT/SIGTERM, runs the shutdown hooks and closes the HTTP session.
    async with operations_server(dp, settings):
        await run_polling(bot, dp, settings, handle_signals=True)


def run_bot() -> int:
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from bot import single_instance

    try:
        lock = single_instance.hold(settings.database_url)
    except single_instance.AlreadyRunning as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        asyncio.run(_poll(settings))
    finally:
        if lock is not None:
            lock.close()
    return 0


def _iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from exc


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="School and parent outreach bot")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    sandbox = sub.add_parser("sandbox", help="try the bot in this terminal against the built-in emulator")
    sandbox.add_argument("--language", choices=["kk", "ru"], default=None)
    sandbox.add_argument("--role", choices=SANDBOX_ROLES, default=None)
    i18n = sub.add_parser("i18n", help="gettext catalogs: extract, update, compile, check, translate FILE")
    i18n.add_argument("action", choices=["extract", "update", "compile", "check", "translate"])
    i18n.add_argument("fragment", nargs="?", help="for translate: YAML mapping msgid -> {kk, ru}")
    content = sub.add_parser("content", help="check the content in content/")
    content.add_argument("action", choices=["check"])
    orgs = sub.add_parser("orgs", help="organisations: import FILE (CSV, see README)")
    orgs.add_argument("action", choices=["import"])
    orgs.add_argument("file", help="the CSV file (UTF-8, with a header row)")
    measures = sub.add_parser(
        "measures", help="roadmap plans: import FILE (the roadmap table as CSV, see README)"
    )
    measures.add_argument("action", choices=["import"])
    measures.add_argument("file", help="the CSV file (UTF-8, with a header row)")
    measures.add_argument("--code", help="the plan's code (default: the file's name without .csv)")
    measures.add_argument("--region", help="the region's organisation code (default: the only one)")
    measures.add_argument("--title-kk", required=True, help="the plan's title in Kazakh")
    measures.add_argument("--title-ru", required=True, help="the plan's title in Russian")
    measures.add_argument("--starts", required=True, type=_iso_day, help="first day, YYYY-MM-DD")
    measures.add_argument("--ends", required=True, type=_iso_day, help="last day, YYYY-MM-DD")
    measures.add_argument("--apply", action="store_true", help="write it (without: check and describe only)")
    backup_commands = (("backup", "copy the whole database to FILE"), ("restore", "load FILE into it"))
    for name, what in backup_commands:
        cmd = sub.add_parser(name, help=f"{what} (DATABASE_URL; see docs/DEPLOY.md)")
        cmd.add_argument("file", help="the backup file")
        if name == "restore":
            cmd.add_argument("--replace", action="store_true", help="overwrite a database that holds data")
    args = parser.parse_args(argv)

    if args.command in (None, "run"):
        return run_bot()
    if args.command == "sandbox":
        from app.sandbox import run

        return run(language=args.language, role=args.role)
    if args.command == "content":
        from bot import content_check

        return content_check.run()
    if args.command == "measures":
        from bot.measures.csv_import import run as import_plan

        return import_plan(
            Path(args.file),
            code=args.code,
            region=args.region,
            title_kk=args.title_kk,
            title_ru=args.title_ru,
            starts=args.starts,
            ends=args.ends,
            apply=args.apply,
        )
    if args.command in ("backup", "restore"):
        from bot.backup import run as run_backup

        return run_backup(args.command, Path(args.file), replace=getattr(args, "replace", False))
    if args.command == "orgs":
        from bot.orgs.csv_import import run as import_orgs

        return import_orgs(Path(args.file))
    from bot import i18n_workflow

    return i18n_workflow.run(args.action, Path(args.fragment) if args.fragment else None)
