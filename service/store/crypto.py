"""Encryption and keyed hashing of everything sensitive the store keeps.

One store key (a Fernet key, or 32 raw bytes) is stretched with HKDF-SHA256 into
independent subkeys, one per purpose, so a leaked hash key reveals nothing about the
encryption key and vice versa:

* ``encryption``   -> Fernet (AES-128-CBC + HMAC-SHA256) for originals, variants, terms;
* ``lookup-hash``  -> HMAC-SHA256 of canonical forms and variants, so equal names can be
                      found and made unique in SQL without storing them in plain text;
* ``key-check``    -> a fingerprint kept in the database to refuse opening it with the
                      wrong key (which would otherwise silently allocate new surrogates).
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import InvalidStoreKey, KeyMismatch

_SALT = b"tanon-project-store"


def master_key_bytes(key: bytes | str) -> bytes:
    """Return the 32 secret bytes behind ``key`` (raw bytes, or a Fernet key as text/bytes)."""
    if isinstance(key, str):
        try:
            key = key.strip().encode("ascii")
        except UnicodeEncodeError:
            raise InvalidStoreKey("store key must be a Fernet key or exactly 32 raw bytes") from None
    if not isinstance(key, (bytes, bytearray)):
        raise InvalidStoreKey("store key must be bytes or str")
    key = bytes(key)
    if len(key) == 32:
        return key
    stripped = key.strip()
    if len(stripped) == 44:  # urlsafe base64 of 32 bytes: a Fernet key
        try:
            decoded = base64.urlsafe_b64decode(stripped)
        except (binascii.Error, ValueError):
            decoded = b""
        if len(decoded) == 32:
            return decoded
    raise InvalidStoreKey("store key must be a Fernet key or exactly 32 raw bytes")


def _derive(master: bytes, purpose: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=_SALT, info=f"tanon-store/v1/{purpose}".encode()
    ).derive(master)


class StoreCrypto:
    """Encrypts sensitive text and computes keyed lookup hashes for one store key."""

    def __init__(self, key: bytes | str) -> None:
        master = master_key_bytes(key)
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(master, "encryption")))
        self._hash_key = _derive(master, "lookup-hash")
        self._check_key = _derive(master, "key-check")

    def encrypt(self, text: str) -> str:
        return self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise KeyMismatch("stored data cannot be decrypted with this store key") from None

    def lookup_hash(self, text: str, *, purpose: str = "canonical") -> str:
        """HMAC-SHA256 of ``text``; ``purpose`` separates domains (canonical form vs variant)."""
        message = purpose.encode() + b"\x00" + text.encode("utf-8")
        return hmac.new(self._hash_key, message, hashlib.sha256).hexdigest()

    def key_fingerprint(self) -> str:
        return hmac.new(self._check_key, b"tanon-store key check", hashlib.sha256).hexdigest()
