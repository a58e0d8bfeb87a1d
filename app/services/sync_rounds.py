"""One sync round for the desktop: the engine's round plus the desktop's notes about it (sync_state).

Runs on a worker thread; every failure is recorded for the indicator and raised as a SyncError whose
message is for the user. Nothing here touches the outbox: the engine keeps it through every error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import httpx

from app.services.sync_status import (
    ConflictView,
    describe_conflicts,
    record_failure,
    record_success,
    reviewed_up_to,
)
from app.store.db import Database
from sync.client import RoundResult, SyncClient, SyncError
from sync.protocol import ConflictItem

TIMEOUT_S = 60.0
CONFLICT_PAGE = 200
MAX_CONFLICTS = 2000  # the review page lists at most this many (oldest first after the reviewed mark)


@dataclass(frozen=True)
class SyncAccount:
    """Where and as whom to sync; the password lives only in memory for the session."""

    server_url: str
    user: str
    password: str = field(repr=False)


def client_call(db: Database, account: SyncAccount, call: Callable[[SyncClient], object]) -> object:
    """``call`` with a client signed in as ``account``; every failure a SyncError with a sentence for the user."""
    try:
        with httpx.Client(base_url=account.server_url, timeout=TIMEOUT_S) as http:
            return call(SyncClient(db, http, account.user, account.password))
    except SyncError:
        raise
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise SyncError(f"同步服务器地址“{account.server_url}”无效，请以 http:// 或 https:// 开头重新填写。",
                        "bad_url") from exc
    except Exception as exc:  # the user needs a sentence, and the outbox is untouched either way
        raise SyncError(f"同步出错（{exc.__class__.__name__}：{str(exc)[:120]}），本机数据已保存，"
                        "请稍后重试；如反复出现请联系管理员。", "error") from exc


def run_round(db: Database, account: SyncAccount, *, review: bool,
              now: Callable[[], datetime] = datetime.now) -> RoundResult:
    """Push and pull once; with ``review`` (a secretary) also count the conflicts not yet reviewed."""

    def call(client: SyncClient) -> tuple[RoundResult, int | None]:
        result = client.run()
        unreviewed = client.conflicts(after=reviewed_up_to(db), limit=1).total if review else None
        return result, unreviewed

    try:
        result, unreviewed = client_call(db, account, call)  # type: ignore[misc]
    except SyncError as exc:
        record_failure(db, exc.code, str(exc))
        raise
    record_success(db, result.conflicts, unreviewed, now(), refetched=len(result.refetched),
                   blobs_refused=len(result.blob_problems))
    return result


def fetch_conflicts(db: Database, account: SyncAccount, *, include_reviewed: bool = False) -> list[ConflictView]:
    """The conflict log of the user's scope, described for review (newest first)."""
    start = 0 if include_reviewed else reviewed_up_to(db)

    def call(client: SyncClient) -> list[ConflictItem]:
        items: list[ConflictItem] = []
        after = start
        while len(items) < MAX_CONFLICTS:
            page = client.conflicts(after=after, limit=CONFLICT_PAGE)
            items.extend(page.conflicts)
            if not page.has_more:
                break
            after = page.next_after
        return items

    items = client_call(db, account, call)
    return list(reversed(describe_conflicts(db, items)))  # type: ignore[arg-type]
