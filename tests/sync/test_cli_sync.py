"""The CLI contract over a real server: server init, user add, serve (uvicorn on a free port), sync --json."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from app.services.demo import generate_demo
from app.store.db import Database

COMMUNITY = "幸福里社区"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_cli_fills_a_server_and_a_new_desktop_database_from_it(tmp_path: Path) -> None:
    url = str(tmp_path / "server.sqlite")
    assert _cli("server", "init", "--db-url", url).returncode == 0
    assert _cli("server", "user", "add", "书记", "--password", "pw-123456", "--role", "secretary",
                "--scope", COMMUNITY, "--db-url", url).returncode == 0
    assert _cli("server", "user", "add", "网格员", "--password", "pw-123456", "--role", "grid-worker",
                "--scope", COMMUNITY, "--db-url", url).returncode == 2  # a grid worker needs a grid
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--db-url", url, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(base + "/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        assert "/sync/push" in httpx.get(base + "/openapi.json").json()["paths"]
        desk = tmp_path / "secretary.sqlite"
        db = Database(desk)
        generate_demo(db, seed=3, households=20)
        db.close()
        first = _cli("sync", "--db", str(desk), "--server", base, "--user", "书记", "--password", "pw-123456",
                     "--json")
        assert first.returncode == 0, first.stderr
        counts = json.loads(first.stdout)
        assert counts["pushed"] > 0 and counts["rejected"] == 0 and counts["conflicts"] == 0
        fresh = tmp_path / "new" / "laptop.sqlite"
        second = _cli("sync", "--db", str(fresh), "--server", base, "--user", "书记", "--password", "pw-123456",
                      "--json")
        assert second.returncode == 0, second.stderr
        assert json.loads(second.stdout)["pulled"] >= counts["pushed"]
        wrong = _cli("sync", "--db", str(fresh), "--server", base, "--user", "书记", "--password", "nope-nope",
                     "--json")
        assert wrong.returncode == 1 and "密码" in json.loads(wrong.stdout)["message"]
    finally:
        server.terminate()
        server.wait(timeout=10)
