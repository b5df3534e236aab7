"""`brief check`'s warnings about time, each planted in a copy of the sample workspace:
a term past its end, one office held twice at once, relative words in stale prose, and a
meeting's points made from stale data. Each is one located line, in the text and the JSON
reports, reported by builds too, and found again when only the day changes."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from briefing.check import check
from briefing.offices import PARENTHESISED
from briefing.time_checks import _relative
from briefing.workspace import Workspace

Brief = Callable[..., Result]
TODAY = date(2026, 11, 23)
REL = "data/canada/peru.yaml"
PROFILE = "data/countries/peru.yaml"
MEETING = "data/canada/meetings/2026-12-03-peru-fm.yaml"
RELATIVE = {lang: _relative(lang, None) for lang in ("en", "fr", "es")}


def insert_after(path: Path, anchor: str, text: str) -> int:
    """Put `text` right after the first line that is `anchor`; the number of its first line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines, 1) if line.rstrip("\n") == anchor)
    lines[at:at] = [text]
    path.write_text("".join(lines), encoding="utf-8")
    return at + 1


def line_at(path: Path, number: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[number - 1]


def warnings(ws: Workspace, needle: str, today: date = TODAY, *, cache: bool = False) -> list[str]:
    """The lines of `check` that mention `needle`."""
    return [str(p) for p in check(ws, today=today, cache=cache).warnings if needle in str(p)]


ENVOY = """\
  - id: envoy
    name: Jean Tremblay
    role: {{en: Special Envoy to the Andes of Canada, fr: envoyé spécial dans les Andes du Canada}}
    side: ours
    since: 2024-01{until}
"""


def test_a_term_past_its_end_is_a_warning_at_its_until(workspace: Workspace) -> None:
    peru = workspace.relationship_path("canada", "peru")
    first = insert_after(peru, "people:", ENVOY.format(until="\n    until: 2026-11-22"))
    expected = (
        f"{REL}:{first + 5}:12: warning: people[0].until: Jean Tremblay's term was due to end "
        "by 2026-11-22: briefs now show Jean Tremblay as former (expected ended: saying how it "
        "ended, and the successor recorded with since: and the same role)"
    )
    assert warnings(workspace, "Jean Tremblay's term") == [expected]
    # the last day of the term is still in it: over only from the next day
    assert warnings(workspace, "Jean Tremblay's term", today=date(2026, 11, 22)) == []


def test_a_term_the_file_says_ended_is_history_not_a_warning(workspace: Workspace) -> None:
    peru = workspace.relationship_path("canada", "peru")
    insert_after(
        peru, "people:", ENVOY.format(until="\n    until: 2026-11-22\n    ended: completed")
    )
    assert warnings(workspace, "Jean Tremblay's term") == []


def test_a_participant_by_role_past_its_term_is_a_warning(workspace: Workspace) -> None:
    meeting = workspace.data / "canada/meetings/2026-12-03-peru-fm.yaml"
    first = insert_after(
        meeting, "  theirs:", "    - {role: {en: Vice-Minister}, name: Ana Ruiz, until: 2020}\n"
    )
    column = line_at(meeting, first).index("2020") + 1
    assert warnings(workspace, "Ana Ruiz") == [
        f"{MEETING}:{first}:{column}: warning: participants.theirs[0].until: Ana Ruiz's term was "
        "due to end by 2020: briefs now show Ana Ruiz as former (expected ended: saying how it "
        "ended, and the successor recorded with since: and the same role)"
    ]


MINISTER = """\
  - id: mucho
    name: Rómulo Mucho
    role: {{en: Minister of Energy and Mines (MINEM), fr: ministre de l'Énergie et des Mines}}
    side: theirs
    since: 2024-02{until}
"""
LEADER = """\
  - name: Jorge Montero
    role: {en: "Minister of  Energy and Mines of Peru", fr: ministre de l'Énergie du Pérou}
    since: 2024-08
"""


@pytest.mark.parametrize("until", ["", "\n    until: 2024-07"])
def test_one_office_held_by_two_people_at_once_is_a_warning_at_the_later(
    workspace: Workspace, brief: Brief, until: str
) -> None:
    peru = workspace.relationship_path("canada", "peru")
    person = insert_after(peru, "people:", MINISTER.format(until=until))
    leader = insert_after(workspace.profile_path("peru"), "leaders:", LEADER)
    found = warnings(workspace, "hold this office", today=date(2024, 9, 1))
    mine = [line for line in found if "Jorge Montero" in line]
    if until:  # the earlier term ended the month before: no overlap
        assert mine == []
        return
    expected = (
        f"{PROFILE}:{leader + 1}:11: warning: leaders[0].role: Jorge Montero and Rómulo Mucho "
        f"({REL}:{person + 2}) hold this office at the same time from 2024-08 (expected until: "
        "on the earlier term, or roles that tell the two offices apart)"
    )
    assert mine == [expected]
    built = brief(
        "build", "canada/peru", "--lang", "en", "--format", "html", "-o", workspace.root / "out",
        "--workspace", workspace.root,
    )  # fmt: skip
    assert built.exit_code == 0, built.stderr
    assert expected in built.stderr.splitlines()


@pytest.mark.parametrize(
    ("until", "since", "overlap"),
    [("2024-08-05", "2024-08-05", False), ("2024-08-06", "2024-08-05", True)],
)
def test_a_successor_sworn_in_on_the_day_a_term_ends_is_no_overlap(
    workspace: Workspace, until: str, since: str, overlap: bool
) -> None:
    peru = workspace.relationship_path("canada", "peru")
    insert_after(peru, "people:", MINISTER.format(until=f"\n    until: {until}"))
    insert_after(workspace.profile_path("peru"), "leaders:", LEADER.replace("2024-08", since))
    found = warnings(workspace, "hold this office", today=date(2024, 9, 1))
    assert bool([line for line in found if "Jorge Montero" in line]) is overlap


@pytest.mark.parametrize("until", ["", "\n    until: 2025-12"])
def test_a_meeting_participant_in_a_relationship_persons_office_is_a_warning(
    workspace: Workspace, brief: Brief, until: str
) -> None:
    insert_after(
        workspace.relationship_path("canada", "peru"), "people:", ENVOY.format(until=until)
    )
    meeting = workspace.data / "canada/meetings/2026-12-03-peru-fm.yaml"
    at = insert_after(
        meeting,
        "  ours:",
        "    - {role: {en: Special Envoy to the Andes (acting)}, name: Marie Roy, since: 2026-01}"
        "\n",
    )
    column = line_at(meeting, at).index("{en:") + 1
    expected = (
        f"{MEETING}:{at}:{column}: warning: participants.ours[0].role: Marie Roy and Jean "
        f"Tremblay ({REL}:{line_of_role(workspace, 'Jean Tremblay')}) hold this office at the "
        "same time from 2026-01 (expected until: on the earlier term, or roles that tell the "
        "two offices apart)"
    )
    assert warnings(workspace, "Marie Roy") == ([] if until else [expected])
    if until:
        return
    built = brief(
        "meeting", meeting, "--lang", "en", "--format", "html", "-o", workspace.root / "out",
        "--workspace", workspace.root,
    )  # fmt: skip
    assert built.exit_code == 0, built.stderr
    assert expected in built.stderr.splitlines()


def line_of_role(ws: Workspace, name: str) -> int:
    lines = ws.relationship_path("canada", "peru").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if name in line) + 1


