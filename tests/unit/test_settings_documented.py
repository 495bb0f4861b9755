"""Every setting is documented (Datasette's docs-contract test, for settings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from titian.settings import Settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_setting_is_documented(name: str) -> None:
    assert f"`TITIAN_{name.upper()}`" in DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_setting_has_a_description(name: str) -> None:
    assert Settings.model_fields[name].description


def test_production_refuses_a_missing_secret(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="TITIAN_SECRET_KEY"):
        Settings(environment="production", data_dir=tmp_path)


def test_dev_secret_is_created_once_and_reused(tmp_path: Path) -> None:
    first = Settings(environment="development", data_dir=tmp_path)
    second = Settings(environment="development", data_dir=tmp_path)
    assert first.secret_key == second.secret_key
    assert (tmp_path / "dev-secret-key").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("value", "ok"),
    [("k1:" + "A" * 43, True), ("k1:short", False), (":" + "A" * 43, False), ("", True)],
)
def test_encryption_keys_are_checked(value: str, ok: bool, tmp_path: Path) -> None:
    settings = Settings(encryption_keys=value, data_dir=tmp_path)
    if ok:
        assert all(len(k) == 32 for _, k in settings.parsed_encryption_keys())
    else:
        with pytest.raises(ValueError, match="TITIAN_ENCRYPTION_KEYS"):
            settings.parsed_encryption_keys()
