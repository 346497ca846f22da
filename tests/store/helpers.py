"""Shared test helpers: the label format the engine uses, and a concurrent allocation worker."""
from __future__ import annotations

import random

from service.store import ProjectStore, canonical_form
from service.vocabulary.surrogate_labels import letter_label

PEOPLE = [
    "Jane Okafor", "Dr. Ravi Menon", "Lena Fischer", "Tomasz Wojcik", "Amara Nwosu", "Hiroshi Tanaka",
    "Sofia Marquez", "Priya Raman", "Mr. Colin Byrne", "Ines Duarte", "Kwame Mensah", "Olga Petrova",
    "Farah Haddad", "Nils Lindqvist", "Mei Chen", "Aditi Kulkarni", "Prof. Elena Rossi", "Yusuf Demir",
    "Chloe Dubois", "Mateo Alvarez", "Zanele Dlamini", "Ewan Mackay", "Noor Rahman", "Ivana Horvat",
]
COMPANIES = [
    "Northwind Analytics Inc.", "Contoso Ltd", "Fabrikam GmbH", "Tailspin Toys", "Wingtip Partners LLC",
    "Adatum Corp", "Litware plc", "Proseware AG", "Woodgrove Bank", "Lucerne Publishing",
]


def make_label(entity_type: str, n: int) -> str:
    if entity_type == "ORGANIZATION":
        return f"[Company {letter_label(n)}]"
    if entity_type == "PERSON":
        return f"[Person {n}]"
    return f"[{entity_type.title()} {n}]"


def item(entity_type: str, surface: str) -> tuple[str, str, str]:
    return (entity_type, canonical_form(entity_type, surface), surface)


RESERVED = {"[Person 3]", "[Company B]"}


def allocate_rounds(url: str, key: bytes, project_id: int, worker: int, rounds: int) -> list[dict]:
    """One worker: its own store instance allocating random overlapping batches."""
    rng = random.Random(worker)
    results = []
    with ProjectStore(url, key=key) as store:
        for _ in range(rounds):
            batch = [item("PERSON", name) for name in rng.sample(PEOPLE, 10)]
            batch += [item("ORGANIZATION", name) for name in rng.sample(COMPANIES, 4)]
            rng.shuffle(batch)
            results.append(store.allocate_surrogates(project_id, batch, make_label, reserved_labels=RESERVED))
    return results
