"""k-anonymous release engine on small synthetic tables with hand-checked optimal answers."""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl
import pytest
from pycanon import anonymity

from titian.privacy.anon_model import AnonymizationError, NoSolutionError, PrivacyModel
from titian.privacy.anonymize import anonymize, anonymize_csv
from titian.privacy.hierarchy import HierarchyError, hierarchy_from_rows
from titian.privacy.kcheck import verify_release

SEX = hierarchy_from_rows("sex", [["M", "*"], ["F", "*"]])
BAND = hierarchy_from_rows("band", [["x", "*"], ["y", "*"]])
AGE = hierarchy_from_rows(
    "age", [["a", "ab", "*"], ["b", "ab", "*"], ["c", "cd", "*"], ["d", "cd", "*"]]
)
TWO = {"sex": SEX, "band": BAND}

# pycanon groups by a one-element list, which pandas 3 warns about; not our code.
pytestmark = pytest.mark.filterwarnings("ignore:In a future version, the keys of")


def two_qi_table() -> pl.DataFrame:
    """(M,x)x3, (F,y)x3, (M,y)x1, (F,x)x1 with a sensitive column."""
    rows = [("M", "x")] * 3 + [("F", "y")] * 3 + [("M", "y"), ("F", "x")]
    return pl.DataFrame(
        {
            "sex": [r[0] for r in rows],
            "band": [r[1] for r in rows],
            "dx": ["p", "q", "p", "q", "q", "r", "p", "q"],
        }
    )


def age_table() -> pl.DataFrame:
    return pl.DataFrame({"age": ["a", "a", "b", "b", "b", "c", "d"], "id": list("1234567")})


def pycanon_k(frame: pl.DataFrame, qi: list[str]) -> int:
    return int(anonymity.k_anonymity(frame.to_pandas(), qi))


@pytest.mark.parametrize(
    ("k", "suppression", "level", "suppressed", "loss"),
    [
        (1, 0.0, 0, 0, 0.0),  # every class has 1+ row: nothing to do
        (2, 0.0, 1, 0, 1 / 3),  # {a,b}=5, {c,d}=2; loss (0.5n - n/4)/(n - n/4) = 1/3
        (3, 0.0, 2, 0, 1.0),  # {c,d}=2 < 3: only '*' works
        # 2 rows may go, but the suppressed block of 2 rows would itself be smaller than k=3
        (3, 0.3, 2, 0, 1.0),
        # level 0 suppressing c and d (a block of 2 >= k): (5/4 + 2 - 7/4) / (7 - 7/4) < 1/3
        (2, 0.3, 0, 2, 1.5 / 5.25),
    ],
)
def test_one_qi_hand_checked(
    k: int, suppression: float, level: int, suppressed: int, loss: float
) -> None:
    result = anonymize(age_table(), ["age"], {"age": AGE}, k=k, suppression=suppression)
    assert result.levels == {"age": level}
    assert result.suppressed_rows == suppressed
    assert result.information_loss.loss == pytest.approx(loss)
    assert result.verified
    assert pycanon_k(result.frame, ["age"]) >= k


@pytest.mark.parametrize(
    ("k", "suppression", "levels", "suppressed", "loss"),
    [
        # no suppression: (0,1) and (1,0) tie at sqrt(2) - 1; the lexicographically smaller wins
        (2, 0.0, {"sex": 0, "band": 1}, 0, math.sqrt(2) - 1),
        # suppress (M,y) and (F,x): per-QI loss (6 * 1/2 + 2 - 4) / (8 - 4) = 0.25 each
        (2, 0.25, {"sex": 0, "band": 0}, 2, 0.25),
        # same, but a block of 2 suppressed rows is smaller than k=3: generalise instead
        (3, 0.25, {"sex": 0, "band": 1}, 0, math.sqrt(2) - 1),
        (5, 0.25, {"sex": 1, "band": 1}, 0, 1.0),
    ],
)
def test_two_qi_trade_off_between_generalising_and_suppressing(
    k: int, suppression: float, levels: dict[str, int], suppressed: int, loss: float
) -> None:
    result = anonymize(two_qi_table(), ["sex", "band"], TWO, k=k, suppression=suppression)
    assert result.levels == levels
    assert result.suppressed_rows == suppressed
    assert result.information_loss.loss == pytest.approx(loss)
    assert pycanon_k(result.frame, ["sex", "band"]) >= k


def test_suppressed_rows_are_stars_and_other_columns_untouched() -> None:
    result = anonymize(two_qi_table(), ["sex", "band"], TWO, k=2, suppression=0.25)
    frame = result.frame
    stars = frame.filter((pl.col("sex") == "*") & (pl.col("band") == "*"))
    assert stars.height == 2
    assert frame["dx"].to_list() == two_qi_table()["dx"].to_list()
    assert frame.columns == ["sex", "band", "dx"]


