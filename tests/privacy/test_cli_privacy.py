"""``titian privacy anonymize`` (verified by pycanon) and ``titian privacy dp-count``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from pycanon import anonymity
from typer.testing import CliRunner

from tests.analytics.support import install_snapshot
from titian.cli.main import app

runner = CliRunner()
pytestmark = pytest.mark.filterwarnings("ignore:In a future version, the keys of")

AGES = ["18-20", "21-23", "24-26", "27-29", "30-38", "39-47"]


def _write_inputs(folder: Path, rows: int = 300) -> tuple[Path, Path]:
    rng = np.random.default_rng(4)
    frame = pl.DataFrame(
        {
            "gender": rng.choice(["woman", "man", "another"], rows, p=[0.5, 0.45, 0.05]).tolist(),
            "age_band": rng.choice(AGES, rows).tolist(),
            "country": rng.choice(["TH", "KH", "LA", "MM"], rows).tolist(),
            "form": rng.choice(["labour", "sexual", "criminality"], rows).tolist(),
        }
    )
    source = folder / "people.csv"
    frame.write_csv(source)
    hierarchies = folder / "hier"
    hierarchies.mkdir()
    (hierarchies / "gender.csv").write_text("woman;*\nman;*\nanother;*\n")
    age_rows = [f"{a};{'18-29' if a[:2] in ('18', '21', '24', '27') else '30+'};*" for a in AGES]
    (hierarchies / "age_band.csv").write_text("\n".join(age_rows) + "\n")
    (hierarchies / "country.csv").write_text("TH;ASEAN;*\nKH;ASEAN;*\nLA;ASEAN;*\nMM;ASEAN;*\n")
    return source, hierarchies


@pytest.mark.parametrize(("k", "l_value"), [(5, None), (11, None), (11, 2)])
def test_anonymize_cli_output_is_verified_by_pycanon(
    tmp_path: Path, k: int, l_value: int | None
) -> None:
    source, hierarchies = _write_inputs(tmp_path)
    out = tmp_path / "release.csv"
    args = ["privacy", "anonymize", "--input", str(source), "--qi", "gender,age_band,country",
            "--hierarchies", str(hierarchies), "--k", str(k), "--suppression", "0.05",
            "--out", str(out)]  # fmt: skip
    if l_value:
        args += ["--l", str(l_value), "--sensitive", "form"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Information loss" in result.output and "verified" in result.output
    released = pl.read_csv(out, infer_schema=False).to_pandas()
    qi = ["gender", "age_band", "country"]
    assert anonymity.k_anonymity(released, qi) >= k
    if l_value:
        assert anonymity.l_diversity(released, qi, ["form"]) >= l_value
    assert len(released) == 300


def test_anonymize_cli_refuses_without_writing(tmp_path: Path) -> None:
    source, hierarchies = _write_inputs(tmp_path, rows=5)
    out = tmp_path / "release.csv"
    result = runner.invoke(app, ["privacy", "anonymize", "--input", str(source), "--qi", "gender",
                                 "--hierarchies", str(hierarchies), "--k", "11",
                                 "--out", str(out)])  # fmt: skip
    assert result.exit_code == 1
    assert "nothing written" in result.output
    assert not out.exists()


def test_dp_count_cli_spends_and_refuses_when_spent(cli_db: str, tmp_path: Path) -> None:
    install_snapshot(tmp_path / "var")
    made = runner.invoke(app, ["privacy", "budget", "create", "--dataset", "cases",
                               "--epsilon", "0.8", "--per-release", "1"])  # fmt: skip
    assert made.exit_code == 0, made.output
    args = ["privacy", "dp-count", "--dataset", "cases",
            "--indicator", "titian_disability_gender", "--country", "TH",
            "--epsilon", "0.5", "--purpose", "quarterly tile", "--json"]  # fmt: skip
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    body = json.loads(first.stdout)
    assert body["remaining_epsilon"] == "0.3" and len(body["counts"]) == 16
    second = runner.invoke(app, args)
    assert second.exit_code == 1
    assert "left" in second.output
    shown = runner.invoke(app, ["privacy", "budget", "show"])
    assert "cases" in shown.output and "0.5" in shown.output
