"""Untrusted zips: limits checked before inflating, members inflated within their declared size."""
from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile

import pytest

from service.untrusted_zip import ZipLimits, ZipRefused, open_archive, read_member
from tests.builders import zip_bytes

LIMITS = ZipLimits(max_total=50_000_000, max_member=20_000_000, max_members=5)


def zeros_zip(name: str, size: int) -> bytes:
    """One member of ``size`` zero bytes, written in chunks (the test never holds it whole)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w") as member:
        for _ in range(size // 1_000_000):
            member.write(bytes(1_000_000))
    return buffer.getvalue()


def declare_size(data: bytes, size: int) -> bytes:
    """The archive with its (only) member's uncompressed size rewritten in both headers."""
    patched = bytearray(data)
    struct.pack_into("<I", patched, 22, size)  # local header
    struct.pack_into("<I", patched, patched.rfind(b"PK\x01\x02") + 24, size)  # central directory
    return bytes(patched)


def refusal(data: bytes, limits: ZipLimits = LIMITS) -> str:
    with pytest.raises(ZipRefused) as refused:
        archive = open_archive(data, limits)
        for info in archive.infolist():
            read_member(archive, info)
    return str(refused.value)


def test_a_normal_archive_is_read_member_by_member():
    data = zip_bytes({"a.txt": b"Interviewer: hello\n" * 1000, "dir/b.vtt": b"WEBVTT\n", "stored.txt": b"x"})
    archive = open_archive(data, LIMITS)
    assert [read_member(archive, info) for info in archive.infolist()] == [
        b"Interviewer: hello\n" * 1000, b"WEBVTT\n", b"x"]


def test_a_high_ratio_member_is_refused_before_inflating():
    bomb = zeros_zip("bomb.txt", 100_000_000)  # 100 MB of zeros in about 100 kB
    tracemalloc.start()
    try:
        with pytest.raises(ZipRefused, match=r"zip member 1 is compressed more than 100:1 \(possible zip bomb\)"):
            open_archive(bomb, ZipLimits(max_total=200_000_000))
        assert tracemalloc.get_traced_memory()[1] < 1_000_000  # nothing was inflated
    finally:
        tracemalloc.stop()


def test_many_small_members_are_refused_by_count_and_by_total_ratio():
    assert "has more than 5 zip members" in refusal(zip_bytes({f"{n}.txt": b"hi" for n in range(6)}))
    members = {f"{n}.txt": bytes(900_000) for n in range(5)}  # each below the per-member ratio check
    assert refusal(zip_bytes(members)) == "is compressed more than 100:1 in total (possible zip bomb)"


def test_declared_sizes_over_the_limits_are_refused():
    big = zip_bytes({"big.txt": b"x" * 100}, zipfile.ZIP_STORED)
    assert refusal(big, ZipLimits(max_total=1000, max_member=50)) == "zip member 1 is 100 bytes; the limit is 50 bytes"
    assert refusal(big, ZipLimits(max_total=99)) == (
        "would expand to 100 bytes, over the 99-byte limit (possible zip bomb)")


def test_a_member_that_inflates_past_its_declared_size_is_cut_off():
    liar = declare_size(zeros_zip("liar.txt", 50_000_000), 1000)  # says 1 kB, holds 50 MB
    archive = open_archive(liar, LIMITS)  # its declared size passes every check
    tracemalloc.start()
    try:
        with pytest.raises(ZipRefused, match="zip member 1 is damaged or truncated"):
            read_member(archive, archive.infolist()[0])
        assert tracemalloc.get_traced_memory()[1] < 1_000_000
    finally:
        tracemalloc.stop()


def test_a_member_shorter_than_declared_is_refused():
    short = declare_size(zip_bytes({"short.txt": b"only this"}), 500_000)
    assert "zip member 1" in refusal(short)


def test_encrypted_members_and_other_methods_are_refused():
    data = bytearray(zip_bytes({"a.txt": b"text"}, zipfile.ZIP_STORED))
    central = data.rfind(b"PK\x01\x02")
    encrypted = bytearray(data)
    encrypted[6] |= 0x1  # general purpose flag bit 0, local header and central directory
    encrypted[central + 8] |= 0x1
    assert refusal(bytes(encrypted)) == "zip member 1 is encrypted"
    bzip2 = bytearray(data)
    struct.pack_into("<H", bzip2, 8, zipfile.ZIP_BZIP2)
    struct.pack_into("<H", bzip2, central + 10, zipfile.ZIP_BZIP2)
    assert refusal(bytes(bzip2)) == "zip member 1 uses an unsupported compression method"


def test_duplicate_names_and_damaged_archives_are_refused():
    buffer = io.BytesIO()
    with pytest.warns(UserWarning), zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", b"one")
        archive.writestr("a.txt", b"two")
    assert refusal(buffer.getvalue()) == "has duplicate zip member names"
    data = zip_bytes({"a.txt": b"text"})
    assert refusal(data[: len(data) // 2]) == "is not a readable zip archive (damaged or truncated)"


def test_a_zip_inside_a_zip_is_just_a_member():
    inner = zeros_zip("bomb.txt", 100_000_000)
    archive = open_archive(zip_bytes({"inner.zip": inner}, zipfile.ZIP_STORED), LIMITS)
    assert read_member(archive, archive.getinfo("inner.zip")) == inner  # its own checks come when it is opened
    assert "possible zip bomb" in refusal(inner)


def test_only_the_members_the_caller_reads_are_size_checked():
    data = zip_bytes({"keep.txt": b"fine", "skip.bin": bytes(5_000_000)})
    archive = open_archive(data, LIMITS, checked=lambda info: info.filename.endswith(".txt"))
    assert read_member(archive, archive.getinfo("keep.txt")) == b"fine"
