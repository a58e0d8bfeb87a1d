from app.domain.hlc import HybridClock, Stamp


def fixed(ms: int):  # type: ignore[no-untyped-def]
    return lambda: ms


def test_ticks_increase_even_when_the_wall_clock_stands_still() -> None:
    clock = HybridClock("a1b2c3d4e5f6", now_ms=fixed(1_000))
    stamps = [clock.tick() for _ in range(5)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 5


def test_clock_never_goes_back_when_the_wall_clock_does() -> None:
    clock = HybridClock("a1b2c3d4e5f6", now_ms=fixed(5_000))
    first = clock.tick()
    clock._now_ms = fixed(1_000)
    assert clock.tick() > first


def test_receive_moves_past_a_remote_stamp() -> None:
    clock = HybridClock("a1b2c3d4e5f6", now_ms=fixed(1_000))
    remote = Stamp(9_000, 3, "ffffffffffff").encode()
    clock.receive(remote)
    assert clock.tick() > remote


def test_string_order_is_clock_order() -> None:
    a = Stamp(999, 65535, "000000000000").encode()
    b = Stamp(1000, 0, "000000000000").encode()
    assert a < b
    assert Stamp.decode(b) == Stamp(1000, 0, "000000000000")


def test_restored_clock_continues_after_its_last_stamp() -> None:
    clock = HybridClock("a1b2c3d4e5f6", now_ms=fixed(2_000))
    last = clock.tick()
    again = HybridClock("a1b2c3d4e5f6", last=last, now_ms=fixed(1_000))
    assert again.tick() > last
