"""The hostile corpus (tests/hostile_corpus, written by scripts/make_hostile_corpus.py)
through the command line, the hook and the HTTP file routes: no crash (no exit 3, no 500),
no planted name left in an output, none echoed in a message, and every refusal an exit 2
or a 4xx with its reason."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from service import formats
from service.config import Settings

CORPUS = Path(__file__).resolve().parent / "hostile_corpus"
FILES = sorted(p.name for p in CORPUS.iterdir())
PLANTED = ("Dana", "Whitlock")


def _left(data: bytes, name: str) -> list[str]:
    if name.endswith(".docx"):
        shown = formats.read(data, filename=name).text
    else:
        shown = data.decode("utf-8", errors="replace") + data.decode("utf-16", errors="replace")
    return [word for word in PLANTED if word in shown]


def _echoed(message: str) -> list[str]:
    return [word for word in PLANTED if word in message]


def test_the_corpus_is_the_one_the_script_writes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("corpus", CORPUS.parent.parent / "scripts" / "make_hostile_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    def comparable(name: str, data: bytes):  # a Word file's zip carries the time it was built
        if not name.endswith(".docx"):
            return data
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            return {info.filename: archive.read(info) for info in archive.infolist()}
        except zipfile.BadZipFile:
            return len(data)

    assert sorted(FILES) == sorted(module.CORPUS)
    for name in FILES:
        assert comparable(name, (CORPUS / name).read_bytes()) == comparable(name, module.CORPUS[name]), name


@pytest.mark.parametrize("name", FILES)
def test_command_line_and_hook(cli_main, capsys, tmp_path, name):
    path = CORPUS / name
    out = tmp_path / ("out" + Path(name).suffix)
    code = cli_main(["redact", str(path), "-o", str(out)])
    err = capsys.readouterr().err
    assert not _echoed(err), err
    if name.startswith("refuse-"):
        assert code == 2 and "error:" in err and not out.exists(), err
    else:
        assert code == 0, err
        assert not _left(out.read_bytes(), name)
    code = cli_main(["check", str(path)])
    captured = capsys.readouterr()
    assert not _echoed(captured.out + captured.err)
    expected = 2 if name.startswith("refuse-") else 0 if name == "empty.txt" else 1
    assert code == expected, captured.err


@pytest.fixture(scope="module")
def client(api_client):
    return api_client(Settings(max_request_bytes=2_000_000))


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("route", ["/v1/redact/file", "/v1/analyze/file"])
def test_file_routes(client, route, name):
    r = client.post(route, files={"file": (name, (CORPUS / name).read_bytes())})
    assert r.status_code < 500, r.text
    if name.startswith("refuse-"):
        assert 400 <= r.status_code < 500 and r.json()["detail"] and not _echoed(r.text), r.text
    else:
        assert r.status_code == 200, r.text
        if route == "/v1/redact/file":
            assert not _left(r.content, name)