def test_information_loss_figures() -> None:
    result = anonymize(two_qi_table(), ["sex", "band"], TWO, k=2, suppression=0.25)
    figures = result.information_loss
    assert figures.loss_per_qi == pytest.approx({"sex": 0.25, "band": 0.25})
    assert figures.discernibility == 3 * 3 + 3 * 3 + 2 * 8
    assert figures.precision_loss == pytest.approx(2 / 8)
    assert figures.average_class_size == pytest.approx((6 / 2) / 2)
    assert result.classes == 2


@pytest.mark.parametrize(
    ("l", "kind", "levels"),
    [
        # classes at (0,0): Mx={p,q,p}, Fy={q,q,r}: both 2-diverse; My, Fx singletons suppressed
        (2, "distinct", {"sex": 0, "band": 0}),
        # 3 distinct values only exist in the whole table
        (3, "distinct", {"sex": 1, "band": 1}),
        # entropy of {p,q,p} is below log 2; (*,x) = {p,q,p,q} has exactly log 2
        (2, "entropy", {"sex": 1, "band": 0}),
    ],
)
def test_l_diversity_hand_checked(l: int, kind: str, levels: dict[str, int]) -> None:  # noqa: E741
    result = anonymize(
        two_qi_table(), ["sex", "band"], TWO, 2, 0.25, l=l, sensitive="dx", l_kind=kind
    )
    assert result.levels == levels
    frame = result.frame.to_pandas()
    if kind == "distinct":
        assert anonymity.l_diversity(frame, ["sex", "band"], ["dx"]) >= l
    else:
        groups = result.frame.group_by(["sex", "band"]).agg(pl.col("dx"))
        for values in groups["dx"].to_list():
            counts = [values.count(v) / len(values) for v in set(values)]
            assert -sum(p * math.log(p) for p in counts) >= math.log(l) - 1e-9


def test_block_of_suppressed_rows_must_be_diverse() -> None:
    # (M,y) and (F,x) both have dx 'p'/'q'; make them equal so the suppressed block is 1-diverse
    df = two_qi_table().with_columns(pl.Series("dx", ["p", "q", "p", "q", "q", "r", "p", "p"]))
    result = anonymize(df, ["sex", "band"], TWO, 2, 0.25, l=2, sensitive="dx")
    assert result.suppressed_rows == 0
    assert result.levels != {"sex": 0, "band": 0}


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"k": 0}, AnonymizationError, "k: must be at least 1"),
        ({"suppression": 1.0}, AnonymizationError, "suppression"),
        ({"l": 2}, AnonymizationError, "give both or neither"),
        ({"l": 2, "sensitive": "sex"}, AnonymizationError, "also a quasi-identifier"),
        ({"k": 2, "l": 4, "sensitive": "dx"}, NoSolutionError, "3 distinct values"),
        ({"k": 9}, NoSolutionError, "fewer than k=9"),
        ({"qi": ["sex", "nope"]}, AnonymizationError, "not in the data: nope"),
        ({"qi": []}, AnonymizationError, "at least one"),
        ({"qi": ["sex", "sex"]}, AnonymizationError, "repeated"),
        ({"l_kind": "recursive", "l": 2, "sensitive": "dx"}, ValueError, "recursive"),
    ],
)
def test_invalid_requests(kwargs: dict[str, object], error: type[Exception], fragment: str) -> None:
    args: dict[str, object] = {"qi": ["sex", "band"], "hierarchies": TWO, **kwargs}
    with pytest.raises(error, match=fragment):
        anonymize(two_qi_table(), **args)  # type: ignore[arg-type]


def test_missing_hierarchy_and_unknown_value() -> None:
    with pytest.raises(HierarchyError, match="band"):
        anonymize(two_qi_table(), ["sex", "band"], {"sex": SEX})
    df = two_qi_table().with_columns(pl.Series("band", ["x"] * 7 + ["z"]))
    with pytest.raises(AnonymizationError, match=r"'band'.*row 8: 'z'"):
        anonymize(df, ["sex", "band"], TWO, k=2)
    df = two_qi_table().with_columns(pl.Series("band", ["x"] * 7 + [None]))
    with pytest.raises(AnonymizationError, match="missing value on data row 8"):
        anonymize(df, ["sex", "band"], TWO, k=2)


def test_no_solution_when_top_node_fails() -> None:
    df = two_qi_table().with_columns(pl.Series("dx", ["p"] * 7 + ["q"]))
    with pytest.raises(NoSolutionError, match="no generalisation meets the model"):
        anonymize(df, ["sex", "band"], TWO, 2, 0.0, l=2, sensitive="dx", l_kind="entropy")


