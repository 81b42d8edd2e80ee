import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database

ROOT = Path(__file__).resolve().parents[2]
GOOD_TOKEN = "123456789:AAF-good-token-with-enough-chars"


def run_bot(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "ADMIN_IDS", "DATABASE_URL"}}
    clean["PYTHONPATH"] = str(ROOT)
    # Run from an empty folder so no .env is picked up.
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=240,  # a safety net only: a cold start on a machine busy with twelve test workers
    )


def test_missing_token_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run_bot(tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "BOT_TOKEN" in lines[0]
    assert "Traceback" not in result.stderr


def test_malformed_token_exits_2(tmp_path: Path) -> None:
    result = run_bot(tmp_path, BOT_TOKEN="not-a-token")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "BOT_TOKEN is invalid" in result.stderr


def test_bad_admin_ids_named(tmp_path: Path) -> None:
    result = run_bot(tmp_path, BOT_TOKEN=GOOD_TOKEN, ADMIN_IDS="12,abc")
    assert result.returncode == 2
    assert "ADMIN_IDS" in result.stderr


def test_defaults_and_parsing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("ADMIN_IDS", " 12, 34 ,")
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:8081/")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    s = load_settings()
    assert s.admin_ids == frozenset({12, 34})
    assert s.telegram_api_url == "http://127.0.0.1:8081"
    assert s.default_locale == "kk"
    assert s.broadcast_rate == 25
    assert s.sqlite_path() == Path("data/bot.sqlite3")


def test_env_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    (tmp_path / ".env").write_text(f"BOT_TOKEN={GOOD_TOKEN}\nDEFAULT_LOCALE=ru\n", encoding="utf-8")
    s = load_settings()
    assert s.bot_token.get_secret_value() == GOOD_TOKEN
    assert s.default_locale == "ru"


def test_unknown_locale_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("DEFAULT_LOCALE", "en")
    with pytest.raises(SettingsError, match="DEFAULT_LOCALE"):
        load_settings()
