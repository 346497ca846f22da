"""A project dictionary of real vendor names against a transcript where speech-to-text
split, merged or misheard every one of them: nothing of a vendor is left in clear."""
from __future__ import annotations

import re

from service.project_access import build_options
from service.project_settings import ProjectSettings
from service.store.records import Term

VENDORS = ["Alteryx", "Tableau", "Snowflake", "Databricks", "Salesforce", "HubSpot", "SAP", "Workday", "Qualtrics",
           "SurveyMonkey", "Informatica", "Zendesk"]

TRANSCRIPT = """Interviewer: Which tools does your team use day to day?
Participant: So our vendor was, uh, alter ex for the data prep, and the dashboards are all built in tableu. \
We moved the warehouse to snow flake last year, and the notebooks run on data bricks.
Interviewer: And for customers?
Participant: We switched from cells force to hub spot in the spring. Finance still runs on s a p, and HR moved to work day.
Interviewer: Any survey tools?
Participant: We had a licence for qual tricks, and we pay survey monkey for the quick polls. \
Honestly the qual tricks exports were a mess.
Interviewer: What about data quality?
Participant: The ingestion used in formatica, and support tickets go through zen desk. \
All the tricks we tried with the old system made no difference.
"""

# What speech-to-text wrote for each vendor.
RENDERINGS = {
    "alter ex": "Alteryx", "tableu": "Tableau", "snow flake": "Snowflake", "data bricks": "Databricks",
    "cells force": "Salesforce", "hub spot": "HubSpot", "s a p": "SAP", "work day": "Workday",
    "qual tricks": "Qualtrics", "survey monkey": "SurveyMonkey", "in formatica": "Informatica", "zen desk": "Zendesk",
}


def _terms(sound_alike: str = "context") -> list[Term]:
    return [Term(id=i, project_id=1, term=v, entity_type="ORGANIZATION", role="vendor", sound_alike=sound_alike)
            for i, v in enumerate(VENDORS, 1)]


def test_misheard_vendor_names_are_redacted_through_the_engine(engine):
    redaction = engine.redact(TRANSCRIPT, options=build_options(_terms(), ProjectSettings()))
    for rendering in RENDERINGS:
        assert rendering not in redaction.text.lower(), rendering
    # one surrogate per vendor, the same at every mention
    by_vendor: dict[str, set[str]] = {}
    for decision, surrogate in zip(redaction.decisions, redaction.surrogates):
        surface = TRANSCRIPT[decision.start:decision.end].lower()
        vendor = RENDERINGS.get(surface)
        if vendor:
            by_vendor.setdefault(vendor, set()).add(surrogate)
    assert set(by_vendor) == set(VENDORS)
    assert all(len(labels) == 1 for labels in by_vendor.values())
    assert len({next(iter(labels)) for labels in by_vendor.values()}) == len(VENDORS)
    # ordinary speech made of the same words stays as it was
    assert "All the tricks we tried with the old system made no difference." in redaction.text
    assert re.search(r"the \[Company [A-Z]\] exports were a mess", redaction.text)


def test_without_the_dictionary_the_misheard_names_stay_in_clear(engine):
    redaction = engine.redact(TRANSCRIPT)
    left = [r for r in RENDERINGS if r in redaction.text.lower()]
    assert len(left) >= len(RENDERINGS) // 2  # what the dictionary adds is real

