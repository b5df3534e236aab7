"""How a brief words an instrument: its kind, what happened to it, where it stands.

A participle agrees with its noun in French and Spanish (« déclaration publiée », « accord
signé »), and the name of an instrument says nothing a program can read of its gender.
So the brief names the noun itself, the instrument's kind (« Déclaration commune publiée à
Lima le 3 mai 2015 »), and each language's catalog says which gender that noun takes
(context "agreement kind: masculine or feminine") and gives each participle in each
gender. An instrument of no stated kind has no noun to agree with: its events read as
nouns (« Publication à Lima le 3 mai 2015 »), never as a participle that might not agree.
A language whose catalog gives no gender for a kind reads the same way.
"""

from __future__ import annotations

from typing import Protocol


class Catalog(Protocol):
    """What these words need of a formatter: its catalog, with contexts."""

    def pgettext(self, context: str, message: str) -> str: ...


def kind_name(fmt: Catalog, kind: str) -> str:
    """The noun of a kind, in lower case, as the subject of its events: `joint statement`."""
    names = {
        "treaty": fmt.pgettext("agreement kind", "treaty"),
        "agreement": fmt.pgettext("agreement kind", "agreement"),
        "memorandum": fmt.pgettext("agreement kind", "memorandum"),
        "declaration": fmt.pgettext("agreement kind", "declaration"),
        "joint_statement": fmt.pgettext("agreement kind", "joint statement"),
        "action_plan": fmt.pgettext("agreement kind", "action plan"),
        "partnership": fmt.pgettext("agreement kind", "partnership"),
    }
    return names[kind]


def gender(fmt: Catalog, kind: str | None) -> str | None:
    """The gender the catalog gives the noun of `kind`; None when it gives none (English,
    a kind of `other` or none, a language without grammatical gender)."""
    genders = {
        "treaty": fmt.pgettext("agreement kind: masculine or feminine", "treaty"),
        "agreement": fmt.pgettext("agreement kind: masculine or feminine", "agreement"),
        "memorandum": fmt.pgettext("agreement kind: masculine or feminine", "memorandum"),
        "declaration": fmt.pgettext("agreement kind: masculine or feminine", "declaration"),
        "joint_statement": fmt.pgettext("agreement kind: masculine or feminine", "joint statement"),
        "action_plan": fmt.pgettext("agreement kind: masculine or feminine", "action plan"),
        "partnership": fmt.pgettext("agreement kind: masculine or feminine", "partnership"),
    }
    said = genders.get(kind or "")
    return said if said in ("masculine", "feminine") else None


