"""SQLAlchemy 2 models for the whole ledger (DESIGN section 2), shared by the desktop and the server.

Every synced table carries the :class:`SyncedRow` columns: a client-generated UUIDv7 ``id``, the
``grid_id`` that is its sync bucket, the hybrid-logical-clock stamps, a tombstone and the server's
sequence number. Rows whose ``grid_id`` is NULL (the organisation tree, estates, dictionaries) belong
to the shared bucket of their community. Local-only tables (outbox, sync state, import batches,
audit log, users) do not carry them.

Stamps are kept compactly: ``hlc`` is the stamp of the row's creation and of every field not named in
``field_hlc``; ``field_hlc`` maps a field to its stamp once the field has been edited since.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

UUID_LEN = 36
STAMP_LEN = 32


class Base(DeclarativeBase):
    pass


def uuid_fk(target: str, *, nullable: bool = True, index: bool = True) -> Mapped[Any]:
    return mapped_column(String(UUID_LEN), ForeignKey(target), nullable=nullable, index=index)


class SyncedRow:
    """Columns every synced row has (DESIGN section 5)."""

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(STAMP_LEN))
    field_hlc: Mapped[dict[str, str] | None] = mapped_column(JSON)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    server_seq: Mapped[int | None] = mapped_column(BigInteger)

    @declared_attr
    def grid_id(cls) -> Mapped[str | None]:
        return mapped_column(String(UUID_LEN), nullable=True)


# --- organisation -------------------------------------------------------------------------------

class OrgNode(SyncedRow, Base):
    """District (区) → sub-district (街道) → community (社区) → grid (网格) → micro-grid (微网格)."""

    __tablename__ = "org_nodes"
    parent_id: Mapped[str | None] = uuid_fk("org_nodes.id")
    level: Mapped[str] = mapped_column(String(16))  # district|subdistrict|community|grid|microgrid
    name: Mapped[str] = mapped_column(String(100))
    code: Mapped[str | None] = mapped_column(String(32))
    worker_name: Mapped[str | None] = mapped_column(String(50))  # 网格员 of a grid
    worker_phone: Mapped[str | None] = mapped_column(String(20))


# --- places -------------------------------------------------------------------------------------

class Estate(SyncedRow, Base):
    """小区; belongs to a community, may span grids (its buildings carry the grid)."""

    __tablename__ = "estates"
    community_id: Mapped[str] = uuid_fk("org_nodes.id", nullable=False)
    name: Mapped[str] = mapped_column(String(100))
    estate_type: Mapped[str | None] = mapped_column(String(16))  # 老旧住宅|回迁安置|商品房
    property_company: Mapped[str | None] = mapped_column(String(100))
    built_year: Mapped[int | None] = mapped_column(Integer)


class Building(SyncedRow, Base):
    __tablename__ = "buildings"
    __table_args__ = (Index("ix_buildings_grid", "grid_id"),)
    estate_id: Mapped[str] = uuid_fk("estates.id", nullable=False)
    name: Mapped[str] = mapped_column(String(50))  # canonical "3号楼"
    number: Mapped[int | None] = mapped_column(Integer)
    floors: Mapped[int | None] = mapped_column(Integer)
    unit_count: Mapped[int | None] = mapped_column(Integer)
    building_type: Mapped[str | None] = mapped_column(String(16))  # 老旧住宅|回迁安置|商品房
    head_name: Mapped[str | None] = mapped_column(String(50))  # 楼长
    head_phone: Mapped[str | None] = mapped_column(String(20))


class Unit(SyncedRow, Base):
    __tablename__ = "units"
    building_id: Mapped[str] = uuid_fk("buildings.id", nullable=False)
    name: Mapped[str] = mapped_column(String(20))  # canonical "2单元"
    number: Mapped[int | None] = mapped_column(Integer)


class House(SyncedRow, Base):
    """房屋: one flat or shop; may be empty or hold more than one household."""

    __tablename__ = "houses"
    __table_args__ = (Index("ix_houses_room", "room"),)
    building_id: Mapped[str] = uuid_fk("buildings.id", nullable=False)
    unit_id: Mapped[str | None] = uuid_fk("units.id")
    floor: Mapped[int | None] = mapped_column(Integer)
    room: Mapped[str] = mapped_column(String(20))  # canonical "501"
    area: Mapped[float | None] = mapped_column(Float)
    use: Mapped[str | None] = mapped_column(String(8))  # 自住|出租|空置|商用
    owner_name: Mapped[str | None] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)


# --- households and people ----------------------------------------------------------------------

class Household(SyncedRow, Base):
    __tablename__ = "households"
    __table_args__ = (Index("ix_households_grid", "grid_id"),)
    house_id: Mapped[str | None] = uuid_fk("houses.id")
    # No foreign key: a household and its head may arrive by sync in either order.
    head_person_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    registration: Mapped[str | None] = mapped_column(String(8))  # 户籍户|人户分离|流动人口
    presence: Mapped[str | None] = mapped_column(String(8))  # 人户状态: 人户同在|人在户不在|户在人不在
    hukou_address: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    moved_out_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class Person(SyncedRow, Base):
    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_grid", "grid_id"),
        # One living person per ID number; a tombstone keeps its number without blocking a new row.
        Index("ux_people_id_number", "id_number", unique=True,
              sqlite_where=text("deleted = 0"), postgresql_where=text("deleted = false")),
    )
    household_id: Mapped[str | None] = uuid_fk("households.id")
    name: Mapped[str] = mapped_column(String(50))
    id_number: Mapped[str | None] = mapped_column(String(18))
    gender: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[date | None] = mapped_column(Date)
    ethnicity: Mapped[str | None] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(20))
    relation: Mapped[str | None] = mapped_column(String(8))  # 与户主关系 (GB/T 4761 name)
    political_status: Mapped[str | None] = mapped_column(String(16))
    marital_status: Mapped[str | None] = mapped_column(String(16))
    education: Mapped[str | None] = mapped_column(String(16))
    residence_type: Mapped[str | None] = mapped_column(String(8))  # 本地户籍|流动人口
    employment: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)


class Membership(SyncedRow, Base):
    """A person's household history: one row per stay in a household (left_on NULL = current)."""

    __tablename__ = "memberships"
    person_id: Mapped[str] = uuid_fk("people.id", nullable=False)
    household_id: Mapped[str] = uuid_fk("households.id", nullable=False)
    relation: Mapped[str | None] = mapped_column(String(8))
    joined_on: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(100))