POINT = """\
  - text:
      en: >-
        Peru's mining sector is
        now open to all; no snow, nowhere, as we know.
      fr: "À l’heure actuelle, le secteur minier est ouvert."
    as_of: {as_of}
    topics: [planted]
    if_asked:
      - question: {{en: Is it open to all?, fr: Est-il ouvert à tous?}}
        answer: {{en: It has RECENTLY opened., fr: 'Il s''est ouvert à l''heure actuelle.'}}
"""


def test_relative_words_in_stale_prose_are_warnings_at_each_word(workspace: Workspace) -> None:
    peru = workspace.relationship_path("canada", "peru")
    first = insert_after(peru, "talking_points:", POINT.format(as_of="2015-03"))
    answer, french = line_at(peru, first + 9), line_at(peru, first + 4)
    age = f"as of 2015-03, {(TODAY - date(2015, 3, 31)).days} days old today"
    then = (
        "(expected the time said outright, such as 'in 2015', or the text verified and its "
        "as_of renewed)"
    )
    found = [line for line in warnings(workspace, "talking_points[0]") if "' in text" in line]
    point, asked = f"{REL}:{first + 3}", f"{REL}:{first + 9}"
    quoted = answer.index("'Il") + 1
    assert found == [
        f"{point}:9: warning: talking_points[0].text.en: 'now' in text {age} {then}",
        f"{REL}:{first + 4}:{french.index('À') + 1}: warning: talking_points[0].text.fr: "
        f"'À l’heure actuelle' in text {age} {then}",
        f"{asked}:{answer.index('RECENTLY') + 1}: warning: "
        f"talking_points[0].if_asked[0].answer.en: 'RECENTLY' in text {age} {then}",
        # written with a doubled quote, the words are not as in the file: at the text's start
        f"{asked}:{quoted}: warning: "
        f"talking_points[0].if_asked[0].answer.fr: 'à l'heure actuelle' in text {age} {then}",
    ]


def test_relative_words_in_fresh_prose_are_not_warnings(workspace: Workspace) -> None:
    # the point's own as_of wins over the file's (2012-08, stale)
    peru = workspace.relationship_path("canada", "peru")
    insert_after(peru, "talking_points:", POINT.format(as_of="2026-06"))
    assert [line for line in warnings(workspace, "talking_points[0]") if "' in text" in line] == []


