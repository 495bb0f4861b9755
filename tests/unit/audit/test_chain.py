"""The hash chain, pure: tables of tamperings and what verify reports."""

from __future__ import annotations

import pytest

from titian.audit import chain

KEY = chain.derive_key("unit-test-secret")


def build(n: int) -> list[chain.ChainRow]:
    rows, prev = [], chain.GENESIS
    for seq in range(1, n + 1):
        payload = {"seq": seq, "action": f"act{seq}", "details": {"n": seq}}
        digest = chain.link_hash(KEY, prev, payload)
        rows.append(chain.ChainRow(seq, prev, digest, payload))
        prev = digest
    return rows


def test_intact_chain_is_ok() -> None:
    rows = build(5)
    verdict = chain.verify(KEY, rows, 5, rows[-1].hash)
    assert verdict.ok and verdict.checked == 5
    assert verdict.describe().startswith("OK")


def _altered(rows: list[chain.ChainRow]) -> list[chain.ChainRow]:
    rows = list(rows)
    r = rows[2]
    rows[2] = chain.ChainRow(r.seq, r.prev_hash, r.hash, {**r.payload, "action": "forged"})
    return rows


def _deleted_middle(rows: list[chain.ChainRow]) -> list[chain.ChainRow]:
    return rows[:2] + rows[3:]


def _deleted_last(rows: list[chain.ChainRow]) -> list[chain.ChainRow]:
    return rows[:-1]


def _inserted(rows: list[chain.ChainRow]) -> list[chain.ChainRow]:
    fake = chain.ChainRow(3, "f" * 64, "e" * 64, {"seq": 3})
    return (
        rows[:2]
        + [fake]
        + [chain.ChainRow(r.seq + 1, r.prev_hash, r.hash, r.payload) for r in rows[2:]]
    )


@pytest.mark.parametrize(
    ("tamper", "seq", "words"),
    [
        (_altered, 3, "altered"),
        (_deleted_middle, 3, "deleted"),
        (_deleted_last, 5, "deleted"),
        (_inserted, 3, "inserted"),
    ],
)
def test_tampering_is_found_at_the_right_row(tamper, seq: int, words: str) -> None:  # type: ignore[no-untyped-def]
    rows = build(5)
    verdict = chain.verify(KEY, tamper(rows), 5, rows[-1].hash)
    assert not verdict.ok
    assert verdict.seq == seq
    assert words in verdict.problem


def test_recomputing_without_the_key_does_not_help() -> None:
    rows = build(3)
    other = chain.derive_key("attacker guess")
    forged = chain.ChainRow(
        1, chain.GENESIS, chain.link_hash(other, chain.GENESIS, {"seq": 1}), {"seq": 1}
    )
    verdict = chain.verify(KEY, [forged, *rows[1:]], 3, rows[-1].hash)
    assert not verdict.ok and verdict.seq == 1
