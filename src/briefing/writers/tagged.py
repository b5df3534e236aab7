"""The last step of every PDF: what a PDF/UA-1 reader needs and WeasyPrint leaves out.

`finish` edits an open pikepdf document in place, through pikepdf's object model:

- Running furniture becomes artifacts. WeasyPrint 70 tags the content of page-margin
  boxes (banner, "Page X of Y", header logo) with MCIDs whose structure elements hang
  from nothing in the tree (WeasyPrint issue 1836), so a screen reader finds text that
  belongs to no element. Each such marked-content sequence is re-marked as a pagination
  artifact and its parent-tree entry emptied.
- Table headers get an `/IDTree` for the `/ID`s that data cells name in `/Headers`, and a
  `/Scope`, as PDF/UA checkers look for one of the two on header cells.
- Every link annotation gets a `/Contents`, its description for assistive technology.
- The PDF/UA declarations WeasyPrint writes are checked, and added when missing.

It assumes nothing of the producer beyond ISO 32000: a bound pack, made of several
WeasyPrint documents with furniture stamped by the binder, goes through the same
function, and a second call changes nothing.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Matrix, Name, Operator

ObjGen = tuple[int, int]
Point = tuple[float, float]

# Content operators (ISO 32000-1 §8-9, §14.6): those that open and close marked content,
# those that move the pen, and those whose first mark tells where a sequence lies.
MARKING = frozenset({"BDC", "BMC", "EMC"})
MOVING = frozenset({"q", "Q", "cm", "BT", "Tm", "Td", "TD"})
PATH_STARTING = frozenset({"m", "re"})
DRAWING = PATH_STARTING | {"Do", "Tj", "TJ", "'", '"'}


def finish(pdf: pikepdf.Pdf) -> None:
    """Make `pdf` a complete tagged PDF/UA-1 document, in place; idempotent."""
    tree = pdf.Root.get("/StructTreeRoot")
    if isinstance(tree, Dictionary):
        elements = structure_elements(tree)
        _mark_furniture(pdf, tree, {e.objgen for e in elements})
        _index_ids(pdf, tree, elements)
        _scope_headers(elements)
    _describe_links(pdf)
    _declare_pdfua(pdf)


def structure_elements(tree: Dictionary) -> list[Dictionary]:
    """Every structure element reachable from the root's `/K`, in document order."""
    found: list[Dictionary] = []
    seen: set[ObjGen] = set()
    stack = _kids(tree)[::-1]
    while stack:
        node = stack.pop()
        if not isinstance(node, Dictionary) or "/S" not in node:
            continue  # a marked-content id, or a reference to marked content or an annotation
        if node.is_indirect:  # a direct element cannot recur, an indirect one might
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        found.append(node)
        stack.extend(_kids(node)[::-1])
    return found


def _kids(node: Dictionary) -> list[pikepdf.Object]:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


# Furniture


def _mark_furniture(pdf: pikepdf.Pdf, tree: Dictionary, reachable: set[ObjGen]) -> None:
    """Re-mark as artifacts the sequences whose elements are not in the tree.

    Only the pages whose parent-tree entry names such an element are parsed. An entry is
    emptied once its sequence is re-marked, so a finished page is never parsed again, and
    an element whose content lies elsewhere (in a form XObject) keeps its entry.
    """
    parent_tree = tree.get("/ParentTree")
    if not isinstance(parent_tree, Dictionary):
        return
    entries = dict(pikepdf.NumberTree(parent_tree).items())
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        marks = entries.get(int(key)) if key is not None else None
        if not isinstance(marks, Array):
            continue
        strays = {
            mcid
            for mcid, element in enumerate(marks)
            if isinstance(element, Dictionary) and element.objgen not in reachable
        }
        for mcid in _artifacts(pdf, page, strays) if strays else ():
            marks[mcid] = None


