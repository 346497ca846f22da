"""Opening untrusted zip containers (DOCX) and rewriting a few of their members.

Every limit is checked on the central directory before anything is
decompressed; zipfile then stops each member at its declared size and checks
its CRC, so a member cannot expand beyond what was checked.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from .base import FormatError

MAX_TOTAL_UNCOMPRESSED = 200_000_000
MAX_RATIO = 100
RATIO_CHECK_ABOVE = 1_000_000  # tiny members compress "well" for harmless reasons
MAX_MEMBERS = 10_000
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
                ValueError, NotImplementedError, RuntimeError)


def open_zip(data: bytes, format: str) -> zipfile.ZipFile:
    if data.startswith(OLE_MAGIC):
        raise FormatError(format, "is a password-protected document or a legacy .doc file, not .docx",
                          offset=0)
    if not data.startswith(ZIP_MAGIC):
        raise FormatError(format, "is not a zip archive (a .docx file is one)", offset=0)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _READ_ERRORS:
        raise FormatError(format, "is a damaged or truncated zip archive") from None
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise FormatError(format, f"has more than {MAX_MEMBERS} zip members")
    if len({info.filename for info in infos}) != len(infos):
        raise FormatError(format, "has duplicate zip member names")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise FormatError(format, "has encrypted zip members")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise FormatError(format, "uses an unsupported zip compression method")
        if info.file_size > RATIO_CHECK_ABOVE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise FormatError(format, f"has a zip member compressed more than {MAX_RATIO}:1 "
                                      "(possible zip bomb)", offset=info.header_offset)
        total += info.file_size
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise FormatError(format, f"would expand to {total} bytes, over the "
                                  f"{MAX_TOTAL_UNCOMPRESSED}-byte limit (possible zip bomb)")
    for record in _central_records(data, format):  # refuse now what replace_members could not rewrite
        _local_entry(data, record.fields[16], record.fields[3], record.fields[8], format)
    return archive


def read_member(archive: zipfile.ZipFile, name: str, format: str) -> bytes:
    try:
        return archive.read(name)
    except _READ_ERRORS:
        raise FormatError(format, "a zip member is damaged or truncated") from None


def replace_members(data: bytes, new_members: dict[str, bytes], format: str) -> bytes:
    """The archive ``data`` with some members' content replaced.

    Every other member is copied byte for byte (local header, compressed data,
    descriptor); only the replaced members are recompressed, with their
    original method, and the central directory is rewritten with new offsets.
    """
    out = bytearray()
    central = bytearray()
    records = _central_records(data, format)
    for record in records:
        (signature, made_by, needed, flags, method, time, date, crc, compressed_size, size,
         name_length, extra_length, comment_length, disk, internal, external, offset) = record.fields
        local = _local_entry(data, offset, flags, compressed_size, format)
        new_offset = len(out)
        content = new_members.get(record.name)
        if content is None:
            out += local
        else:
            packed = _deflate(content) if method == zipfile.ZIP_DEFLATED else content
            crc, compressed_size, size = zlib.crc32(content), len(packed), len(content)
            flags &= ~0x8  # sizes are in the header, no data descriptor follows
            local_fields = _LOCAL.unpack_from(local)
            name_and_extra = local[_LOCAL.size:_LOCAL.size + local_fields[9] + local_fields[10]]
            out += _LOCAL.pack(_LOCAL_SIG, local_fields[1], flags, method, time, date, crc,
                               compressed_size, size, local_fields[9], local_fields[10])
            out += name_and_extra + packed
        central += _CENTRAL.pack(signature, made_by, needed, flags, method, time, date, crc,
                                 compressed_size, size, name_length, extra_length, comment_length,
                                 disk, internal, external, new_offset)
        central += record.tail
    directory_offset = len(out)
    out += central
    comment = _end_record(data, format)[1]
    out += _END.pack(_END_SIG, 0, 0, len(records), len(records), len(central), directory_offset,
                     len(comment))
    out += comment
    return bytes(out)


_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_LOCAL_SIG, _CENTRAL_SIG, _END_SIG, _DESCRIPTOR_SIG = 0x04034B50, 0x02014B50, 0x06054B50, 0x08074B50


@dataclass(frozen=True)
class _CentralRecord:
    fields: tuple
    name: str
    tail: bytes  # name, extra field and comment, as written


def _damaged(format: str) -> FormatError:
    return FormatError(format, "has a zip structure this service cannot rewrite safely")


def _end_record(data: bytes, format: str) -> tuple[tuple, bytes]:
    at = data.rfind(struct.pack("<I", _END_SIG), max(0, len(data) - 65_557))
    if at < 0 or at + _END.size > len(data):
        raise _damaged(format)
    fields = _END.unpack_from(data, at)
    comment = data[at + _END.size:at + _END.size + fields[7]]
    if fields[1] or fields[2] or fields[3] != fields[4] or 0xFFFF in fields[3:5] or 0xFFFFFFFF in fields[5:7]:
        raise _damaged(format)  # multi-disk or zip64: never produced for a normal .docx
    return fields, comment


def _central_records(data: bytes, format: str) -> list[_CentralRecord]:
    fields, _ = _end_record(data, format)
    count, at = fields[3], fields[6]
    records = []
    for _ in range(count):
        if at + _CENTRAL.size > len(data) or _CENTRAL.unpack_from(data, at)[0] != _CENTRAL_SIG:
            raise _damaged(format)
        record = _CENTRAL.unpack_from(data, at)
        tail_length = record[10] + record[11] + record[12]
        tail = data[at + _CENTRAL.size:at + _CENTRAL.size + tail_length]
        raw_name = tail[:record[10]]
        name = raw_name.decode("utf-8" if record[3] & 0x800 else "cp437")
        records.append(_CentralRecord(record, name, tail))
        at += _CENTRAL.size + tail_length
    return records


def _local_entry(data: bytes, offset: int, flags: int, compressed_size: int, format: str) -> bytes:
    if offset + _LOCAL.size > len(data) or _LOCAL.unpack_from(data, offset)[0] != _LOCAL_SIG:
        raise _damaged(format)
    local = _LOCAL.unpack_from(data, offset)
    end = offset + _LOCAL.size + local[9] + local[10] + compressed_size
    if flags & 0x8:  # data descriptor, with or without its optional signature
        has_signature = data[end:end + 4] == struct.pack("<I", _DESCRIPTOR_SIG)
        end += 16 if has_signature else 12
    if end > len(data):
        raise _damaged(format)
    return data[offset:end]


def _deflate(content: bytes) -> bytes:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush()
