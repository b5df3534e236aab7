"""The records of a relationship, built and read: agreements with their events, status and
parties; visits known by a role alone, planned or held, with their people named; statements
on record; people-to-people, security and milestones; honorifics and elections; a source
that is only an address. In English, French and Spanish, in the PDF and the DOCX."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import docx
import pytest
import yaml
from docx.table import Table
from docx.text.paragraph import Paragraph

from briefing.build import BuildOptions, build_brief
from briefing.check import check
from briefing.workspace import Workspace, open_workspace
from readers import pdf_text

TODAY = date(2026, 11, 23)


def prose(en: str, fr: str, es: str) -> dict[str, str]:
    return {"en": en, "fr": fr, "es": es}


LIMA = prose("Lima", "Lima", "Lima")
RELATIONSHIP = {
    "home": "canada",
    "partner": "peru",
    "language": "en",
    "as_of": "2026-11-20",
    "classification": "UNCLASSIFIED",
    "sources": [
        {
            "id": "page",
            "title": prose("Relations", "Relations", "Relaciones"),
            "publisher": prose("Desk", "Bureau", "Oficina"),
            "date": "2024-01",  # known to a brief as of 2024-12-01
        },
        {"id": "bare", "url": "https://example.org/readout", "accessed": "2026-11-02"},
    ],
    "summary": {"sources": ["page"], "text": prose("Summary.", "Résumé.", "Resumen.")},
    "people_to_people": {
        "sources": ["page"],
        "text": prose("Students WREN.", "Étudiants WREN.", "Estudiantes WREN."),
        "figures": [
            {
                "label": prose("Students", "Étudiants", "Estudiantes"),
                "value": 4300,
                "unit": "students",
                "year": 2025,
                "source": "page",
            }
        ],
    },
    "security": {"sources": ["page"], "text": prose("Talks HERON.", "HERON.", "HERON.")},
    "milestones": [
        {"date": "2001-06", "text": prose("KESTREL.", "KESTREL.", "KESTREL."), "sources": ["page"]},
        {"date": 1999, "text": prose("OSPREY.", "OSPREY.", "OSPREY.")},
    ],
    "agreements": [
        {
            "name": prose("Oceans Statement", "Déclaration océans", "Declaración océanos"),
            "kind": "joint_statement",
            "events": [
                {
                    "event": "issued",
                    "date": "2025-05-03",
                    "place": LIMA,
                    "by": prose("the ministers", "les ministres", "los ministros"),
                }
            ],
            "sources": ["page"],
        },
        {
            "name": prose("Fisheries Treaty", "Traité pêches", "Tratado pesca"),
            "kind": "treaty",
            "parties": [prose("Chile", "le Chili", "Chile")],
            "status": "awaiting_ratification",
            "signed": "2024-03-12",
            "sources": ["page"],
        },
        {
            "name": prose("Road Map", "Feuille de route", "Hoja de ruta"),
            "status": "in_force",
            "events": [{"event": "adopted", "date": "2024-11-17", "place": LIMA}],
            "sources": ["page"],
        },
    ],
    "visits": [
        {
            "date": "2026-12-10",
            "role": prose("the Minister", "la ministre", "la ministra"),
            "status": "planned",
            "time": "15:00",
            "duration": "90 minutes",
            "counterpart": prose("the Prime Minister", "le premier ministre", "el premier"),
            "host": prose("APEC", "l’APEC", "el APEC"),
            "sources": ["page"],
        },
        {
            "date": "2025-08-08",
            "who": "Rosa Tern",
            "role": prose("President", "présidente", "presidenta"),
            "outcome": prose("A LAPWING accord.", "Un accord LAPWING.", "Un acuerdo LAPWING."),
            "people": ["tern", "finch", "gull"],  # the traveller among them
            "sources": ["page"],
        },
    ],
    "quotes": [
        {
            "text": {"es": "Somos socios CONDOR.", "en": "We are partners CONDOR."},
            "language": "es",
            "speaker": "Rosa Tern",
            "role": prose("President of Peru", "présidente du Pérou", "presidenta del Perú"),
            "date": "2025-08-08",
            "source": "bare",
            "context": prose("at the summit", "au sommet", "en la cumbre"),
        },
        {
            "text": "We stand together ALBATROSS.",
            "language": "en",
            "role": prose("the Minister", "la ministre", "la ministra"),
            "date": "2026-02-01",
            "source": "page",
        },
    ],
    "people": [
        {
            "id": "tern",
            "honorific": prose("H.E.", "S.E.", "S.E."),
            "name": "Rosa Tern",
            "role": prose("President of Peru", "présidente du Pérou", "presidenta del Perú"),
            "side": "theirs",
            "since": "2021-07-28",
            "elected": "2021-06-06",
            "re_elected": ["2026-06-07"],
            "sources": ["page"],
        },
        {
            "id": "finch",
            "name": "Paul Finch",
            "role": prose("Ambassador", "ambassadeur", "embajador"),
            "side": "ours",
            "sources": ["page"],
        },
        {
            "id": "gull",
            "name": "Ana Gull",
            "role": prose("Consul", "consule", "cónsul"),
            "side": "ours",
            "sources": ["page"],
        },
    ],
    "talking_points": [{"text": prose("Point PIPIT.", "Point PIPIT.", "Punto PIPIT.")}],
}


@pytest.fixture
def records(workspace: Workspace) -> Workspace:
    """The sample workspace, in three languages, with canada/peru holding the records."""
    settings = workspace.root / "brief.yaml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("languages: [en, fr]", "languages: [en, fr, es]", 1)
    text = text.replace(
        "locales: {en: en_CA, fr: fr_CA}", "locales: {en: en_CA, fr: fr_CA, es: es_PE}"
    )
    settings.write_text(text, encoding="utf-8")
    write(workspace, RELATIONSHIP)
    # the sample note cites the sample relationship's sources, which this one does not hold
    shutil.rmtree(workspace.data / "canada" / "notes")
    return open_workspace(workspace.root)


def write(ws: Workspace, data: dict[str, object]) -> None:
    path = ws.relationship_path("canada", "peru")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def squeezed(text: str) -> str:
    """Text with every run of white space (line breaks, no-break spaces) as one space."""
    return " ".join(text.split())


def texts(ws: Workspace, langs: tuple[str, ...], **options: object) -> dict[str, str]:
    """The PDF's and the DOCX's text in each language, by `LANG.pdf` and `LANG.docx`."""
    built = build_brief(
        ws,
        "canada/peru",
        BuildOptions(langs=langs, formats=("pdf", "docx"), today=TODAY, **options),
    )
    read = {".pdf": pdf_text, ".docx": docx_body}
    return {p.name.split(".", 1)[1]: squeezed(read[p.suffix](p)) for p in built}


def docx_body(path: Path) -> str:
    """The DOCX's body as Word shows it: each paragraph and table cell, in order."""
    document = docx.Document(str(path))
    out = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            out.append(Paragraph(element, document).text)
        elif element.tag.endswith("}tbl"):
            out += [cell.text for row in Table(element, document).rows for cell in row.cells]
    return "\n".join(out)


