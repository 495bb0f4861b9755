"""The audit hash chain, pure.

Each event's hash is HMAC-SHA256 over the previous event's hash and the event's canonical JSON,
keyed with a key derived from the secret key. Altering a row breaks its own hash; deleting or
inserting a row breaks the next row's link (and the sequence); deleting the newest rows disagrees
with the anchor kept beside the log. A keyed hash means a hand-made change cannot be "repaired" by
recomputing the chain without the key (IOM DP 12: oversight; rights-checklist.md C11: append-only).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def derive_key(secret: str) -> bytes:
    """The chain key, separate from other uses of the secret key."""
    return hashlib.sha256(b"titian/audit-chain/v1\x00" + secret.encode()).digest()


def canonical(payload: Mapping[str, Any]) -> str:
    """Stable JSON: sorted keys, no spaces, non-ASCII kept, values already strings or numbers."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link_hash(key: bytes, prev_hash: str, payload: Mapping[str, Any]) -> str:
    message = prev_hash.encode() + b"\n" + canonical(payload).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainRow:
    seq: int
    prev_hash: str
    hash: str
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    seq: int | None = None
    problem: str = ""

    def describe(self) -> str:
        if self.ok:
            return f"OK: {self.checked} audit events, chain intact"
        return f"BROKEN at audit event {self.seq}: {self.problem}"


def verify(key: bytes, rows: Iterable[ChainRow], anchor_seq: int, anchor_hash: str) -> Verdict:
    """Walk rows in ``seq`` order and return the first break, or OK."""
    prev_hash, expected, checked = GENESIS, 1, 0
    for row in rows:
        if row.seq != expected:
            return Verdict(False, checked, expected, f"missing: event {expected} was deleted")
        if row.prev_hash != prev_hash:
            return Verdict(
                False,
                checked,
                row.seq,
                "link to the previous event is broken "
                "(an event was inserted or the previous one replaced)",
            )
        if link_hash(key, row.prev_hash, row.payload) != row.hash:
            return Verdict(False, checked, row.seq, "content altered (hash does not match)")
        prev_hash, expected, checked = row.hash, expected + 1, checked + 1
    if anchor_seq != checked or anchor_hash != prev_hash:
        if anchor_seq > checked:
            return Verdict(
                False,
                checked,
                checked + 1,
                f"missing: events {checked + 1}..{anchor_seq} were deleted",
            )
        return Verdict(False, checked, checked, "the newest event does not match the anchor")
    return Verdict(True, checked)
