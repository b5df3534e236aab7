"""The corpus of real public texts (issue 15) checks clean and reads right.

`tests/fixtures/real/` is a workspace of six relationships written from government and
other public texts (FACTS.md lists each fact, its source, the field that holds it and the
kind of issue 15 it exercises). The tests copy it, check it, build each brief in English and
French as PDF and DOCX, and read the text as a reader would (`readers.pdf_text`,
`readers.docx_text`). Every pattern of FACTS below must be found in both formats.

Where the words are the wording of a label (a qualifier, a caption, an event's verb) the
pattern allows the forms a translator may reasonably choose; numbers, currencies, dates and
the corpus's own prose are matched exactly.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from briefing.cli import main
from readers import docx_text, pdf_text

FIXTURE = Path(__file__).parent / "fixtures" / "real"
BRIEFS = (
    "japan/mongolia",
    "united-states/mongolia",
    "australia/tonga",
    "european-union/asean",
    "new-zealand/asean",
    "germany/mongolia",
)
LANGS = ("en", "fr")
FORMATS = ("pdf", "docx")

# French labels a catalog may word in more than one right way
NEARLY_FR = "(?:près de|presque)"
TO_FR = "(?:à|au|–)"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def flat(text: str) -> str:
    """The text as one line of words: spaces of every width as one, curly apostrophes
    straight, and a word broken after its hyphen at the end of a PDF line joined again."""
    text = re.sub("[\u00a0\u202f\u2007\u2009]", " ", text).replace("\u2019", "'")
    text = " ".join(text.split())
    return re.sub(r"(?<=\w)- (?=\w)", "-", text)


def copy_corpus(into: Path) -> Path:
    root = into / "real"
    shutil.copytree(FIXTURE, root)
    return root


def build_texts(root: Path, target: str) -> dict[tuple[str, str], str]:
    """Build `target` in English and French, PDF and DOCX; its text by (lang, format)."""
    formats = ",".join(FORMATS)
    result = run(
        "build", target, "--lang", ",".join(LANGS), "--format", formats, "-q", "--workspace", root
    )
    assert result.exit_code == 0, result.output
    base = root / "briefs" / target
    return {(lang, "pdf"): flat(pdf_text(Path(f"{base}.{lang}.pdf"))) for lang in LANGS} | {
        (lang, "docx"): flat(docx_text(Path(f"{base}.{lang}.docx"))) for lang in LANGS
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def texts(corpus: Path) -> dict[tuple[str, str, str], str]:
    """Every brief's text by (target, lang, format), built once for the module."""
    out: dict[tuple[str, str, str], str] = {}
    for target in BRIEFS:
        for (lang, fmt), text in build_texts(corpus, target).items():
            out[target, lang, fmt] = text
    return out


def problems(root: Path) -> list[dict[str, object]]:
    result = run("check", "--format", "json", "--workspace", root)
    return list(json.loads(result.stdout)["problems"])


