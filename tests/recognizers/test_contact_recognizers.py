from __future__ import annotations

import pytest

from recognizers.email_recognizer import TranscriptEmailRecognizer as EmailRecognizer
from recognizers.phone_recognizer import TranscriptPhoneRecognizer as PhoneRecognizer
from recognizers.url_recognizer import TranscriptUrlRecognizer as UrlRecognizer


@pytest.mark.parametrize(
    "recognizer, text, expected",
    [
        (EmailRecognizer(), "write to priya.raman@example.com today", ["priya.raman@example.com"]),
        (EmailRecognizer(), "this is not@an-email", []),
        (PhoneRecognizer(), "call me on +1 416 555 0142.", ["+1 416 555 0142"]),
        (PhoneRecognizer(), "about 6 to 8 months, in 2021", []),
        (UrlRecognizer(), "see https://www.delvetool.com for it", ["https://www.delvetool.com"]),
        (UrlRecognizer(), "see crumbandcompass.co.uk", ["crumbandcompass.co.uk"]),
        (UrlRecognizer(), "go to www.example.com/about", ["www.example.com/about"]),
        (UrlRecognizer(), "the link is bit.ly/3xQz9", ["bit.ly/3xQz9"]),
        # a pattern cut inside a word, no real suffix, or a missing space: not URLs
        (UrlRecognizer(), "that's what I said.and then", []),
        (UrlRecognizer(), "Mr.an and St.john", []),
        (UrlRecognizer(), "end of sentence.An apple", []),
        (UrlRecognizer(), "it was good.so we left", []),
        (UrlRecognizer(), "mail jane@gmail.com", []),  # the e-mail's domain is not a URL of its own
        (UrlRecognizer(), "Interviewer: mm-hmm. We use ML and AI.", []),
    ],
)
def test_contact_table(recognizer, text, expected):
    results = recognizer.analyze(text, recognizer.supported_entities)
    assert sorted({text[r.start:r.end] for r in results}) == expected


def test_email_recognizer_works_offline(monkeypatch):
    # tldextract must use its bundled suffix list: any network access would fail here.
    import socket

    def no_network(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    results = EmailRecognizer().analyze("mail tui@brightcairn.co.nz now", ["EMAIL_ADDRESS"])
    assert len(results) == 1
    assert UrlRecognizer().analyze("see crumbandcompass.co.uk", ["URL"])
