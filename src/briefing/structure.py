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

from pikepdf import Array, Dictionary, Name, NumberTree, Object, Pdf

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
    tree, theirs = NumberTree(pack.Root.StructTreeRoot.ParentTree), NumberTree(root.ParentTree)
    for key in theirs:
        tree[key + offset] = _copied(pack, theirs[key])
    if parent.get("/K") is None or not isinstance(parent.K, Array):
        parent.K = Array(_as_list(parent.get("/K")))
    for kid in kids:
        copy = pack.copy_foreign(kid)
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
    stated = int(root.get("/ParentTreeNextKey", 0))
    keys = list(NumberTree(root.ParentTree))
    return max(stated, max(keys) + 1 if keys else 0)


def _shift_keys(part: Pdf, offset: int) -> None:
    for page in part.pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in _as_list(page.obj.get("/Annots")):
            if isinstance(annotation, Dictionary) and "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset


def _copied(pack: Pdf, value: Object) -> Object:
    """A parent-tree value of the part, in the pack: one element, or an array of them."""
    if value.is_indirect:
        return pack.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_copied(pack, item) for item in value])
    return value  # null: a marked-content id with no element


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]