# --- special groups -----------------------------------------------------------------------------

class TagType(SyncedRow, Base):
    """特殊人群 dictionary entry with its visit frequency (shared bucket: grid_id NULL)."""

    __tablename__ = "tag_types"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(20), unique=True)
    category: Mapped[str | None] = mapped_column(String(20))
    visit_every_days: Mapped[int | None] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class PersonTag(SyncedRow, Base):
    __tablename__ = "person_tags"
    __table_args__ = (Index("ix_person_tags_tag", "tag_id", "person_id"),)
    person_id: Mapped[str] = uuid_fk("people.id", nullable=False)
    tag_id: Mapped[str] = uuid_fk("tag_types.id", nullable=False, index=False)
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    # 残疾类别/等级, 低保证号, 帮扶责任人 …; an update to None stores SQL NULL, as the bulk insert does
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


# --- visits, cases, disputes --------------------------------------------------------------------

class Visit(SyncedRow, Base):
    __tablename__ = "visits"
    household_id: Mapped[str | None] = uuid_fk("households.id")
    person_id: Mapped[str | None] = uuid_fk("people.id")
    visitor_name: Mapped[str] = mapped_column(String(50))
    visited_at: Mapped[datetime] = mapped_column(DateTime)
    method: Mapped[str] = mapped_column(String(8))  # 入户|电话|巡查|补访
    findings: Mapped[str | None] = mapped_column(Text)
    nobody_home: Mapped[bool] = mapped_column(Boolean, default=False)
    revisit_due: Mapped[date | None] = mapped_column(Date)


