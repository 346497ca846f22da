"""How fast, and in how much memory, hostile zips are refused (Word reader and job uploads).

    python bench/zip_bomb.py [--gigabytes 1]

Each case is built first (streamed, never held whole), then refused with the clock and
tracemalloc running: the figures are the time to refuse and the peak memory Python
allocated while refusing, next to the archive's size and the bytes it would expand to.

- ratio: one member of N GB of zeros (about 1 MB deflated), declared honestly;
- liar: the same member, its headers claiming 1 kB (passes every declared-size check,
  so it is inflated, and must stop at 1 kB);
- members: 10,001 empty members;
- spread: 2,000 members of 900 kB each (each below the per-member ratio check).
"""
from __future__ import annotations

import argparse
import io
import struct
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.batch.uploads import UploadError, extract_zip  # noqa: E402
from service.formats import FormatError, read  # noqa: E402

CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def zeros_member(archive: zipfile.ZipFile, name: str, size: int) -> None:
    with archive.open(name, "w", force_zip64=size > 0xFFFFFFFF) as member:
        chunk = bytes(1 << 20)
        for _ in range(size // len(chunk)):
            member.write(chunk)


def build(case: str, size: int, ext: str) -> tuple[bytes, int]:
    """The hostile archive, its members named ``*.<ext>`` (xml: a Word file, txt: an upload)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        if case in ("ratio", "liar"):
            zeros_member(archive, f"word/document.{ext}", size)
            expands = size // (1 << 20) * (1 << 20)
        elif case == "members":
            for n in range(10_001):
                archive.writestr(f"word/part{n}.{ext}", b"")
            expands = 0
        else:
            for n in range(2_000):
                archive.writestr(f"word/media/image{n}.{ext}", bytes(900_000))
            expands = 2_000 * 900_000
    data = buffer.getvalue()
    if case == "liar":
        patched = bytearray(data)
        info = zipfile.ZipFile(io.BytesIO(data)).getinfo(f"word/document.{ext}")
        struct.pack_into("<I", patched, info.header_offset + 22, 1000)
        central = patched.rfind(b"PK\x01\x02")
        struct.pack_into("<I", patched, central + 24, 1000)
        data = bytes(patched)
    return data, expands


def refuse(data: bytes, reader) -> tuple[float, int, str]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        reader(data)
        outcome = "NOT REFUSED"
    except (FormatError, UploadError) as refused:
        outcome = str(refused)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak, outcome


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigabytes", type=float, default=1.0)
    size = int(parser.parse_args().gigabytes * (1 << 30))
    readers = {
        "docx": ("xml", lambda data: read(data, filename="bomb.docx")),
        "upload": ("txt", lambda data: extract_zip(data, max_file_bytes=200_000_000)),
    }
    print(f"{'case':8} {'reader':7} {'zip':>9} {'expands to':>14} {'refused in':>11} {'peak':>9}  reason")
    for case in ("ratio", "liar", "members", "spread"):
        for name, (ext, reader) in readers.items():
            data, expands = build(case, size, ext)
            seconds, peak, outcome = refuse(data, reader)
            print(f"{case:8} {name:7} {len(data) / 1e6:7.2f}MB {expands / 1e6:12.1f}MB {seconds * 1000:9.1f}ms "
                  f"{peak / 1e6:7.2f}MB  {outcome}")


if __name__ == "__main__":
    main()