def test_progress_reaches_the_end() -> None:
    calls: list[tuple[int, int]] = []
    anonymize(two_qi_table(), ["sex", "band"], TWO, k=2, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (4, 4)


def test_verifier_catches_tampering() -> None:
    df = two_qi_table()
    result = anonymize(df, ["sex", "band"], TWO, k=2, suppression=0.25)
    model = PrivacyModel(k=2, suppression=0.25)
    tampered = result.frame.with_columns(
        pl.Series("band", ["y", *result.frame["band"].to_list()[1:]])
    )
    report = verify_release(tampered, df, ["sex", "band"], TWO, result.levels, model)
    assert not report.ok
    assert any("released as" in p or "fewer than k" in p for p in report.problems)
    small = verify_release(result.frame, df, ["sex", "band"], TWO, result.levels, PrivacyModel(4))
    assert not small.ok
    assert small.min_class_size == 2


def test_anonymize_csv_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    two_qi_table().write_csv(source)
    folder = tmp_path / "h"
    folder.mkdir()
    (folder / "sex.csv").write_text("M;*\nF;*\n", encoding="utf-8")
    (folder / "t_hierarchy_band.csv").write_text("x;*\ny;*\n", encoding="utf-8")
    out = tmp_path / "out" / "release.csv"
    result = anonymize_csv(source, "sex,band", folder, 2, 0.25, None, None, out)
    written = pl.read_csv(out, infer_schema=False)
    assert written.equals(result.frame)
    assert written.filter(pl.col("sex") == "*").height == 2
    assert pycanon_k(written, ["sex", "band"]) >= 2
    assert list(tmp_path.joinpath("out").iterdir()) == [out]


def test_anonymize_csv_writes_nothing_on_failure(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    two_qi_table().write_csv(source, separator=";")
    folder = tmp_path / "h"
    folder.mkdir()
    (folder / "sex.csv").write_text("M;*\nF;*\n", encoding="utf-8")
    (folder / "band.csv").write_text("x;*\ny;*\n", encoding="utf-8")
    out = tmp_path / "release.csv"
    with pytest.raises(NoSolutionError):
        anonymize_csv(source, ["sex", "band"], folder, 20, 0.0, None, None, out)
    assert not out.exists()
    with pytest.raises(AnonymizationError, match="does not exist"):
        anonymize_csv(tmp_path / "none.csv", ["sex"], folder, 2, 0.0, None, None, out)


def test_non_text_qi_columns_are_generalised_as_text() -> None:
    df = pl.DataFrame({"n": [1, 1, 2, 2, 3, 4], "v": list("abcdef")})
    hier = {
        "n": hierarchy_from_rows(
            "n", [["1", "1-2", "*"], ["2", "1-2", "*"], ["3", "3-4", "*"], ["4", "3-4", "*"]]
        )
    }
    result = anonymize(df, ["n"], hier, k=2)
    assert result.frame["n"].to_list() == ["1-2"] * 4 + ["3-4"] * 2
    assert result.frame["v"].to_list() == list("abcdef")


def test_csv_with_tabs_list_qi_and_sensitive(tmp_path: Path) -> None:
    source = tmp_path / "in.tsv"
    two_qi_table().write_csv(source, separator="\t")
    folder = tmp_path / "h"
    folder.mkdir()
    (folder / "sex.csv").write_text("M;*\nF;*\n", encoding="utf-8")
    (folder / "band.csv").write_text("x;*\ny;*\n", encoding="utf-8")
    out = tmp_path / "out.tsv"
    result = anonymize_csv(source, ["sex", "band"], folder, 2, 0.25, 2, "dx", out)
    assert result.levels == {"sex": 0, "band": 0}
    written = pl.read_csv(out, separator="\t", infer_schema=False)
    assert anonymity.l_diversity(written.to_pandas(), ["sex", "band"], ["dx"]) >= 2


def test_huge_domains_use_the_dense_key_fallback() -> None:
    # 5 QIs with 10,000 values each: the mixed-radix key would overflow 64 bits.
    import random

    rng = random.Random(7)
    values = [f"v{i}" for i in range(10_000)]
    hier = {
        c: hierarchy_from_rows(c, [[v, f"g{i % 2}", "*"] for i, v in enumerate(values)])
        for c in "abcde"
    }
    df = pl.DataFrame({c: [rng.choice(values) for _ in range(300)] for c in "abcde"})
    result = anonymize(df, list("abcde"), hier, k=5, suppression=0.05)
    assert result.verified
    assert pycanon_k(result.frame, list("abcde")) >= 5
    untouched = anonymize(df, list("abcde"), hier, k=1)  # level 0: the row keys are densified too
    assert untouched.levels == dict.fromkeys("abcde", 0)
    assert untouched.frame.equals(df)


def test_hierarchy_labels_equal_to_star_are_not_counted_as_suppressed() -> None:
    # 'c' and 'd' are rare and generalise straight to '*' at level 1, like a suppressed cell.
    g = hierarchy_from_rows(
        "g", [["a", "ab", "*"], ["b", "ab", "*"], ["c", "*", "*"], ["d", "*", "*"]]
    )
    df = pl.DataFrame({"g": list("aabbcdcd"), "v": list("12345678")})
    result = anonymize(df, ["g"], {"g": g}, k=3)
    assert result.levels == {"g": 1}
    assert result.frame["g"].to_list() == ["ab"] * 4 + ["*"] * 4
    assert result.suppressed_rows == 0
    assert result.verified
