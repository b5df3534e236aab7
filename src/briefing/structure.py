"""Append one tagged PDF to another with its logical structure, as a pack binds chapters.

pikepdf copies pages with their links, named destinations and bookmarks
(`Pdf.add_pages_from`), but not the structure tree that makes them accessible, so this
module grafts it. A tagged page points into the structure through `/StructParents` (its
marked content) and each annotation through `/StructParent`: keys of the structure's
parent tree. The appended part's keys are shifted past the pack's, its parent-tree entries
copied under the new keys, and its top element hung under the pack's own as a `/Part`.
(IDs that two parts both use are made unique afterwards, by `tagged.finish`.)

Everything is copied through pikepdf's foreign-object copier, which copies an object of a
given source once: the structure elements the parent tree names are the very ones the
tree holds, and their `/Pg` are the pages `add_pages_from` appended.
"""

from __future__ import annotations

from typing import Any

from pikepdf import Array, Dictionary, Name, NumberTree, Pdf

_DOCUMENT, _PART = Name("/Document"), Name("/Part")


def append_tagged(pack: Pdf, part: Pdf, parent: Dictionary) -> None:
    """Append `part`'s pages to `pack`, and its structure under `parent`, in reading order.

    `part` is changed on the way (keys shifted, its top elements unhooked): it is read for
    this and then closed.
    """
    root = part.Root.get("/StructTreeRoot")
    if root is None:  # an untagged part: its pages only
        pack.add_pages_from(part)
        return
    offset, count = next_key(pack), next_key(part)
    _shift_keys(part, offset)
    kids = [kid for kid in _as_list(root.get("/K")) if isinstance(kid, Dictionary)]
    for kid in kids:
        if "/P" in kid:
            del kid.P  # else the copy would drag the part's whole StructTreeRoot along
    pack.add_pages_from(part)
    theirs = NumberTree(root.ParentTree)
    keys = list(theirs)
    # One copy of everything: the copier follows each reference once, whatever holds it.
    bundle = pack.copy_foreign(part.make_indirect(Array([*kids, *(theirs[k] for k in keys)])))
    tree = NumberTree(pack.Root.StructTreeRoot.ParentTree)
    for key, value in zip(keys, bundle[len(kids) :], strict=True):
        tree[key + offset] = value
    if parent.get("/K") is None or not isinstance(parent.K, Array):
        parent.K = Array(_as_list(parent.get("/K")))
    for copy in bundle[: len(kids)]:
        if copy.get("/S") == _DOCUMENT:
            copy.S = _PART
        copy.P = parent
        parent.K.append(copy)
    pack.Root.StructTreeRoot.ParentTreeNextKey = offset + count


def next_key(pdf: Pdf) -> int:
    """The first parent-tree key a page or annotation appended to `pdf` may take."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        return 0
    if "/ParentTreeNextKey" in root:  # kept by whoever wrote the tree, append_tagged too
        return int(root.ParentTreeNextKey)
    keys = list(NumberTree(root.ParentTree))
    return max(keys) + 1 if keys else 0


def _shift_keys(part: Pdf, offset: int) -> None:
    for page in part.pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in _as_list(page.obj.get("/Annots")):
            if isinstance(annotation, Dictionary) and "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]
