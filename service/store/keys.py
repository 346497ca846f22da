"""Where the application gets the store key from.

The key is a Fernet key (44 characters of urlsafe base64, as made by
``python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"``)
or 32 raw bytes. The application reads it, in this order, from:

1. ``TANON_STORE_KEY``       - the Fernet key itself;
2. ``TANON_STORE_KEY_FILE``  - a path to a file holding the Fernet key (text) or 32 raw bytes;
   keep the file ``chmod 600`` and out of the repository.

Losing the key makes every stored original and term unreadable and every canonical
hash unmatchable (new surrogates would be allocated): back it up with the database.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from cryptography.fernet import Fernet

from .crypto import master_key_bytes
from .errors import InvalidStoreKey

KEY_ENV_VAR = "TANON_STORE_KEY"
KEY_FILE_ENV_VAR = "TANON_STORE_KEY_FILE"


def generate_store_key() -> bytes:
    """A fresh random Fernet key (urlsafe base64 text as bytes)."""
    return Fernet.generate_key()


def load_store_key(*, environ: Mapping[str, str] | None = None) -> bytes:
    """Read the store key from the environment (see module doc) and validate it."""
    env = os.environ if environ is None else environ
    if env.get(KEY_ENV_VAR):
        key = env[KEY_ENV_VAR].strip().encode("ascii")
    elif env.get(KEY_FILE_ENV_VAR):
        data = Path(env[KEY_FILE_ENV_VAR]).read_bytes()
        key = data if len(data) == 32 else data.strip()
    else:
        raise InvalidStoreKey(f"set {KEY_ENV_VAR} or {KEY_FILE_ENV_VAR}")
    master_key_bytes(key)  # raises InvalidStoreKey with a message that never shows the key
    return key
