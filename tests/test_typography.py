"""French typography on the rendered page: the rules of each locale, and nothing else."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from briefing.formatting import Formatter
from briefing.typography import typeset, unbroken

NBSP, NNBSP = "\u00a0", "\u202f"


def page(body: str, lang: str = "fr-CA") -> str:
    return f'<!DOCTYPE html>\n<html lang="{lang}"><head></head><body>{body}</body></html>'


def body(html: str) -> str:
    return html[html.index("<body>") + 6 : html.index("</body>")]


@pytest.mark.parametrize(
    ("written", "typeset_as"),
    [
        ("<p>Régions frontalières: 9</p>", f"<p>Régions frontalières{NBSP}: 9</p>"),
        ("<p>trois buts : une prospérité</p>", f"<p>trois buts{NBSP}: une prospérité</p>"),
        ("<p><strong>1968</strong>: Début</p>", f"<p><strong>1968</strong>{NBSP}: Début</p>"),
        ("<p><strong>1968 </strong> : Début</p>", f"<p><strong>1968</strong>{NBSP}: Début</p>"),
        ("<p>l'Asie et d'autre part</p>", "<p>l’Asie et d’autre part</p>"),
        ("<p>« à vérifier »</p>", f"<p>«{NBSP}à vérifier{NBSP}»</p>"),
        ("<p>«<em>Non protégé</em>»</p>", f"<p>«{NBSP}<em>Non protégé</em>{NBSP}»</p>"),
        ("<p>envisagée? Oui; bien sûr!</p>", "<p>envisagée? Oui; bien sûr!</p>"),
        ("<p>11:45 et 12:55</p>", "<p>11:45 et 12:55</p>"),  # times are the formatter's
        ("<p>dès 11 h 45, puis à 9 h.</p>", f"<p>dès 11{NBSP}h{NBSP}45, puis à 9{NBSP}h.</p>"),
        (
            "<p>Voir <a href=\"https://x.org/a?b=c'd\">https://x.org/a?b=c'd</a>: là</p>",
            f"<p>Voir <a href=\"https://x.org/a?b=c'd\">https://x.org/a?b=c'd</a>{NBSP}: là</p>",
        ),
        ('<p lang="es">nuevo presidente: es el octavo</p>', None),
        ("<p>(: rien avant</p>", "<p>(: rien avant</p>"),
        ("<p>environ 250 000 personnes</p>", f"<p>environ 250{NBSP}000 personnes</p>"),
        ("<p>1 234 567 et 12 000,5</p>", f"<p>1{NBSP}234{NBSP}567 et 12{NBSP}000,5</p>"),
        ("<p>en 2009 250 sociétés, en 2012, 100</p>", None),  # no digit groups here
    ],
)
def test_canadian_french(written: str, typeset_as: str | None) -> None:
    assert body(typeset(page(written), "fr_CA")) == (typeset_as or written)


@pytest.mark.parametrize(
    ("written", "typeset_as"),
    [
        (
            "<p>envisagée? Oui ; bien sûr!</p>",
            f"<p>envisagée{NNBSP}? Oui{NNBSP}; bien sûr{NNBSP}!</p>",
        ),
        ("<p><em>Quand</em>?</p>", f"<p><em>Quand</em>{NNBSP}?</p>"),
        ("<p>Date: 1er décembre</p>", f"<p>Date{NBSP}: 1er{NBSP}décembre</p>"),
        ("<p>du 4 janvier 2011, 12 pommes</p>", f"<p>du 4{NBSP}janvier 2011, 12 pommes</p>"),
        ("<p>environ 250 000 personnes</p>", f"<p>environ 250{NNBSP}000 personnes</p>"),
        (
            "<p>Voir https://x.org/?q=1&amp;r=2 puis</p>",
            "<p>Voir https://x.org/?q=1&amp;r=2 puis</p>",
        ),
    ],
)
def test_french_of_france(written: str, typeset_as: str) -> None:
    assert body(typeset(page(written, "fr-FR"), "fr_FR")) == typeset_as


def test_an_english_page_is_left_as_written() -> None:
    html = page("<p>Peru's exports: gold; silver?</p>", "en-CA")
    assert typeset(html, "en_CA") == html


def test_french_inside_an_english_page_is_typeset() -> None:
    html = typeset(page('<p>Title: <span lang="fr">l\'Asie : ici</span></p>', "en-CA"), "en_CA")
    assert body(html) == f'<p>Title: <span lang="fr">l’Asie{NBSP}: ici</span></p>'


def test_styles_and_metadata() -> None:
    html = page("<style>a:hover{content:'x'}</style><p>x</p>").replace(
        "<head></head>",
        '<head><meta name="author" content="Ministère de l\'Europe">'
        "<style>p::before{content:'a : b'}</style></head>",
    )
    out = typeset(html, "fr_FR")
    assert "content:'a : b'" in out and "a:hover{content:'x'}" in out
    assert 'content="Ministère de l’Europe"' in out


@pytest.mark.parametrize(("locale", "group"), [("fr_CA", NBSP), ("fr_FR", NNBSP), ("en_CA", ",")])
def test_the_formatter_groups_digits_with_no_break_spaces(locale: str, group: str) -> None:
    assert Formatter("fr", locale).number(250_000) == f"250{group}000"


def test_a_title_keeps_its_compounds_whole_and_its_markup() -> None:
    title = unbroken('l\'Asie du Sud-Est <span class="untranslated">Canada–Peru</span>')
    assert title == (
        'l&#39;Asie du <span class="compound">Sud-Est</span> &lt;span class=&#34;untranslated'
        '&#34;&gt;<span class="compound">Canada–Peru</span>&lt;/span&gt;'
    )  # plain text is escaped; HTML (Markup) keeps its tags:
    assert unbroken(Markup('<span class="x">Sud-Est</span>')) == (
        '<span class="x"><span class="compound">Sud-Est</span></span>'
    )
