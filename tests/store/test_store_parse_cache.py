"""The parse cache: parsed sentences kept by key between runs, on both backends."""

from __future__ import annotations

from storyline.store import Store, open_store


def test_only_stored_keys_are_returned_with_their_bytes(store: Store) -> None:
    store.store_parses({"a": b"\x00first\xff", "b": b""})

    assert store.cached_parses(["a", "missing", "b", "a"]) == {"a": b"\x00first\xff", "b": b""}
    assert store.cached_parses([]) == {}


def test_storing_a_key_again_replaces_its_bytes(store: Store) -> None:
    store.store_parses({"a": b"old", "b": b"kept"})
    store.store_parses({"a": b"new"})

    assert store.cached_parses(["a", "b"]) == {"a": b"new", "b": b"kept"}


def test_long_key_lists_are_answered_whole(store: Store) -> None:
    parses = {f"key-{n}": n.to_bytes(4, "big") for n in range(1234)}
    store.store_parses(parses)

    asked = [*parses, *(f"absent-{n}" for n in range(700))]
    assert store.cached_parses(asked) == parses


def test_keys_with_unusual_characters_round_trip(store: Store) -> None:
    parses = {"nul\x00inside": b"1", "quote'\"; --": b"2", "ünïcödé 🙂": b"3"}
    store.store_parses(parses)

    assert store.cached_parses(list(parses)) == parses


def test_parses_survive_reopening_the_store(location: str) -> None:
    with open_store(location) as store:
        store.store_parses({"kept": b"bytes"})

    with open_store(location) as store:
        assert store.cached_parses(["kept"]) == {"kept": b"bytes"}
