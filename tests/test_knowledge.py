"""Knowledge tables: every file parses, entries are well formed, lookups work."""

from __future__ import annotations

import pytest

from communique.knowledge import actor_tables as tables
from communique.knowledge.gazetteer import gazetteer, tokenize

PLOVER_SECTORS = {
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM",
    "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
}
FORMAT_IGO_CODES = {
    "NATO", "EU", "UN", "UNSC", "UNGA", "ASEAN", "AU", "G7", "G20", "IAEA", "WHO", "IMF", "WB", "WTO",
    "OPEC", "SCO", "BRICS", "OSCE", "ICC", "ICJ", "OAS", "ECOWAS", "GCC", "ARAB_LEAGUE", "QUAD", "AUKUS",
    "CSTO", "IP4",
}


@pytest.mark.parametrize(
    "name",
    ["countries.yaml", "not_states.yaml", "igos.yaml", "seats.yaml", "orgs.yaml", "roles.yaml", "sectors.yaml",
     "leaders.yaml"],
)
def test_every_table_parses_and_says_where_it_comes_from(name: str) -> None:
    assert tables.load_yaml(name)
    from communique.config import data_path

    head = data_path(name).read_text(encoding="utf-8")[:1500]
    assert "source:" in head


def test_state_codes_are_iso_alpha3() -> None:
    table = tables.countries()
    raw = tables.load_yaml("countries.yaml")
    assert len(raw) >= 190
    assert all(table.is_state(code) for code in raw)


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Burma", "MMR"), ("Zaire", "COD"), ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"), ("Czechia", "CZE"), ("Eswatini", "SWZ"), ("Swaziland", "SWZ"),
        ("Russians", "RUS"), ("Japanese", "JPN"), ("DPRK", "PRK"), ("PRC", "CHN"), ("ROK", "KOR"),
        ("UAE", "ARE"), ("U.S.", "USA"), ("Washington", "USA"), ("Moscow", "RUS"), ("Congo", "COD"),
        ("Filipinos", "PHL"), ("Iraqis", "IRQ"), ("New Zealander", "NZL"),
    ],
)
def test_state_forms(form: str, code: str) -> None:
    assert tables.countries().code_of_name(form) == code


def test_every_iso_code_has_a_name() -> None:
    table = tables.countries()
    assert table.name("GRL") == "Greenland"  # from pycountry only
    assert table.name("USA") == "United States"
    assert table.adjective("CHN") == "Chinese"


def test_igos_use_format_codes_and_known_members() -> None:
    igos = tables.igos()
    assert FORMAT_IGO_CODES <= set(igos.by_code)
    assert igos.by_key["UNHCR"].code == "UN"
    assert set(igos.by_code["IP4"].members) == {"AUS", "JPN", "NZL", "KOR"}
    assert set(igos.by_code["QUAD"].members) == {"AUS", "IND", "JPN", "USA"}
    assert "NATO" in igos.descriptors["alliance"]
    for entry in igos.by_key.values():
        assert all(tables.countries().is_state(m) for m in entry.members)


def test_seats_and_orgs_have_states_and_sectors() -> None:
    for entry in [*tables.seats().values(), *tables.known_orgs().values()]:
        assert entry.country is None or tables.countries().is_state(entry.country), entry.name
        assert set(entry.sectors) <= PLOVER_SECTORS and entry.sector in PLOVER_SECTORS, entry.name
    assert tables.seats()["Kremlin"].country == "RUS"
    assert tables.known_orgs()["Houthis"].sector == "REB"


def test_role_heads_and_sectors() -> None:
    roles = tables.roles()
    words = ["deputy", "prime", "minister"]
    assert roles.head_at(words, 1).words == ("prime", "minister")  # type: ignore[union-attr]
    assert roles.head_at(["rep.", "x"], 0).role == "Representative"  # type: ignore[union-attr]
    assert roles.head_at(["spokeswoman"], 0).gender == "f"  # type: ignore[union-attr]
    for heads in roles.heads.values():
        assert all(h.sector in PLOVER_SECTORS for h in heads)


@pytest.mark.parametrize(
    ("words", "sector"),
    [
        ("defence minister", None), ("army chief", "MIL"), ("riot police", "COP"), ("rebels", "REB"),
        ("protesters", "CVL"), ("opposition leader", "OPP"), ("state broadcaster", "JRN"),
        ("former president", "ELI"),
    ],
)
def test_sector_cues(words: str, sector: str | None) -> None:
    primary, _ = tables.sectors().sector_of(words.split())
    assert primary == sector


def test_sector_default_and_secondary() -> None:
    primary, others = tables.sectors().sector_of(["former", "defence", "minister"], default="GOV")
    assert primary == "ELI" and "GOV" in others
    assert tables.sectors().ministry_topics["external affairs"] == "Foreign"


def test_gazetteer_longest_match_and_blocks() -> None:
    words = list(tokenize("The U.N. Security Council, Latin American states and the White House"))
    hits = gazetteer().match(words)
    found = [(" ".join(words[h.start : h.end]), h.entry.kind, h.entry.key) for h in hits]
    assert ("U.N. Security Council", "igo", "UNSC") in found
    assert ("Latin American", "block", "Latin American") in found
    assert ("White House", "seat", "White House") in found
    assert not any(kind == "state" for _, kind, _ in found)


def test_leaders_lookup_ignores_accents_and_case() -> None:
    from communique.knowledge import persons

    known = persons.dictionary()
    putin = known.standing(["Putin"], "2024-05-01")
    assert putin is not None and putin.country == "RUS"
    guterres = known.standing(["ANTÓNIO GUTERRES"], "2024-05-01")
    assert guterres is not None and guterres.org == "UN"
    own, _ = persons.own_persons()
    for person in own:
        for term in person.terms:
            assert (term.country is None) != (term.org is None), person.name
            assert term.country is None or tables.countries().is_state(term.country), person.name


def test_plural_role_heads() -> None:
    head = tables.roles().head_at(["spokesmen"], 0)
    assert head is not None and head.plural and head.gender == "m"