def event_words(fmt: Catalog, event: str, kind: str | None) -> str:
    """What happened, in lower case: after the kind's noun, a participle that agrees with
    it (`issued`, « publiée »); with no noun, a noun of its own (« publication »)."""
    said = gender(fmt, kind)
    if said == "masculine":
        words = {
            "launched": fmt.pgettext("agreement event, masculine", "launched"),
            "concluded": fmt.pgettext("agreement event, masculine", "concluded"),
            "issued": fmt.pgettext("agreement event, masculine", "issued"),
            "signed": fmt.pgettext("agreement event, masculine", "signed"),
            "adopted": fmt.pgettext("agreement event, masculine", "adopted"),
            "ratified": fmt.pgettext("agreement event, masculine", "ratified"),
            "acceded": fmt.pgettext("agreement event, masculine", "acceded to"),
            "renewed": fmt.pgettext("agreement event, masculine", "renewed"),
            "elevated": fmt.pgettext("agreement event, masculine", "elevated"),
            "in_force": fmt.pgettext("agreement event, masculine", "entered into force"),
            "expired": fmt.pgettext("agreement event, masculine", "expired"),
            "terminated": fmt.pgettext("agreement event, masculine", "terminated"),
        }
    elif said == "feminine":
        words = {
            "launched": fmt.pgettext("agreement event, feminine", "launched"),
            "concluded": fmt.pgettext("agreement event, feminine", "concluded"),
            "issued": fmt.pgettext("agreement event, feminine", "issued"),
            "signed": fmt.pgettext("agreement event, feminine", "signed"),
            "adopted": fmt.pgettext("agreement event, feminine", "adopted"),
            "ratified": fmt.pgettext("agreement event, feminine", "ratified"),
            "acceded": fmt.pgettext("agreement event, feminine", "acceded to"),
            "renewed": fmt.pgettext("agreement event, feminine", "renewed"),
            "elevated": fmt.pgettext("agreement event, feminine", "elevated"),
            "in_force": fmt.pgettext("agreement event, feminine", "entered into force"),
            "expired": fmt.pgettext("agreement event, feminine", "expired"),
            "terminated": fmt.pgettext("agreement event, feminine", "terminated"),
        }
    else:
        words = {
            "launched": fmt.pgettext("agreement event, no noun", "launched"),
            "concluded": fmt.pgettext("agreement event, no noun", "concluded"),
            "issued": fmt.pgettext("agreement event, no noun", "issued"),
            "signed": fmt.pgettext("agreement event, no noun", "signed"),
            "adopted": fmt.pgettext("agreement event, no noun", "adopted"),
            "ratified": fmt.pgettext("agreement event, no noun", "ratified"),
            "acceded": fmt.pgettext("agreement event, no noun", "acceded to"),
            "renewed": fmt.pgettext("agreement event, no noun", "renewed"),
            "elevated": fmt.pgettext("agreement event, no noun", "elevated"),
            "in_force": fmt.pgettext("agreement event, no noun", "entered into force"),
            "expired": fmt.pgettext("agreement event, no noun", "expired"),
            "terminated": fmt.pgettext("agreement event, no noun", "terminated"),
        }
    return words[event]


def status_words(fmt: Catalog, status: str, kind: str | None) -> str:
    """Where an instrument stands, in lower case: agreeing with the kind's noun after it
    (`in force`, « suspendue »), or in words of no gender after a label."""
    said = gender(fmt, kind)
    if said == "masculine":
        words = {
            "under_negotiation": fmt.pgettext("agreement status, masculine", "under negotiation"),
            "concluded": fmt.pgettext("agreement status, masculine", "concluded"),
            "signed": fmt.pgettext("agreement status, masculine", "signed"),
            "awaiting_ratification": fmt.pgettext(
                "agreement status, masculine", "awaiting ratification"
            ),
            "in_force": fmt.pgettext("agreement status, masculine", "in force"),
            "suspended": fmt.pgettext("agreement status, masculine", "suspended"),
            "expired": fmt.pgettext("agreement status, masculine", "expired"),
            "terminated": fmt.pgettext("agreement status, masculine", "terminated"),
        }
    elif said == "feminine":
        words = {
            "under_negotiation": fmt.pgettext("agreement status, feminine", "under negotiation"),
            "concluded": fmt.pgettext("agreement status, feminine", "concluded"),
            "signed": fmt.pgettext("agreement status, feminine", "signed"),
            "awaiting_ratification": fmt.pgettext(
                "agreement status, feminine", "awaiting ratification"
            ),
            "in_force": fmt.pgettext("agreement status, feminine", "in force"),
            "suspended": fmt.pgettext("agreement status, feminine", "suspended"),
            "expired": fmt.pgettext("agreement status, feminine", "expired"),
            "terminated": fmt.pgettext("agreement status, feminine", "terminated"),
        }
    else:
        words = {
            "under_negotiation": fmt.pgettext("agreement status, no noun", "under negotiation"),
            "concluded": fmt.pgettext("agreement status, no noun", "concluded"),
            "signed": fmt.pgettext("agreement status, no noun", "signed"),
            "awaiting_ratification": fmt.pgettext(
                "agreement status, no noun", "awaiting ratification"
            ),
            "in_force": fmt.pgettext("agreement status, no noun", "in force"),
            "suspended": fmt.pgettext("agreement status, no noun", "suspended"),
            "expired": fmt.pgettext("agreement status, no noun", "expired"),
            "terminated": fmt.pgettext("agreement status, no noun", "terminated"),
        }
    return words[status]
