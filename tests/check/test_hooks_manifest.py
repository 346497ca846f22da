""".pre-commit-hooks.yaml is valid for pre-commit itself and matches the commands."""
import re
from pathlib import Path

from pre_commit.clientlib import load_manifest

from service import cli

MANIFEST = Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml"


def test_manifest_validates_with_pre_commits_own_schema():
    hooks = {hook["id"]: hook for hook in load_manifest(str(MANIFEST))}
    assert set(hooks) == {"transcript-check", "transcript-redact"}
    assert hooks["transcript-check"]["entry"] == "tanon check"
    assert hooks["transcript-redact"]["entry"] == "tanon redact-in-place"
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["require_serial"] is True and hook["types"] == ["file"]
        assert hook["name"] and hook["description"]
        pattern = re.compile(hook["files"])
        for name in ("a.txt", "b/c.vtt", "d.srt", "e.docx", "f.json"):
            assert pattern.search(name), name
        for name in ("a.md", "b.txt.bak", "c.py", ".tanon.yaml"):
            assert not pattern.search(name), name


def test_entries_are_commands_of_tanon():
    names = {command.name for command in cli.app.registered_commands}
    assert {"check", "redact-in-place"} <= names
