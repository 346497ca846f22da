"""Build config/names/first_names.txt and last_names.txt from Faker's person providers.

    pip install faker && python scripts/build_name_lists.py

Faker (MIT licence) ships first and last names for many locales as plain lists; only
names written in the Latin alphabet are kept, lower-cased and deduplicated. The product
reads the generated files; Faker is needed only to rebuild them.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from pathlib import Path

import faker
from faker.providers import person

OUT = Path(__file__).resolve().parent.parent / "config" / "names"
LATIN = re.compile(r"^[a-zà-öø-ÿāăąćčďđēėęěğīįıķļłńňőœřśşšţťūůűųźżžß'’ -]+$")


def _names(provider, attrs) -> set[str]:
    out = set()
    for attr in attrs:
        value = getattr(provider, attr, None)
        if isinstance(value, property) or callable(value):
            continue
        if isinstance(value, dict):
            value = list(value)
        for name in value or ():
            name = unicodedata.normalize("NFC", str(name)).strip().lower()
            if 2 <= len(name) <= 30 and LATIN.match(name):
                out.add(name)
    return out


def main() -> None:
    first, last = set(), set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        first |= _names(provider, ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"))
        last |= _names(provider, ("last_names",))
    header = (
        "# {kind} names, lower case, one per line.\n"
        f"# Source: Faker {faker.VERSION} person providers, all locales, Latin script only (MIT licence,\n"
        "# Copyright (c) 2012 Daniele Faraglia). Rebuild with scripts/build_name_lists.py.\n"
    )
    OUT.mkdir(parents=True, exist_ok=True)
    for kind, names in (("First", first), ("Last", last)):
        path = OUT / f"{kind.lower()}_names.txt"
        path.write_text(header.format(kind=kind) + "\n".join(sorted(names)) + "\n", encoding="utf-8")
        print(f"{path}: {len(names)} names")


if __name__ == "__main__":
    main()
