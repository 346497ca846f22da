"""Word .docx: every paragraph (body, table cells, text boxes, headers, footers,
footnotes, endnotes, comments) becomes a line; so do author attributes
(comments, tracked changes) and the core/app properties that name people.

Slots are XML text holders: a ``w:t``/``w:delText`` node, an author
attribute or a property element, numbered in document order per part.  The
writer re-parses only the parts it must change, edits those holders (so runs
keep their formatting) and swaps those members into the original zip.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote
from typing import Sequence

from lxml import etree

from service.models import Replacement

from .base import FormatError, Segment, Transcript
from .labels import speaker_label
from .offsets import Edit, TextBuilder, apply_edits, apply_edits_inverse, plan_edits
from .docx_package import open_package, read_part, replace_members, vet_xml

# Word files come in two dialects: transitional (what Word writes by default) and ISO
# Strict; their elements differ only in namespace, and both are read alike.
_W_NAMESPACES = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                 "http://purl.oclc.org/ooxml/wordprocessingml/main")
_EXTENDED_PROPERTIES = ("http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
                        "http://purl.oclc.org/ooxml/officeDocument/extendedProperties")


def _w(name: str) -> frozenset[str]:
    return frozenset(f"{{{ns}}}{name}" for ns in _W_NAMESPACES)


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TEXT_TAGS = _w("t") | _w("delText")
_PARAGRAPH, _RUN = _w("p"), _w("r")
_RUN_SYMBOLS = {tag: symbol for name, symbol in (("tab", "\t"), ("br", "\n"), ("cr", "\n"), ("noBreakHyphen", "-"))
                for tag in _w(name)}
# Field instructions (HYPERLINK "mailto:...", a mail-merge address) and hyperlink targets
# in relationship parts are not shown as text but hold addresses and names: each is read
# on a line of its own, like a property.
_FIELD_TAGS = _w("instrText") | _w("delInstrText")
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_PROPERTY_TAGS = {
    "{http://purl.org/dc/elements/1.1/}creator",
    "{http://purl.org/dc/elements/1.1/}title",
    "{http://purl.org/dc/elements/1.1/}subject",
    "{http://purl.org/dc/elements/1.1/}description",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy",
    *(f"{{{ns}}}{name}" for ns in _EXTENDED_PROPERTIES for name in ("Manager", "Company")),
} | _FIELD_TAGS
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_MAIN_TYPES = {
    _WML + "document.main+xml",
    _WML + "template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
# Parts that hold text, in the order the engine reads them.
_PART_ORDER = (
    tuple(_MAIN_TYPES),
    (_WML + "header+xml",),
    (_WML + "footer+xml",),
    (_WML + "footnotes+xml",),
    (_WML + "endnotes+xml",),
    (_WML + "comments+xml",),
    ("application/vnd.ms-word.people+xml", _WML + "people+xml"),
    ("application/vnd.openxmlformats-package.core-properties+xml",),
    ("application/vnd.openxmlformats-officedocument.extended-properties+xml",),
    ("application/vnd.openxmlformats-package.relationships+xml",),
)
_RELATIONSHIPS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTENT_TYPES = "[Content_Types].xml"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def parse_xml(data: bytes, format: str = "docx") -> etree._Element:
    """Parse an XML part vetted by ``vet_xml`` (no DOCTYPE: XXE); lxml still resolves no
    entities and reaches no network."""
    vet_xml(data, format)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise FormatError(format, "has a malformed XML part", line=error.lineno) from None


def _serialize(root: etree._Element, original: bytes) -> bytes:
    """The edited part, keeping the original XML declaration byte for byte when we can."""
    tree = root.getroottree()
    encoding = tree.docinfo.encoding or "UTF-8"
    declaration = re.match(rb"\s*<\?xml[^>]*\?>\s*", original)
    if declaration and encoding.upper() in ("UTF-8", "ASCII", "US-ASCII"):
        return declaration.group(0) + etree.tostring(tree, encoding=encoding, xml_declaration=False)
    return etree.tostring(tree, encoding=encoding, xml_declaration=True, standalone=tree.docinfo.standalone)


@dataclass(frozen=True)
class Holder:
    element: etree._Element
    attribute: str | None  # None: the element's text

    def get(self) -> str:
        if self.attribute:
            return self.element.get(self.attribute) or ""
        return self.element.text or ""

    def set(self, value: str) -> None:
        if self.attribute:
            self.element.set(self.attribute, value)
            return
        self.element.text = value
        if self.element.tag in _TEXT_TAGS and value != value.strip():
            self.element.set(_XML_SPACE, "preserve")

    def space(self) -> str | None:
        """The element's xml:space, which ``set`` may add (None for attributes)."""
        return None if self.attribute else self.element.get(_XML_SPACE)

    def set_space(self, space: str | None) -> None:
        if self.attribute:
            return
        if space is None:
            self.element.attrib.pop(_XML_SPACE, None)
        else:
            self.element.set(_XML_SPACE, space)