class Case(SyncedRow, Base):
    """事件 or 矛盾纠纷. ``state`` is a cache of the fold over ``case_events``, never merged on its own."""

    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_grid_state", "grid_id", "state"),)
    number: Mapped[str] = mapped_column(String(32))  # human-readable 编号
    kind: Mapped[str] = mapped_column(String(8), default="case")  # case|dispute
    category: Mapped[str] = mapped_column(String(20))
    source: Mapped[str | None] = mapped_column(String(8))  # 巡查发现|居民反映|上级交办|随手拍
    building_id: Mapped[str | None] = uuid_fk("buildings.id")
    house_id: Mapped[str | None] = uuid_fk("houses.id")
    place_text: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[str] = mapped_column(String(4), default="一般")  # 紧急|较急|一般
    deadline: Mapped[date | None] = mapped_column(Date)
    handler: Mapped[str | None] = mapped_column(String(100))
    reported_by: Mapped[str | None] = mapped_column(String(50))
    occurred_on: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(12), default="collected")


class CaseEvent(SyncedRow, Base):
    """Append-only history of a case; insert-only, merged by union."""

    __tablename__ = "case_events"
    case_id: Mapped[str] = uuid_fk("cases.id", nullable=False)
    action: Mapped[str] = mapped_column(String(16))
    from_state: Mapped[str | None] = mapped_column(String(12))
    to_state: Mapped[str] = mapped_column(String(12))
    actor_name: Mapped[str] = mapped_column(String(50))
    actor_role: Mapped[str | None] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # handler, deadline, rating, comment …


class CaseParty(SyncedRow, Base):
    """A person involved in a case: a linked resident or a named outsider."""

    __tablename__ = "case_parties"
    case_id: Mapped[str] = uuid_fk("cases.id", nullable=False)
    person_id: Mapped[str | None] = uuid_fk("people.id")
    name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str | None] = mapped_column(String(16))  # 当事人|反映人|被反映人


class DisputeDetail(SyncedRow, Base):
    __tablename__ = "dispute_details"
    case_id: Mapped[str] = uuid_fk("cases.id", nullable=False)
    dispute_type: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(8))  # 调解成功|调解不成功|移交 (None: 调解中)
    agreement: Mapped[str | None] = mapped_column(Text)


class MediationSession(SyncedRow, Base):
    __tablename__ = "mediation_sessions"
    case_id: Mapped[str] = uuid_fk("cases.id", nullable=False)
    held_on: Mapped[date] = mapped_column(Date)
    mediator: Mapped[str] = mapped_column(String(50))
    summary: Mapped[str | None] = mapped_column(Text)


class Attachment(SyncedRow, Base):
    """Metadata of a photo or scan; the blob lives in the data directory by sha256."""

    __tablename__ = "attachments"
    owner_table: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[str] = mapped_column(String(UUID_LEN), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)  # the server looks blobs up by it
    filename: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)


# --- local-only tables --------------------------------------------------------------------------

class User(Base):
    """Who works on this desktop; the role decides what may be seen and done."""

    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # grid_worker|secretary|subdistrict
    grid_ids: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class OutboxEntry(Base):
    """One local change waiting for the server, appended in the same transaction as the change.

    ``fields`` holds the changed fields with their new values; for an insert it is NULL and the
    row's full current state is read when it is pushed (saves a second copy of bulk imports).
    """

    __tablename__ = "outbox"
    # Refused entries are few and looked up by row (a case's timeline, a refetch); pending and sent ones are
    # many (a district import) and are not indexed, so bulk writes stay cheap.
    __table_args__ = (Index("ix_outbox_rejected", "table_name", "row_id", sqlite_where=text("status = 'rejected'"),
                            postgresql_where=text("status = 'rejected'")),)
    device_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(UUID_LEN))
    kind: Mapped[str] = mapped_column(String(8))  # insert|patch|delete|event
    grid_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    hlc: Mapped[str] = mapped_column(String(STAMP_LEN))
    fields: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    base: Mapped[dict[str, str] | None] = mapped_column(JSON)  # field stamps the edit was made on
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending|sent|rejected|resubmitted
    reason: Mapped[str | None] = mapped_column(Text)


