"""The sync fixtures of tests/sync (server, desktops, a filled community) plus the server on a real
socket (uvicorn on 127.0.0.1), which the desktop's background rounds reach over HTTP."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
import uvicorn

from tests.sync.conftest import Server, desktop, filled, pg_server_url, server  # noqa: F401  (fixtures)


@pytest.fixture
def live_url(server: Server) -> Iterator[str]:  # noqa: F811
    """The server's app served by uvicorn on a free 127.0.0.1 port, stopped after the test."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    runner = uvicorn.Server(uvicorn.Config(server.app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=runner.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(500):
        if runner.started:
            break
        threading.Event().wait(0.01)
    assert runner.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    runner.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def closed_url() -> str:
    """An address where nothing listens: the desktop is offline."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
