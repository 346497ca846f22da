"""Atomic writes: the old file or the new one, never half of one; private; any name length."""
from __future__ import annotations

import os
import stat
import threading

import pytest

from service import atomic_files
from service.atomic_files import create_once, is_temp_name, write_atomic


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_atomic_replaces_the_file_and_makes_it_private(tmp_path):
    target = tmp_path / "out" / "interview.txt"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert mode(target) == 0o600
    assert os.listdir(target.parent) == ["interview.txt"]


def test_write_atomic_failing_midway_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "interview.txt"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # the write itself fails, after the temporary file exists
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["interview.txt"]


def test_write_atomic_failing_rename_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()
    (target / "inside").write_bytes(b"x")  # a non-empty folder cannot be replaced by a file
    with pytest.raises(OSError):
        write_atomic(target, b"data")
    assert sorted(os.listdir(tmp_path)) == ["taken"]


@pytest.mark.parametrize("name", ["a" * 255, "é" * 127 + "a", "x" * 250 + ".docx"])
def test_names_at_the_file_system_limit_can_be_written(tmp_path, name):
    assert len(name.encode()) == 255
    target = tmp_path / name
    write_atomic(target, b"data")
    assert target.read_bytes() == b"data"
    assert create_once(tmp_path / ("b" + name[1:]), b"key") is True


def test_create_once_never_overwrites(tmp_path):
    key = tmp_path / "state" / "store.key"
    assert create_once(key, b"first") is True
    assert create_once(key, b"second") is False
    assert key.read_bytes() == b"first"
    assert mode(key) == 0o600 and mode(key.parent) == 0o700
    assert os.listdir(key.parent) == ["store.key"]


def test_create_once_racing_writers_agree_on_one_file(tmp_path):
    key = tmp_path / "store.key"
    start = threading.Barrier(8)
    won: list[bytes] = []

    def writer(n: int) -> None:
        data = f"key {n}".encode()
        start.wait()
        if create_once(key, data):
            won.append(data)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1 and key.read_bytes() == won[0]
    assert os.listdir(tmp_path) == ["store.key"]


def test_a_write_killed_midway_leaves_a_temporary_file_the_sweep_recognises(tmp_path, monkeypatch):
    seen: list[str] = []
    real_replace = os.replace

    def interrupted(source, destination):  # what the folder holds when a kill lands before the rename
        seen.extend(os.listdir(tmp_path))
        return real_replace(source, destination)

    monkeypatch.setattr(atomic_files.os, "replace", interrupted)
    write_atomic(tmp_path / ("n" * 255), b"data")
    [temp] = seen
    assert is_temp_name(temp) and len(temp) < 32


def test_is_temp_name_knows_only_the_names_writes_leave_behind():
    assert is_temp_name(".tanon-abcd_123.tmp") and is_temp_name(".zoom.vtt.abcd1234.tmp")  # this and earlier versions
    assert not any(is_temp_name(name) for name in ["keep.tmp", ".tanon-batch", "interview.txt", ".tanon-abc.tmp"])
