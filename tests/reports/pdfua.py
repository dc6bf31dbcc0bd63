"""A structural check of PDF/A-2b and PDF/UA-1 with pypdf: what a validator would look at first.

``problems(pdf)`` walks the structure tree and every page's content and returns what breaks:

- the catalogue: /Lang set, /MarkInfo /Marked true, XMP declaring PDF/A-2B and PDF/UA-1;
- every font embedded (Type 3 fonts, such as colour emoji, carry their glyphs themselves);
- headings in order: the first is H1 and none skips a level on the way down;
- tables: header cells (TH) with a /Scope, the first cell of every body row a TH with Scope Row;
- figures: every Figure has a non-empty /Alt; every Caption sits inside a Figure or a Table;
- no untagged content: every text, path or image painted on a page is inside marked content
  that is either an /Artifact or carries an MCID that the structure tree refers to.

It is not veraPDF; it is the part of it that this project's own changes can break.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NumberObject

PAINTING = {b"Tj", b"TJ", b"'", b'"', b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*", b"Do", b"sh"}


@dataclass
class Structure:
    """What the walk of the structure tree found."""

    headings: list[int] = field(default_factory=list)
    mcids: set[tuple[int, int]] = field(default_factory=set)  # (page object number, MCID)
    roles: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def problems(pdf: bytes) -> list[str]:
    """Everything in the PDF that breaks the rules above (an empty list when all hold)."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    found: list[str] = []
    if not str(root.get("/Lang", "")).lower().startswith("sv"):
        found.append("the catalogue has no Swedish /Lang")
    if not root.get("/MarkInfo", {}).get("/Marked"):
        found.append("/MarkInfo /Marked is not true")
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    if not (re.search(r"pdfaid:part(=\"|>)2", xmp) and re.search(r"pdfaid:conformance(=\"|>)B", xmp)):
        found.append("the XMP does not declare PDF/A-2B")
    if not re.search(r"pdfuaid:part(=\"|>)1", xmp):
        found.append("the XMP does not declare PDF/UA-1")
    structure = Structure()
    _walk(root["/StructTreeRoot"]["/K"], None, None, structure)
    found += structure.problems
    found += _heading_order(structure.headings)
    for number, page in enumerate(reader.pages, start=1):
        found += _fonts(page, number)
        found += _untagged(page, number, structure.mcids)
    return found


def _walk(node: Any, parent_role: str | None, page: Any, structure: Structure) -> None:
    node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            _walk(child, parent_role, page, structure)
        return
    if isinstance(node, NumberObject | int):
        if page is not None:
            structure.mcids.add((page.indirect_reference.idnum, int(node)))
        return
    if not isinstance(node, DictionaryObject):
        return
    if node.get("/Type") == "/MCR":
        mcr_page = node.get("/Pg", page)
        if mcr_page is not None:
            structure.mcids.add((mcr_page.indirect_reference.idnum, int(node["/MCID"])))
        return
    if "/S" not in node:
        return
    role = str(node["/S"])
    page = node.get("/Pg", page)
    page = page.get_object() if page is not None else None
    structure.roles.append(role)
    if re.fullmatch(r"/H[1-6]", role):
        structure.headings.append(int(role[2]))
    if role == "/Figure" and not str(node.get("/Alt", "")).strip():
        structure.problems.append("a Figure without /Alt")
    if role == "/Caption" and parent_role not in ("/Figure", "/Table"):
        structure.problems.append(f"a Caption outside its Figure (in {parent_role})")
    if role == "/TH" and _scope(node) is None:
        structure.problems.append("a TH without /Scope")
    if role == "/TR" and parent_role == "/TBody":
        cells = [c.get_object() for c in _kids(node) if "/S" in c.get_object()]
        if cells and (cells[0]["/S"] != "/TH" or _scope(cells[0]) != "/Row"):
            structure.problems.append("a body row whose first cell is not a TH with Scope Row")
    if "/K" in node:
        _walk(node["/K"], role, page, structure)


def _kids(node: DictionaryObject) -> list[Any]:
    kids = node.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    return [
        k
        for k in (kids if isinstance(kids, ArrayObject) else [kids])
        if isinstance(k.get_object(), DictionaryObject)
    ]


def _scope(cell: DictionaryObject) -> str | None:
    attributes = cell.get("/A")
    if attributes is None:
        return None
    attributes = attributes.get_object()
    for attribute in attributes if isinstance(attributes, ArrayObject) else [attributes]:
        attribute = attribute.get_object()
        if attribute.get("/O") == "/Table" and "/Scope" in attribute:
            return str(attribute["/Scope"])
    return None


def _heading_order(levels: list[int]) -> list[str]:
    found = []
    if levels and levels[0] != 1:
        found.append(f"the first heading is H{levels[0]}, not H1")
    for before, after in zip(levels, levels[1:], strict=False):
        if after > before + 1:
            found.append(f"a heading skips from H{before} to H{after}")
    return found


def _fonts(page: Any, number: int) -> list[str]:
    found = []
    fonts = page.get("/Resources", {}).get("/Font", {})
    for name, font in fonts.items():
        font = font.get_object()
        if font.get("/Subtype") == "/Type3":
            continue
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            found.append(f"page {number}: font {name} ({font.get('/BaseFont')}) is not embedded")
    return found


def _untagged(page: Any, number: int, mcids: set[tuple[int, int]]) -> list[str]:
    """Painting outside marked content, and MCIDs the structure tree does not refer to."""
    found: list[str] = []
    stack: list[tuple[str, int | None]] = []
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator in (b"BDC", b"BMC"):
            tag = str(operands[0])
            properties = operands[1] if operator == b"BDC" and len(operands) > 1 else {}
            mcid = properties.get("/MCID") if isinstance(properties, DictionaryObject) else None
            stack.append((tag, int(mcid) if mcid is not None else None))
            if mcid is not None and (page.indirect_reference.idnum, int(mcid)) not in mcids:
                found.append(f"page {number}: MCID {mcid} is not in the structure tree")
        elif operator == b"EMC":
            if stack:
                stack.pop()
        elif operator in PAINTING:
            tagged = any(tag == "/Artifact" or mcid is not None for tag, mcid in stack)
            if not tagged:
                found.append(f"page {number}: {operator.decode()} outside tagged content")
    return sorted(set(found))
