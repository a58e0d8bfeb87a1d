"""The conflict log for review (``GET /sync/conflicts``): the user's writable buckets only, paged by id.

Each entry names who wrote the kept and the losing value. A stamp ends with the node of the device
that made it, so the server remembers which user signed in from which device (``server_devices``,
filled at every login) and looks the writers up there.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.domain.hlc import Stamp
from sync.protocol import ConflictItem, ConflictPage
from sync.server.models import ConflictEntry, ServerBase
from sync.server.scope import Scope


class ServerDevice(ServerBase):
    """Which user last signed in from a device (a device id is the node of its clock stamps)."""

    __tablename__ = "server_devices"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(50))
    last_login: Mapped[datetime] = mapped_column(DateTime)


def remember_device(session: Session, user: str, device_id: str, now: datetime) -> None:
    device = session.get(ServerDevice, device_id)
    if device is None:
        session.add(ServerDevice(device_id=device_id, user_name=user, last_login=now))
    elif device.user_name != user:  # a desktop handed to someone else: later stamps are theirs
        device.user_name, device.last_login = user, now


def review_buckets(scope: Scope) -> list[str]:
    """Conflicts are shown where the user may write, since restoring a value is a new edit."""
    return [b for b in scope.read_buckets() if scope.can_write(b)]


def conflict_page(session: Session, scope: Scope, after: int, limit: int) -> ConflictPage:
    """Entries with id above ``after`` in the user's writable buckets, oldest first."""
    buckets = review_buckets(scope)
    where = (ConflictEntry.bucket.in_(buckets), ConflictEntry.id > after)
    total = session.execute(select(func.count()).select_from(ConflictEntry).where(*where)).scalar_one()
    entries = session.execute(select(ConflictEntry).where(*where).order_by(ConflictEntry.id)
                              .limit(limit + 1)).scalars().all()
    has_more = len(entries) > limit
    entries = entries[:limit]
    writers = _writers(session, entries)
    items = [ConflictItem(
        id=e.id, at=e.at, kind=e.kind, table=e.table_name, row_id=e.row_id, field=e.field,
        kept_value=e.kept_value, kept_hlc=e.kept_hlc, kept_by=_writer(e, e.kept_hlc, writers),
        lost_value=e.lost_value, lost_hlc=e.lost_hlc, lost_by=_writer(e, e.lost_hlc, writers),
        note=e.note) for e in entries]
    return ConflictPage(conflicts=items, next_after=entries[-1].id if entries else after, has_more=has_more,
                        total=total)


def _node(stamp: str | None) -> str | None:
    if not stamp:
        return None
    try:
        return Stamp.decode(stamp).node
    except ValueError:
        return None


def _writers(session: Session, entries: list[ConflictEntry]) -> dict[str, str]:
    nodes = {n for e in entries for n in (_node(e.kept_hlc), _node(e.lost_hlc)) if n}
    if not nodes:
        return {}
    return dict(session.execute(select(ServerDevice.device_id, ServerDevice.user_name)
                                .where(ServerDevice.device_id.in_(nodes))).all())  # type: ignore[arg-type]


def _writer(entry: ConflictEntry, stamp: str | None, writers: dict[str, str]) -> str | None:
    node = _node(stamp)
    if node is None:
        return None
    if node == entry.device_id and entry.user_name:
        return entry.user_name
    return writers.get(node)