class SyncState(Base):
    """Key/value: device id, clock, server epoch, cursors per bucket."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class BlobOnServer(Base):
    """A blob this desktop knows the server holds whole (it uploaded or downloaded it): a sync round
    does not ask about it again. Forgotten when the server's epoch changes (restored from a backup)."""

    __tablename__ = "blobs_on_server"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    confirmed_at: Mapped[datetime] = mapped_column(DateTime)


class ImportBatch(Base):
    __tablename__ = "import_batches"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    user_name: Mapped[str | None] = mapped_column(String(50))
    files: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # name, sha256, size
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(50))


class ImportChange(Base):
    """What one batch created or changed, with the values before, so undo reverts exactly that."""

    __tablename__ = "import_changes"
    __table_args__ = (UniqueConstraint("batch_id", "table_name", "row_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[str] = mapped_column(String(UUID_LEN), ForeignKey("import_batches.id"))
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(UUID_LEN))
    action: Mapped[str] = mapped_column(String(8))  # created|updated
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class AuditEntry(Base):
    """Who exported, printed or revealed what, and when."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_name: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(32))  # export|print|reveal|import|undo_import …
    target: Mapped[str | None] = mapped_column(String(200))
    people_count: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


SYNCED_MODELS: tuple[type[SyncedRow], ...] = (
    OrgNode, Estate, Building, Unit, House, Household, Person, Membership, TagType, PersonTag,
    Visit, Case, CaseEvent, CaseParty, DisputeDetail, MediationSession, Attachment,
)
"""Parents before children: the order in which sync applies and bulk writes insert."""

MODEL_BY_TABLE: dict[str, type[SyncedRow]] = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]


# --- cases area: configurable dictionaries (issue 5) --------------------------------------------

class CaseCategory(SyncedRow, Base):
    """A case category's time limit set by the sub-district (shared bucket: grid_id NULL).

    The key is derived from the name (app.services.cases.category_key), so two desktops configuring
    the same category edit one row and merge per field instead of colliding.
    """

    __tablename__ = "case_categories"
    name: Mapped[str] = mapped_column(String(20), index=True)
    time_limit_days: Mapped[int] = mapped_column(Integer)  # working days from dispatch
    warn_days: Mapped[int] = mapped_column(Integer, default=2)
    on_spot: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CalendarDay(SyncedRow, Base):
    """A day whose status the holiday package does not know yet (a new year's arrangement, 调休)."""

    __tablename__ = "calendar_days"
    day: Mapped[date] = mapped_column(Date, index=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str | None] = mapped_column(String(50))


SYNCED_MODELS = (*SYNCED_MODELS, CaseCategory, CalendarDay)
MODEL_BY_TABLE.update({m.__tablename__: m for m in (CaseCategory, CalendarDay)})


# --- importing area: saved column mappings (issue 3) --------------------------------------------

class ImportProfile(Base):
    """A named column mapping, suggested when a file with the same header signature arrives (local)."""

    __tablename__ = "import_profiles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    signature: Mapped[str] = mapped_column(String(64), index=True)  # kind + normalised header texts
    kind: Mapped[str] = mapped_column(String(20))
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)  # header text -> field (null: ignore)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class ImportCreated(Base):
    """The rows one import batch created in one table, as one list of ids (issue 3, import speed).

    A 100,000-row import creates some 330,000 rows; one ImportChange row each cost more than the rows
    themselves. Changed rows (with their values before) stay in ImportChange."""

    __tablename__ = "import_created"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[str] = mapped_column(String(UUID_LEN), ForeignKey("import_batches.id"), index=True)
    table_name: Mapped[str] = mapped_column(String(32))
    row_ids: Mapped[str] = mapped_column(Text)  # the ids, comma-separated, in creation order
