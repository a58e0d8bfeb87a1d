"""Search: one box for names, pinyin initials, ID numbers and their tails, phones and addresses.

The query decides which kinds apply (a query may be several: "5678" is an ID tail and a phone tail);
each kind answers from one index range of app.store.search_index, best matches first, and the
hits are merged in kind order: exact ID, phone, name, initials, tails, addresses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from enum import StrEnum

from app.domain.addresses import building_number, parse_address_query, unit_number
from app.domain.ids import check_id, mask_id, mask_phone
from app.store import queries, search_index
from app.store.db import Database

DEFAULT_LIMIT = 20
SCOPE_OVERFETCH = 8
MAX_SCOPED_FETCH = 20_000
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
CJK_RE = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")


class QueryKind(StrEnum):
    HOUSEHOLD_ID = "household_id"
    ID = "id_number"
    ID_TAIL = "id_tail"
    PHONE = "phone"
    PHONE_TAIL = "phone_tail"
    NAME = "name"
    INITIALS = "initials"
    ADDRESS = "address"


@dataclass(frozen=True)
class SearchHit:
    kind: str  # person | household | house | building
    id: str
    title: str
    detail: str
    match: str  # the QueryKind that found it
    household_id: str | None = None
    address: str | None = None

    def as_json(self) -> dict[str, str | None]:
        return asdict(self)


def normalise_query(query: str) -> str:
    return "".join(unicodedata.normalize("NFKC", query).split())


def classify(query: str) -> list[QueryKind]:
    """The kinds of search a query stands for, most specific first."""
    q = normalise_query(query)
    if not q:
        return []
    if UUID_RE.match(q.lower()):
        return [QueryKind.HOUSEHOLD_ID]
    kinds: list[QueryKind] = []
    digits = q.upper()
    if re.fullmatch(r"\d{17}[\dX]|\d{15}", digits):
        kinds.append(QueryKind.ID)
    elif re.fullmatch(r"1[3-9]\d{9}", digits):
        kinds += [QueryKind.PHONE, QueryKind.ID_TAIL]
    elif re.fullmatch(r"\d{3,16}X?", digits):
        kinds.append(QueryKind.ID_TAIL)
        if digits.isdigit():
            kinds.append(QueryKind.PHONE_TAIL)
    if parse_address_query(q) is not None:
        kinds.append(QueryKind.ADDRESS)
    if re.fullmatch(r"[A-Za-z]{1,12}", q):
        kinds.append(QueryKind.INITIALS)
    elif CJK_RE.search(q) and QueryKind.ADDRESS not in kinds:
        kinds.append(QueryKind.NAME)
    return kinds


def _address_text(card: queries.PersonCard | queries.HouseCard | queries.HouseholdCard) -> str:
    return "".join(part for part in (card.estate, card.building, card.unit, card.room) if part)


class SearchService:
    """Searches what one user may see: ``scope`` is a grid worker's grids (None: every grid)."""

    def __init__(self, db: Database, scope: frozenset[str] | None = None):
        self.db = db
        self.scope = scope

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
        q = normalise_query(query)
        hits: dict[tuple[str, str], SearchHit] = {}
        with self.db.engine.connect() as conn:
            for kind in classify(q):
                for hit in self._scoped_kind(conn, kind, q, limit):
                    hits.setdefault((hit.kind, hit.id), hit)
                if len(hits) >= limit:
                    break
        return list(hits.values())[:limit]

    def _scoped_kind(self, conn, kind: QueryKind, q: str, limit: int) -> list[SearchHit]:
        """The hits of one kind inside the scope. The index knows no grids, so a scoped search asks it for
        more and more until enough hits lie in the user's grids or the index has no more."""
        if self.scope is None:
            return self._search_kind(conn, kind, q, limit)
        fetch = limit * SCOPE_OVERFETCH
        while True:
            found = self._search_kind(conn, kind, q, fetch)
            allowed: set[tuple[str, str]] = set()
            for hit_kind in {hit.kind for hit in found}:
                allowed |= {(hit_kind, i) for i in queries.ids_in_grids(
                    conn, hit_kind, [h.id for h in found if h.kind == hit_kind], self.scope)}
            kept = [hit for hit in found if (hit.kind, hit.id) in allowed]
            if len(kept) >= limit or len(found) < fetch or fetch >= MAX_SCOPED_FETCH:
                return kept[:limit]
            fetch *= SCOPE_OVERFETCH

    def _search_kind(self, conn, kind: QueryKind, q: str, limit: int) -> list[SearchHit]:
        if kind is QueryKind.HOUSEHOLD_ID:
            return self._household_hits(conn, [q.lower()], kind)
        if kind is QueryKind.ADDRESS:
            return self._address_hits(conn, q, limit)
        ids = self._people_ids(conn, kind, q, limit)
        return [self._person_hit(card, kind) for card in queries.person_cards(conn, ids)]

    @staticmethod
    def _people_ids(conn, kind: QueryKind, q: str, limit: int) -> list[str]:
        if kind is QueryKind.ID:
            checked = check_id(q)
            return search_index.find_id_tail(conn, checked.value or q.upper(), limit)
        if kind is QueryKind.ID_TAIL:
            return search_index.find_id_tail(conn, q.upper(), limit)
        if kind is QueryKind.PHONE:
            return search_index.find_phone_tail(conn, q, limit)
        if kind is QueryKind.PHONE_TAIL:
            return search_index.find_phone_tail(conn, q, limit)
        if kind is QueryKind.INITIALS:
            return search_index.find_initials(conn, q.lower(), limit)
        if len(q) <= 2:
            return search_index.find_name_pieces(conn, q, limit)
        return search_index.find_name_text(conn, q, limit)

    @staticmethod
    def _person_hit(card: queries.PersonCard, kind: QueryKind) -> SearchHit:
        address = _address_text(card) or None
        detail = " ".join(x for x in (card.gender or "", mask_id(card.id_number), mask_phone(card.phone),
                                      address or "") if x)
        return SearchHit("person", card.id, card.name, detail, kind.value, card.household_id, address)

    @staticmethod
    def _household_hits(conn, ids: list[str], kind: QueryKind) -> list[SearchHit]:
        hits = []
        for card in queries.household_cards(conn, ids):
            address = _address_text(card) or None
            title = f"{card.head_name or '（无户主）'}户"
            hits.append(SearchHit("household", card.id, title, f"{address or ''} {card.members}人".strip(),
                                  kind.value, card.id, address))
        return hits

    def _address_hits(self, conn, q: str, limit: int) -> list[SearchHit]:
        address = parse_address_query(q)
        if address is None or address.building is None:
            return []
        if address.unit is None and address.room is None:
            return [SearchHit("building", b.id, f"{b.estate}{b.name}", f"{b.floors or '?'}层 {b.households}户",
                              QueryKind.ADDRESS.value, None, f"{b.estate}{b.name}")
                    for b in queries.buildings_named(conn, [address.building], address.estate, limit)]
        number = building_number(address.building)
        key = search_index.house_key(str(number) if number is not None else address.building,
                                     str(unit_number(address.unit)) if address.unit else None, address.room)
        house_ids = search_index.find_houses(conn, key, exact=address.room is not None,
                                             estate=address.estate, limit=limit)
        hits: list[SearchHit] = []
        for card in queries.house_cards(conn, house_ids):
            text = _address_text(card)
            if not card.household_ids:
                hits.append(SearchHit("house", card.house_id, text, f"{card.use or ''} 无住户".strip(),
                                      QueryKind.ADDRESS.value, None, text))
            for household_id, head in zip(card.household_ids, card.head_names, strict=True):
                hits.append(SearchHit("household", household_id, f"{head or '（无户主）'}户", text,
                                      QueryKind.ADDRESS.value, household_id, text))
        return hits
