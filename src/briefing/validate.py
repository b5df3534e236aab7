"""Validate a loaded document against its model, and say where each problem is.

Pydantic reports errors by field path; `Document` knows where each path is in the file.
Messages are rewritten to say what was expected in the words a desk officer would use, the
path is the one the author wrote (not the model's, which wraps a plain text in `text[0]`),
and one mistake gives one line.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError

from .errors import InvalidInput, Problem, shown
from .load import Document, Loc
from .values import known_languages

M = TypeVar("M", bound=BaseModel)

_EXPECTED = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list (lines starting with '- ')",
    "dict_type": "expected a mapping (key: value lines)",
    "model_type": "expected a mapping (key: value lines)",
    "model_attributes_type": "expected a mapping (key: value lines)",
    "missing": "is required but missing",
    "too_short": "must not be empty",
}
_BOUNDS = {  # pydantic's kind: its bound, and how the message puts it
    "greater_than_equal": ("ge", "is too small", "{} or more"),
    "greater_than": ("gt", "is too small", "more than {}"),
    "less_than_equal": ("le", "is too large", "{} or less"),
    "less_than": ("lt", "is too large", "less than {}"),
}


def validate(doc: Document, model: type[M], context: dict[str, Any]) -> M:
    """The validated model of `doc`, or `InvalidInput` listing every located problem."""
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        languages = known_languages(context)
        problems = [_problem(doc, model, err, languages) for err in exc.errors()]
        raise InvalidInput(list(dict.fromkeys(problems))) from None


def _problem(
    doc: Document, model: type[BaseModel], err: Any, languages: tuple[str, ...]
) -> Problem:
    kind: str = err["type"]
    model_loc: Loc = tuple(err["loc"])
    if model_loc and model_loc[-1] == "[key]":  # a bad key of a mapping such as {en: ..., de: ...}
        loc = written(doc, model_loc[:-1], keep_last=True)
        if kind == "value_error":  # a key of its own type, such as a home's identifier
            return doc.problem(loc, str(err["ctx"]["error"]), key=True)
        return doc.problem(
            loc,
            f"{shown(loc[-1])} is not a language here (expected one of: {', '.join(languages)})",
            key=True,
        )
    loc = written(doc, model_loc, keep_last=kind in ("missing", "extra_forbidden"))
    if kind == "extra_forbidden":
        allowed = _fields_at(model, model_loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return doc.problem(
            loc,
            f"unknown key {shown(loc[-1])} ({hint}expected one of: {', '.join(allowed)})",
            key=True,
        )
    if kind == "literal_error":
        expected = err["ctx"]["expected"].replace("'", "")
        return doc.problem(loc, f"{shown(err['input'])} is not allowed (expected {expected})")
    if kind in ("value_error", "assertion_error"):
        return doc.problem(loc, str(err["ctx"]["error"]))
    if kind in _BOUNDS:
        bound, what, expected = _BOUNDS[kind]
        limit = expected.format(err["ctx"][bound])
        return doc.problem(loc, f"{shown(err['input'])} {what} (expected {limit})")
    message = _EXPECTED.get(kind, err["msg"])
    if kind == "missing" and (choices := _choices_at(model, model_loc)):
        return doc.problem(loc, f"{message} (expected one of: {', '.join(choices)})")
    if kind in ("missing", "too_short"):
        return doc.problem(loc, message)
    return doc.problem(loc, f"{message} (got {shown(err.get('input'))})")


def written(doc: Document, loc: Loc, *, keep_last: bool = False) -> Loc:
    """The path of `loc` as the author wrote it: parts the model added are left out.

    A section given as plain text is validated as `{text: [{text: ...}]}`, so its errors
    come back as `summary.text[0].text`; the author wrote `summary`. A part missing from
    the file is kept only at the end, when it names a key the author left out or mistyped.
    """
    out: Loc = ()
    for i, part in enumerate(loc):
        here = (*out, part)
        if here in doc.values or here in doc.keys or (keep_last and i == len(loc) - 1):
            out = here
    return out


def _choices_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The values a key missing at `loc` may take, when the model lists them (a Literal),
    so that the message says what to add: `dimension` is one of goods, services..."""
    owner = _model_in(_type_at(model, loc[:-1]))
    field = owner.model_fields.get(str(loc[-1])) if owner and loc else None
    if field is None or typing.get_origin(field.annotation) is not typing.Literal:
        return []
    return [str(choice) for choice in typing.get_args(field.annotation)]


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys allowed in the mapping at `loc`, found by following the model's types."""
    found = _model_in(_type_at(model, loc))
    return list(found.model_fields) if found else []


def _type_at(model: type[BaseModel], loc: Loc) -> Any:
    """The type of the value at `loc`, found by following the model's types (None if the
    path leaves them)."""
    current: Any = model
    for part in loc:
        mapping = _mapping_values(current)
        if mapping is not None:  # a key of a mapping such as homes: {canada: ...}
            current = mapping
            continue
        current = _model_in(current)
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = field.annotation
    return current


def _mapping_values(annotation: Any) -> Any:
    """The type of the values of `dict[K, V]` (or `dict[K, V] | None`), or None."""
    if typing.get_origin(annotation) is dict:
        return typing.get_args(annotation)[1]
    if typing.get_origin(annotation) in (Union, types.UnionType):
        found = [_mapping_values(arg) for arg in typing.get_args(annotation)]
        return next((f for f in found if f is not None), None)
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as `list[Annotated[Model, ...]] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def walk(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every model, list item and value in a validated tree, with its path."""
    yield loc, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), (*loc, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk(item, (*loc, i))
