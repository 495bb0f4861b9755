"""Independent re-verification of a k-anonymous release before it is written.

This check shares no code with the search: it works on the released strings with polars, as a
reader of the file would. It confirms that

- the release keeps every row and leaves the other columns untouched;
- every QI cell is either the hierarchy label of the original value at the chosen level or ``*``
  in a suppressed row (global recoding, no invented values);
- the suppressed rows are within the budget;
- every group of identical QI values, the block of suppressed rows included, has at least k rows
  (Sweeney 2002) and, when asked, at least l distinct sensitive values or an entropy of at least
  log(l) (Machanavajjhala et al. 2007).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from titian.privacy.anon_model import SUPPRESSED, LDiversityKind, PrivacyModel
from titian.privacy.hierarchy import Hierarchy

_TOLERANCE = 1e-9


@dataclass(frozen=True)
class CheckReport:
    """Outcome of the verification; ``problems`` is empty when ``ok``."""

    ok: bool
    min_class_size: int
    min_distinct: int | None
    min_entropy_l: float | None
    suppressed_rows: int
    problems: tuple[str, ...]


def _suppressed_mask(released: pl.DataFrame, qi: Sequence[str]) -> pl.Series:
    return released.select(pl.all_horizontal([pl.col(c) == SUPPRESSED for c in qi])).to_series()


def _genuine_stars(
    original: pl.DataFrame,
    qi: Sequence[str],
    hierarchies: Mapping[str, Hierarchy],
    levels: Mapping[str, int],
) -> pl.Series:
    """Rows whose every QI label at the chosen level is itself ``*`` (not suppressed rows)."""
    genuine = pl.Series("genuine", [True] * original.height)
    for c in qi:
        stars = [row[0] for row in hierarchies[c].rows if row[levels[c]] == SUPPRESSED]
        if not stars:
            return pl.Series("genuine", [False] * original.height)
        if len(stars) < len(hierarchies[c].rows):
            genuine &= original[c].cast(pl.String).is_in(pl.Series(stars).implode())
    return genuine


def _truthful(
    released: pl.DataFrame,
    original: pl.DataFrame,
    hierarchies: Mapping[str, Hierarchy],
    levels: Mapping[str, int],
    suppressed: pl.Series,
) -> list[str]:
    """Each distinct (original, released, suppressed) triple must follow the hierarchy."""
    frames = [
        pl.LazyFrame(
            {"o": original[c].cast(pl.String), "r": released[c].cast(pl.String), "s": suppressed}
        ).unique()
        for c in levels
    ]
    problems: list[str] = []
    for (column, level), triples in zip(levels.items(), pl.collect_all(frames), strict=True):
        mapping = {row[0]: row[level] for row in hierarchies[column].rows}
        for value, label, hidden in triples.iter_rows():
            if (label != SUPPRESSED or not hidden) and mapping.get(value) != label:
                problems.append(
                    f"column {column!r}: {value!r} released as {label!r}, "
                    f"not its level-{level} label"
                )
                break
    return problems


def _class_problems(
    released: pl.DataFrame, qi: Sequence[str], model: PrivacyModel
) -> tuple[list[str], int, int | None, float | None]:
    ids = released.select(pl.col(c).cast(pl.Categorical).to_physical() for c in qi)
    sizes = ids.group_by(qi).len()
    min_size = int(sizes.select(pl.col("len").min()).item() or 0)
    problems = [f"smallest class has {min_size} rows, fewer than k={model.k}"] * (
        min_size < model.k
    )
    if model.l is None or model.sensitive is None:
        return problems, min_size, None, None
    ids = ids.with_columns(released[model.sensitive].cast(pl.String).fill_null(""))
    pairs = ids.group_by([*qi, model.sensitive]).len()
    per_class = pairs.group_by(qi).agg(
        pl.len().alias("distinct"),
        pl.col("len").sum().alias("n"),
        (pl.col("len") * pl.col("len").log()).sum().alias("clogc"),
    )
    entropy = per_class.select((pl.col("n").log() - pl.col("clogc") / pl.col("n")).min()).item()
    min_distinct = int(per_class.select(pl.col("distinct").min()).item() or 0)
    min_l = math.exp(float(entropy))
    if model.l_kind == LDiversityKind.DISTINCT and min_distinct < model.l:
        problems.append(f"a class has {min_distinct} distinct sensitive values, fewer than l")
    if model.l_kind == LDiversityKind.ENTROPY and entropy < math.log(model.l) - _TOLERANCE:
        problems.append(f"a class has entropy-l {min_l:.4f}, less than l={model.l}")
    return problems, min_size, min_distinct, min_l


def verify_release(
    released: pl.DataFrame,
    original: pl.DataFrame,
    qi: Sequence[str],
    hierarchies: Mapping[str, Hierarchy],
    levels: Mapping[str, int],
    model: PrivacyModel,
) -> CheckReport:
    """Re-check a release from its strings; see the module docstring for what is checked."""
    problems: list[str] = []
    if released.columns != original.columns or released.height != original.height:
        problems.append("release does not have the input's rows and columns")
        return CheckReport(False, 0, None, None, 0, tuple(problems))
    for column in original.columns:
        if column not in qi and not released[column].equals(original[column]):
            problems.append(f"column {column!r} is not a quasi-identifier but was changed")
    suppressed = _suppressed_mask(released, qi) & ~_genuine_stars(original, qi, hierarchies, levels)
    count = int(suppressed.sum())
    if count > model.max_outliers(original.height):
        problems.append(f"{count} suppressed rows exceed the budget")
    problems += _truthful(released, original, hierarchies, levels, suppressed)
    class_problems, min_size, min_distinct, min_l = _class_problems(released, qi, model)
    problems += class_problems
    return CheckReport(not problems, min_size, min_distinct, min_l, count, tuple(problems))