JAPAN, US, AUSTRALIA, EU, NZ, GERMANY = BRIEFS
# (brief, kind of issue 15, English pattern, French pattern): see FACTS.md. A rendered fact
# is worded or formatted by the tool (a number, a date, a label): its pattern cannot be
# satisfied by the data's own text, in one language at least (see the test below).
RENDERED: list[tuple[str, str, str, str]] = [
    (JAPAN, "goods in yen", r"¥41\.8 billion", r"41,8 milliards JPY"),
    (JAPAN, "goods in dollars", r"\$84 million", r"84 millions \$US"),
    (
        JAPAN,
        "rank",
        r"\b56th export partner of Japan",
        r"\b56e partenaire à l'exportation du Japon",
    ),
    (JAPAN, "labelled count over years", r"50,000 trees over 5 years", r"50 000 arbres sur 5 ans"),
    (JAPAN, "about", r"about ¥3 billion", r"environ 3 milliards JPY"),
    (JAPAN, "people-to-people", r"\b4,159\b", r"\b4 159\b"),
    (JAPAN, "time", r"1:10 PM", r"13 h 10"),
    (JAPAN, "duration in hours", r"\b1 hour\b", r"\b1 heure\b"),
    (JAPAN, "duration in hours, plural", r"\b2 hours\b", r"\b2 heures\b"),
    (JAPAN, "planned visit", r"(?i)\bplanned\b", r"(?i)\bprévue?\b"),
    (JAPAN, "since a month", r"since December 2022", r"depuis décembre 2022"),
    (JAPAN, "issued", r"(?i)\bissued\b", r"(?i)\bpubliée?\b"),
    (JAPAN, "ratified", r"(?i)\bratified\b", r"(?i)\bratifiée?\b"),
    (JAPAN, "renewed", r"(?i)\brenewed\b", r"(?i)\brenouvelée?\b"),
    (JAPAN, "status in force", r"(?i)\bin force\b", r"(?i)\ben vigueur\b"),
    (JAPAN, "honorific", r"H\.E\. Ukhnaa Khurelsukh", r"S\.E\. Ukhnaa Khurelsukh"),
    (JAPAN, "milestone", r"February 24, 1972", r"24 février 1972"),
    (US, "goods", r"\$131 million", r"131 millions \$US"),
    (US, "stated growth", r"up 47\.1 ?% on 2017", r"en hausse de 47,1 % par rapport à 2017"),
    (
        US,
        "stated growth of investment",
        r"up 63\.3 ?% on 2016",
        r"en hausse de 63,3 % par rapport à 2016",
    ),
    (US, "partner's economy", r"The partner's economy", r"Économie du partenaire"),
    (US, "growth of the economy", r"up 223 ?% on 2006", r"en hausse de 223 % par rapport à 2006"),
    (US, "nearly", r"nearly \$13 million", NEARLY_FR + r" 13 millions \$US"),
    (
        US,
        "up to, over 5 years",
        r"up to \$25 million over 5 years",
        r"jusqu'à 25 millions \$US sur 5 ans",
    ),
    (US, "mixed currencies", r"MNT8\.5 billion", r"8,5 milliards MNT"),
    (US, "over 17 years", r"over 17 years", r"sur 17 ans"),
    (US, "incomplete, marked", r"(?i)incomplete", r"(?i)incomplet"),
    (US, "currency printed as $", r"(?i)currency not stated", r"9,4 millions \$US"),
    (US, "up to", r"up to \$600,000", r"jusqu'à 600 000 \$US"),
    (US, "students", r"over 1,300 students", r"plus de 1 300 étudiants"),
    (
        US,
        "U.S. fiscal year",
        r"October 2003 to September 2004",
        r"octobre 2003 " + TO_FR + r" septembre 2004",
    ),
    (
        US,
        "range mixing precisions",
        r"2003 (?:to|–) October 2008",
        r"2003 " + TO_FR + r" octobre 2008",
    ),
    (US, "programme over 5 years", r"\$285 million over 5 years", r"285 millions \$US sur 5 ans"),
    (US, "quotes", r"Statements on record", r"Déclarations publiques"),
    (
        US,
        "quote's date",
        r"Klecheski.{0,200}January 14, 2021|January 14, 2021.{0,200}Klecheski",
        r"Klecheski.{0,200}14 janvier 2021|14 janvier 2021.{0,200}Klecheski",
    ),
    (US, "expired", r"(?i)\bexpired\b", r"(?i)\b(?:expiré|échu|arrivé à (?:son )?terme)"),
    (US, "issued (a statement)", r"(?i)\bissued\b", r"(?i)\bpubliée\b"),
    (
        AUSTRALIA,
        "Australian fiscal year",
        r"July 2023 to June 2024",
        r"juillet 2023 " + TO_FR + r" juin 2024",
    ),
    (
        AUSTRALIA,
        "Australian fiscal year, older",
        r"July 2015 to June 2016",
        r"juillet 2015 " + TO_FR + r" juin 2016",
    ),
    (
        AUSTRALIA,
        "Tonga's fiscal year",
        r"July 2012 to June 2013",
        r"juillet 2012 " + TO_FR + r" juin 2013",
    ),
    (AUSTRALIA, "currency printed as $", r"\$112\.8 million", r"112,8 millions \$AU"),
    (
        AUSTRALIA,
        "currency printed as $, marked",
        r"(?i)currency not stated",
        r"112,8 millions \$AU",
    ),
    (AUSTRALIA, "mixed currencies", r"TOP7\.8 million", r"7,8 millions TOP"),
    (AUSTRALIA, "at least", r"at least 3 ?%", r"au moins 3 %"),
    (AUSTRALIA, "value range", r"between 2\.5 ?%? and 3 ?%", r"entre 2,5 ?%? et 3 %"),
    (AUSTRALIA, "a fall", r"[−-]0\.3 ?%", r"[−-]0,3 %"),
    (
        AUSTRALIA,
        "rank",
        r"\b3rd on the World Risk Index",
        r"\b3e au classement de l'indice mondial des risques",
    ),
    (AUSTRALIA, "labelled count", r"36 inhabited islands", r"36 îles habitées"),
    (AUSTRALIA, "area", r"748 km²", r"748 km²"),
    # no \b after: a PDF glues the footnote number to the last word ("13 hours8")
    (AUSTRALIA, "hours", r"\b13 hours", r"\b13 heures"),
    (
        AUSTRALIA,
        "range mixing precisions",
        r"2008 (?:to|–) June 2020",
        r"2008 " + TO_FR + r" juin 2020",
    ),
    (
        AUSTRALIA,
        "honorific",
        r"the Hon\. Samiuela 'Akilisi Pohiva",
        r"l'hon\. Samiuela 'Akilisi Pohiva",
    ),
    (
        AUSTRALIA,
        "elected",
        r"(?i)elected.{0,30}29 December 2014",
        r"(?i)(?:élu|élection).{0,30}29 décembre 2014",
    ),
    (
        AUSTRALIA,
        "re-elected",
        r"(?i)re-elected.{0,20}18 December 2017",
        r"(?i)(?:réélu|réélection).{0,20}18 décembre 2017",
    ),
    (AUSTRALIA, "honorific, ours", r"His Excellency Brek Batley", r"Son Excellence Brek Batley"),
    (
        AUSTRALIA,
        "translation marked",
        r"reducing deficits.{0,300}12 June 2025",
        r"(?i)services de santé.{0,300}traduction|traduction.{0,300}mettent la dernière main",
    ),
    (
        AUSTRALIA,
        "ratified by",
        r"(?i)ratified.{0,40}Cook Islands|Cook Islands.{0,40}ratified",
        r"(?i)ratifié.{0,40}Îles Cook|Îles Cook.{0,40}ratifié",
    ),
    (AUSTRALIA, "expired", r"(?i)\bexpired\b", r"(?i)\b(?:expiré|échu)"),
    (AUSTRALIA, "people-to-people", r"over 43,000", r"plus de 43 000"),
    (AUSTRALIA, "milestone", r"4 July 2015", r"4 juillet 2015"),
    (EU, "organisation brief", r"(?i)organisation brief", r"(?i)note sur l'organisation"),
    (EU, "member states listed", r"Cambodia", r"Cambodge"),
    (EU, "goods", r"€272 billion", r"272 milliards €"),
    (EU, "stated growth", r"up 11 ?% on 2014", r"en hausse de 11 % par rapport à 2014"),
    (EU, "nearly", r"nearly €118 billion", NEARLY_FR + r" 118 milliards €"),
    (EU, "rank", r"\b3rd trading partner of ASEAN", r"\b3e partenaire commercial de l'ASEAN"),
    (EU, "rank of the economy", r"\b7th largest economy in the world", r"\b7e économie mondiale"),
    (EU, "member states", r"\b10 member states", r"\b10 États membres"),
    (EU, "labelled count", r"\b25 ambassadors", r"\b25 ambassadeurs"),
    (EU, "labelled count, over", r"over 11,000 businesses", r"plus de 11 000 entreprises"),
    (EU, "currency printed as dollars", r"US\$206 billion", r"206 milliards \$US"),
    (EU, "mixed currencies", r"US\$29\.3 billion", r"29,3 milliards \$US"),
    (
        EU,
        "adopted at a place",
        r"(?i)adopted.{0,60}Bandar Seri Begawan",
        r"(?i)adoptée? à Bandar Seri Begawan",
    ),
    (EU, "acceded", r"(?i)\bacceded\b", r"(?i)\badhé(?:ré|sion)"),
    (EU, "elevated", r"(?i)\belevated\b", r"(?i)\b(?:élevée?|rehaussée?)\b"),
    (EU, "signed on a day", r"7 March 1980", r"7 mars 1980"),
    (EU, "an amount over a period", r"€180 million", r"180 millions €"),
    (NZ, "organisation brief", r"(?i)organisation brief", r"(?i)note sur l'organisation"),
    (NZ, "member states listed", r"Cambodia", r"Cambodge"),
    (NZ, "goods and services", r"\$15\.2 billion", r"15,2 milliards \$NZ"),
    (NZ, "a June year", r"July 2016 (?:–|to) June 2017", r"juillet 2016 " + TO_FR + r" juin 2017"),
    (NZ, "nearly", r"nearly \$16 million", NEARLY_FR + r" 16 millions \$NZ"),
    (
        NZ,
        "more than doubled",
        r"(?i)more than doubled|over (?:2 times|twice) the figure of 2010",
        r"(?i)plus que doublé|plus du double|plus de (?:deux|2) fois le chiffre de 2010",
    ),
    (NZ, "over 3 years", r"over 3 years", r"sur 3 ans"),
    (NZ, "over, in dollars", r"over \$200 million", r"plus de 200 millions \$NZ"),
    (
        NZ,
        "rank",
        r"\b4th trading partner of New Zealand",
        r"\b4e partenaire commercial de la Nouvelle-Zélande",
    ),
    (NZ, "planned visit", r"(?i)\bplanned\b", r"(?i)\bprévue?\b"),
    (NZ, "students", r"over 12,000 students", r"plus de 12 000 étudiants"),
    (NZ, "partner's GDP in dollars", r"over US\$4\.1 trillion", r"plus de 4,1 billions \$US"),
    (
        GERMANY,
        "translation marked",
        r"(?i)translat\w* from (?:the )?German",
        r"(?i)traduction de l'allemand|traduction.{0,30}original en allemand",
    ),
    (GERMANY, "duration in days", r"\b2 days\b", r"\b2 jours\b"),
    (
        GERMANY,
        "rank",
        r"\b3rd largest traditional donor to Mongolia",
        r"\b3e donateur traditionnel de la Mongolie",
    ),
    (GERMANY, "goods", r"about €130 million", r"environ 130 millions €"),
    (GERMANY, "issued (a declaration)", r"(?i)\bissued\b", r"(?i)\bpubliée\b"),
    (GERMANY, "milestone", r"31 January 1974", r"31 janvier 1974"),
]
# A printed fact is the data's own text (prose, a name, a figure as printed): shown as written.
PRINTED: list[tuple[str, str, str, str]] = [
    (
        JAPAN,
        "counterpart",
        r"H\.E\. Mr\. Luvsannamsrai Oyun-Erdene",
        r"S\.E\. M\. Luvsannamsrai Oyun-Erdene",
    ),
    (
        JAPAN,
        "no place or direction",
        r"Telephone talk to explain the postponement of the visit",
        r"Entretien téléphonique pour expliquer le report de la visite",
    ),
    (JAPAN, "duration in minutes", r"\b15 minutes\b", r"\b15 minutes\b"),
    (
        JAPAN,
        "outcome",
        r"Postponed after the earthquake warning of 8 August 2024",
        r"Reportée après l'alerte sismique du 8 août 2024",
    ),
    (
        JAPAN,
        "security",
        r"air traffic control radar system worth 1\.3 billion yen",
        r"radar de contrôle aérien d'une valeur de 1,3 milliard de yens",
    ),
    (US, "incomplete, as printed", r"USD 218 million", r"USD 218 million"),
    (
        US,
        "quote with a speaker",
        r"share a commitment to inclusive democratic governance",
        r"Michael Klecheski",
    ),
    (US, "quote with a role", r"Ambassador Kirk", r"l'ambassadeur Kirk"),
    (US, "host", r"Vice President Kamala Harris", r"la vice-présidente Kamala Harris"),
    (
        AUSTRALIA,
        "quote",
        r"built on mutual respect, shared values",
        r"built on mutual respect, shared values",
    ),
    (
        AUSTRALIA,
        "quote translated",
        r"these funds will make a real difference",
        r"mettent la dernière main à leur budget",
    ),
    (AUSTRALIA, "parties", r"Tuvalu", r"Tuvalu"),
    (AUSTRALIA, "concluded at a place", r"Brisbane", r"Brisbane"),
    (AUSTRALIA, "security", r"VOEA Ngahau Koula", r"VOEA Ngahau Koula"),
    (
        EU,
        "a visit with only a role",
        r"EU and ASEAN foreign ministers",
        r"ministres des Affaires étrangères de l'UE et de l'ASEAN",
    ),
    (
        NZ,
        "quote translated",
        r"Fifty years ago, we exported nearly \$16 million",
        r"Il y a cinquante ans, nous exportions",
    ),
    (
        GERMANY,
        "quote in German, translated",
        r"We visitors from Germany",
        r"Nous, visiteurs venus d'Allemagne",
    ),
    (
        GERMANY,
        "source title in German",
        r"Deutschland und die Mongolei: Enge Partner seit 40 Jahren",
        r"Deutschland und die Mongolei ?: Enge Partner seit 40 Jahren",
    ),
]
FACTS = RENDERED + PRINTED


