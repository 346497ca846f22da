"""The URL recognizer reads only the runs of text that hold a dotted host: it must find
exactly what its pattern finds reading the whole text."""
from __future__ import annotations

import pytest
from presidio_analyzer import PatternRecognizer

from recognizers.url_recognizer import LINEAR_URL, TranscriptUrlRecognizer, dotted_runs

TEXTS = [
    "see https://www.delvetool.com for it",
    "https://example.org/a?b=c",
    "go to www.example.com/about, then crumbandcompass.co.uk and bit.ly/3xQz9.",
    "mail jane@gmail.com or visit gmail.com",
    "that's what I said.and then it was good.so we left; Mr.an and St.john",
    "(see http://foo.example.net/path) and <https://bar.io>",
    "two in one run: foo.com/a,bar.org and\u00a0baz.co.uk\u00a0here",
    "a long line http://" + "a." * 500 + "com/x and more text",
    "no address here at all",
    "ftp://files.example.edu\twww.test.ac.uk\nnews.bbc.co.uk/article-1.html",
]


def _spans(results):
    return sorted((r.start, r.end, r.score) for r in results)


@pytest.mark.parametrize("text", TEXTS)
def test_url_finds_what_its_pattern_finds_reading_the_whole_text(text):
    whole = PatternRecognizer(supported_entity="URL", patterns=[LINEAR_URL], supported_language="en")
    recognizer = TranscriptUrlRecognizer()
    expected = [r for r in whole.analyze(text, ["URL"])
                if recognizer.has_real_domain(text, r.start, r.end)]
    for r in expected:
        r.score = max(r.score, recognizer.score)
    assert _spans(recognizer.analyze(text, ["URL"])) == _spans(expected)


def test_url_runs_are_the_dotted_runs_of_non_space_text():
    text = "see www.example.com/x and a.b, then. Fine.  http://foo.org\tend"
    assert [text[a:b] for a, b in dotted_runs(text)] == ["www.example.com/x", "a.b,", "http://foo.org"]
    assert dotted_runs("nothing dotted. Here.") == []
