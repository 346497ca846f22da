"""What a researcher reads: redacted sentences through the real engine. No word eaten at
an edge, one pseudonym per entity, separate entities kept apart, layout left alone."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from service.project_access import build_options
from service.project_settings import ProjectSettings
from recognizers.project_dictionary_recognizer import DictionaryEntry
from tests.conftest import REPO


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I moved from Northwind to Company Y.", "I moved from [Company A] to Company Y."),
        ("Dana Whitfield's team ran it.", "[Person 1]'s team ran it."),
        ("Then Acme Corp's lawyers called.", "Then [Company A]'s lawyers called."),
        ("Our account was with JPMorgan Chase. Later Chase closed it.",
         "Our account was with [Company A]. Later [Company A] closed it."),
        ("The Gates Foundation paid for it. Gates was generous.",
         "The [Company A] paid for it. [Company A] was generous."),
        ("I joined Halvorsen Analytics in 2019.\nAt Halvorsen we built dashboards.",
         "I joined [Company A] in 2019.\nAt [Company A] we built dashboards."),
        ("Jane Doe  1:42\nHello there.\n\nBob Smith  1:50\nHi Jane.",
         "[Person 1]  1:42\nHello there.\n\n[Person 2]  1:50\nHi [Person 1]."),
    ],
)
def test_redaction_reads_naturally(engine, text, expected):
    assert engine.redact(text).text == expected


def test_redaction_a_pupil_a_city_and_a_school_district_are_three_entities(engine):
    out = engine.redact("A pupil named Austin lives in Austin and attends Austin ISD.").text
    assert out == "A pupil named [Person 1] lives in [Location 1] and attends [Company A]."


def test_redaction_a_list_of_first_names_is_several_people(engine):
    out = engine.redact("My colleagues Renee, Dolores and Tom came along.").text
    assert out == "My colleagues [Person 1], [Person 2] and [Person 3] came along."


def test_redaction_a_name_wrapped_over_two_lines_is_one_person(engine):
    text = "The committee is chaired by Marguerite\nOstrander, who also funds it. Ostrander is generous."
    redaction = engine.redact(text)
    assert redaction.text.count("[Person 1]") == 2 and "[Person 2]" not in redaction.text


def test_redaction_an_organization_keeps_its_head(engine):
    out = engine.redact("I was at Lloyds Banking Group before.").text
    assert out == "I was at [Company A] before."


def test_redaction_a_person_in_the_dictionary_never_becomes_an_email(engine):
    text = "Interview 4 - Agnes Marchetti\n\nYou can write to agnes.marchetti@example.org. Thanks, Agnes."
    options = build_options([DictionaryEntry("Agnes Marchetti", "PERSON")], ProjectSettings())
    redaction = engine.redact(text, options=options)
    assert redaction.text == "Interview 4 - [Person 1]\n\nYou can write to [email]. Thanks, [Person 1]."


def test_redaction_line_endings_do_not_change_findings(engine):
    text = ("Interview 2 - Tomasz Wierzbicki\n\nInterviewer: Where did you work?\n\n"
            "Tomasz Wierzbicki: At Halvorsen Analytics, then at Acme Corp with Priyanka Desai.\n")
    lf = engine.analyze(text)
    crlf = engine.analyze(text.replace("\n", "\r\n"))
    as_lf = [(crlf.text[d.start:d.end].replace("\r\n", "\n"), d.entity_type, d.reason) for d in crlf.decisions]
    assert as_lf == [(text[d.start:d.end], d.entity_type, d.reason) for d in lf.decisions]
    redacted = engine.redact(text.replace("\n", "\r\n")).text
    assert redacted == engine.redact(text).text.replace("\n", "\r\n")


def test_redaction_dev_documents_with_crlf_give_the_same_findings(engine, dev_docs):
    for doc in dev_docs:
        lf = engine.analyze(doc["text"])
        crlf_text = doc["text"].replace("\n", "\r\n")
        crlf = engine.analyze(crlf_text)
        assert [(crlf_text[d.start:d.end].replace("\r\n", "\n"), d.entity_type) for d in crlf.decisions] == \
            [(doc["text"][d.start:d.end], d.entity_type) for d in lf.decisions], doc["id"]


_REPORT_SCRIPT = """
import json, sys
from service.config import load_engine_config
from service.engine.engine import Engine
from service.project_access import build_options
from service.project_settings import ProjectSettings
from recognizers.project_dictionary_recognizer import DictionaryEntry
text = sys.stdin.read()
terms = [DictionaryEntry("Northwind Analytics", "ORGANIZATION", ("Northwynd",)), DictionaryEntry("Nortwand", "PRODUCT")]
r = Engine(load_engine_config()).redact(text, options=build_options(terms, ProjectSettings()))
print(json.dumps([r.text, [(d.start, d.end, d.entity_type, d.recognizer, d.reason) for d in r.decisions]]))
"""


def test_redaction_is_the_same_under_any_hash_seed():
    text = ("Interviewer: Tell me about Nortwind.\nAmara Okonkwo: Nortwind and Northwynd merged; "
            "Apple and Slack were vendors, and Zoom meetings ran long. Amara left for Acme Inc.")
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _REPORT_SCRIPT], input=text, capture_output=True, text=True,
                              env=env, cwd=REPO, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert "[Company A]" in json.loads(outputs.pop())[0]


def test_redaction_titles_are_handled_alike_in_labels_and_text(engine):
    text = "Dr Okafor: Hello.\nInterviewer: Thanks, Dr. Okafor. So Okafor, tell me more.\nDr Okafor: Sure."
    assert engine.redact(text).text == (
        "[Person 1]: Hello.\nInterviewer: Thanks, [Person 1]. So [Person 1], tell me more.\n[Person 1]: Sure.")


def test_redaction_across_cues_short_forms_and_wrapped_names(engine):
    from service.pipeline import redact_document

    vtt = (b"WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nAmara Okonkwo: I worked with Marguerite\n\n"
           b"2\n00:00:04.000 --> 00:00:06.000\nOstrander at Halvorsen Analytics.\n\n"
           b"3\n00:00:06.000 --> 00:00:09.000\nLater Halvorsen grew. Ostrander left.\n")
    out = redact_document(engine, vtt, name="call.vtt", max_bytes=10**6).data.decode()
    assert out == ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n[Person 1]: I worked with [Person 2]\n\n"
                   "2\n00:00:04.000 --> 00:00:06.000\n at [Company A].\n\n"
                   "3\n00:00:06.000 --> 00:00:09.000\nLater [Company A] grew. [Person 2] left.\n")
