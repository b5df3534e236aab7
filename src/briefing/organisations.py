"""What an organisation's brief says that a country's does not: its title and its members.

The member states are those data/regions.yaml lists for it, as packs read them, else
those its profile lists. Both are read through the level filter: a region or a member
above the build's level is left out, everywhere, and each member is named as every
brief names it, in the brief's language, in the order a reader looks a name up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import Problem, Severity
from .formatting import N_, Formatter
from .languages import SOURCE
from .levels import LEVEL, Resolver, plain
from .load import Document
from .profile_model import Member, Profile, Region, Regions
from .workspace import Workspace

TITLES = {
    "country": N_("{partner}: country brief"),
    "organisation": N_("{partner}: organisation brief"),
}
"""A brief's title by the partner's kind: on its cover, in its metadata, its <title>."""


def regions_file(ws: Workspace) -> Regions | None:
    """data/regions.yaml, validated; None when the workspace has none."""
    from .check import read_data  # check warns with `disagreements`: a cycle at import

    if not ws.regions_path.is_file():
        return None
    _, regions, _ = read_data(ws, ws.regions_path)
    assert isinstance(regions, Regions)
    return regions


def region_entry(ws: Workspace, slug: str, resolver: Resolver) -> dict[str, Any] | None:
    """The entry of data/regions.yaml with the id `slug`, through the level filter; None
    when there is none, or it is above the level.

    Its file's sources become the resolver's to cite: read it before the brief's timeline
    is made, so that those dated after the brief's day are not listed.
    """
    data = resolver.file(regions_file(ws))
    entries = data["regions"] if data else []
    return next((entry for entry in entries if entry["id"] == slug), None)


def kind_of(profile: dict[str, Any] | None, entry: dict[str, Any] | None) -> str:
    """'organisation' or 'country': as the profile says (`brief check` warns where
    regions.yaml says otherwise), else, when the level withholds it, as regions.yaml says."""
    if profile is not None:
        return str(profile["kind"])
    return "organisation" if entry and entry["kind"] == "organisation" else "country"


def title(fmt: Formatter, kind: str, name: str) -> str:
    """The brief's title: "Pacific Alliance: organisation brief"."""
    return fmt.gettext(TITLES[kind]).format(partner=plain(name))


def membership(
    entry: dict[str, Any] | None,
    profile: dict[str, Any] | None,
    name_of: Callable[[str], str],
) -> dict[str, Any] | None:
    """The member states an organisation's brief lists, or None when it has none to list.

    From its entry in regions.yaml, else from its profile: members (id, name, level)
    sorted by name, the date the list was verified and the sources it cites.
    """
    listed = entry or (profile if profile and profile["members"] else None)
    if listed is None or not listed["members"]:
        return None
    from .packs import sort_key  # not at the top: packs imports the briefs, which import this

    members = [member | {"name": name_of(member["id"])} for member in listed["members"]]
    return {
        "members": sorted(members, key=lambda member: sort_key(plain(member["name"]))),
        "as_of": listed["as_of"],
        "sources": listed.get("sources") or [],  # a profile's are definitions, taken out
        LEVEL: listed[LEVEL],
    }


def members_within(ws: Workspace, region: Region, home: str, level: str) -> list[str]:
    """The ids of the members of `region` that a document of `home` at `level` may name."""
    data = ws.resolver(home, level, SOURCE).file(region)  # ids only: any language will do
    return [member["id"] for member in data["members"]] if data else []


def may_be_listed(profile: Profile) -> bool:
    """Whether data/regions.yaml may list the profile's partner as an organisation: it says
    it is one, or it has no ISO code (as `brief new` once wrote organisations, kind:
    country). A country with its codes is not compared, and regions.yaml not read for it."""
    return profile.kind == "organisation" or profile.iso2 is None


def disagreements(doc: Document, profile: Profile, regions: Regions | None) -> list[Problem]:
    """Warnings where a profile says otherwise than its entry in data/regions.yaml, which
    briefs and packs read: that it is no organisation, or who its members are."""
    entry = next((r for r in regions.regions if r.id == profile.id), None) if regions else None
    if entry is None or entry.kind != "organisation":
        return []
    out = []
    if profile.kind != "organisation":
        out.append(
            doc.problem(
                ("kind",),
                f"'{profile.kind}' but data/regions.yaml lists '{profile.id}' as an "
                "organisation (expected kind: organisation)",
                severity=Severity.WARNING,
            )
        )
    ours = {m.id: m.classification for m in profile.members}
    theirs = {m.id: m.classification for m in entry.members}
    differ = [m for m in {**ours, **theirs} if ours.get(m, "") != theirs.get(m, "")]
    if ours and differ:
        out.append(
            doc.problem(
                ("members",),
                f"not as data/regions.yaml gives them, for {', '.join(differ)} (expected "
                f"the members and levels regions.yaml gives, which briefs and packs read: "
                f"{', '.join(member_text(m) for m in entry.members)})",
                severity=Severity.WARNING,
            )
        )
    return out


def member_text(member: Member) -> str:
    """A member as a data file writes it: `chile`, or `{id: chile, classification: SECRET}`."""
    if member.classification is None:
        return member.id
    return f"{{id: {member.id}, classification: {member.classification}}}"
