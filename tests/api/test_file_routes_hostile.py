"""The file routes with odd file names and hostile files: never a 500, a reason for every
refusal, and no name from the file in any message."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from service.config import Settings

SPEECH = "Interviewer: Thanks for coming.\nDana Whitlock: Glad to help.\n".encode()


@pytest.fixture(scope="module")
def client(api_client):
    return api_client(Settings(max_request_bytes=200_000))


@pytest.mark.parametrize("name", ["Интервью.txt", "入力 2.txt", "Zoë's call.txt"])
def test_a_file_name_in_any_script_comes_back_in_the_attachment_header(client, name):
    r = client.post("/v1/redact/file", files={"file": (name, SPEECH, "text/plain")})
    assert r.status_code == 200, r.text
    header = r.headers["content-disposition"]
    assert header.isascii() and "Whitlock" not in r.text
    if name.isascii():
        assert header == f'attachment; filename="{name}"'
    else:
        assert header.endswith(f"filename*=UTF-8''{quote(name, safe='')}")
        assert 'filename="' in header  # the fallback for clients without RFC 5987


@pytest.mark.parametrize("name, content, reason", [
    ("slides.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF is not supported: export the transcript as DOCX or TXT"),
    ("call.txt", b"{\\rtf1\\ansi Dana Whitlock}", "RTF is not supported: export the transcript as DOCX or TXT"),
    ("call.json", b'{"segments": [{"text": "Dana Whitlock \\ud800"}]}', "unpaired UTF-16 surrogate"),
    ("call.json", b'{"segments": [{"start": 1e999, "end": 2, "text": "Dana Whitlock"}]}', "'start' time"),
])
@pytest.mark.parametrize("route", ["/v1/redact/file", "/v1/analyze/file"])
def test_hostile_files_are_422_with_the_reason_and_no_name(client, route, name, content, reason):
    r = client.post(route, files={"file": (name, content)})
    assert r.status_code == 422, r.text
    assert reason in r.json()["detail"] and "Whitlock" not in r.text
