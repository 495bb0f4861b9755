"""Field encryption: tokens, contexts, and key rotation (``titian keys rotate``)."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy.orm import Session

from tests.cases.conftest import SECRET_IDENTITY, CaseMaker
from titian.cases import repository, service_identity
from titian.kit.crypto import CIPHER_KEY, DecryptionError, FieldCipher

KEY_A = ("a", bytes(range(32)))
KEY_B = ("b", bytes(range(1, 33)))


def test_tokens_name_their_key_and_differ_each_time() -> None:
    cipher = FieldCipher([KEY_A])
    first, second = cipher.encrypt("Zephyrine", "ctx"), cipher.encrypt("Zephyrine", "ctx")
    assert first != second and first.startswith("a$") and "Zephyrine" not in first
    assert cipher.decrypt(first, "ctx") == "Zephyrine"


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (lambda t: t.replace("a$", "z$"), "no key with id 'z'"),
        (lambda t: t[:-4] + ("AAAA" if not t.endswith("AAAA") else "BBBB"), "altered"),
    ],
)
def test_decrypt_refuses_unknown_keys_and_altered_tokens(tamper: object, message: str) -> None:
    cipher = FieldCipher([KEY_A])
    token = cipher.encrypt("Zephyrine", "ctx")
    with pytest.raises(DecryptionError, match=message) as caught:
        cipher.decrypt(tamper(token), "ctx")  # type: ignore[operator]
    assert "Zephyrine" not in str(caught.value)


def test_wrong_context_does_not_decrypt() -> None:
    cipher = FieldCipher([KEY_A])
    with pytest.raises(DecryptionError):
        cipher.decrypt(cipher.encrypt("x", "case-1:given_name"), "case-2:given_name")


def test_bad_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="TITIAN_ENCRYPTION_KEYS"):
        FieldCipher([])
    with pytest.raises(ValueError, match="32-byte"):
        FieldCipher([("k", b"short")])


def test_rotation_reencrypts_every_identifier_with_the_first_key(
    db: Session, make_case: CaseMaker
) -> None:
    db.info[CIPHER_KEY] = FieldCipher([KEY_A])
    case = make_case()
    db.info[CIPHER_KEY] = FieldCipher([KEY_B, KEY_A])
    seen: list[tuple[int, int]] = []
    changed = service_identity.rotate_keys(db, lambda done, total: seen.append((done, total)))
    assert changed == 8 and seen[-1][0] == seen[-1][1]
    assert {r.token.split("$")[0] for r in repository.identifiers_of(db, case.id)} == {"b"}
    db.info[CIPHER_KEY] = FieldCipher([KEY_B])
    identity, _ = service_identity.load_identity(db, case)
    assert identity == SECRET_IDENTITY
    assert service_identity.rotate_keys(db) == 0


def test_dev_key_is_created_once_and_reused(tmp_path: object) -> None:
    from pathlib import Path

    from titian.settings import Settings

    assert isinstance(tmp_path, Path)
    first = Settings(environment="development", data_dir=tmp_path).parsed_encryption_keys()
    second = Settings(environment="development", data_dir=tmp_path).parsed_encryption_keys()
    assert first == second and first[0][0] == "dev" and len(first[0][1]) == 32
    assert (tmp_path / "dev-encryption-key").stat().st_mode & 0o777 == 0o600
    prod = Settings(environment="production", secret_key="s" * 40, data_dir=tmp_path)
    assert prod.parsed_encryption_keys() == []
    assert base64.urlsafe_b64decode((tmp_path / "dev-encryption-key").read_text()) == first[0][1]
