"""Writing files so that a failure, a full disk or a signal leaves the previous ones intact.

Every file is first written beside its target under a temporary name, and all of them are
renamed into place once every one was written. A temporary name holds the writer's process
id: a writer killed outright leaves its temporaries behind, and the next write of the same
files removes those whose process is gone. A write that fails says which file and what the
system said, in one line, and leaves no temporary file or new folder behind.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import CannotWrite, os_reason, shown_path
from .signals import deferred

NAME_MAX = 255  # bytes in one name, on every common file system
_TAIL = len(".4294967295.0123abcd.tmp")  # what follows the name in a temporary's name


def write_all(targets: Iterable[Path], write: Callable[[Path, Path], object]) -> list[Path]:
    """Call `write(target, temporary)` for every target, then move them all into place.

    Any failure, or an interruption, before the moves leaves every target as it was; a
    stop signal waits for the moves. Two writers of the same targets at once each move
    complete files, so the targets are whole files of one writer or the other.
    """
    targets = list(targets)
    with _staged(targets) as temporaries:
        for target in targets:
            try:
                write(target, temporaries[target])
            except OSError as exc:
                raise cannot_write(target, os_reason(exc)) from None
        with deferred():
            for target in targets:
                try:
                    os.replace(temporaries[target], target)
                except OSError as exc:
                    raise CannotWrite(
                        f"cannot replace {shown_path(target)}: {os_reason(exc)}"
                    ) from None
    return targets


def write_files(files: dict[Path, bytes]) -> list[Path]:
    """Write each file's bytes, all of them or none (see `write_all`)."""
    return write_all(files, lambda target, temporary: temporary.write_bytes(files[target]))


def write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to `target` through a temporary file beside it, renamed into place."""
    write_files({target: data})


def cannot_write(target: Path, reason: str) -> CannotWrite:
    return CannotWrite(f"cannot write {shown_path(target)}: {reason}")


@contextmanager
def _staged(targets: list[Path]) -> Iterator[dict[Path, Path]]:
    """Temporary paths beside `targets`, removed on the way out whatever happens.

    Every target is checked, and its folder made, before anything is written; the folders
    made are removed again unless the block succeeds.
    """
    token = f"{os.getpid()}.{secrets.token_hex(4)}"  # threads of one process differ too
    temporaries = {t: t.with_name(f"{_prefix(t)}{token}.tmp") for t in targets}
    made: list[Path] = []
    try:
        for target in targets:
            made += _missing(target.parent)
            _prepare(target)
        yield temporaries
        made.clear()  # they hold the outputs now
    finally:
        # Quietly: a read-only folder refuses even to remove what is not there, and the
        # error that brought us here is the one to report.
        for temporary in temporaries.values():
            with suppress(OSError):
                temporary.unlink(missing_ok=True)
        for folder in sorted(made, key=lambda p: len(p.parts), reverse=True):
            with suppress(OSError):
                folder.rmdir()


def _missing(folder: Path) -> list[Path]:
    """`folder` and those of its parents that do not exist yet."""
    missing = []
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _prepare(target: Path) -> None:
    """Make the target's folder, and find what is in the way now, before anything is replaced."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            raise CannotWrite(
                f"{shown_path(target)} is a directory (expected a file or nothing there)"
            )
    except OSError as exc:
        raise cannot_write(target, _not_a_folder(target.parent) or os_reason(exc)) from None
    _remove_stale(target)


def _not_a_folder(folder: Path) -> str | None:
    """What stands where `folder` or one of its parents should be, if anything does."""
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate):
            return None if candidate.is_dir() else f"{shown_path(candidate)} is not a folder"
    return None


def _prefix(target: Path) -> str:
    """How the names of the target's temporaries start: `.NAME.`, the name cut to fit."""
    name = os.fsdecode(os.fsencode(target.name)[: NAME_MAX - 1 - _TAIL])
    return f".{name}."


def _remove_stale(target: Path) -> None:
    """Remove temporaries of `target` left by writers whose process no longer runs."""
    prefix = _prefix(target)
    for temporary in target.parent.glob(f"{_glob_escape(prefix)}*.tmp"):
        pid = temporary.name[len(prefix) : -len(".tmp")].split(".")[0]
        if pid.isdigit() and not _running(int(pid)):
            with suppress(OSError):  # tidying up: the write itself says what is wrong
                temporary.unlink(missing_ok=True)


def _glob_escape(text: str) -> str:
    """`text` matched literally by `Path.glob`."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # another user's process, or an id beyond the system's
        return True
    return True