@pytest.fixture
def built(records: Workspace) -> dict[str, str]:
    return texts(records, ("en", "fr", "es"))


def each(built: dict[str, str], lang: str) -> list[str]:
    return [built[f"{lang}.pdf"], built[f"{lang}.docx"]]


def test_an_issued_instrument_is_issued_in_the_noun_s_gender(built: dict[str, str]) -> None:
    for text in each(built, "en"):
        assert "Joint statement issued in Lima on May 3, 2025 by the ministers" in text
    for text in each(built, "fr"):
        assert "Déclaration commune publiée à Lima le 3 mai 2025 par les ministres" in text
        statement = text[text.index("Déclaration océans") : text.index("Traité pêches")]
        assert "sign" not in statement
    for text in each(built, "es"):
        assert "Declaración conjunta publicada en Lima el 3 de mayo de 2025" in text


def test_an_agreement_with_parties_and_status(built: dict[str, str]) -> None:
    for text in each(built, "en"):
        assert "Treaty signed on March 12, 2024; awaiting ratification. Parties: Chile." in text
    for text in each(built, "fr"):
        assert "Traité signé le 12 mars 2024; en attente de ratification." in text
        assert "Parties : le Chili." in text
    for text in each(built, "es"):
        assert "Tratado firmado el 12 de marzo de 2024; pendiente de ratificación." in text


