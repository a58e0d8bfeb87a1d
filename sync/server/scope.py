"""What a user may see and change, computed from the server's own org tree on every request."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import OrgNode
from sync.protocol import SHARED_BUCKET, community_bucket
from sync.server.models import ServerUser

GRID_LEVELS = ("grid", "microgrid")


@dataclass
class Scope:
    """A user's buckets. A grid worker writes only their grids; a community secretary writes every grid
    of the community, the community's shared bucket and the global one (org tree, dictionaries)."""

    user: str
    role: str
    community: str
    grid: str | None
    community_id: str | None = None
    grids: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, session: Session, user: ServerUser) -> Scope:
        community, _, grid = user.scope.partition("/")
        scope = cls(user.name, user.role, community, grid or None)
        scope.refresh(session)
        return scope

    def refresh(self, session: Session) -> None:
        """Re-read the org tree (after a pushed op changed it)."""
        live = OrgNode.deleted.is_(False)
        self.community_id = session.execute(
            select(OrgNode.id).where(OrgNode.level == "community", OrgNode.name == self.community, live)
            .order_by(OrgNode.id).limit(1)).scalar_one_or_none()
        self.grids = set()
        if self.community_id is None:
            return
        nodes = session.execute(select(OrgNode.id, OrgNode.parent_id, OrgNode.name)
                                .where(OrgNode.level.in_(GRID_LEVELS), live)).all()
        children: dict[str | None, list[tuple[str, str]]] = {}
        for node_id, parent, name in nodes:
            children.setdefault(parent, []).append((node_id, name))
        tops = [nid for nid, name in children.get(self.community_id, []) if self.grid in (None, name)]
        stack = list(tops)
        while stack:
            node = stack.pop()
            self.grids.add(node)
            stack.extend(nid for nid, _name in children.get(node, []))

    @property
    def is_secretary(self) -> bool:
        return self.role == "secretary"

    def read_buckets(self) -> list[str]:
        """Parents first: the global bucket, the community's, then the grids."""
        shared = [community_bucket(self.community_id)] if self.community_id else []
        return [SHARED_BUCKET, *shared, *sorted(self.grids)]

    def can_write(self, bucket: str) -> bool:
        if bucket in self.grids:
            return True
        return self.is_secretary and (bucket == SHARED_BUCKET or (
            self.community_id is not None and bucket == community_bucket(self.community_id)))

    def may_create_org(self, values: dict[str, object], row_id: str) -> bool:
        """A secretary fills an empty server: their community node, and grids under what they hold."""
        if not self.is_secretary:
            return False
        level, parent = values.get("level"), values.get("parent_id")
        if level == "community":
            return self.community_id is None and values.get("name") == self.community
        if level in GRID_LEVELS:
            return values.get("grid_id") == row_id and (parent == self.community_id or parent in self.grids)
        return False
