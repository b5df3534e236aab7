"""What a Word brief says about itself: core properties, banners, page numbers, fields."""

from __future__ import annotations

import gettext
import os
import string
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from lxml import etree

from ..errors import TemplateProblem
from ..languages import translations

MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # a reference is styles: more is a zip bomb
# The parts of a reference that style the text: whatever else it relates to (headers,
# footers, notes, comments, glossary, custom XML, pictures, every kind of properties,
# an attached template) holds text or points elsewhere, and is dropped.
_KEPT_PARTS = frozenset(
    {
        RT.OFFICE_DOCUMENT,
        RT.STYLES,
        RT.NUMBERING,
        RT.THEME,
        RT.FONT_TABLE,
        RT.FONT,
        RT.SETTINGS,
        RT.WEB_SETTINGS,
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    }
)
# A section's properties, but for its page setup; Word's settings, but for how it lays out.
_NOT_PAGE_SETUP = (
    "w:headerReference",
    "w:footerReference",
    "w:titlePg",
    "w:printerSettings",
    "w:sectPrChange",
)
_NOT_STYLE_SETTINGS = (
    "w:attachedTemplate",
    "w:docVars",
    "w:mailMerge",
    "w:documentProtection",
    "w:writeProtection",
    "w:evenAndOddHeaders",  # the banner is written on the default header of every page
    "w:footnotePr",  # names the notes' separators, in the notes part that is dropped
    "w:endnotePr",
    "w:rsids",
)
_PAGE_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id of every one
# The level under the name a reader of Word's properties looks for, and under the neutral
# name data-loss-prevention rules are commonly written against.
_LEVEL_PROPERTIES = ("Classification", "ClassificationLevel")


@dataclass(frozen=True)
class DocxMeta:
    """What the DOCX says about itself: properties, page furniture and localized labels."""

    title: str
    author: str
    subject: str
    language: str  # the locale as a language tag, such as "fr-FR", or only a language: "fr"
    keywords: str
    category: str  # the classification marking
    marking: str  # the banner text, e.g. "UNCLASSIFIED" or "NON CLASSIFIÉ"
    page_label: str  # "Page {page} of {pages}"
    toc_title: str  # "Contents"
    level: str  # the classification level included, as the scheme names it: "PROTECTED A"
    logo: bytes | None = None  # a PNG for the running header
    example: bool = False  # a hypothetical document: every page's header says "Example"
    workspace: Path | None = None  # whose `locale/` may hold its own catalog of the language


def open_reference(reference: Path) -> Document:
    """The reference document reduced to its styles and page setup.

    A workspace's reference.docx is a Word file someone saved: its body, headers, footers,
    notes, comments, document variables and properties hold whatever was typed there, and a
    classified or stale word in any of them would reach every brief. Only what styles the
    text is kept; the writer then adds everything a brief says itself.
    """
    try:
        if _unpacked_size(reference) > MAX_UNPACKED_BYTES:
            raise TemplateProblem(
                f"{reference}: unpacks to more than {MAX_UNPACKED_BYTES:,} bytes "
                "(expected a Word document of styles)"
            )
        document = docx.Document(str(reference))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise TemplateProblem(f"{reference}: not a usable Word document ({exc})") from exc
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for section in body.iter(qn("w:sectPr")):
        _remove(section, _NOT_PAGE_SETUP)  # headers and footers are made anew
    _remove(document.settings.element, _NOT_STYLE_SETTINGS)
    settings = [r.target_part for r in document.part.rels.values() if r.reltype == RT.SETTINGS]
    for part in (document.part.package, document.part, *settings):
        for rid, rel in list(part.rels.items()):
            if rel.reltype not in _KEPT_PARTS or part in settings:
                del part.rels[rid]  # a part no relationship leads to is not saved
    return document


def _unpacked_size(reference: Path) -> int:
    with zipfile.ZipFile(reference) as archive:
        return sum(item.file_size for item in archive.infolist())


def _remove(element: Any, tags: tuple[str, ...]) -> None:
    for tag in tags:
        for child in element.findall(qn(tag)):
            element.remove(child)


def set_properties(document: Document, meta: DocxMeta) -> None:
    """Core properties, and the default proofing language of every style."""
    props = document.core_properties
    # python-docx refuses core properties over 255 characters.
    props.title, props.subject = meta.title[:255], meta.subject[:255]
    props.author = props.last_modified_by = meta.author[:255]
    props.keywords, props.category = meta.keywords[:255], meta.category[:255]
    props.language, props.revision = meta.language, 1
    props.comments = catalog(meta).gettext("Generated by brief")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")  # reproducible builds ask for a fixed date
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    props.created = props.modified = when.replace(tzinfo=None, microsecond=0)
    styles = document.styles.element
    rpr = _child(_child(_child(styles, "w:docDefaults", 0), "w:rPrDefault", 0), "w:rPr", 0)
    _child(rpr, "w:lang", len(rpr)).set(qn("w:val"), meta.language)


