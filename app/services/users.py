"""Who is working: known users of this database and the profile the desktop runs under."""

from __future__ import annotations

from app.domain.roles import UserProfile
from app.store import audit
from app.store import users as store
from app.store.db import Database


class UserService:
    def __init__(self, db: Database):
        self.db = db

    def known(self) -> list[UserProfile]:
        return [UserProfile(u.name, u.role, tuple(u.grid_ids or ())) for u in store.all_users(self.db)]

    def sign_in(self, profile: UserProfile) -> UserProfile:
        """Remember the user for this database and note the start of work in the audit log."""
        problems = profile.problems()
        if problems:
            raise ValueError("；".join(problems))
        store.save_user(self.db, profile.name.strip(), profile.role, list(profile.grid_ids))
        audit.record(self.db, profile.name.strip(), "sign_in", profile.role_label, None,
                     {"grids": list(profile.grid_ids)})
        return profile
