"""Shared fixtures: offscreen Qt, a fresh database and settings per test, PostgreSQL when reachable."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.store.db import Database

SHARED = Path(__file__).resolve().parents[2] / "shared"
PG_URL = os.environ.get("GRIDLEDGER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data directory or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("GRIDLEDGER_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("GRIDLEDGER_USER", "测试员")


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody answers would hang the suite: fail instead, unless a test answers it."""
    try:
        from app.ui import prompts
    except ImportError:  # Qt not installed: nothing can pop up
        return

    def unanswered(*args: object, **_kwargs: object) -> None:
        raise AssertionError(f"unanswered dialog in a test: {args[1:3]}")

    for name in ("ask_yes_no", "inform", "warn", "open_file", "open_files", "save_file"):
        monkeypatch.setattr(prompts, name, unanswered)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "test.sqlite")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo community built once per test session (tests must not change it)."""
    from app.services.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = Database(path)
    generate_demo(database, seed=7, households=400)
    database.close()
    return path


@pytest.fixture
def demo_db(demo_db_path: Path) -> Iterator[Database]:
    database = Database(demo_db_path)
    yield database
    database.close()


def postgres_url() -> str:
    """The test PostgreSQL URL, or skip with the reason when none is reachable."""
    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg 未安装：跳过 PostgreSQL 测试")
    try:
        with psycopg.connect(PG_URL, connect_timeout=3):
            pass
    except psycopg.OperationalError as exc:
        pytest.skip(f"无法连接 PostgreSQL（{PG_URL}）：{exc}")
    return PG_URL