def text_holders(root: etree._Element) -> list[Holder]:
    """Every text holder of a part, in document order (read and write must agree)."""
    holders = []
    for element in root.iter(etree.Element):
        if element.tag in _TEXT_TAGS or element.tag in _PROPERTY_TAGS:
            holders.append(Holder(element, None))
        if element.tag == _RELATIONSHIP and element.get("TargetMode") == "External" and element.get("Target"):
            holders.append(Holder(element, "Target"))  # a hyperlink's address: mailto:, https://
        for attribute in element.attrib:
            if etree.QName(attribute).localname == "author":
                holders.append(Holder(element, attribute))
    return holders


def _own_paragraph(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag not in _PARAGRAPH:
        parent = parent.getparent()
    return parent


def _content_types(archive, format: str) -> etree._Element:
    if _CONTENT_TYPES not in archive.namelist():
        raise FormatError(format, "is a zip archive but not a Word document (no [Content_Types].xml)")
    return parse_xml(read_part(archive, _CONTENT_TYPES, format), format)


def _text_parts(archive, types: etree._Element, format: str) -> list[str]:
    names = set(archive.namelist())
    by_type: dict[str, list[str]] = {}
    for override in types.iter("{*}Override"):
        part = (override.get("PartName") or "").lstrip("/")
        if part in names:
            by_type.setdefault(override.get("ContentType") or "", []).append(part)
    if not any(by_type.get(t) for t in _MAIN_TYPES):
        if "word/document.xml" not in names:
            raise FormatError(format, "is a zip archive but not a Word document (no main document part)")
        by_type[_WML + "document.main+xml"] = ["word/document.xml"]  # typed by a Default entry
    # Relationship parts are typed by a Default entry for the ".rels" extension
    by_type[_RELATIONSHIPS_TYPE] = sorted(set(by_type.get(_RELATIONSHIPS_TYPE, []))
                                          | {name for name in names if name.endswith(".rels")})

    def natural(name: str) -> list:
        return [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", name)]

    return [part for types_ in _PART_ORDER
            for part in sorted((p for t in types_ for p in by_type.get(t, [])), key=natural)]


def _xml_parts(archive, types: etree._Element) -> list[str]:
    """Every member a reader of the document parses as XML: relationship parts, styles,
    settings, drawings, as well as the parts that hold text."""
    xml_extensions = {"xml", "rels", "vml"}
    xml_overrides = set()
    for entry in types.iter("{*}Default"):
        if (entry.get("ContentType") or "").endswith("xml"):
            xml_extensions.add((entry.get("Extension") or "").lower())
    for entry in types.iter("{*}Override"):
        if (entry.get("ContentType") or "").endswith("xml"):
            xml_overrides.add((entry.get("PartName") or "").lstrip("/"))
    return [info.filename for info in archive.infolist() if not info.is_dir()
            and (info.filename in xml_overrides or info.filename.rpartition(".")[2].lower() in xml_extensions)]


class DocxFormat:
    name = "docx"
    content_type = DOCX_CONTENT_TYPE
    extensions = (".docx", ".docm", ".dotx")

    def read(self, data: bytes) -> Transcript:
        archive = open_package(data, self.name)
        types = _content_types(archive, self.name)
        parts = _text_parts(archive, types, self.name)
        for part in _xml_parts(archive, types):
            if part not in parts and part != _CONTENT_TYPES:  # those are vetted as they are parsed
                vet_xml(read_part(archive, part, self.name), self.name)
        builder = TextBuilder()
        segments: list[Segment] = []
        for part in parts:
            root = parse_xml(read_part(archive, part, self.name), self.name)
            _build_part(builder, segments, part, root)
        return Transcript(builder.text(), segments, self.name, source=data, pieces=builder.pieces)

    def write(self, transcript: Transcript, replacements: Sequence[Replacement], *, undo: list | None = None) -> bytes:
        """``undo``, if given, receives ``[part, holder index, xml:space, [[start, end, text], ...]]``
        for every edited text holder: what ``restore`` needs to put the original back."""
        edits = plan_edits(transcript.pieces, replacements, _escape)
        if not edits:
            return transcript.source
        archive = open_package(transcript.source, self.name)
        by_part: dict[str, dict[int, list]] = {}
        for (part, index), holder_edits in edits.items():
            by_part.setdefault(part, {})[index] = holder_edits
        new_members = {}
        for part, part_edits in by_part.items():
            original = read_part(archive, part, self.name)
            root = parse_xml(original, self.name)
            holders = text_holders(root)
            for index, holder_edits in sorted(part_edits.items()):
                holder = holders[index]
                if holder.attribute == "Target":  # an address must stay a valid URI
                    holder_edits = [Edit(e.start, e.end, quote(e.text, safe="")) for e in holder_edits]
                space = holder.space()
                value, holder_undo = apply_edits_inverse(holder.get(), holder_edits)
                holder.set(value)
                if undo is not None:
                    undo.append([part, index, space, [[e.start, e.end, e.text] for e in holder_undo]])
            new_members[part] = _serialize(root, original)
        return replace_members(archive, transcript.source, new_members, self.name)

    def restore(self, data: bytes, undo: Sequence) -> bytes:
        """The document ``write`` was given, from the bytes it wrote and the ``undo`` it filled."""
        archive = open_package(data, self.name)
        by_part: dict[str, list] = {}
        for part, index, space, edits in undo:
            by_part.setdefault(part, []).append((index, space, [Edit(*e) for e in edits]))
        new_members = {}
        for part, items in by_part.items():
            if part not in archive.namelist():
                raise FormatError(self.name, "does not match its redaction record")
            original = read_part(archive, part, self.name)
            root = parse_xml(original, self.name)
            holders = text_holders(root)
            for index, space, edits in items:
                if not 0 <= index < len(holders):
                    raise FormatError(self.name, "does not match its redaction record")
                holders[index].set(apply_edits(holders[index].get(), edits))
                holders[index].set_space(space)
            new_members[part] = _serialize(root, original)
        return replace_members(archive, data, new_members, self.name)


def _escape(surrogate: str) -> str:
    # lxml escapes markup itself; XML 1.0 cannot hold control characters at all
    return _XML_INVALID.sub("", surrogate.replace("\r\n", " ").replace("\n", " "))


def _new_line(builder: TextBuilder) -> int:
    if builder.position:
        builder.literal("\n")
    return builder.position


def _add_segment(builder: TextBuilder, segments: list[Segment], start: int) -> None:
    line = builder.span(start, builder.position)
    label = speaker_label(line)
    if label:
        a, b = start + label[0], start + label[1]
        segments.append(Segment(start, builder.position, line[label[0]:label[1]], a, b))
    else:
        segments.append(Segment(start, builder.position))


def _build_part(builder: TextBuilder, segments: list[Segment], part: str, root: etree._Element) -> None:
    holders = text_holders(root)
    slot_of = {(h.element, h.attribute): (part, i) for i, h in enumerate(holders)}
    for paragraph in root.iter(*_PARAGRAPH):
        items = [e for e in paragraph.iter(*_TEXT_TAGS, *_RUN_SYMBOLS)
                 if _own_paragraph(e) is paragraph
                 and (e.tag in _TEXT_TAGS or e.getparent().tag in _RUN)]
        if not any(e.tag in _TEXT_TAGS and e.text for e in items):
            continue
        start = _new_line(builder)
        for element in items:
            if element.tag in _TEXT_TAGS:
                builder.mapped(element.text or "", slot_of[(element, None)], 0)
            else:
                builder.literal(_RUN_SYMBOLS[element.tag])
        _add_segment(builder, segments, start)
    # One line per distinct author / property value; repeats of it are mirrored.
    seen: dict[str, tuple[int, int]] = {}
    for holder in holders:
        if holder.element.tag in _TEXT_TAGS and holder.attribute is None:
            continue
        value = holder.get()
        core = value.strip()
        if not core:
            continue
        lead = value.index(core)
        slot = slot_of[(holder.element, holder.attribute)]
        if core in seen:
            start, end = seen[core]
            builder.mirror(start, end, slot, lead, lead + len(core), layer=slot)
            continue
        start = _new_line(builder)
        seen[core] = builder.mapped(core, slot, lead)
        segments.append(Segment(start, builder.position))


HANDLER = DocxFormat()