def test_an_instrument_of_no_kind_has_its_events_as_nouns(built: dict[str, str]) -> None:
    for text in each(built, "fr"):
        assert "Adoption à Lima le 17 novembre 2024. Statut : en vigueur." in text
    for text in each(built, "es"):
        assert "Adopción en Lima el 17 de noviembre de 2024. Estado: en vigor." in text
    for text in each(built, "en"):
        assert "Adopted in Lima on November 17, 2024. Status: in force." in text


def test_visits_by_role_planned_with_time_and_people(built: dict[str, str]) -> None:
    for text in each(built, "en"):
        assert "December 10, 2026, 3:00 p.m. (90 minutes) planned the Minister" in text
        assert "Host: APEC Counterpart: the Prime Minister" in text
        assert "Taking part: Paul Finch and Ana Gull" in text  # the others, by name
        assert "Outcome: A LAPWING accord." in text
    for text in each(built, "fr"):
        assert "prévue" in text and "Participants : Paul Finch et Ana Gull" in text
        assert "Hôte : l’APEC Homologue : le premier ministre" in text
    for text in each(built, "es"):
        assert "15:00 (90 minutos) pendiente" in text
        assert "Participantes: Paul Finch y Ana Gull" in text


def test_a_quote_shows_speaker_date_source_and_its_translation(built: dict[str, str]) -> None:
    for text in each(built, "en"):
        assert (
            "“We are partners CONDOR.” (our translation from Spanish) — Rosa Tern, President of "
            "Peru, August 8, 2025 (at the summit)." in text
        )
        assert "“We stand together ALBATROSS.” — the Minister, February 1, 2026." in text
        assert "https://example.org/readout, accessed on November 2, 2026." in text  # cited
        points = text[text.rindex("Talking points") :]  # the section, not the DOCX's contents
        assert "CONDOR" not in points and "ALBATROSS" not in points
    for text in each(built, "fr"):  # no French words given: the original, untranslated
        assert "« Somos socios CONDOR. » — Rosa Tern, présidente du Pérou, 8 août 2025" in text
        assert "traduction" not in text and "[ES]" not in text
        assert "consulté le 2 novembre 2026" in text
    for text in each(built, "es"):
        assert "«Somos socios CONDOR.» — Rosa Tern" in text


def test_new_sections_and_people_in_every_language(built: dict[str, str]) -> None:
    for text in each(built, "en"):
        assert "People-to-people ties Students WREN." in text
        assert "Students (2025): 4,300 students" in text
        assert "Security and defence Talks HERON." in text
        assert "Milestones 1999: OSPREY. June 2001: KESTREL." in text  # oldest first
        assert (
            "H.E. Rosa Tern, President of Peru (since July 28, 2021), elected on June 6, "
            "2021, re-elected on June 7, 2026" in text
        )
    for text in each(built, "fr"):
        assert "Liens interpersonnels" in text and "Sécurité et défense" in text
        assert "Déclarations publiques" in text and "Jalons 1999 : OSPREY." in text
        assert (
            "S.E. Rosa Tern, présidente du Pérou (depuis le 28 juillet 2021), élection "
            "le 6 juin 2021, réélection le 7 juin 2026" in text
        )
    for text in each(built, "es"):
        assert "Vínculos entre las personas" in text and "Seguridad y defensa" in text
        assert "Declaraciones públicas" in text


