"""SQLite statements run on a second thread while the caller goes on preparing the next ones.

Why: a large import spends about as long in SQLite (B-tree inserts of rows, their indexes, the outbox
and the search index) as in Python (building those rows and index entries). SQLite releases the GIL
while it executes a statement, so on a machine with two cores the two can overlap: the caller queues
inserts here and goes on with Python work, the pipe's thread executes them in order on the *same*
connection, inside the caller's transaction.

Rows go in as multi-row ``INSERT … VALUES (…), (…)`` statements of up to 16,000 values: ``executemany``
would take the GIL back after every row, and with the other thread busy in Python each of those
hand-overs waits for the interpreter's switch interval, which makes it slower than not overlapping.

Errors: the first failing job's exception is kept, later jobs are skipped, and :meth:`wait` raises it
in the caller's thread, whose transaction then rolls back as it would have without the pipe.
"""

from __future__ import annotations

import queue
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from itertools import chain
from typing import Any

from sqlalchemy import Connection

Job = Callable[[sqlite3.Cursor], None]
_SWITCH_INTERVAL = 0.0001  # seconds; the default 5 ms makes the pipe wait that long for the GIL per statement
_MAX_VARIABLES = 16_000  # bound values per statement (SQLite >= 3.32 allows 32,766)
_QUEUED_JOBS = 4


def sqlite_connection(conn: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one: statements on it share the open transaction."""
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def run_now(conn: Connection, job: Job) -> None:
    """``job`` with a cursor of ``conn``'s sqlite3 connection, in the caller's thread."""
    with closing(sqlite_connection(conn).cursor()) as cursor:
        job(cursor)


def insert_values(cursor: sqlite3.Cursor, head: str, rows: Sequence[Sequence[Any]]) -> None:
    """``head`` ("INSERT INTO t (a, b) VALUES") for every row, as few multi-row statements.

    Statements of up to ``_MAX_VARIABLES`` values; the rows left over go in statements of 2**k rows,
    so that a table needs only a few statement shapes (sqlite3 keeps every prepared statement in its
    cache, and one of a thousand rows is a program of a megabyte)."""
    if not rows:
        return
    width = len(rows[0])
    one = "(" + ",".join("?" * width) + ")"
    limit = min(_MAX_VARIABLES, cursor.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    per = 1 << max(0, (limit // max(width, 1)).bit_length() - 1)  # a power of two
    start = 0
    while start < len(rows):
        size = per
        while size > len(rows) - start:
            size >>= 1
        cursor.execute(f"{head} {','.join([one] * size)}", list(chain.from_iterable(rows[start:start + size])))
        start += size


class StatementPipe:
    """A FIFO of jobs (functions of a cursor) executed by one thread on one sqlite3 connection."""

    def __init__(self, connection: sqlite3.Connection):
        self._connection = connection
        # A short queue: when SQLite is the slower side, the caller waits instead of piling up rows (memory).
        self._jobs: queue.Queue[Job | None] = queue.Queue(maxsize=_QUEUED_JOBS)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="sql-pipe", daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> None:
        """Queue ``job`` (waits while the queue is full); raises at once if an earlier job failed."""
        self._raise()
        self._jobs.put(job)

    def wait(self) -> None:
        """Return when every queued job has run; raise the first job's error, if any."""
        self._jobs.join()
        self._raise()

    def close(self, *, discard: bool = False) -> None:
        """Stop the thread after the queued jobs (skipped if one failed, or ``discard``); does not raise.
        Returns once no job is running, so the caller may roll back."""
        if discard and self._error is None:
            self._error = _Discarded()
        self._jobs.put(None)
        self._thread.join()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        cursor = self._connection.cursor()
        try:
            while True:
                job = self._jobs.get()
                try:
                    if job is None:
                        return
                    if self._error is None:
                        job(cursor)
                except BaseException as exc:  # handed to the caller's thread by wait()
                    self._error = exc
                finally:
                    self._jobs.task_done()
        finally:
            cursor.close()


class _Discarded(Exception):
    """Marks the queued jobs of a block that raised as not to be run."""


@contextmanager
def piped(connection: sqlite3.Connection) -> Iterator[StatementPipe]:
    """A pipe for the block; its jobs have all run (or the block raised) when the block ends."""
    pipe = StatementPipe(connection)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, _SWITCH_INTERVAL))
    try:
        yield pipe
        pipe.wait()
    except BaseException:
        pipe.close(discard=True)
        raise
    else:
        pipe.close()
    finally:
        sys.setswitchinterval(interval)
