"""The install files say what the bot reads: compose, Caddy, the systemd units and the Dockerfile are checked
as far as this machine can (config parses, names match the settings; systemd-analyze, docker if present)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.content.base import parse_yaml
from bot.settings import Settings

pytestmark = pytest.mark.no_database

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def _compose() -> dict:
    return parse_yaml((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_runs_several_bots_on_postgresql_and_redis_behind_a_proxy() -> None:
    compose = _compose()
    services = compose["services"]
    assert {"bot", "postgres", "redis", "proxy"} <= set(services)
    bot = services["bot"]
    assert bot["deploy"]["replicas"] >= 2
    env = bot["environment"]
    assert (
        env["DATABASE_URL"].startswith("postgresql+asyncpg://") and "@postgres:5432/" in env["DATABASE_URL"]
    )
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    # Every variable the compose file gives the bot is a setting the bot reads (no silent typo).
    known = {name.upper() for name in Settings.model_fields}
    assert set(env) <= known, set(env) - known
    assert {"postgres", "redis"} <= set(bot["depends_on"])
    assert bot["stop_grace_period"]


def test_the_proxy_forwards_telegrams_path_to_the_bots() -> None:
    caddy = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    path = re.search(
        r"https://\$\{DOMAIN[^}]*\}(/\S*)", _compose()["services"]["bot"]["environment"]["WEBHOOK_URL"]
    )
    assert path is not None
    assert f"handle {path.group(1)} {{" in caddy
    assert "reverse_proxy bot:8080" in caddy
    listen = _compose()["services"]["bot"]["environment"]["WEBHOOK_LISTEN"]
    assert listen.endswith(":8080")


def test_env_example_names_every_variable_compose_requires() -> None:
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    required = set(re.findall(r"\$\{([A-Z_]+):\?", text))
    example = {
        line.split("=", 1)[0]
        for line in (DEPLOY / "env.example").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    assert required and required <= example


def _units(tmp_path: Path) -> list[Path]:
    copies = []
    for unit in sorted(DEPLOY.glob("outreach-bot*.*")):
        # The venv of a real install is not on this machine; any Python shows the unit is otherwise sound.
        text = unit.read_text(encoding="utf-8").replace("/opt/outreach-bot/.venv/bin/python", sys.executable)
        copy = tmp_path / unit.name
        copy.write_text(text, encoding="utf-8")
        copies.append(copy)
    return copies


def test_systemd_units_run_the_bot_and_its_nightly_backup(tmp_path: Path) -> None:
    service = (DEPLOY / "outreach-bot.service").read_text(encoding="utf-8")
    assert re.search(r"(?m)^ExecStart=\S+/python -m bot$", service)
    assert re.search(r"(?m)^KillSignal=SIGTERM$", service)
    backup = (DEPLOY / "outreach-bot-backup.service").read_text(encoding="utf-8")
    assert "-m bot backup " in backup
    assert "OnCalendar=" in (DEPLOY / "outreach-bot-backup.timer").read_text(encoding="utf-8")
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed: the units were read, not verified")
    units = _units(tmp_path)
    done = subprocess.run(
        ["systemd-analyze", "verify", *map(str, units)], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def test_the_image_copies_every_package_the_bot_imports() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    import tomllib

    packages = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "packages"
    ]["find"]["include"]
    for pattern in packages:
        assert f"COPY {pattern.rstrip('*')} ./{pattern.rstrip('*')}" in dockerfile
    for data in ("content", "locales", "alembic.ini", "constraints.txt"):
        assert data in dockerfile
    assert "i18n compile" in dockerfile and 'CMD ["python", "-m", "bot"]' in dockerfile


def test_the_image_builds_where_docker_runs() -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "info"], capture_output=True).returncode != 0:
        pytest.skip("no Docker daemon on this machine: the Dockerfile was read, not built")
    done = subprocess.run(
        [docker, "build", "--quiet", "--tag", "outreach-bot:test", str(ROOT)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