def _artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page, strays: set[int]) -> set[int]:
    """Rewrite `page`'s content: each sequence marked with an MCID in `strays` becomes
    `/Artifact <</Type /Pagination /Subtype /Header or /Footer>>`; the MCIDs re-marked."""
    instructions = list(pikepdf.parse_content_stream(page))
    pen = _Pen()
    opened: list[int | None] = []  # per open sequence: its index if it becomes an artifact
    first: dict[int, Point | None] = {}  # per artifact: where it first draws
    waiting: list[int] = []  # the open artifacts that have drawn nothing yet
    converted: set[int] = set()
    for index, instruction in enumerate(instructions):
        operator = str(instruction.operator)
        if operator in MARKING:
            if operator == "EMC":
                closed = opened.pop() if opened else None
                if closed in waiting:
                    waiting.remove(closed)
            elif operator == "BDC" and (mcid := _mcid(list(instruction.operands))) in strays:
                opened.append(index)
                first[index] = None
                waiting.append(index)
                converted.add(mcid)
            else:
                opened.append(None)
        elif operator in MOVING:
            pen.move(operator, list(instruction.operands))
        elif waiting and operator in DRAWING:
            first.update(dict.fromkeys(waiting, pen.place(operator, list(instruction.operands))))
            waiting.clear()
    for index, where in first.items():
        instructions[index] = pikepdf.ContentStreamInstruction(
            [Name.Artifact, _pagination(page, where)], Operator("BDC")
        )
    if converted:
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
    return converted


def _mcid(operands: list[pikepdf.Object]) -> int | None:
    properties = operands[-1] if operands else None
    if isinstance(properties, Dictionary) and "/MCID" in properties:
        return int(properties.MCID)
    return None


def _pagination(page: pikepdf.Page, point: Point | None) -> Dictionary:
    """A pagination artifact's properties: a header in the top half of an upright page,
    a footer in the bottom half, neither when the sequence draws nothing or the page is
    rotated (its top is then a side)."""
    properties = Dictionary(Type=Name.Pagination)
    if point is not None and int(page.obj.get("/Rotate", 0)) % 360 == 0:
        box = [float(edge) for edge in page.mediabox]
        middle = (box[1] + box[3]) / 2
        properties.Subtype = Name.Header if point[1] > middle else Name.Footer
    return properties


class _Pen:
    """Where the next mark lands: the transformation matrix and the text matrix.

    Enough of the graphics state to place a sequence on the page; colours, fonts and
    line positions after the first do not matter for that.
    """

    def __init__(self) -> None:
        self.ctm = Matrix()
        self.saved: list[Matrix] = []
        self.text = Matrix()

    def move(self, operator: str, operands: list[pikepdf.Object]) -> None:
        """Apply one operator of `MOVING`."""
        if operator == "q":
            self.saved.append(self.ctm)
        elif operator == "Q":
            self.ctm = self.saved.pop() if self.saved else self.ctm
        elif operator == "cm":
            self.ctm = Matrix(*(float(n) for n in operands)) @ self.ctm
        elif operator == "BT":
            self.text = Matrix()
        elif operator == "Tm":
            self.text = Matrix(*(float(n) for n in operands))
        else:  # Td, TD: the start of the next line
            self.text = Matrix(1, 0, 0, 1, float(operands[0]), float(operands[1])) @ self.text

    def place(self, operator: str, operands: list[pikepdf.Object]) -> Point:
        """The page point an operator of `DRAWING` draws at."""
        if operator in PATH_STARTING:
            return self.ctm.transform((float(operands[0]), float(operands[1])))
        if operator == "Do":
            return self.ctm.transform((0, 0))
        return (self.text @ self.ctm).transform((0, 0))


# Tables


def _index_ids(pdf: pikepdf.Pdf, tree: Dictionary, elements: list[Dictionary]) -> None:
    """Make every `/ID` unique and list them all in the root's `/IDTree`.

    Documents rendered apart may reuse an ID once bound together: a repeated one is
    renamed, and so is each mention of it in the `/Headers` of its own table's cells,
    the only place ISO 32000 refers to an ID.
    """
    taken: set[str] = set()
    renamed: dict[tuple[ObjGen | None, str], str] = {}
    ids = pikepdf.NameTree.new(pdf)
    for element in elements:  # in document order: the first keeps its ID
        if "/ID" not in element:
            continue
        old = new = str(element.ID)
        copy = 1
        while new in taken:
            copy += 1
            new = f"{old}.{copy}"
        if new != old:
            element.ID = pikepdf.String(new)
            renamed[(_table_of(element), old)] = new
        taken.add(new)
        ids[new] = element
    for element in elements if renamed else ():
        if element.get("/S") not in (Name.TD, Name.TH) or not (headers := _headers(element)):
            continue  # only table cells name headers
        table = _table_of(element)
        for position, name in enumerate(headers):
            headers[position] = renamed.get((table, str(name)), name)
    if taken:
        tree.IDTree = ids.obj