def test_a_brief_as_of_an_earlier_day_knows_only_that_day(records: Workspace) -> None:
    built = texts(records, ("en",), as_of=date(2024, 12, 1))
    for text in (built["en.pdf"], built["en.docx"]):
        assert "Treaty signed on March 12, 2024." in text  # its status is the file's, of 2026
        assert "awaiting ratification" not in text and "Oceans Statement" not in text
        assert "CONDOR" not in text and "re-elected" not in text
        assert "elected on June 6, 2021" in text and "OSPREY" in text


def test_the_level_filter_drops_a_classified_quote_milestone_and_event(
    records: Workspace,
) -> None:
    data = yaml.safe_load(yaml.safe_dump(RELATIONSHIP))
    data["quotes"][0]["classification"] = "SECRET"
    data["milestones"][0]["classification"] = "SECRET"
    data["agreements"][1]["events"] = [
        {"event": "ratified", "date": 2025, "by": prose("SKUA", "SKUA", "SKUA")}
        | {"classification": "SECRET"}
    ]
    data["people_to_people"]["figures"][0]["classification"] = "SECRET"
    write(records, data)
    low = texts(records, ("en",), level="UNCLASSIFIED")
    for text in low.values():
        for hidden in ("CONDOR", "KESTREL", "SKUA", "4,300", "example.org"):
            assert hidden not in text
        assert "OSPREY" in text and "Treaty signed on March 12, 2024;" in text
    high = texts(records, ("en",), level="SECRET")
    for text in high.values():
        assert "CONDOR" in text and "KESTREL" in text and "ratified in 2025 by SKUA" in text


def test_check_warns_of_a_planned_visit_whose_date_is_past(records: Workspace) -> None:
    report = check(records, today=date(2026, 12, 11), cache=False)
    [warning] = [p for p in report.warnings if "planned" in p.message]
    assert warning.field == "visits[0].status" and not report.errors
    assert "planned, but its date 2026-12-10 is past" in warning.message
    assert not [
        p for p in check(records, today=TODAY, cache=False).problems if "planned" in p.message
    ]


def test_a_visit_needs_a_name_or_a_role(records: Workspace) -> None:
    data = yaml.safe_load(yaml.safe_dump(RELATIONSHIP))
    del data["visits"][0]["role"]
    data["sources"][1].pop("accessed")
    write(records, data)
    messages = {(p.field, p.message) for p in check(records, today=TODAY, cache=False).errors}
    assert (
        "visits[0]",
        "give who (a name) or role (an office, such as the Minister), or both",
    ) in messages
    assert (
        "sources[1]",
        "title: is missing (expected a title and a publisher, or the url and the day it was "
        "accessed)",
    ) in messages


def test_a_quote_is_in_its_language_and_an_event_given_once(records: Workspace) -> None:
    data = yaml.safe_load(yaml.safe_dump(RELATIONSHIP))
    data["quotes"][0]["language"] = "fr"
    data["agreements"][1]["events"] = [{"event": "signed", "date": "2024-03-12"}]
    write(records, data)
    messages = {(p.field, p.message) for p in check(records, today=TODAY, cache=False).errors}
    assert (
        "quotes[0]",
        "language: fr but the text has no fr words (expected the words as spoken, under fr:)",
    ) in messages
    assert (
        "agreements[1]",
        "signed: is given and events[0] is a signed event too (expected one of them)",
    ) in messages


def test_the_sample_road_map_is_adopted_not_signed(workspace: Workspace) -> None:
    built = build_brief(
        workspace, "japan/peru", BuildOptions(langs=("fr",), formats=("html",), today=TODAY)
    )
    html = Path(built[0]).read_text(encoding="utf-8")
    start = html.index("Feuille de route pour le renforcement")
    entry = html[start : html.index("</li>", start)]
    assert "Plan d’action adopté à Lima le 17" in entry and "sign" not in entry.lower()
