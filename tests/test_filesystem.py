"""The file system saying no: a folder read-only or full, a file where a folder should be,
a name too long. Each refusal is one line that names the path and the system's reason,
exit 1, and nothing is written or replaced; `brief init` writes over no file of the user's.

Tests run as root, whom permissions do not stop. A read-only or full folder is therefore
a real mount where the machine allows one (`unshare`, in a mount namespace of its own), and
is otherwise simulated (`refusing`): the calls that change a folder fail as the kernel's
would, removing a file that is not there included.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from briefing.cli import main
from conftest import PAIR_REGION

BUILD = ("--lang", "en", "--format", "pdf,docx,html", "--quiet")
MEETING = "data/canada/meetings/2026-12-03-peru-fm.yaml"
PAIR = ("pack", "pair", "--home", "canada", "--lang", "en", "--format", "pdf", "--jobs", "1")
LONG = "a" * 300
TOO_LONG = ": File name too long"
Refuse = Callable[[Path, int], None]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def refused(result: Result, *lines: str) -> None:
    """Exit 1, exactly `lines` on stderr, nothing on stdout (so no traceback either)."""
    assert (result.exit_code, result.stderr.splitlines(), result.stdout) == (1, list(lines), "")


def one_line(result: Result) -> str:
    """The one line of a refusal, however worded."""
    assert result.exit_code == 1 and result.stdout == "", result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("brief: ")
    return line


def files(root: Path) -> dict[str, bytes]:
    """Every file under `root`, hidden ones included, by relative path."""
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with a pack of two, Canada–Peru's brief and its meeting brief built."""
    from conftest import copy_workspace

    root = copy_workspace(tmp_path_factory.mktemp("built")).root
    regions = root / "data/regions.yaml"
    regions.write_text(regions.read_text().replace("\nregions:\n", PAIR_REGION, 1))
    for args in [PAIR, ("build", "canada/peru", *BUILD), ("meeting", root / MEETING, *BUILD)]:
        result = run(*args, "--quiet", "--workspace", root)
        assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture
def root(built: Path, tmp_path: Path) -> Path:
    """A copy of the built workspace that a test may change."""
    shutil.copytree(built, tmp_path / "ws")
    return tmp_path / "ws"


@pytest.fixture
def refusing(monkeypatch: pytest.MonkeyPatch) -> Refuse:
    """`refuse(folder, code)`: creating, replacing or removing a file in `folder` fails."""
    folders: dict[Path, int] = {}

    def check(path: Any) -> None:
        if isinstance(path, str | bytes | os.PathLike):
            code = folders.get(Path(os.fsdecode(path)).absolute().parent)
            if code is not None:
                raise OSError(code, os.strerror(code), os.fsdecode(path))

    real_open = builtins.open

    def opening(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+"):
            check(file)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", opening)
    monkeypatch.setattr(io, "open", opening)  # pathlib and zipfile open through io

    def guarded(call: Callable[..., Any]) -> Callable[..., Any]:
        def changing(*args: Any, **kwargs: Any) -> Any:
            for path in args[:2]:  # replace's source and target
                check(path)
            return call(*args, **kwargs)

        return changing

    for name in ("replace", "unlink", "mkdir", "rmdir"):
        monkeypatch.setattr(os, name, guarded(getattr(os, name)))
    return lambda folder, code: folders.__setitem__(folder.absolute(), code)


READ_ONLY, FULL = os.strerror(errno.EROFS), os.strerror(errno.ENOSPC)


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC], ids=["read-only", "full"])
@pytest.mark.parametrize(
    ("command", "folder", "written"),
    [
        (("build", "canada/peru", *BUILD), "briefs/canada", "briefs/canada/peru.en.pdf"),
        (
            ("meeting", MEETING, *BUILD),
            "briefs/canada/meetings",
            "briefs/canada/meetings/2026-12-03-peru-fm.en.pdf",
        ),
        ((*PAIR, "--quiet"), "briefs/canada/packs", "briefs/canada/packs/pair.en.pdf"),
        (("schema", "--write"), "schema", "schema/relationship.json"),
        (("templates", "copy", "brief.html"), "templates", "templates/brief.html"),
        (("new", "canada/uruguay"), "data/canada", "data/canada/uruguay.yaml"),
    ],
    ids=["build", "meeting", "pack", "schema", "templates-copy", "new"],
)
def test_a_folder_that_refuses_writes_is_one_line_and_changes_nothing(
    root: Path, refusing: Refuse, command: tuple[str, ...], folder: str, written: str, code: int
) -> None:
    (root / "briefs/canada/.stamps/pack-pair.json").unlink()  # the pack is bound again
    before = files(root)
    refusing(root / folder, code)
    args = [root / a if a == MEETING else a for a in command]
    result = run(*args, "--workspace", root)
    refused(result, f"brief: cannot write {root / written}: {os.strerror(code)}")
    assert files(root) == before


