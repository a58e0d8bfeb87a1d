"""Keys of imported rows: valid UUIDv7, unique and increasing, also where the counter's last group wraps."""

from __future__ import annotations

import uuid

from app.services.importing.merge import BatchIds


def test_batch_ids_are_increasing_uuid7_across_the_last_group_wrapping() -> None:
    ids = BatchIds()
    first = [ids() for _ in range(3)]
    ids._n = ((ids._n >> 48) << 48) | ((1 << 48) - 2)  # the next key ends in ffffffffffff
    wrapping = [ids() for _ in range(4)]
    keys = first + wrapping
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert wrapping[0].endswith("-ffffffffffff") and wrapping[1].endswith("-000000000000")
    for key in keys:
        parsed = uuid.UUID(key)
        assert (parsed.version, parsed.variant, str(parsed)) == (7, uuid.RFC_4122, key)
