"""The column mapping a user sees and edits, and named profiles that remember it.

A profile is keyed by the header signature (ledger kind + the normalised header texts in order), so the
next file with the same headers gets the saved mapping suggested — and applied by the CLI — without
anyone mapping again. Profiles are stored in the local-only ``import_profiles`` table.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from app.services.importing.fields import FIELD_TITLES, NOT_IMPORTED, SYNONYMS, header_key
from app.services.importing.layout import SheetLayout
from app.store import imports as store
from app.store.db import Database
from app.store.imports import Profile


@dataclass(frozen=True)
class ColumnChoice:
    """One row of the mapping table the wizard shows."""

    index: int
    letter: str
    header: str
    field: str | None
    imported: bool

    @property
    def field_title(self) -> str:
        if self.field is None:
            return "（不导入）"
        return FIELD_TITLES.get(self.field, self.field) + ("" if self.imported else "（不导入）")


def choices(layout: SheetLayout) -> list[ColumnChoice]:
    return [ColumnChoice(c.index, c.letter, c.header_text, c.field, c.imported) for c in layout.columns]


def field_options(kind: str) -> list[tuple[str, str]]:
    """(field, title) a column of this kind of ledger may be mapped to, imported fields first."""
    fields = sorted(set(SYNONYMS[kind].values()), key=lambda f: (f in NOT_IMPORTED, FIELD_TITLES.get(f, f)))
    return [(f, FIELD_TITLES.get(f, f)) for f in fields]


def signature(layout: SheetLayout) -> str:
    """Kind + normalised header texts: equal for two files with the same headers."""
    texts = "\x1f".join(header_key(c.header_text) for c in layout.columns)
    return hashlib.sha256(f"{layout.kind}\x1e{texts}".encode()).hexdigest()[:32]


def profile_from(name: str, layout: SheetLayout) -> Profile:
    return Profile(name, signature(layout), layout.kind or "",
                   {c.header_text: c.field for c in layout.columns})


def mapping_of(profile: Profile, layout: SheetLayout) -> dict[int, str | None]:
    """A profile applied to a sheet: column index -> field."""
    return {c.index: profile.mapping[c.header_text] for c in layout.columns if c.header_text in profile.mapping}


def save(db: Database, name: str, layout: SheetLayout) -> Profile:
    profile = profile_from(name, layout)
    with db.session() as session:
        store.save_profile(session, profile)
    return profile


def suggest(db: Database, layout: SheetLayout) -> Profile | None:
    """The most recently used profile saved for sheets with these headers."""
    if not layout.kind:
        return None
    with db.session() as session:
        found = store.profiles(session, signature(layout))
    return found[0] if found else None


def mark_used(db: Database, name: str) -> None:
    with db.session() as session:
        store.touch_profile(session, name)


def all_profiles(db: Database) -> list[Profile]:
    with db.session() as session:
        return store.profiles(session)
