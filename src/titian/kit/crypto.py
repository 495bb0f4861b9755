"""Field-level encryption of identifying data (rights-checklist.md C11; IOM DP 8).

AES-256-GCM from the ``cryptography`` package. A stored token is ``<key id>$<base64url(nonce +
ciphertext and tag)>``: the key id says which key decrypts it, so keys can be rotated (the first
key of ``Settings.parsed_encryption_keys()`` encrypts, every key decrypts, and
``titian keys rotate`` re-encrypts old tokens). ``context`` is bound as associated data, so a token
copied to another record or field does not decrypt there.

The cipher travels with the database session (``session.info``), like the audit key: the doors
call :func:`bind_cipher` when they open a session. Plaintext never reaches logs or errors.
"""

from __future__ import annotations

import base64
import os
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

CIPHER_KEY = "titian.cipher"
_SEPARATOR = "$"
_NONCE_BYTES = 12


class SessionLike(Protocol):
    """Anything with an ``info`` dict (a SQLAlchemy session)."""

    @property
    def info(self) -> dict[object, object]: ...


class KeySource(Protocol):
    """Anything that gives the keys (the Settings object)."""

    def parsed_encryption_keys(self) -> list[tuple[str, bytes]]: ...


class DecryptionError(ValueError):
    """A token cannot be decrypted: unknown key id, altered data or a wrong context.

    The message names the key id only, never the data."""


class FieldCipher:
    """Encrypts and decrypts short text fields with the configured keys."""

    def __init__(self, keys: list[tuple[str, bytes]]) -> None:
        if not keys:
            raise ValueError("TITIAN_ENCRYPTION_KEYS: no field-encryption key is configured")
        for key_id, key in keys:
            if _SEPARATOR in key_id or len(key) != 32:
                raise ValueError(f"TITIAN_ENCRYPTION_KEYS entry {key_id!r}: need a 32-byte key")
        self._keys = {key_id: AESGCM(key) for key_id, key in keys}
        self.active_key_id = keys[0][0]

    def encrypt(self, plaintext: str, context: str = "") -> str:
        """A fresh token for ``plaintext``; a new random nonce every time."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._keys[self.active_key_id].encrypt(
            nonce, plaintext.encode("utf-8"), context.encode("utf-8")
        )
        body = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
        return f"{self.active_key_id}{_SEPARATOR}{body}"

    def decrypt(self, token: str, context: str = "") -> str:
        key_id, _, body = token.partition(_SEPARATOR)
        aead = self._keys.get(key_id)
        if aead is None or not body:
            raise DecryptionError(f"encrypted field: no key with id {key_id!r} is configured")
        try:
            raw = base64.urlsafe_b64decode(body)
            plain = aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], context.encode("utf-8"))
        except (InvalidTag, ValueError) as exc:
            raise DecryptionError(
                f"encrypted field (key {key_id!r}): altered data or wrong context"
            ) from exc
        return plain.decode("utf-8")

    def key_id_of(self, token: str) -> str:
        return token.partition(_SEPARATOR)[0]

    def needs_rotation(self, token: str) -> bool:
        """True when the token was encrypted with a key other than the active one."""
        return self.key_id_of(token) != self.active_key_id

    def rotate(self, token: str, context: str = "") -> str:
        """The token re-encrypted with the active key (unchanged if it already uses it)."""
        if not self.needs_rotation(token):
            return token
        return self.encrypt(self.decrypt(token, context), context)


def cipher_from_settings(settings: KeySource) -> FieldCipher:
    return FieldCipher(settings.parsed_encryption_keys())


def bind_cipher(session: SessionLike, settings: KeySource) -> None:
    """Give a session the field cipher (the doors do this when they open a session)."""
    session.info[CIPHER_KEY] = cipher_from_settings(settings)


def session_cipher(session: SessionLike) -> FieldCipher:
    cipher = session.info.get(CIPHER_KEY)
    if not isinstance(cipher, FieldCipher):
        raise RuntimeError("field cipher not bound to this session (call kit.crypto.bind_cipher)")
    return cipher