def _scope_headers(elements: list[Dictionary]) -> None:
    """Give each header cell without a `/Scope` one: `/Row` when a data cell of its own
    row names it among its headers, else `/Column`.

    WeasyPrint makes a `<th scope="row">` the header of the cells of its row and any
    other `<th>` the header of the cells of its column, which lie in other rows; this
    reads its choice back from the `/Headers` it wrote.
    """
    cells = [element for element in elements if element.get("/S") in (Name.TD, Name.TH)]
    by_row = {
        (str(name), _row_of(element))
        for element in cells
        if element.get("/S") == Name.TD
        for name in _headers(element)
    }
    for element in cells:
        if element.get("/S") != Name.TH:
            continue
        row_header = (str(element.get("/ID", "")), _row_of(element)) in by_row
        scope = Name.Row if row_header else Name.Column
        attributes = _table_attributes(element)
        if attributes is None:
            _add_attributes(element, Dictionary(O=Name.Table, Scope=scope))
        elif "/Scope" not in attributes:
            attributes.Scope = scope


def _table_attributes(element: Dictionary) -> Dictionary | None:
    """The element's attribute dictionary owned by `/Table`, if it has one."""
    attributes = element.get("/A")
    for candidate in attributes if isinstance(attributes, Array) else [attributes]:
        if isinstance(candidate, Dictionary) and candidate.get("/O") == Name.Table:
            return candidate
    return None


def _add_attributes(element: Dictionary, attributes: Dictionary) -> None:
    present = element.get("/A")
    if present is None:
        element.A = attributes
    elif isinstance(present, Array):
        present.append(attributes)
    else:
        element.A = Array([present, attributes])


def _headers(element: Dictionary) -> Array:
    attributes = _table_attributes(element)
    headers = attributes.get("/Headers") if attributes is not None else None
    return headers if isinstance(headers, Array) else Array()


def _row_of(cell: Dictionary) -> ObjGen | None:
    parent = cell.get("/P")
    return parent.objgen if isinstance(parent, Dictionary) else None


def _table_of(element: Dictionary) -> ObjGen | None:
    """The table an element belongs to (row, row group, table: a few steps up)."""
    node = element.get("/P")
    for _ in range(4):
        if not isinstance(node, Dictionary):
            return None
        if node.get("/S") == Name.Table:
            return node.objgen
        node = node.get("/P")
    return None


# Links and declarations


def _describe_links(pdf: pikepdf.Pdf) -> None:
    """Give each link annotation without a `/Contents` one: the address of an external
    link, the name of a named destination, or the page of an explicit one ("p. 3", read
    alike in English, French and Spanish)."""
    numbers = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", Array()):
            if not isinstance(annotation, Dictionary) or annotation.get("/Subtype") != Name.Link:
                continue
            if str(annotation.get("/Contents", "")).strip():
                continue
            description = _link_target(annotation, numbers)
            if description:
                annotation.Contents = pikepdf.String(description)


def _link_target(annotation: Dictionary, numbers: dict[ObjGen, int]) -> str | None:
    action = annotation.get("/A")
    if isinstance(action, Dictionary):
        if action.get("/S") == Name.URI:
            return str(action.get("/URI", "")) or None
        target = action.get("/D") if action.get("/S") == Name.GoTo else None
    else:
        target = annotation.get("/Dest")
    if isinstance(target, pikepdf.String):
        return str(target)
    if isinstance(target, Name):
        return str(target)[1:]
    if isinstance(target, Array) and len(target) and isinstance(target[0], Dictionary):
        number = numbers.get(target[0].objgen)
        return f"p. {number}" if number else None
    return None


def _declare_pdfua(pdf: pikepdf.Pdf) -> None:
    """What PDF/UA-1 asks of the catalog and the XMP: added only where missing.

    `/Lang` is the producer's to give: nothing here could know the language.
    """
    root = pdf.Root
    for key, entry in (("/MarkInfo", "/Marked"), ("/ViewerPreferences", "/DisplayDocTitle")):
        if not isinstance(root.get(key), Dictionary):
            root[key] = Dictionary()
        if not bool(root[key].get(entry, False)):
            root[key][entry] = True
    metadata = pdf.open_metadata()
    title = pdf.docinfo.get("/Title")
    if metadata.get("pdfuaid:part") == "1" and ("dc:title" in metadata or title is None):
        return
    with pdf.open_metadata(set_pikepdf_as_editor=False) as metadata:
        metadata["pdfuaid:part"] = "1"
        if "dc:title" not in metadata and title is not None:
            metadata["dc:title"] = str(title)