def test_init_into_a_folder_that_refuses_writes_leaves_it_empty(
    tmp_path: Path, refusing: Refuse
) -> None:
    (tmp_path / "new").mkdir()
    refusing(tmp_path / "new", errno.EROFS)
    refused(
        run("init", tmp_path / "new"),
        f"brief: cannot write {tmp_path}/new/briefs/README.md: {READ_ONLY}",
    )
    assert list((tmp_path / "new").iterdir()) == []


def _unshare_works() -> bool:
    try:
        return subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode == 0
    except OSError:
        return False


mounts = pytest.mark.skipif(not _unshare_works(), reason="needs a mount namespace (root)")


def in_mount_namespace(setup: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`brief ARGS` after the shell commands `setup`, in a mount namespace of its own."""
    brief = shlex.join([sys.executable, "-m", "briefing", *map(str, args)])
    return subprocess.run(
        ["unshare", "--mount", "sh", "-c", f"set -e; {setup}; set +e; {brief}"],
        capture_output=True,
        text=True,
        timeout=120,
    )


@mounts
def test_a_read_only_mount_for_real(root: Path) -> None:
    out = root / "briefs/canada"
    before = files(root)
    quoted = shlex.quote(str(out))
    setup = f"mount --bind {quoted} {quoted}; mount -o remount,bind,ro {quoted}"
    result = in_mount_namespace(setup, "build", "canada/peru", *BUILD, "--workspace", root)
    assert (result.returncode, result.stderr, result.stdout) == (
        1,
        f"brief: cannot write {out}/peru.en.pdf: {READ_ONLY}\n",
        "",
    )
    assert files(root) == before


@mounts
def test_a_full_disk_for_real(root: Path, tmp_path: Path) -> None:
    full, kept = tmp_path / "full", tmp_path / "kept"
    full.mkdir()
    before = files(root / "briefs")
    used = sum(-(-len(data) // 4096) * 4096 for data in before.values())
    size = used + 8 * 1024  # no room for a new PDF
    setup = (
        f"mount -t tmpfs -o size={size} tmpfs {full}; cp -a {root / 'briefs'}/. {full}/; "
        f"trap 'cp -a {full}/. {kept}/' EXIT"
    )
    result = in_mount_namespace(
        setup, "build", "canada/peru", *BUILD, "--out", full, "--workspace", root
    )
    assert (result.returncode, result.stderr, result.stdout) == (
        1,
        f"brief: cannot write {full}/canada/peru.en.pdf: {FULL}\n",
        "",
    )
    assert files(kept) == before


def _file(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    path.write_text("a file of the user's")


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize(
    ("setup", "command", "expected"),
    [
        (
            lambda root: _file(root / "schema"),
            ("schema", "--write"),
            "cannot write {root}/schema/relationship.json: {root}/schema is not a folder",
        ),
        (
            lambda root: _folder(root / "schema/profile.json"),
            ("schema", "--write"),
            "{root}/schema/profile.json is a directory (expected a file or nothing there)",
        ),
        (
            lambda root: _file(root / "templates"),
            ("templates", "copy", "brief.html"),
            "cannot write {root}/templates/brief.html: {root}/templates is not a folder",
        ),
        (
            lambda root: None,
            ("templates", "copy", "style.css"),
            "templates/style.css already exists (edit it, or remove it first)",
        ),
        (
            lambda root: _file(root / "data/canada"),
            ("new", "canada/uruguay"),
            "cannot write {root}/data/canada/uruguay.yaml: {root}/data/canada is not a folder",
        ),
        (
            lambda root: _file(root / "briefs"),
            ("build", "canada/peru", *BUILD),
            "cannot write {root}/briefs/canada/peru.en.pdf: {root}/briefs is not a folder",
        ),
        (
            lambda root: _file(root / "file"),
            ("build", "canada/peru", *BUILD, "--out", "{root}/file/briefs"),
            "cannot write {root}/file/briefs/canada/peru.en.pdf: {root}/file is not a folder",
        ),
        (
            lambda root: _file(root / "data"),
            ("build", "canada/peru", *BUILD),
            "data/canada/peru.yaml does not exist (brief new HOME/PARTNER starts one)",
        ),
        (
            lambda root: _file(root / "file"),
            ("check", "--workspace", "{root}/file"),
            "{root}/file: no brief.yaml here (expected a workspace made by brief init)",
        ),
        (
            lambda root: _file(root / "file"),
            ("init", "{root}/file"),
            "cannot write {root}/file/brief.yaml: {root}/file is not a folder",
        ),
        (
            lambda root: None,
            ("init", "/proc/brief-init"),  # a place no one, root included, may write in
            "cannot write /proc/brief-init/brief.yaml: No such file or directory",
        ),
    ],
    ids=[
        "schema-is-a-file",
        "schema-json-is-a-folder",
        "templates-is-a-file",
        "template-copied-before",
        "data-home-is-a-file",
        "briefs-is-a-file",
        "out-under-a-file",
        "data-is-a-file",
        "workspace-is-a-file",
        "init-onto-a-file",
        "init-where-nothing-can-be-made",
    ],
)
def test_a_file_where_a_folder_should_be_is_one_line_and_changes_nothing(
    root: Path, setup: Callable[[Path], None], command: tuple[str, ...], expected: str
) -> None:
    (root / "schema/relationship.json").write_text("{}")  # stale: a write would show
    setup(root)
    before = files(root)
    args = [a.format(root=root) for a in command]
    workspace = [] if "--workspace" in args or args[0] == "init" else ["--workspace", root]
    refused(run(*args, *workspace), "brief: " + expected.format(root=root))
    assert files(root) == before


def test_a_data_folder_that_is_a_file_fails_check(root: Path) -> None:
    _file(root / "data")
    refused(
        run("check", "--workspace", root),
        "data:1:1: is not a folder (expected the data files' folder)",
        "0 files checked: 1 error, 0 warnings",
    )


def _long_stem(root: Path) -> Path:
    """A meeting file whose name fits, but not its briefs' (`.en.pdf` for `.yaml`)."""
    path = root / MEETING
    return path.rename(path.with_name(f"2026-12-03-{'p' * 237}.yaml"))


def _long_partner(root: Path) -> Path:
    path = root / MEETING
    path.write_text(path.read_text().replace("partner: peru", f"partner: {LONG}", 1))
    return path


@pytest.mark.parametrize(
    "command",
    [
        ("build", f"{LONG}/peru", *BUILD),
        ("build", f"canada/{LONG}", *BUILD),
        ("new", f"canada/{LONG}"),
        ("meeting", _long_stem, *BUILD),
        ("meeting", _long_partner, *BUILD),
        ("build", "canada/peru", *BUILD, "--out", f"/tmp/{'b' * 5000}"),
        ("build", "canada/peru", *BUILD, "--out", "/tmp/" + "b/" * 2500),
        ("init", f"/tmp/{'b' * 5000}"),
    ],
    ids=[
        "home",
        "partner",
        "new-partner",
        "meeting-stem",
        "meeting-partner",
        "out-of-5000-characters",
        "out-deeper-than-the-system-goes",
        "init",
    ],
)
def test_a_name_too_long_for_the_file_system_is_one_short_line(
    root: Path, command: tuple[Any, ...]
) -> None:
    args = [a(root) if callable(a) else a for a in command]
    before = files(root)
    workspace = [] if args[0] == "init" else ["--workspace", root]
    line = one_line(run(*args, *workspace))
    assert line.endswith(TOO_LONG) and len(line) < 250, line
    assert files(root) == before or command[1] is _long_stem  # the renamed input only
    assert not Path("/tmp/b").exists()


def test_a_pack_home_too_long_for_the_file_system_is_an_unknown_home(root: Path) -> None:
    line = one_line(run("pack", "asean", "--home", LONG, "--quiet", "--workspace", root))
    assert line.startswith("brief: no home 'aaa") and len(line) < 250, line


GITIGNORE = b"briefs/*\n!briefs/README.md\n.brief-cache/\n"  # what init writes


def test_init_writes_over_no_file_of_the_users_and_names_them_all(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    for name, text in [
        (".gitignore", "node_modules/\n"),
        ("templates/README.md", "# our own notes\n"),
        ("schema/meeting.json", "{}\n"),
        ("notes.txt", "unrelated\n"),
    ]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    before = files(folder)
    refused(
        run("init", folder),
        f"brief: {folder} already has templates/README.md, schema/meeting.json (init writes "
        "over no file it did not create: move them away, or give another folder)",
    )
    assert files(folder) == before  # the .gitignore too: nothing is written at all


@pytest.mark.parametrize(
    ("theirs", "merged"),
    [
        (b"node_modules/\n*.pyc", b"node_modules/\n*.pyc\n" + GITIGNORE),
        (b"briefs/*\n.venv/\n", b"briefs/*\n.venv/\n!briefs/README.md\n.brief-cache/\n"),
        (b".brief-cache/\nbriefs/*\n!briefs/README.md\n", None),  # has every line: untouched
    ],
    ids=["without-a-final-newline", "some-lines-there", "every-line-there"],
)
def test_init_appends_to_a_users_gitignore_only_what_is_missing(
    tmp_path: Path, theirs: bytes, merged: bytes | None
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / ".gitignore").write_bytes(theirs)
    (folder / "data/countries").mkdir(parents=True)
    (folder / "data/countries/peru.yaml").write_bytes(b"# the user's profile of Peru\n")
    result = run("init", folder)
    assert result.exit_code == 0, result.stderr
    assert (folder / ".gitignore").read_bytes() == (merged or theirs)
    assert (str(folder / ".gitignore") in result.stdout.split()) == (merged is not None)
    assert (folder / "data/countries/peru.yaml").read_bytes() == b"# the user's profile of Peru\n"
    assert (folder / "brief.yaml").is_file() and (folder / "data/canada/peru.yaml").is_file()


def test_init_twice_changes_nothing_and_its_help_says_what_it_keeps(tmp_path: Path) -> None:
    assert run("init", tmp_path / "ws").exit_code == 0
    before = files(tmp_path / "ws")
    line = one_line(run("init", tmp_path / "ws"))
    assert line.startswith(f"brief: {tmp_path}/ws already has brief.yaml, briefs/README.md, ")
    assert files(tmp_path / "ws") == before
    help_text = " ".join(run("init", "--help").stdout.split())
    assert "init writes over none of them" in help_text
    assert "names them all and writes nothing" in help_text
    assert "An existing .gitignore is kept, with the lines brief needs appended" in help_text
