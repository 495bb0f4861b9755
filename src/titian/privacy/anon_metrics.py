"""Privacy check and information loss of one generalisation (one node of the lattice).

Equivalence classes that fail the model (fewer than k rows, or not l-diverse) are suppressed; the
node is acceptable for ARX if at most floor(suppression x n) rows are suppressed ("monotone"
criterion, used for pruning). Titian adds one rule: the suppressed rows are released as one block
of ``*`` values, which a reader sees as one more equivalence class, so that block must itself hold
at least k rows (and be l-diverse) unless it is empty.

Loss is ARX's default quality model (``MetricMDNMLoss`` with gs-factor 0.5 and the geometric mean,
``ILMultiDimensionalGeometricMean``): per QI, the mean over rows of the share of the hierarchy's
values covered by the released label (suppressed cells count 1), normalised to [0, 1] by
(x - 1/|H|)/(1 - 1/|H|); aggregated as prod(1 + v_i)^(1/m) - 1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from titian.privacy.anon_encode import EncodedQI, FloatArray, IntArray
from titian.privacy.anon_model import LDiversityKind, PrivacyModel
from titian.privacy.anon_table import FreqTable, class_starts

_ENTROPY_TOLERANCE = 1e-9


@dataclass(frozen=True)
class NodeStats:
    """Result of checking one node."""

    levels: tuple[int, ...]
    outliers: int
    monotone_ok: bool
    accepted: bool
    loss: float
    loss_per_qi: tuple[float, ...]
    classes: int
    discernibility: int


def normalise(aggregate: float, rows: int, domain: int) -> float:
    """ARX ``normalizeGeneralized``: (aggregate - n/|H|) / (n - n/|H|), clipped at 0."""
    low = rows / domain
    if rows - low <= 0:
        return 0.0
    return max(0.0, (aggregate - low) / (rows - low))


def aggregate_loss(values: Sequence[float]) -> float:
    """Geometric mean of (1 + v) minus 1, as ARX ``ILMultiDimensionalGeometricMean``."""
    return float(math.exp(sum(math.log1p(v) for v in values) / len(values)) - 1.0)


def qi_bounds(qis: Sequence[EncodedQI], rows: int) -> list[FloatArray]:
    """Per QI and level, the loss without suppression: a lower bound on the loss of any node."""
    out: list[FloatArray] = []
    for q in qis:
        leaf_counts = np.bincount(q.codes, minlength=q.sizes[0]).astype(np.float64)
        per_level = [
            normalise(float(leaf_counts @ q.shares[lv][q.maps[lv]]), rows, q.sizes[0])
            for lv in range(q.depth)
        ]
        out.append(np.array(per_level, dtype=np.float64))
    return out


def diverse(
    counts: FloatArray, starts: IntArray, total: FloatArray, model: PrivacyModel
) -> IntArray:
    """Boolean per class (as int array): is the class l-diverse for the sensitive attribute."""
    assert model.l is not None
    if model.l_kind == LDiversityKind.DISTINCT:
        distinct = np.diff(np.append(starts, len(counts)))
        return (distinct >= model.l).astype(np.int64)
    clogc = np.add.reduceat(counts * np.log(counts), starts)
    entropy = np.log(total) - clogc / total
    return (entropy >= math.log(model.l) - _ENTROPY_TOLERANCE).astype(np.int64)


def _block_ok(table: FreqTable, row_ok: IntArray, outliers: int, model: PrivacyModel) -> bool:
    if outliers == 0:
        return True
    if outliers < model.k:
        return False
    if not model.diversity or table.sens is None:
        return True
    bad = row_ok == 0
    dist = np.bincount(table.sens[bad], weights=table.counts[bad]).astype(np.float64)
    dist = dist[dist > 0]
    block = np.array([dist.sum()], dtype=np.float64)
    return bool(diverse(dist, np.zeros(1, dtype=np.int64), block, model)[0])


def class_flags(table: FreqTable, model: PrivacyModel) -> tuple[IntArray, IntArray, IntArray]:
    """Per equivalence class: first table row, size, and 1 if it meets the model (else 0)."""
    starts = class_starts(table)
    counts = table.counts
    sizes = np.add.reduceat(counts, starts) if len(counts) else counts
    ok = (sizes >= model.k).astype(np.int64)
    if model.diversity and len(counts):
        ok &= diverse(counts.astype(np.float64), starts, sizes.astype(np.float64), model)
    return starts, sizes, ok


def evaluate(
    table: FreqTable, qis: Sequence[EncodedQI], model: PrivacyModel, rows: int, max_out: int
) -> NodeStats:
    """Check the node of ``table`` and compute its Loss (with suppression)."""
    starts, sizes, ok = class_flags(table, model)
    counts = table.counts
    outliers = int(sizes[ok == 0].sum())
    if outliers > max_out:
        return NodeStats(table.levels, outliers, False, False, math.inf, (), 0, 0)
    row_ok = np.repeat(ok, np.diff(np.append(starts, len(counts))))
    accepted = _block_ok(table, row_ok, outliers, model)
    kept = ok == 1
    per_qi: list[float] = []
    for q, lv, codes in zip(qis, table.levels, table.codes, strict=True):
        share = q.shares[lv][codes[starts[kept]]]
        per_qi.append(normalise(float(sizes[kept] @ share) + outliers, rows, q.sizes[0]))
    disc = int((sizes[kept].astype(np.float64) ** 2).sum()) + outliers * rows
    return NodeStats(
        table.levels,
        outliers,
        True,
        accepted,
        aggregate_loss(per_qi),
        tuple(per_qi),
        int(kept.sum()),
        disc,
    )


def precision_loss(
    qis: Sequence[EncodedQI], levels: Sequence[int], rows: int, outliers: int
) -> float:
    """1 - Sweeney's precision: mean over cells of level / max level; suppressed cells count 1."""
    parts: list[float] = []
    for q, lv in zip(qis, levels, strict=True):
        height = q.depth - 1
        share = lv / height if height else 0.0
        parts.append(((rows - outliers) * share + outliers) / rows)
    return sum(parts) / len(parts)