@pytest.mark.parametrize("as_of", ["2024-06", "2025-06"])
def test_a_meetings_prose_is_judged_at_its_date(workspace: Workspace, as_of: str) -> None:
    meeting = workspace.data / "canada/meetings/2026-12-03-peru-fm.yaml"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(
        f"{text}as_of: {as_of}\nsections:\n  - title: Context\n    text: Peru currently talks.\n",
        encoding="utf-8",
    )
    line = len(text.splitlines()) + 4
    column = line_at(meeting, line).index("currently") + 1
    age = (date(2026, 12, 3) - date(2024, 6, 30)).days
    expected = (
        f"{MEETING}:{line}:{column}: warning: sections[0].text[0].text.en: 'currently' in text "
        f"as of 2024-06, {age} days old at the meeting (expected the time said outright, such as "
        "'in 2024', or the text verified and its as_of renewed)"
    )
    # 2025-06 is within the threshold at the meeting, though not at a later today
    found = warnings(workspace, MEETING, today=date(2028, 1, 1))
    mine = [line for line in found if "' in text" in line]
    assert mine == ([expected] if as_of == "2024-06" else [])


def test_a_word_inside_another_word_is_not_a_relative_word() -> None:
    assert [m[0] for m in RELATIVE["en"].finditer("snow, nowhere, known; Now. now—this  year")] == [
        "Now",
        "now",
        "this  year",
    ]
    assert [
        m[0] for m in RELATIVE["fr"].finditer("actuellement désormaisx à l'heure actuelle")
    ] == [
        "actuellement",
        "à l'heure actuelle",
    ]


def test_a_meetings_points_from_stale_data_are_warnings_at_each_point(
    workspace: Workspace,
) -> None:
    peru = workspace.relationship_path("canada", "peru")
    selected = insert_after(peru, "talking_points:", POINT.format(as_of="2015-03"))
    meeting = workspace.data / "canada/meetings/2026-12-03-peru-fm.yaml"
    text = meeting.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^topics: \[", "topics: [planted, ", text, count=1)
    own = text.splitlines().index("points:") + 2  # the first point planted below
    text = text.replace(
        "\npoints:\n",
        "\npoints:\n"
        "  - {text: {en: Old point., fr: Point ancien.}}\n"
        "  - {text: {en: New point., fr: Point nouveau.}, as_of: 2025-06}\n",
        1,
    )
    meeting.write_text(text + "as_of: 2024-06\n", encoding="utf-8")
    at = "at the meeting of 2026-12-03 (data/canada/meetings/2026-12-03-peru-fm.yaml) rests on"
    then = "(expected it verified for the meeting, with its as_of renewed)"
    stale = [line for line in warnings(workspace, "rests on") if "points[" in line]
    point = f"{REL}:{selected}:5: warning: talking_points[0]: a point to make {at}"
    day = date(2026, 12, 3)
    old, recent = (day - date(2015, 3, 31)).days, (day - date(2024, 6, 30)).days
    assert f"{point} data as of 2015-03, {old} days old at that date {then}" in stale
    mine = (
        f"{MEETING}:{own}:5: warning: points[0]: a point to make {at} data as of 2024-06, "
        f"{recent} days old at that date {then}"
    )
    assert mine in stale
    assert not [line for line in stale if "points[1]" in line]  # its own as_of is fresh


def test_warnings_reach_the_json_report_and_a_build(workspace: Workspace, brief: Brief) -> None:
    peru = workspace.relationship_path("canada", "peru")
    first = insert_after(peru, "people:", ENVOY.format(until="\n    until: 2025"))
    report = json.loads(brief("check", "--format", "json", "--workspace", workspace.root).stdout)
    assert {
        "path": REL,
        "line": first + 5,
        "column": 12,
        "field": "people[0].until",
        "message": "Jean Tremblay's term was due to end by 2025: briefs now show Jean Tremblay "
        "as former",
        "expected": "ended: saying how it ended, and the successor recorded with since: and "
        "the same role",
        "severity": "warning",
    } in report["problems"]
    built = brief(
        "build", "canada/peru", "--lang", "en", "--format", "html", "-o", workspace.root / "out",
        "--workspace", workspace.root,
    )  # fmt: skip
    assert built.exit_code == 0, built.stderr
    assert f"{REL}:{first + 5}:12: warning: people[0].until: Jean Tremblay's term" in built.stderr


def test_the_cache_finds_a_term_ended_when_only_the_day_changes(workspace: Workspace) -> None:
    insert_after(
        workspace.relationship_path("canada", "peru"),
        "people:",
        ENVOY.format(until="\n    until: 2026-11-23"),
    )
    assert warnings(workspace, "Jean Tremblay's term", cache=True) == []
    later = date(2026, 11, 24)
    ended = warnings(workspace, "Jean Tremblay's term", today=later, cache=True)
    assert len(ended) == 1
    assert ended == warnings(workspace, "Jean Tremblay's term", today=later)


FEEDS: list[Callable[[int], object]] = [
    lambda n: list(RELATIVE["en"].finditer("this" + " " * n + "x")),
    lambda n: list(RELATIVE["fr"].finditer("à l'heure " * (n // 10))),
    lambda n: PARENTHESISED.sub(" ", "(" * n + "x"),
]


@pytest.mark.parametrize("feed", FEEDS)
def test_the_patterns_over_text_answer_a_megabyte_at_once(feed: Callable[[int], object]) -> None:
    start = time.perf_counter()
    feed(1_000_000)
    assert time.perf_counter() - start < 2.0