@pytest.mark.parametrize(
    ("target", "kind", "english", "french"),
    FACTS,
    ids=[f"{target}: {kind}" for target, kind, _, _ in FACTS],
)
def test_each_fact_reads_right_in_both_languages_and_formats(
    texts: dict[tuple[str, str, str], str], target: str, kind: str, english: str, french: str
) -> None:
    for lang, pattern in (("en", english), ("fr", french)):
        for fmt in FORMATS:
            assert re.search(pattern, texts[target, lang, fmt]), (kind, lang, fmt, pattern)


def data_text(target: str) -> str:
    """Every value of the files a brief reads (its relationship, its partner's profile and
    regions.yaml), as one flat text: what the brief could show without wording anything."""
    home, partner = target.split("/")
    data = FIXTURE / "data"
    values: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        else:
            values.append(str(node))

    relationship, profile = data / home / f"{partner}.yaml", data / "countries" / f"{partner}.yaml"
    for path in (relationship, profile, data / "regions.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return flat(" ".join(values))


@pytest.mark.parametrize(
    ("target", "kind", "english", "french"),
    RENDERED,
    ids=[f"{target}: {kind}" for target, kind, _, _ in RENDERED],
)
def test_a_rendered_fact_is_not_the_data_echoed(
    target: str, kind: str, english: str, french: str
) -> None:
    """So that the test above can fail: in one language at least, the pattern needs words
    or a format the tool produces."""
    text = data_text(target)
    assert not (re.search(english, text) and re.search(french, text)), kind


def test_the_corpus_checks_without_errors(corpus: Path) -> None:
    found = problems(corpus)
    assert [p for p in found if p["severity"] == "error"] == []


def test_check_warns_of_mixed_currencies_and_past_planned_visits(corpus: Path) -> None:
    """Japan's goods series mixes yen and dollars; two visits planned for 2024 and 2025 are
    still marked planned."""
    warnings = [p for p in problems(corpus) if p["severity"] == "warning"]
    mixed = [
        p
        for p in warnings
        if p["path"] == "data/japan/mongolia.yaml"
        and str(p["field"]).startswith("trade.figures")
        and "USD" in str(p["message"])
        and "JPY" in str(p["message"])
    ]
    assert mixed, warnings
    planned = {
        str(p["path"])
        for p in warnings
        if str(p["field"]).startswith("visits[") and "planned" in str(p["message"]).lower()
    }
    assert planned == {"data/japan/mongolia.yaml", "data/new-zealand/asean.yaml"}, warnings


def test_a_goods_and_an_agrifood_figure_of_the_same_year_both_appear(
    texts: dict[tuple[str, str, str], str],
) -> None:
    """FoodDrinkEurope gives 2021's trade in goods and in food and drink: neither hides the
    other, and each has its own caption."""
    for fmt in FORMATS:
        english = texts["european-union/asean", "en", fmt]
        french = texts["european-union/asean", "fr", fmt]
        for pattern in (
            r"over €215\.9 billion",
            r"about €17\.2 billion",
            "Trade in goods",
            "Agri-food trade",
        ):
            assert re.search(pattern, english), (fmt, pattern)
        for pattern in (r"plus de 215,9 milliards €", r"environ 17,2 milliards €"):
            assert re.search(pattern, french), (fmt, pattern)


def test_a_colliding_figure_is_an_error_at_the_second(tmp_path: Path) -> None:
    """A second goods total for 2022 beside the EEAS's is refused, located at the second."""
    root = copy_corpus(tmp_path)
    path = root / "data" / "european-union" / "asean.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if "value: 272e9" in line)
    lines.insert(first + 1, lines[first].replace("value: 272e9", "value: 1.0e9"))
    path.write_text("".join(lines), encoding="utf-8")
    errors = [p for p in problems(root) if p["severity"] == "error"]
    assert len(errors) == 1, errors
    assert errors[0]["path"] == "data/european-union/asean.yaml"
    assert errors[0]["line"] == first + 2  # the inserted line, counted from 1
    assert str(errors[0]["field"]).startswith("trade.figures[1]"), errors[0]


def test_a_us_fiscal_year_2022_reads_as_its_months(tmp_path: Path) -> None:
    """The issue's own example: the real FY2004 of the corpus moved to FY2022 in a copy,
    to show the month span of the year named by its end (no fact of the corpus says FY2022)."""
    root = copy_corpus(tmp_path)
    path = root / "data" / "united-states" / "mongolia.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("date: FY2004") == 1
    path.write_text(text.replace("date: FY2004", "date: FY2022"), encoding="utf-8")
    built = build_texts(root, "united-states/mongolia")
    for fmt in FORMATS:
        assert "October 2021 to September 2022" in built["en", fmt], fmt
        assert re.search("octobre 2021 " + TO_FR + " septembre 2022", built["fr", fmt]), fmt


@pytest.mark.parametrize(
    ("lang", "name", "verb"),
    [
        ("en", "Japan-Mongolia Action Plan (2022-2031)", r"(?i)\bissued\b"),
        ("fr", "Plan d'action Japon-Mongolie (2022-2031)", r"(?i)\bpublié"),
    ],
)
def test_an_issued_plan_is_never_said_signed(
    texts: dict[tuple[str, str, str], str], lang: str, name: str, verb: str
) -> None:
    """The action plan of 2022 was issued, not signed: its entry says so in each language."""
    for fmt in FORMATS:
        text = texts["japan/mongolia", lang, fmt]
        assert name in text, (lang, fmt)
        entry = text[text.index(name) : text.index(name) + 200]
        assert re.search(verb, entry), (lang, fmt, entry)
        assert "sign" not in entry.lower(), (lang, fmt, entry)


@pytest.mark.parametrize(
    ("target", "address"),
    [
        ("australia/tonga", "https://tonga.embassy.gov.au/nkfa/securitypartnership.html"),
        (
            "germany/mongolia",
            "https://www.bundespraesident.de/SharedDocs/Reden/DE/Frank-Walter-Steinmeier/"
            "Reden/2024/02/240207-Staatsbankett-Mongolei.html",
        ),
    ],
)
def test_a_bare_source_shows_its_address(
    texts: dict[tuple[str, str, str], str], target: str, address: str
) -> None:
    """A source with no title or publisher is listed by its address (a PDF line may break
    it, so the text is read without spaces)."""
    for lang in LANGS:
        for fmt in FORMATS:
            assert address in "".join(texts[target, lang, fmt].split()), (lang, fmt)