def _child(parent: Any, tag: str, index: int) -> Any:
    """The first `tag` child of an XML element, inserted at `index` when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert(index, found)
    return found


def set_furniture(document: Document, meta: DocxMeta) -> None:
    """The marking at the top and bottom of every page, and "Page X of Y" in the footer."""
    banner = "Banner" if "Banner" in document.styles else "Normal"
    for section in document.sections:
        # The cover has a header of its own, marked too, without the emblem it carries.
        section.different_first_page_header_footer = True
        footers = (section.footer, section.first_page_footer)
        for part in (section.header, section.first_page_header, *footers):
            part.is_linked_to_previous = False
            paragraph = part.paragraphs[0]
            paragraph.clear()
            paragraph.style = banner
            paragraph.add_run(meta.marking).bold = True
            if meta.example and part not in footers:
                part.add_paragraph(catalog(meta).gettext("Example"), style=banner)
        if meta.logo:
            header = section.header.paragraphs[0]
            logo = (
                header.insert_paragraph_before()
                .add_run()
                .add_picture(BytesIO(meta.logo), height=Cm(0.8))
            )
            describe(logo._inline, meta.author)  # the emblem stands for the author
        footer = "Footer" if "Footer" in document.styles else None
        for part in footers:
            label = part.add_paragraph(style=footer)
            label.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _add_page_label(label, meta.page_label)


def _add_page_label(paragraph: Paragraph, label: str) -> None:
    """`label` ("Page {page} of {pages}") with live PAGE and NUMPAGES fields."""
    try:
        parts = list(string.Formatter().parse(label))
    except ValueError as exc:
        raise TemplateProblem(f"the page label {label!r} is malformed: {exc}") from exc
    for literal, name, _spec, _conversion in parts:
        if literal:
            paragraph.add_run(literal)
        if name is None:
            continue
        if name not in _PAGE_FIELDS:
            raise TemplateProblem(f"the page label {label!r} may use {{page}} and {{pages}} only")
        add_field(paragraph, _PAGE_FIELDS[name], "1")


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field Word computes (page numbers, contents); `shown` stands in until then."""
    add_field_char(paragraph, "begin", instruction)
    add_field_char(paragraph, "separate")
    paragraph.add_run(shown)
    add_field_char(paragraph, "end")


def add_field_char(paragraph: Paragraph, kind: str, instruction: str | None = None) -> None:
    """One mark of a complex field ("begin", "separate", "end"); a begin with its code."""
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
    if instruction is not None:
        code = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
        code.text = f" {instruction} "
        paragraph.add_run()._r.append(code)


def catalog(meta: DocxMeta) -> gettext.NullTranslations:
    """The gettext catalog of the document's language, for the few words the writer adds."""
    return translations(meta.language.split("-")[0], meta.workspace)


def set_custom_properties(document: Document, meta: DocxMeta) -> None:
    """The classification level in `docProps/custom.xml`, where tools that guard data read it.

    The reference's own custom properties were dropped on opening, so these are the only ones.
    """
    root = etree.Element(f"{{{_CUSTOM}}}Properties", nsmap={None: _CUSTOM, "vt": _VT})
    for pid, name in enumerate(_LEVEL_PROPERTIES, start=2):  # pid 0 and 1 are reserved
        prop = etree.SubElement(
            root, f"{{{_CUSTOM}}}property", fmtid=_USER_DEFINED, pid=str(pid), name=name
        )
        etree.SubElement(prop, f"{{{_VT}}}lpwstr").text = meta.level
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_TYPE, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def describe(inline: Any, alt: str) -> None:
    """A picture's alt text (its name is given by `number_pictures`)."""
    inline.docPr.set("descr", alt)


def number_pictures(document: Document, meta: DocxMeta) -> None:
    """Number every picture once across the body, headers and footers, and name it.

    python-docx numbers pictures within each part, so the header's emblem and the body's
    first picture would share an id, which the format forbids. Names are in the document's
    language (python-docx names every picture in English).
    """
    parts = [document.part] + [
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype in (RT.HEADER, RT.FOOTER)
    ]
    label = catalog(meta).gettext("Picture {number}")
    number = 0
    for part in parts:
        for properties in part.element.iter(qn("wp:docPr")):
            number += 1
            properties.set("id", str(number))
            properties.set("name", label.format(number=number))
