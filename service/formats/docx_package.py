"""The zip package of a Word document: opened within limits, XML parts vetted, members swapped.

The package is opened with the limits of ``service.untrusted_zip`` (nothing is inflated
before they are checked). Every XML part, relationship parts included, is refused if it
has a DOCTYPE, entity declarations or external references (``defusedxml``). The writer
replaces a few members' content and copies every other member byte for byte (local
header, compressed data, descriptor), which zipfile cannot do, so that part is written
here from the entries zipfile has read.
"""
from __future__ import annotations

import struct
import xml.sax
import zipfile
import zlib

import defusedxml
import defusedxml.sax

from service.untrusted_zip import ZIP_MAGIC, ZipLimits, ZipRefused, open_archive, read_member

from .base import FormatError

__all__ = ["MAX_TOTAL_UNCOMPRESSED", "OLE_MAGIC", "ZIP_MAGIC", "open_package", "read_part", "replace_members",
           "vet_xml"]

MAX_TOTAL_UNCOMPRESSED = 200_000_000
LIMITS = ZipLimits(max_total=MAX_TOTAL_UNCOMPRESSED)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DESCRIPTOR_SIG = b"PK\x07\x08"


def open_package(data: bytes, format: str) -> zipfile.ZipFile:
    if data.startswith(OLE_MAGIC):
        raise FormatError(format, "is a password-protected document or a legacy .doc file, not .docx",
                          offset=0)
    if not data.startswith(ZIP_MAGIC):
        raise FormatError(format, "is not a zip archive (a .docx file is one)", offset=0)
    try:
        archive = open_archive(data, LIMITS)
    except ZipRefused as refused:
        raise FormatError(format, str(refused), offset=refused.offset) from None
    for info in archive.infolist():  # refuse now what replace_members could not rewrite
        _local_entry_end(data, info, format)
    return archive


def read_part(archive: zipfile.ZipFile, name: str, format: str) -> bytes:
    try:
        return read_member(archive, archive.getinfo(name))
    except ZipRefused as refused:
        raise FormatError(format, str(refused), offset=refused.offset) from None


class _RootReached(Exception):
    pass


class _StopAtRoot(xml.sax.ContentHandler):
    def startElement(self, name, attrs):  # noqa: N802 (SAX's name)
        raise _RootReached


def vet_xml(data: bytes, format: str) -> None:
    """Refuse an XML part with a DOCTYPE, entity declarations or external references (XXE,
    entity expansion). Those can only stand before the root element, so the parse stops
    there: checking a part costs next to nothing, whatever its size."""
    try:
        defusedxml.sax.parseString(data, _StopAtRoot(), forbid_dtd=True, forbid_entities=True,
                                   forbid_external=True)
    except _RootReached:
        return
    except defusedxml.DefusedXmlException:
        raise FormatError(format, "has an XML part with a DOCTYPE declaration (refused: XXE risk)") from None
    except xml.sax.SAXParseException as error:
        raise FormatError(format, "has a malformed XML part", line=error.getLineNumber()) from None


def replace_members(archive: zipfile.ZipFile, data: bytes, new_members: dict[str, bytes], format: str) -> bytes:
    """The package ``data`` (opened as ``archive``) with some members' content replaced.

    Every other member is copied byte for byte; only the replaced members are
    recompressed, with their original method, and the central directory is rewritten
    with new offsets (every other field as it was).
    """
    out, central = bytearray(), bytearray()
    infos = archive.infolist()
    for info in infos:
        local = data[info.header_offset:_local_entry_end(data, info, format)]
        crc, compressed_size, size, flags = info.CRC, info.compress_size, info.file_size, info.flag_bits
        new_offset = len(out)
        content = new_members.get(info.filename)
        if content is None:
            out += local
        else:
            packed = _deflate(content) if info.compress_type == zipfile.ZIP_DEFLATED else content
            crc, compressed_size, size = zlib.crc32(content), len(packed), len(content)
            flags &= ~0x8  # sizes are in the header, no data descriptor follows
            header = struct.unpack_from(zipfile.structFileHeader, local)
            name_and_extra = local[zipfile.sizeFileHeader:_data_start(local)]
            out += struct.pack(zipfile.structFileHeader, zipfile.stringFileHeader, *header[1:3], flags,
                               info.compress_type, *_dos_time(info), crc, compressed_size, size, *header[10:12])
            out += name_and_extra + packed
        name = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
        central += struct.pack(
            zipfile.structCentralDir, zipfile.stringCentralDir, info.create_version, info.create_system,
            info.extract_version, info.reserved, flags, info.compress_type, *_dos_time(info), crc,
            compressed_size, size, len(name), len(info.extra), len(info.comment), info.volume,
            info.internal_attr, info.external_attr, new_offset,
        )
        central += name + info.extra + info.comment
    end = struct.pack(zipfile.structEndArchive, zipfile.stringEndArchive, 0, 0, len(infos), len(infos),
                      len(central), len(out), len(archive.comment))
    return bytes(out + central + end + archive.comment)


def _dos_time(info: zipfile.ZipInfo) -> tuple[int, int]:
    year, month, day, hour, minute, second = info.date_time
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


def _data_start(local: bytes) -> int:
    name_length, extra_length = struct.unpack_from("<HH", local, 26)
    return zipfile.sizeFileHeader + name_length + extra_length


def _local_entry_end(data: bytes, info: zipfile.ZipInfo, format: str) -> int:
    """Where the member's local entry (header, compressed data, data descriptor) ends."""
    offset = info.header_offset
    if offset < 0 or offset + zipfile.sizeFileHeader > len(data) or data[offset:offset + 4] != ZIP_MAGIC:
        raise _not_rewritable(format)
    end = offset + _data_start(data[offset:offset + zipfile.sizeFileHeader]) + info.compress_size
    if info.flag_bits & 0x8:  # data descriptor, with or without its optional signature
        end += 16 if data[end:end + 4] == _DESCRIPTOR_SIG else 12
    if end > len(data):
        raise _not_rewritable(format)
    return end


def _not_rewritable(format: str) -> FormatError:
    return FormatError(format, "has a zip structure this service cannot rewrite safely")


def _deflate(content: bytes) -> bytes:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush()
