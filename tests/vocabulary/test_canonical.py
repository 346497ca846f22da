import pytest

from service.vocabulary.canonical import canonical_form

ORG, PER, LOC, PRODUCT = "ORGANIZATION", "PERSON", "LOCATION", "PRODUCT"

CASES = [
    # (entity_type, surface, canonical)
    (ORG, "Northwind Analytics Inc.", "northwind analytics"),
    (ORG, "northwind analytics", "northwind analytics"),
    (ORG, "NORTHWIND   ANALYTICS", "northwind analytics"),
    (ORG, "Northwind\nAnalytics", "northwind analytics"),
    (ORG, "Northwind Analytics's", "northwind analytics"),
    (ORG, "Northwind Analytics\u2019", "northwind analytics"),
    (ORG, "Northwind's", "northwind"),
    (ORG, "Northwinds", "northwind"),
    (ORG, "Contoso, Inc.", "contoso"),
    (ORG, "Contoso Ltd", "contoso"),
    (ORG, "Contoso LLC", "contoso"),
    (ORG, "Contoso L.L.C.", "contoso"),
    (ORG, "Fabrikam GmbH", "fabrikam"),
    (ORG, "Adatum Corp.", "adatum"),
    (ORG, "Adatum Corporation", "adatum"),
    (ORG, "Litware plc", "litware"),
    (ORG, "Proseware AG", "proseware"),
    (ORG, "Tailspin SA", "tailspin"),
    (ORG, "Woodgrove BV", "woodgrove"),
    (ORG, "Acme Pty Ltd", "acme"),
    (ORG, "Smith & Co.", "smith"),
    (ORG, "Wingtip Partners LLC", "wingtip partner"),
    (ORG, "Glass", "glass"),  # "ss": not a plural
    (ORG, "Campus", "campus"),
    (ORG, "Atlas", "atlas"),
    (ORG, "AWS", "aws"),  # too short to be a safe plural
    (ORG, "Industries", "industries"),
    (ORG, "Inc", "inc"),  # a suffix alone is kept: never an empty name
    (PER, "Dr. Jane Okafor", "jane okafor"),
    (PER, "Dr Jane Okafor", "jane okafor"),
    (PER, "Prof. Dr. Elena Rossi's", "elena rossi"),
    (PER, "Mrs Okafor", "okafor"),
    (PER, "Ms. Okafor", "okafor"),
    (PER, "Mr. Colin Byrne", "colin byrne"),
    (PER, "James", "james"),  # no plural stripping for persons
    (PER, "Dr", "dr"),
    (LOC, "  Lagos, ", "lagos"),
    (LOC, "Lagos's", "lagos"),
    (PRODUCT, "Power BI", "power bi"),
    (PRODUCT, "Widgets", "widgets"),  # plural stripping is for organisations only
]


@pytest.mark.parametrize(("entity_type", "surface", "expected"), CASES)
def test_canonical_form_table(entity_type, surface, expected):
    assert canonical_form(entity_type, surface) == expected


@pytest.mark.parametrize(("entity_type", "surface", "expected"), CASES)
def test_canonical_form_is_idempotent(entity_type, surface, expected):
    assert canonical_form(entity_type, expected) == expected


def test_canonical_legal_suffix_variants_share_one_form():
    forms = {canonical_form(ORG, s) for s in ["Northwind Analytics Inc.", "northwind analytics", "Northwind Analytics, Inc"]}
    assert forms == {"northwind analytics"}


def test_canonical_aliases_map_applies_after_normalising():
    aliases = {"nwa": "northwind analytics"}
    assert canonical_form(ORG, "NWA's", aliases) == "northwind analytics"
    assert canonical_form(ORG, "Contoso", aliases) == "contoso"
