"""Integer encoding of quasi-identifiers per hierarchy level.

Each original value becomes its row index in the hierarchy (its leaf code); each level has a
dense code for every distinct label. ``shares[level][code]`` is the fraction of the hierarchy's
values that the label covers, which is the per-cell "Loss" of Iyengar (2002) as computed by ARX
(``DomainShareMaterialized``: number of original values under the label / hierarchy size).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from titian.privacy.anon_model import AnonymizationError
from titian.privacy.hierarchy import Hierarchy

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class EncodedQI:
    """One quasi-identifier: leaf code per row and the code maps of its hierarchy."""

    column: str
    codes: IntArray
    maps: tuple[IntArray, ...]
    sizes: tuple[int, ...]
    shares: tuple[FloatArray, ...]
    labels: tuple[tuple[str, ...], ...]

    @property
    def depth(self) -> int:
        return len(self.maps)

    def lift(self, low: int, high: int) -> IntArray:
        """Map from codes at level ``low`` to codes at level ``high`` (a tree, so a function)."""
        out = np.zeros(self.sizes[low], dtype=np.int64)
        out[self.maps[low]] = self.maps[high]
        return out


def _level_codes(hierarchy: Hierarchy, level: int) -> tuple[IntArray, tuple[str, ...], FloatArray]:
    index: dict[str, int] = {}
    codes = np.fromiter(
        (index.setdefault(row[level], len(index)) for row in hierarchy.rows),
        dtype=np.int64,
        count=len(hierarchy.rows),
    )
    counts = np.bincount(codes, minlength=len(index)).astype(np.float64)
    return codes, tuple(index), counts / len(hierarchy.rows)


def leaf_codes(series: pl.Series, values: tuple[str, ...], what: str) -> IntArray:
    """Row-wise index of each value in ``values``; unknown or missing values are an error."""
    known = pl.Series(values, dtype=pl.String)
    text = series.cast(pl.String)
    if text.null_count():
        row = int(text.is_null().arg_true()[0]) + 1
        raise AnonymizationError(f"{what}: missing value on data row {row}")
    unknown = text.filter(~text.is_in(known.implode()))
    if len(unknown):
        row = int((~text.is_in(known.implode())).arg_true()[0]) + 1
        sample = ", ".join(repr(v) for v in unknown.unique(maintain_order=True).head(5))
        raise AnonymizationError(
            f"{what}: {len(unknown)} value(s) not in its hierarchy, first on data row {row}: "
            f"{sample}"
        )
    physical = text.cast(pl.Enum(list(values))).to_physical()
    return physical.to_numpy().astype(np.int64, copy=False)


def _encoded(hierarchy: Hierarchy, codes: IntArray) -> EncodedQI:
    levels = [_level_codes(hierarchy, lvl) for lvl in range(hierarchy.depth)]
    return EncodedQI(
        column=hierarchy.column,
        codes=codes,
        maps=tuple(lv[0] for lv in levels),
        sizes=tuple(len(lv[1]) for lv in levels),
        shares=tuple(lv[2] for lv in levels),
        labels=tuple(lv[1] for lv in levels),
    )


def encode_qi(series: pl.Series, hierarchy: Hierarchy) -> EncodedQI:
    """Encode one quasi-identifier column against its hierarchy."""
    codes = leaf_codes(series, hierarchy.values, f"column {hierarchy.column!r}")
    return _encoded(hierarchy, codes)


def encode_qis(
    df: pl.DataFrame, qi: Sequence[str], hierarchies: Mapping[str, Hierarchy]
) -> list[EncodedQI]:
    """Encode all quasi-identifiers in one parallel pass; unknown values get a clear error."""
    exprs = [
        pl.col(c).cast(pl.String).cast(pl.Enum(list(hierarchies[c].values))).to_physical()
        for c in qi
    ]
    nulls = df.select(pl.col(c).null_count() for c in qi).row(0)
    try:
        physical = None if any(nulls) else df.select(exprs)
    except pl.exceptions.PolarsError:
        physical = None
    if physical is None:
        return [encode_qi(df[c], hierarchies[c]) for c in qi]
    return [
        _encoded(hierarchies[c], physical[c].to_numpy().astype(np.int64, copy=False)) for c in qi
    ]


def encode_sensitive(series: pl.Series) -> tuple[IntArray, int]:
    """Dense codes of the sensitive attribute (missing values form their own category)."""
    text = series.cast(pl.String).fill_null("")
    values = tuple(text.unique().sort().to_list())
    return leaf_codes(text, values, f"sensitive column {series.name!r}"), len(values)
