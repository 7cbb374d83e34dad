"""Build training.gold.jsonl: short passages the team wrote and annotated to train the event scorer (issue 19).

160 passages of one to three sentences, wire style, set 2019-2026 across all regions. About two thirds
hold one or two codable events (every PLOVER type at least seven times, in verbal and nominal form,
active and passive voice, reported speech, planned, hypothetical, alleged and denied acts, domestic
events, acts of IGOs, recipients only implied by the story); the rest hold event-like words but no
codable event (the traps listed in ``TRAPS``). Written as a journalist would, without looking at the
project's lexicon or frames. Training material only: never used to report accuracy (README.md).

Run: python src/communique/examples/training/build.py [OUT]   (default: training.gold.jsonl beside this file)
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "training.gold.jsonl"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: The kinds of no-event passage (the traps a coder falls into), keyed by the label used below.
TRAPS: dict[str, str] = {
    "background": "a past event mentioned as background or a date ('the 2020 war')",
    "name": "an event word inside a name ('the Ministry of Defence', 'the Peace Fund')",
    "metaphor": "an event word used figuratively ('a battle over the budget', 'markets were hit')",
    "sport-business": "sport and business ('the team attacked', 'the firm launched a product')",
    "negated": "an act the narrator says did not happen and no one claims ('did not meet')",
    "question": "an act only asked about",
    "generic": "a general statement about a kind of act ('sanctions rarely work')",
    "job-title": "an event word in a person's job title ('a trade negotiator said')",
}

Record = dict[str, object]


@dataclass(frozen=True)
class Ev:
    """One gold event; ``when`` is an ISO date, or ``<Day`` / ``>Day`` resolved against the passage date."""

    type: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...] = ()
    when: str = ""
    mode: str | None = None
    status: str = "occurred"
    alt: tuple[str, ...] = ()
    optional: bool = False
    note: str = ""


@dataclass(frozen=True)
class Passage:
    """One passage: its date, title and text, its events (none for a trap), and the trap it sets."""

    date: str
    title: str
    text: str
    events: tuple[Ev, ...] = ()
    trap: str | None = None


def resolve(article_date: str, when: str) -> str:
    """An event date: ``<Day`` is the nearest such weekday on or before the article date, ``>Day`` on or after."""
    if not when or when[0] not in "<>":
        return when or article_date
    day = dt.date.fromisoformat(article_date)
    target = WEEKDAYS.index(when[1:])
    if when[0] == "<":
        return (day - dt.timedelta(days=(day.weekday() - target) % 7)).isoformat()
    return (day + dt.timedelta(days=(target - day.weekday()) % 7)).isoformat()


def E(kind: str, actors: str, recipients: str = "", when: str = "", *, mode: str | None = None,
      status: str = "occurred", alt: str = "", optional: bool = False, note: str = "") -> Ev:
    """An event; participants and alternative types are space-separated codes."""
    return Ev(kind, tuple(actors.split()), tuple(recipients.split()), when, mode, status,
              tuple(alt.split()), optional, note)


def P(date: str, title: str, text: str, *events: Ev) -> Passage:
    """A passage with one or more codable events."""
    return Passage(date, title, text, events)


def Q(trap: str, date: str, title: str, text: str) -> Passage:
    """A passage with event-like words and no codable event."""
    if trap not in TRAPS:
        raise ValueError(f"unknown trap {trap!r}")
    return Passage(date, title, text, (), trap)


PASSAGES: list[Passage] = [
    # ================================================================ AGREE
    P("2024-03-14", "Vietnam and Philippines set up coast guard hotline",
      "HANOI -- Vietnam and the Philippines agreed on Wednesday to open a direct hotline between their coast "
      "guards, hoping to keep encounters in the South China Sea from turning dangerous.",
      E("AGREE", "VNM PHL", "", "<Wednesday", note="agreed to open a hotline")),
    P("2025-06-20", "Laos and Cambodia reach water-sharing accord",
      "An accord on sharing the water of the Sekong river was reached on Thursday by Laos and Cambodia, "
      "officials in Vientiane said. Details will be published next month.",
      E("AGREE", "LAO KHM", "", "<Thursday", note="accord reached (passive, nominal)")),
    P("2023-11-02", "India promises Sri Lanka help with power grid",
      "COLOMBO -- India's foreign minister promised on Wednesday to help Sri Lanka link its power grid to the "
      "Indian network, a project Colombo hopes will cut electricity costs.",
      E("AGREE", "IND", "LKA", "<Wednesday", note="a promise of future cooperation")),
    P("2024-05-27", "Egypt offers to host Sudan talks",
      "CAIRO -- Egypt offered on Sunday to host talks between Sudan's army and the paramilitary forces it is "
      "fighting, saying a meeting could take place in Cairo within weeks.",
      E("AGREE", "EGY", "SDN", "<Sunday", note="offer to host talks"),
      E("CONSULT", "SDN", "", "2024", mode="third-party", status="hypothetical", alt="AGREE", optional=True,
        note="the proposed talks")),
    P("2021-03-30", "AU to send observers to Chad vote",
      "ADDIS ABABA -- The African Union will deploy a team of election observers to Chad for next month's "
      "presidential vote, the bloc's commission said on Monday.",
      E("AGREE", "AU", "TCD", "2021-04", status="planned", alt="COOPERATE",
        note="future cooperative act of an IGO is AGREE")),
    P("2022-03-08", "Turkey ready to mediate, Ankara says",
      "Turkey stands ready to mediate between Moscow and Kyiv and would host a meeting of their foreign "
      "ministers, the Turkish president's spokesman told reporters on Tuesday.",
      E("AGREE", "TUR", "RUS UKR", "<Tuesday", note="offer to mediate, reported speech"),
      E("CONSULT", "RUS UKR", "TUR", "2022", mode="third-party", status="hypothetical", alt="AGREE", optional=True,
        note="the meeting Turkey would host")),
    P("2021-07-06", "Pakistan denies bases deal with Washington",
      "ISLAMABAD -- Pakistan has not agreed to let American forces use its air bases for operations in "
      "Afghanistan, the foreign ministry said on Monday, dismissing reports of a deal as baseless.",
      E("AGREE", "PAK", "USA", "2021", status="denied", note="reported deal on bases, denied")),
    P("2025-09-18", "Chile and Argentina to build joint lithium lab",
      "SANTIAGO -- Chile and Argentina will set up a joint laboratory to study lithium extraction from salt "
      "flats, their science ministers announced on Wednesday.",
      E("COOPERATE", "CHL ARG", "", "2025", status="planned", alt="AGREE", note="future joint lab")),

    # ================================================================ CONSULT
    P("2023-06-19", "Chinese foreign minister arrives in Nairobi",
      "NAIROBI -- China's foreign minister arrived in Nairobi on Monday for a two-day visit expected to focus "
      "on railway debt and Kenyan exports of avocados.",
      E("CONSULT", "CHN", "KEN", "<Monday", mode="visit", note="arrived for a visit")),
    P("2024-02-10", "French and Nigerian leaders discuss Sahel",
      "The presidents of France and Nigeria spoke by telephone on Friday about the security situation in the "
      "Sahel, the Elysee said.",
      E("CONSULT", "FRA NGA", "", "<Friday", mode="phone")),
    P("2024-07-26", "ASEAN ministers gather in Vientiane",
      "VIENTIANE -- Foreign ministers of the Association of Southeast Asian Nations met in the Laotian capital "
      "on Thursday, with the war in Myanmar high on the agenda.",
      E("CONSULT", "ASEAN", "", "<Thursday", mode="multilateral")),
    P("2023-04-21", "Serbia and Kosovo to meet in Brussels",
      "Negotiators for Serbia and Kosovo will meet in Brussels next week under EU mediation to discuss how to "
      "carry out their agreement on normalising ties, an EU spokesman said on Thursday.",
      E("CONSULT", "SRB XKX", "EU", "2023-04", mode="third-party", status="planned", alt="AGREE",
        note="planned EU-mediated meeting")),
    P("2025-04-13", "Oman hosts Iran-US talks",
      "MUSCAT -- Oman hosted indirect talks between Iranian and American negotiators on Saturday, passing "
      "messages between delegations seated in separate rooms.",
      E("CONSULT", "IRN USA", "OMN", "<Saturday", mode="third-party")),
    P("2024-09-04", "Australia, Indonesia defence chiefs meet",
      "CANBERRA -- After a meeting with his Indonesian counterpart on Tuesday, Australia's defence minister said "
      "the two countries would hold more joint training in the coming year.",
      E("CONSULT", "AUS IDN", "", "<Tuesday"),
      E("COOPERATE", "AUS IDN", "", "2025", status="planned", alt="AGREE", note="more joint training")),
    P("2022-10-13", "Kenyan envoy received in Addis Ababa",
      "ADDIS ABABA -- Kenya's special envoy was received by Ethiopia's prime minister on Wednesday and delivered "
      "a message from Nairobi on the peace talks.",
      E("CONSULT", "KEN", "ETH", "<Wednesday", mode="visit", note="received by (passive)")),
    P("2019-08-27", "Japan and South Korea hold talks despite trade row",
      "TOKYO -- Senior officials of Japan and South Korea held talks in Tokyo on Monday, the first contact since "
      "Seoul said it would end an intelligence-sharing pact.",
      E("CONSULT", "JPN KOR", "", "<Monday"),
      E("SANCTION", "KOR", "JPN", "2019-08", mode="discontinue", status="planned", optional=True,
        note="Seoul's decision to end the pact, background")),
    P("2026-01-22", "Brazil's Lula to travel to Beijing",
      "BRASILIA -- Brazil's president will travel to Beijing in March for a state visit, his office said on "
      "Wednesday.",
      E("CONSULT", "BRA", "CHN", "2026-03", mode="visit", status="planned", alt="AGREE")),

    # ================================================================ SUPPORT
    P("2024-10-22", "Germany welcomes Moldovan vote",
      "BERLIN -- Germany welcomed Sunday's referendum in Moldova on joining the European Union, calling the vote "
      "a sign of the country's democratic resilience.",
      E("SUPPORT", "DEU", "MDA", "2024-10-22")),
    P("2023-12-08", "EU praises Ghana's debt deal",
      "The European Union praised Ghana on Thursday for reaching an agreement with its official creditors, "
      "saying Accra had shown discipline in difficult times.",
      E("SUPPORT", "EU", "GHA", "<Thursday")),
    P("2024-06-23", "Fiji and Australia sign maritime security pact",
      "SUVA -- Fiji and Australia signed a maritime security agreement on Saturday that allows their navies to "
      "patrol together in Fijian waters.",
      E("SUPPORT", "FJI AUS", "AUS FJI", "<Saturday", note="signing an agreement is SUPPORT")),
    P("2024-06-22", "Armenia recognises Palestinian state",
      "YEREVAN -- Armenia recognised the State of Palestine on Friday, its foreign ministry said, drawing a protest "
      "from Israel, which recalled its ambassador for consultations.",
      E("SUPPORT", "ARM", "PSE", "<Friday", note="recognition"),
      E("SANCTION", "ISR", "ARM", "2024-06", mode="withdraw", note="ambassador recalled"),
      E("ACCUSE", "ISR", "ARM", "2024-06", mode="disapprove", optional=True, note="'a protest from Israel'")),
    P("2025-01-15", "Brazil backs Argentina's Falklands claim",
      "Brazil's president voiced support on Tuesday for Argentina's claim to the Falkland Islands during a visit "
      "by his Argentine counterpart to Brasilia.",
      E("SUPPORT", "BRA", "ARG", "<Tuesday"),
      E("CONSULT", "ARG", "BRA", "<Tuesday", mode="visit")),
    P("2019-11-20", "Colombian Congress ratifies trade pact",
      "BOGOTA -- Colombia's Congress ratified a free-trade agreement with South Korea on Tuesday, after years of "
      "delay.",
      E("SUPPORT", "COL", "KOR", "<Tuesday", note="ratification")),
    P("2020-11-11", "Washington backs India's Security Council bid",
      "NEW DELHI -- The United States backs India's bid for a permanent seat on the U.N. Security Council, the "
      "American ambassador said on Tuesday.",
      E("SUPPORT", "USA", "IND", "<Tuesday", note="reported speech")),
    P("2022-06-09", "China defends Cambodian naval base",
      "BEIJING -- China defended its help in upgrading Cambodia's Ream naval base on Wednesday, saying the project "
      "was aimed at no third party, and accused Washington of spreading rumours about it.",
      E("SUPPORT", "CHN", "KHM", "<Wednesday", note="defended"),
      E("AID", "CHN", "KHM", "2022", optional=True, note="its help upgrading the base, background"),
      E("ACCUSE", "CHN", "USA", "<Wednesday", mode="allege")),

    # ================================================================ CONCEDE
    P("2024-05-19", "Israel to ease limits on goods entering Gaza",
      "Israel said on Sunday it would ease restrictions on goods entering Gaza through two crossings, following "
      "pressure from Washington.",
      E("CONCEDE", "ISR", "PSE", "<Sunday", alt="AGREE", note="promise to ease restrictions"),
      E("REQUEST", "USA", "ISR", "2024-05", mode="change", optional=True, note="pressure from Washington")),
    P("2021-06-29", "Ethiopia declares truce in Tigray",
      "ADDIS ABABA -- Ethiopia's government declared a unilateral ceasefire in the Tigray region on Monday, hours "
      "after rebel fighters entered the regional capital, Mekelle.",
      E("CONCEDE", "ETH", "", "<Monday", alt="RETREAT", note="declared ceasefire (domestic)")),
    P("2022-12-03", "Serbia says it will pull back extra troops",
      "BELGRADE -- Serbia said on Friday it would withdraw the additional troops it had sent toward the "
      "boundary with Kosovo once the roadblocks in the north were cleared.",
      E("CONCEDE", "SRB", "XKX", "<Friday", alt="AGREE", note="withdrawal announced, not carried out"),
      E("RETREAT", "SRB", "XKX", "2022", mode="withdraw", status="hypothetical", optional=True),
      E("MOBILIZE", "SRB", "XKX", "2022", mode="troops", optional=True, note="troops it had sent, background")),
    P("2023-07-11", "Turkey drops objection to Sweden's NATO entry",
      "VILNIUS -- Turkey dropped its objection to Sweden joining NATO on Monday, clearing the last big obstacle "
      "to the Nordic country's membership.",
      E("CONCEDE", "TUR", "SWE", "<Monday")),
    P("2022-07-04", "Mali's junta promises to hand over power",
      "BAMAKO -- Mali's military government has promised to hand power to elected civilians in March 2024, "
      "state television reported on Sunday.",
      E("CONCEDE", "MLI", "", "<Sunday", alt="AGREE", note="verbal concession, domestic")),
    P("2023-06-07", "India agrees to lower tariffs on U.S. almonds",
      "NEW DELHI -- India will lower its tariffs on American almonds, walnuts and apples, ending a trade dispute "
      "that began in 2019, officials said on Tuesday.",
      E("CONCEDE", "IND", "USA", "<Tuesday", alt="AGREE", note="promise to ease restrictions")),
    P("2024-03-05", "IMF relaxes Pakistan loan conditions",
      "ISLAMABAD -- The International Monetary Fund agreed on Monday to relax two conditions of Pakistan's loan "
      "programme, giving the new government more time to raise taxes.",
      E("CONCEDE", "IMF", "PAK", "<Monday", alt="AGREE", note="agreed to relax conditions")),

    # ================================================================ COOPERATE
    P("2021-10-18", "Russian and Chinese warships exercise together",
      "VLADIVOSTOK -- Russian and Chinese warships began joint exercises in the Sea of Japan on Thursday, the "
      "Russian Pacific Fleet said.",
      E("COOPERATE", "RUS CHN", "", "<Thursday", note="joint exercises")),
    P("2024-08-16", "Kenya, Uganda police share data on arms smuggling",
      "KAMPALA -- Kenyan and Ugandan police have been sharing intelligence on gun runners along their border "
      "since March, officers in Kampala said.",
      E("COOPERATE", "KEN UGA", "", "2024-03", note="intelligence sharing")),
    P("2025-02-12", "Joint border patrols resume",
      "NIAMEY -- Joint patrols by Nigerien and Nigerian soldiers along their shared border resumed on Tuesday "
      "after a pause of eighteen months.",
      E("COOPERATE", "NER NGA", "", "<Tuesday", note="nominal 'joint patrols'")),
    P("2023-09-01", "Ukraine and Poland open joint checkpoint",
      "Ukraine and Poland opened a joint customs checkpoint at the Dorohusk crossing on Thursday, allowing "
      "lorries to be inspected once rather than twice.",
      E("COOPERATE", "UKR POL", "", "<Thursday")),
    P("2022-05-26", "Thai and Malaysian forces raid smugglers",
      "Thai and Malaysian police carried out a joint operation against a people-smuggling ring in the border "
      "town of Padang Besar on Wednesday, arresting 14 people.",
      E("COOPERATE", "THA MYS", "", "<Wednesday"),
      E("COERCE", "THA MYS", "", "<Wednesday", mode="arrest", note="14 arrested")),
    P("2020-12-02", "Greek and Egyptian navies drill",
      "ATHENS -- The Greek and Egyptian navies held drills in the eastern Mediterranean on Tuesday, weeks after "
      "the two countries signed a maritime boundary deal.",
      E("COOPERATE", "GRC EGY", "", "<Tuesday"),
      E("SUPPORT", "GRC EGY", "EGY GRC", "2020", optional=True, note="deal signed weeks earlier, background")),
    P("2023-01-10", "India and Japan to hold first joint air exercise",
      "NEW DELHI -- Indian and Japanese fighter jets will train together for the first time this month at an "
      "air base in central Japan, the Indian air force said on Monday.",
      E("COOPERATE", "IND JPN", "", "2023-01", status="planned", alt="AGREE")),

    # ================================================================ AID
    P("2023-02-08", "Japan sends emergency aid to Turkey",
      "TOKYO -- Japan sent a rescue team and $3 million in emergency aid to Turkey on Tuesday after the "
      "earthquake that killed thousands in the country's south.",
      E("AID", "JPN", "TUR", "<Tuesday")),
    P("2024-03-21", "UN convoy brings food to northern Gaza",
      "A United Nations convoy carrying 300 tonnes of flour reached northern Gaza on Wednesday, the first to get "
      "through in nearly two weeks.",
      E("AID", "UN", "PSE", "<Wednesday")),
    P("2023-01-06", "Germany to send Patriot battery to Ukraine",
      "BERLIN -- Germany will send a Patriot air-defence battery to Ukraine, the government said on Thursday.",
      E("AID", "DEU", "UKR", "2023", status="planned", alt="AGREE", note="planned military aid")),
    P("2022-03-04", "Costa Rica grants asylum to Nicaraguan journalist",
      "SAN JOSE -- Costa Rica granted asylum to a Nicaraguan journalist who fled Managua after police raided her "
      "newspaper, the migration service said on Thursday.",
      E("AID", "CRI", "NIC", "2022-03", note="asylum"),
      E("COERCE", "NIC", "", "2022", mode="seize", optional=True, note="police raid on the newspaper")),
    P("2025-04-01", "Indian navy brings relief to Myanmar",
      "YANGON -- Two Indian navy ships unloaded tents, medicine and food at Yangon port on Monday for survivors of "
      "the earthquake in central Myanmar.",
      E("AID", "IND", "MMR", "<Monday", note="military used for relief")),
    P("2023-12-17", "Loan approved for Egypt",
      "A $3 billion loan was approved for Egypt by the International Monetary Fund on Friday, easing pressure on "
      "the Egyptian pound.",
      E("AID", "IMF", "EGY", "<Friday", note="passive")),
    P("2019-09-13", "Bahamas receives storm relief",
      "NASSAU -- Relief flights from the United States and Canada landed in the Bahamas on Thursday, bringing "
      "water and generators to islands devastated by the hurricane.",
      E("AID", "USA CAN", "BHS", "<Thursday", note="nominal 'relief flights'")),

    # ================================================================ RETREAT
    P("2023-05-13", "Iran frees two French citizens",
      "PARIS -- Iran released two French citizens on Friday who had been held in Tehran for nearly a year, the "
      "French foreign ministry said.",
      E("RETREAT", "IRN", "FRA", "<Friday", mode="release")),
    P("2023-12-23", "Last French troops leave Niger",
      "NIAMEY -- The last French soldiers left Niger on Friday, ending a decade of military presence that the "
      "country's junta had demanded be brought to a close.",
      E("RETREAT", "FRA", "NER", "<Friday", mode="withdraw"),
      E("REQUEST", "NER", "FRA", "2023", mode="yield", optional=True, note="the junta's demand, background")),
    P("2025-07-29", "Thai-Cambodian ceasefire takes hold",
      "A ceasefire between Thailand and Cambodia held on Tuesday along their disputed border after five days of "
      "fighting, military officers on both sides said.",
      E("RETREAT", "THA KHM", "KHM THA", "<Tuesday", mode="ceasefire"),
      E("ASSAULT", "THA KHM", "KHM THA", "2025-07", optional=True, note="five days of fighting, background")),
    P("2023-03-14", "Peruvian prime minister steps down",
      "LIMA -- Peru's prime minister resigned on Monday, the third to leave the post in a year, as protests over "
      "the cost of living continued in the south.",
      E("RETREAT", "PER", "", "<Monday", mode="resign"),
      E("PROTEST", "PER", "", "2023-03", mode="demo", optional=True, note="continuing protests")),
    P("2019-06-22", "Venezuela lets UN rights monitors in",
      "CARACAS -- Venezuela allowed two United Nations human rights officers to begin work in Caracas on Friday, "
      "a week after a visit by the UN rights chief.",
      E("RETREAT", "VEN", "UN", "<Friday", mode="access"),
      E("CONSULT", "UN", "VEN", "2019-06", mode="visit")),
    P("2024-08-02", "Prisoner swap in Ankara",
      "ANKARA -- Russia and the United States exchanged 24 prisoners at Ankara airport on Thursday in the largest "
      "such swap since the Cold War.",
      E("RETREAT", "RUS USA", "USA RUS", "<Thursday", mode="release")),
    P("2023-06-06", "Pakistan frees Indian fishermen",
      "KARACHI -- Two hundred Indian fishermen were released by Pakistan on Friday and handed over at the Wagah "
      "border crossing.",
      E("RETREAT", "PAK", "IND", "<Friday", mode="release", note="passive")),

    # ================================================================ REQUEST
    P("2024-02-29", "UN chief urges Sudan to let aid reach Darfur",
      "The United Nations secretary-general urged Sudan's army on Wednesday to allow aid convoys into Darfur, where "
      "aid agencies say famine has taken hold.",
      E("REQUEST", "UN", "SDN", "<Wednesday", mode="yield")),
    P("2024-04-17", "Kyiv asks Berlin for more air defence",
      "KYIV -- Ukraine asked Germany on Tuesday for two more Patriot systems, saying Russian missiles were "
      "overwhelming the defences of its power stations.",
      E("REQUEST", "UKR", "DEU", "<Tuesday", mode="assist"),
      E("ASSAULT", "RUS", "UKR", "2024-04", mode="aerial", optional=True, note="missiles on power stations")),
    P("2023-11-04", "Pakistan demands action against militants",
      "ISLAMABAD -- Pakistan demanded that Afghanistan's Taliban government act against militants it says cross "
      "the border to attack its soldiers.",
      E("REQUEST", "PAK", "AFG", "2023-11", mode="change", note="attacks by militants (non-state) not coded")),
    P("2024-05-15", "EU urges Georgia to drop foreign agents bill",
      "BRUSSELS -- The European Union urged Georgia on Tuesday to withdraw a bill on 'foreign agents', warning it "
      "was incompatible with the country's bid to join the bloc.",
      E("REQUEST", "EU", "GEO", "<Tuesday", mode="change")),
    P("2019-01-03", "Seoul proposes talks with the North",
      "SEOUL -- South Korea proposed on Thursday that military officers of the two Koreas meet at the border "
      "village of Panmunjom this month.",
      E("REQUEST", "KOR", "PRK", "<Thursday", mode="meet"),
      E("CONSULT", "KOR PRK", "", "2019-01", status="hypothetical", optional=True, note="proposed meeting")),
    P("2025-02-04", "Mexico pressed to send troops to border",
      "Mexico was asked by the United States to station more troops along their shared border, Mexican officials "
      "said on Monday.",
      E("REQUEST", "USA", "MEX", "2025", mode="change", note="passive")),
    P("2023-03-01", "IAEA asks Iran for access to Fordow",
      "VIENNA -- The International Atomic Energy Agency asked Iran on Tuesday to give its inspectors access to the "
      "Fordow enrichment site after traces of near-weapons-grade uranium were found there.",
      E("REQUEST", "IAEA", "IRN", "<Tuesday", mode="yield")),

    # ================================================================ ACCUSE
    P("2024-03-06", "China accuses Philippines of ramming coast guard ship",
      "BEIJING -- China accused the Philippines on Tuesday of deliberately ramming a Chinese coast guard ship near "
      "Second Thomas Shoal. Manila said its boat had been struck.",
      E("ACCUSE", "CHN", "PHL", "<Tuesday", mode="allege"),
      E("ASSAULT", "PHL", "CHN", "<Tuesday", status="alleged", optional=True, note="ramming, as Beijing claims"),
      E("ASSAULT", "CHN", "PHL", "<Tuesday", status="alleged", optional=True, note="ramming, as Manila claims"),
      E("ACCUSE", "PHL", "CHN", "<Tuesday", mode="allege", optional=True, note="Manila's counter-claim")),
    P("2022-10-11", "Germany condemns Russian missile barrage",
      "BERLIN -- Germany condemned Russia's missile strikes on Kyiv and other Ukrainian cities on Monday as "
      "'brutal and senseless'.",
      E("ACCUSE", "DEU", "RUS", "<Monday", mode="disapprove"),
      E("ASSAULT", "RUS", "UKR", "<Monday", mode="aerial", note="missile strikes on Kyiv (nominal)")),
    P("2021-11-04", "ICC opens Venezuela inquiry",
      "The International Criminal Court opened an investigation into possible crimes against humanity in "
      "Venezuela on Wednesday, the first such inquiry in Latin America.",
      E("ACCUSE", "ICC", "VEN", "<Wednesday", mode="investigate")),
    P("2023-12-30", "South Africa files genocide case",
      "PRETORIA -- South Africa filed a case against Israel at the International Court of Justice on Friday, "
      "accusing it of genocide in Gaza. Israel rejected the charge as baseless.",
      E("ACCUSE", "ZAF", "ISR", "<Friday", mode="allege"),
      E("REJECT", "ISR", "ZAF", "2023-12", note="rejected the charge"),
      E("ASSAULT", "ISR", "PSE", "2023", status="alleged", optional=True, note="the alleged acts")),
    P("2025-01-29", "Congo tells UN that Rwanda backs rebels",
      "Rwandan troops are fighting alongside the M23 rebels in the city of Goma, Congo's foreign minister told "
      "the Security Council on Tuesday.",
      E("ACCUSE", "COD", "RWA", "<Tuesday", mode="allege", note="accusation in reported speech"),
      E("ASSAULT", "RWA", "COD", "2025-01", status="alleged", note="fighting in Goma, as Kinshasa claims")),
    P("2023-06-21", "U.S. criticises Hungarian reporting law",
      "WASHINGTON -- The State Department criticised Hungary on Tuesday over a new law that lets citizens report "
      "people who 'question the role of marriage'.",
      E("ACCUSE", "USA", "HUN", "<Tuesday", mode="disapprove")),
    P("2025-01-15", "South Korean investigators detain former president",
      "SEOUL -- Investigators detained South Korea's impeached president at his residence on Wednesday, weeks "
      "after prosecutors opened an inquiry into his brief declaration of martial law.",
      E("COERCE", "KOR", "", "<Wednesday", mode="arrest", note="domestic arrest"),
      E("ACCUSE", "KOR", "", "2024-12", mode="investigate", optional=True, note="inquiry opened 'weeks' earlier"),
      E("COERCE", "KOR", "", "2024-12", mode="martial-law", optional=True, note="the earlier declaration")),
    P("2024-09-20", "Lithuania blames Moscow for warehouse fire",
      "VILNIUS -- A fire that gutted a Vilnius warehouse in May was set on the orders of Russian military "
      "intelligence, Lithuanian prosecutors said on Thursday.",
      E("ACCUSE", "LTU", "RUS", "<Thursday", mode="allege"),
      E("ASSAULT", "RUS", "LTU", "2024-05", mode="destroy", status="alleged", note="arson, as prosecutors allege")),

    # ================================================================ REJECT
    P("2024-01-23", "Israel rejects French proposal",
      "Israel on Monday rejected a French proposal for an international force along its border with Lebanon, "
      "saying it would not rely on foreign troops for its security.",
      E("REJECT", "ISR", "FRA", "<Monday")),
    P("2023-08-31", "Russia vetoes Mali sanctions resolution",
      "UNITED NATIONS -- Russia vetoed a Security Council resolution on Wednesday that would have renewed "
      "sanctions on Mali. The draft had been put forward by France and the United Arab Emirates.",
      E("REJECT", "RUS", "FRA ARE", "<Wednesday", note="veto of a draft put forward by FRA and ARE")),
    P("2023-01-24", "Hungary calls off Ukrainian minister's visit",
      "BUDAPEST -- Hungary cancelled a planned visit by Ukraine's foreign minister on Tuesday, citing a "
      "dispute over minority language rights.",
      E("REJECT", "HUN", "UKR", "<Tuesday", mode="meet", note="cancelled visit")),
    P("2021-08-12", "Eritrea turns away food aid",
      "ASMARA -- Eritrea has refused an offer of emergency food aid from the United Nations, saying the "
      "country's harvest was sufficient, aid officials said.",
      E("REJECT", "ERI", "UN", "2021-08", mode="assist")),
    P("2020-02-26", "Italy turns down Brazil's extradition request",
      "ROME -- Brazil's request for the extradition of a former guerrilla was turned down by Italy's highest "
      "court on Tuesday.",
      E("REJECT", "ITA", "BRA", "<Tuesday", mode="yield", note="passive, nominal request"),
      E("REQUEST", "BRA", "ITA", "2020", mode="yield", optional=True, note="the extradition request")),
    P("2023-08-09", "Niger junta refuses to free ousted president",
      "NIAMEY -- Niger's military rulers refused on Tuesday to release the ousted president, defying a deadline "
      "set by the West African bloc ECOWAS.",
      E("REJECT", "NER", "ECOWAS", "<Tuesday", mode="yield"),
      E("REQUEST", "ECOWAS", "NER", "2023", mode="yield", optional=True, note="the bloc's deadline, background")),
    P("2023-12-05", "Venezuela rejects World Court's jurisdiction",
      "CARACAS -- Venezuela on Monday rejected the International Court of Justice's jurisdiction over its border "
      "dispute with Guyana, a day after a referendum on the Essequibo region.",
      E("REJECT", "VEN", "ICJ", "<Monday")),

    # ================================================================ THREATEN
    P("2019-05-09", "Iran warns it could close Hormuz",
      "TEHRAN -- A commander of Iran's Revolutionary Guards warned on Wednesday that Tehran would close the "
      "Strait of Hormuz if its oil exports were blocked, amid rising tension with Washington.",
      E("THREATEN", "IRN", "USA", "<Wednesday", mode="restrict", note="recipient implied by the story"),
      E("COERCE", "IRN", "", "2019", mode="restrict", status="hypothetical", optional=True)),
    P("2024-05-24", "Beijing warns Taiwan over independence",
      "BEIJING -- China warned on Thursday that 'forces seeking Taiwan independence' would be crushed, as its "
      "warships surrounded the island for a second day of drills.",
      E("THREATEN", "CHN", "TWN", "<Thursday", mode="violence"),
      E("MOBILIZE", "CHN", "TWN", "<Thursday", mode="troops", note="one country's drills around Taiwan")),
    P("2021-10-24", "Turkey threatens to expel ten ambassadors",
      "ANKARA -- Turkey threatened on Saturday to expel the ambassadors of ten Western countries, among them "
      "Germany and the United States, over a statement on a jailed activist.",
      E("THREATEN", "TUR", "DEU USA", "<Saturday", mode="expel"),
      E("SANCTION", "TUR", "DEU USA", "2021", mode="expel", status="hypothetical", optional=True)),
    P("2025-01-27", "Washington threatens tariffs on Colombia",
      "The United States threatened on Sunday to impose tariffs of 25 percent on Colombian goods if Bogota kept "
      "turning back deportation flights.",
      E("THREATEN", "USA", "COL", "<Sunday", mode="restrict"),
      E("SANCTION", "USA", "COL", "2025", mode="discontinue", status="hypothetical", optional=True),
      E("REJECT", "COL", "USA", "2025-01", optional=True, note="turning back deportation flights")),
    P("2023-04-05", "Moscow warns Finland of countermeasures",
      "MOSCOW -- Russia warned Finland on Tuesday that it would take 'countermeasures' to protect its security now "
      "that its neighbour had joined NATO.",
      E("THREATEN", "RUS", "FIN", "<Tuesday")),
    P("2022-03-20", "Algeria threatens to cut ties with Spain",
      "Algeria threatened on Saturday to break off diplomatic relations with Spain after Madrid backed Morocco's "
      "plan for Western Sahara, and recalled its ambassador.",
      E("THREATEN", "DZA", "ESP", "<Saturday", mode="relations"),
      E("SANCTION", "DZA", "ESP", "<Saturday", mode="withdraw", note="ambassador recalled"),
      E("SUPPORT", "ESP", "MAR", "2022-03", optional=True, note="Madrid backed Morocco's plan")),
    P("2023-03-27", "Police warn marchers in Tbilisi",
      "TBILISI -- Georgian police warned on Sunday that anyone who blocked the avenue outside parliament would be "
      "detained.",
      E("THREATEN", "GEO", "", "<Sunday", mode="arrest", note="domestic threat")),

    # ================================================================ PROTEST
    P("2024-12-02", "Thousands march in Tbilisi",
      "TBILISI -- Thousands of people marched through Tbilisi on Sunday against the government's decision to "
      "suspend talks on joining the European Union.",
      E("PROTEST", "GEO", "", "<Sunday", mode="demo", note="domestic"),
      E("REJECT", "GEO", "EU", "2024", mode="meet", alt="SANCTION", optional=True, note="talks suspended, background")),
    P("2024-04-24", "Filipinos rally outside Chinese embassy",
      "MANILA -- About 200 fishermen and students gathered outside the Chinese embassy in Manila on Tuesday to "
      "protest against the use of water cannon on Philippine boats.",
      E("PROTEST", "PHL", "CHN", "<Tuesday", mode="demo"),
      E("ASSAULT", "CHN", "PHL", "2024", mode="crowd-control", optional=True, note="water cannon on boats")),
    P("2024-01-16", "Nigerian doctors strike over pay",
      "ABUJA -- Resident doctors in Nigeria began an indefinite nationwide strike on Monday, demanding payment of "
      "salary arrears.",
      E("PROTEST", "NGA", "", "<Monday", mode="strike")),
    P("2022-04-11", "Jailed Bahraini activist on hunger strike",
      "MANAMA -- A jailed Bahraini rights activist has refused food for three weeks to protest against his "
      "treatment in prison, his family said.",
      E("PROTEST", "BHR", "", "2022", mode="hunger")),
    P("2024-01-07", "Bangladesh opposition boycotts vote",
      "DHAKA -- Bangladesh's main opposition party boycotted Sunday's general election, which it called a sham.",
      E("PROTEST", "BGD", "", "<Sunday", mode="boycott")),
    P("2024-02-21", "Polish farmers block Ukrainian grain",
      "WARSAW -- Polish farmers blocked border crossings with Ukraine on Tuesday and spilled grain from Ukrainian "
      "lorries onto the road.",
      E("PROTEST", "POL", "UKR", "<Tuesday", mode="obstruct")),
    P("2025-09-09", "Kathmandu rioters torch parliament",
      "KATHMANDU -- Protesters set fire to Nepal's parliament building on Tuesday, a day after police shot dead "
      "19 people during demonstrations against a ban on social media.",
      E("PROTEST", "NPL", "", "<Tuesday", mode="riot"),
      E("ASSAULT", "NPL", "", "<Monday", mode="firearms", note="police shot protesters (domestic)"),
      E("PROTEST", "NPL", "", "<Monday", mode="demo", optional=True),
      E("COERCE", "NPL", "", "2025", mode="censor", optional=True, note="the social-media ban")),
    P("2024-05-06", "Argentine unions call general strike",
      "BUENOS AIRES -- Argentina's largest unions have called a general strike for Thursday against the "
      "government's spending cuts.",
      E("PROTEST", "ARG", "", ">Thursday", mode="strike", status="planned")),

    # ================================================================ SANCTION
    P("2021-06-25", "EU imposes economic sanctions on Belarus",
      "BRUSSELS -- The European Union imposed economic sanctions on Belarus on Thursday, targeting its potash and "
      "oil industries after the forced landing of a passenger jet in Minsk.",
      E("SANCTION", "EU", "BLR", "<Thursday", mode="discontinue"),
      E("COERCE", "BLR", "", "2021-05", mode="seize", optional=True, note="forced landing, background")),
    P("2024-05-22", "Poland expels Russian diplomat",
      "WARSAW -- Poland expelled a Russian diplomat on Tuesday over suspected links to sabotage.",
      E("SANCTION", "POL", "RUS", "<Tuesday", mode="expel")),
    P("2023-11-02", "Colombia recalls envoy from Israel",
      "BOGOTA -- Colombia recalled its ambassador to Israel on Tuesday in protest at the bombardment of Gaza.",
      E("SANCTION", "COL", "ISR", "2023-10-31", mode="withdraw"),
      E("ASSAULT", "ISR", "PSE", "2023", mode="aerial", optional=True)),
    P("2023-07-20", "U.S. reporter sentenced in Russia",
      "MOSCOW -- A Russian court sentenced an American journalist to 16 years in a prison colony on Wednesday "
      "after a closed trial on espionage charges.",
      E("SANCTION", "RUS", "USA", "<Wednesday", mode="convict"),
      E("COERCE", "RUS", "USA", "<Wednesday", mode="arrest", note="prison follows the conviction")),
    P("2024-08-07", "Niger severs ties with Ukraine",
      "NIAMEY -- Niger cut diplomatic relations with Ukraine on Tuesday, days after Mali did the same over "
      "remarks by a Ukrainian intelligence official.",
      E("SANCTION", "NER", "UKR", "<Tuesday", mode="withdraw"),
      E("SANCTION", "MLI", "UKR", "2024-08", mode="withdraw")),
    P("2025-03-13", "U.S. tariffs on Canadian steel take effect",
      "OTTAWA -- Tariffs of 25 percent were imposed on all Canadian steel and aluminium by the United States on "
      "Wednesday, and Ottawa answered within hours with duties on American goods worth C$29 billion.",
      E("SANCTION", "USA", "CAN", "<Wednesday", mode="discontinue", note="passive"),
      E("SANCTION", "CAN", "USA", "<Wednesday", mode="discontinue", note="retaliatory duties (nominal)")),
    P("2021-09-09", "ECOWAS suspends Guinea after coup",
      "ACCRA -- The West African bloc ECOWAS suspended Guinea from all its bodies on Wednesday, three days after "
      "soldiers seized power in Conakry and detained the president.",
      E("SANCTION", "ECOWAS", "GIN", "<Wednesday", mode="discontinue", note="suspension by an IGO"),
      E("COERCE", "GIN", "", "2021-09-05", mode="arrest", optional=True, note="president detained in the coup")),

    # ================================================================ MOBILIZE
    P("2020-06-24", "India moves more troops to Ladakh",
      "NEW DELHI -- Days after the deadliest clash on the disputed frontier in decades, India moved two more "
      "divisions to Ladakh on Tuesday, army officers said. Beijing has reinforced its own side of the line.",
      E("MOBILIZE", "IND", "CHN", "<Tuesday", mode="troops", note="recipient implied by the story"),
      E("MOBILIZE", "CHN", "IND", "2020-06", mode="troops", optional=True, note="Beijing has reinforced"),
      E("ASSAULT", "IND CHN", "CHN IND", "2020-06", optional=True, note="the clash days earlier, background")),
    P("2023-06-17", "Russian nuclear weapons arrive in Belarus",
      "MINSK -- The first Russian tactical nuclear warheads have been moved to Belarus, the Belarusian leader said "
      "on Friday, calling them a deterrent against the West.",
      E("MOBILIZE", "RUS", "", "2023-06", mode="weapons", note="passive 'have been moved'")),
    P("2023-10-10", "Israel calls up reservists; U.S. sends carriers",
      "JERUSALEM -- Israel has called up 300,000 reservists, the army said on Monday. A second American aircraft "
      "carrier was ordered to the eastern Mediterranean.",
      E("MOBILIZE", "ISR", "", "2023-10", mode="troops"),
      E("MOBILIZE", "USA", "", "2023-10", mode="weapons", note="carrier ordered (passive)")),
    P("2024-01-09", "Ecuador sends army into prisons, imposes curfew",
      "QUITO -- Ecuador deployed soldiers and police to its prisons on Monday after a gang leader escaped, and "
      "declared a nightly curfew across the country.",
      E("MOBILIZE", "ECU", "", "<Monday", mode="police", note="domestic deployment"),
      E("COERCE", "ECU", "", "<Monday", mode="curfew")),
    P("2021-11-12", "Minsk denies troop build-up",
      "MINSK -- Belarus denied on Thursday that it was massing troops on its border with Lithuania, calling the "
      "reports 'fantasies'.",
      E("MOBILIZE", "BLR", "LTU", "2021-11", mode="troops", status="denied")),
    P("2024-01-06", "North Korea puts artillery on alert",
      "SEOUL -- North Korea ordered its front-line artillery units onto combat alert on Saturday, a day after "
      "South Korean marines held live-fire drills near the sea border.",
      E("MOBILIZE", "PRK", "KOR", "<Saturday", mode="weapons", note="recipient implied by the story"),
      E("MOBILIZE", "KOR", "", "<Friday", mode="troops", note="one country's live-fire drills")),

    # ================================================================ COERCE
    P("2025-03-24", "Istanbul police detain students",
      "ISTANBUL -- Police detained more than 300 people in Istanbul overnight as students rallied for a fifth "
      "night against the arrest of the city's mayor.",
      E("COERCE", "TUR", "", "2025-03", mode="arrest", note="domestic arrests"),
      E("PROTEST", "TUR", "", "2025-03", mode="demo"),
      E("COERCE", "TUR", "", "2025-03", mode="arrest", optional=True, note="the mayor's arrest")),
    P("2022-05-28", "Iran seizes Greek tankers",
      "ATHENS -- Iranian forces seized two Greek-flagged oil tankers in the Gulf on Friday, days after Greece "
      "helped the United States confiscate Iranian oil.",
      E("COERCE", "IRN", "GRC", "<Friday", mode="seize"),
      E("COERCE", "GRC USA", "IRN", "2022-05", mode="seize", optional=True, note="the earlier confiscation")),
    P("2023-11-09", "Pakistan begins deporting Afghans",
      "TORKHAM -- Thousands of Afghans were deported by Pakistan this week as a deadline for undocumented "
      "migrants to leave expired.",
      E("COERCE", "PAK", "AFG", "2023-11", mode="deport", note="passive; 'this week'")),
    P("2024-02-05", "Senegal cuts mobile internet",
      "DAKAR -- Senegal's government cut mobile internet access on Monday as protesters clashed with police over "
      "the postponement of the presidential election.",
      E("COERCE", "SEN", "", "<Monday", mode="censor"),
      E("PROTEST", "SEN", "", "<Monday", mode="riot", optional=True, note="clashes with police")),

    # ================================================================ ASSAULT
    P("2024-09-21", "Israeli strike hits Beirut suburb",
      "BEIRUT -- An Israeli air strike hit a building in Beirut's southern suburbs on Friday, killing a senior "
      "Hezbollah commander and at least 12 other people, Lebanese officials said.",
      E("ASSAULT", "ISR", "LBN", "<Friday", mode="aerial")),
    P("2024-03-13", "Drones set Russian refinery ablaze",
      "MOSCOW -- Ukrainian drones struck an oil refinery in Russia's Ryazan region overnight, starting a fire, the "
      "regional governor said on Wednesday.",
      E("ASSAULT", "UKR", "RUS", "2024-03-13", mode="drone")),
    P("2025-05-08", "India and Pakistan trade fire across Kashmir line",
      "SRINAGAR -- Indian and Pakistani troops exchanged heavy artillery fire across the Line of Control on "
      "Wednesday night, killing civilians on both sides.",
      E("ASSAULT", "IND PAK", "PAK IND", "<Wednesday", mode="heavy-weapons")),
    P("2022-03-12", "Melitopol mayor abducted",
      "ZAPORIZHZHIA -- The mayor of the occupied city of Melitopol was abducted by Russian soldiers on Friday, "
      "Ukraine's president said, calling it a crime against democracy.",
      E("ASSAULT", "RUS", "UKR", "<Friday", mode="abduct", note="passive, reported speech"),
      E("ACCUSE", "UKR", "RUS", "2022-03-12", mode="disapprove", optional=True)),

    # ================================================================ no codable event: background
    Q("background", "2024-04-15", "Shusha hotels fill again",
      "SHUSHA -- Hotels in the mountain town, which changed hands in the 2020 war, were fully booked for the "
      "Novruz holiday, the local tourism office said."),
    Q("background", "2025-04-25", "Kathmandu survivors still in shelters",
      "KATHMANDU -- Ten years after the earthquake, more than two thousand families in the hills above Kathmandu "
      "still live in temporary shelters."),
    Q("background", "2024-04-07", "Kigali marks thirty years",
      "KIGALI -- Historians at the university say the genocide of 1994 still shapes how Rwandans talk about "
      "identity, land and the state."),
    Q("background", "2023-02-01", "Myanmar's economy two years on",
      "YANGON -- Myanmar's economy is still a tenth smaller than it was before the 2021 coup, according to "
      "figures compiled by a Singapore bank."),
    Q("background", "2026-02-24", "A museum of the occupation",
      "BUCHA -- A small museum opened in the town's library displays letters written during the Russian "
      "occupation of 2022, collected from residents."),
    Q("background", "2022-08-30", "Kabul traders a year on",
      "KABUL -- Shopkeepers on Chicken Street say trade has never recovered from the upheaval of 2021."),
    Q("background", "2019-09-10", "Falklands veterans' memoir",
      "LONDON -- A new memoir by a veteran of the 1982 Falklands conflict describes the landing at San Carlos "
      "through the eyes of a 19-year-old radio operator."),

    # ================================================================ no codable event: names
    Q("name", "2024-07-16", "Defence ministry publishes annual report",
      "LONDON -- The Ministry of Defence published its annual accounts on Monday, showing spending on "
      "accommodation for service families rose by 4 percent."),
    Q("name", "2023-05-09", "Peace Fund opens Nairobi office",
      "NAIROBI -- The Peace Fund, a charity based in Oslo, has opened an office in Nairobi to support community "
      "radio stations."),
    Q("name", "2025-10-03", "Security Council chamber closed for repairs",
      "UNITED NATIONS -- The Security Council chamber will be closed for three weeks in November while its "
      "ventilation is replaced, a UN spokesman said."),
    Q("name", "2022-01-18", "Liberation Square traffic plan",
      "CAIRO -- Drivers crossing Liberation Square face new traffic lights from next week, the city's transport "
      "authority said."),
    Q("name", "2021-09-22", "Freedom Party youth wing gets new chair",
      "VIENNA -- A state legislator from Carinthia was chosen on Tuesday to chair the youth wing of the Freedom "
      "Party's regional branch."),
    Q("name", "2026-05-11", "Operation Smile surgeons in Manila",
      "MANILA -- Volunteer surgeons of Operation Smile, a children's charity, began a week of free operations at "
      "a hospital in Quezon City."),

    # ================================================================ no codable event: metaphor
    Q("metaphor", "2023-05-16", "Budget battle in Canberra",
      "CANBERRA -- The battle over the budget moved to the Senate on Tuesday, where crossbench senators are "
      "fighting for more money for childcare."),
    Q("metaphor", "2022-03-07", "Markets hit as oil soars",
      "TOKYO -- Asian markets were hit hard on Monday as oil prices jumped, with Tokyo's main index losing almost "
      "3 percent."),
    Q("metaphor", "2024-01-19", "Rice prices deal blow to households",
      "MANILA -- Soaring rice prices have dealt a heavy blow to poor households in the Philippines, the "
      "statistics office said."),
    Q("metaphor", "2023-09-12", "Campaign torpedoed by scandal",
      "The opposition candidate's campaign in Zambia's by-election was torpedoed by a leaked recording, party "
      "members admitted."),
    Q("metaphor", "2025-06-02", "Cheap imports flood textile market",
      "LAGOS -- A flood of cheap imported fabric is invading Nigerian markets and strangling local weavers, "
      "traders in Kano said."),
    Q("metaphor", "2024-10-04", "Central bank fires its biggest gun",
      "ANKARA -- Turkey's central bank has fired its heaviest weapon against inflation, holding its key rate at "
      "50 percent for a seventh month."),
    Q("metaphor", "2026-03-18", "Tourism sector under siege",
      "Hoteliers in Bali say their industry is under siege from short-term rentals that pay no local taxes."),

    # ================================================================ no codable event: sport and business
    Q("sport-business", "2024-07-15", "Argentina win Copa America",
      "MIAMI -- Colombia attacked relentlessly in the second half but could not break down Argentina's defence, "
      "and the champions won the final 1-0 in extra time."),
    Q("sport-business", "2024-02-11", "Qatar beat Jordan in Asian Cup final",
      "DOHA -- Qatar beat Jordan 3-1 on Saturday to defend their Asian Cup title, with three penalties converted "
      "by the same striker."),
    Q("sport-business", "2023-09-26", "Firm launches satellite phone",
      "JAKARTA -- An Indonesian telecoms firm launched a satellite phone for fishermen on Tuesday, priced at "
      "about $300."),
    Q("sport-business", "2023-09-04", "Japanese rugby squad lands in France",
      "TOKYO -- Japan's rugby squad landed in Toulouse on Monday ahead of their opening World Cup match against "
      "Chile."),
    Q("sport-business", "2025-06-17", "Vietnamese airline orders jets",
      "PARIS -- A private Vietnamese airline signed an order for 20 narrow-body jets with a European planemaker "
      "at the Paris Air Show on Tuesday."),
    Q("sport-business", "2024-04-22", "Kenyans sweep London marathon",
      "LONDON -- Kenyan runners swept the podium at the London Marathon on Sunday, with Ethiopia's favourite "
      "pulling out after 30 kilometres."),
    Q("sport-business", "2024-11-26", "India crush Australia in Perth",
      "PERTH -- India defeated Australia by 295 runs on Monday, their bowlers tearing through the home side's "
      "batting on the fourth day."),

    # ================================================================ no codable event: negated
    Q("negated", "2023-08-25", "No meeting in Johannesburg",
      "JOHANNESBURG -- The leaders of China and India did not meet on Thursday, officials of both countries "
      "said."),
    Q("negated", "2024-06-11", "No shots fired at border",
      "Neither Kyrgyz nor Tajik border guards have fired a shot along the Batken frontier since the spring, "
      "local residents said."),
    Q("negated", "2022-11-16", "Russian president stays away from Bali",
      "BALI -- The Russian president did not travel to Bali for this year's summit of Group of 20 leaders."),
    Q("negated", "2025-02-19", "No arrests over exam leak",
      "NIS -- No one has been arrested over the leak of school exam papers in Nis, police said on Tuesday."),
    Q("negated", "2023-03-02", "Japan holds back on Iranian sanctions",
      "TOKYO -- Japan has not imposed sanctions of its own on Iran, a foreign ministry official said on Thursday."),
    Q("negated", "2021-04-13", "No talks scheduled",
      "There are no talks planned between Ethiopia, Sudan and Egypt on the Nile dam, diplomats in Khartoum said "
      "on Monday."),

    # ================================================================ no codable event: question
    Q("question", "2024-01-22", "Will Beijing move on Taiwan?",
      "Will China try to seize Taiwan before 2030? Analysts in Washington and Tokyo remain divided."),
    Q("question", "2024-03-01", "Should NATO send troops?",
      "Should European countries send troops to Ukraine? Few voters in Germany or Italy think so, according to "
      "a poll published on Friday."),
    Q("question", "2023-10-09", "Is a Sudan truce possible?",
      "Is a lasting ceasefire in Sudan within reach? Aid workers in Port Sudan doubt it."),
    Q("question", "2025-08-04", "Who will mediate?",
      "Which country could mediate between Thailand and Cambodia if the fighting resumes? The question hangs "
      "over the region's capitals."),

    # ================================================================ no codable event: generic
    Q("generic", "2023-04-18", "Do sanctions work?",
      "Sanctions rarely change the behaviour of authoritarian governments, according to a study of 80 cases by "
      "economists in Geneva."),
    Q("generic", "2022-05-03", "Spring tensions on Central Asian borders",
      "Border disputes in the Fergana Valley tend to flare up in spring, when herders move their flocks to "
      "higher pastures."),
    Q("generic", "2024-08-12", "Slow flow of arms",
      "Military aid usually takes months to reach the front line, because of training and paperwork."),
    Q("generic", "2023-07-28", "Sahel's era of coups",
      "Coups have become far more common in the Sahel over the past decade, researchers at a Dakar think tank "
      "wrote."),
    Q("generic", "2025-05-30", "Protests usually peaceful",
      "Protests in Santiago are usually peaceful, though a minority of marchers often clash with police at the "
      "end of the day, residents say."),
    Q("generic", "2024-06-26", "Summits rarely bind",
      "Summits of the bloc rarely produce binding agreements, and diplomats expect this one to be no different."),

    # ================================================================ no codable event: job title
    Q("job-title", "2024-09-02", "Former negotiator's view of tariffs",
      "SANTIAGO -- A former trade negotiator for Chile said tariffs had made shipping costs harder to predict for "
      "fruit exporters."),
    Q("job-title", "2025-03-09", "Peace negotiator turns 70",
      "BOGOTA -- The government's chief peace negotiator, a retired general, celebrated his 70th birthday on "
      "Sunday with his family in Cali."),
    Q("job-title", "2022-06-14", "Envoy's long tenure",
      "The UN special envoy for Yemen, a Swedish diplomat, has held the post since 2021 and speaks fluent "
      "Arabic."),
    Q("job-title", "2023-10-20", "Arms control expert on missile counts",
      "GENEVA -- An arms control researcher at a Geneva institute said the number of missiles in Asian arsenals "
      "was increasingly hard to verify."),
    Q("job-title", "2024-03-27", "Sanctions coordinator's book",
      "WASHINGTON -- A former sanctions coordinator at the State Department has written a book about her years "
      "tracking oil tankers."),
    Q("job-title", "2026-04-15", "Protest movement's spokesman",
      "BELGRADE -- The student movement's spokesman, a 24-year-old law student from Novi Sad, has become one of "
      "the best-known faces in Serbia."),
]


def resolved(passage: Passage) -> list[Record]:
    """The passage's events as gold records (FORMAT.md), dates resolved against the passage date."""
    return [{"type": e.type, "alt_types": list(e.alt), "mode": e.mode, "actors": list(e.actors),
             "recipients": list(e.recipients), "date": resolve(passage.date, e.when), "status": e.status,
             "optional": e.optional, "note": e.note} for e in passage.events]


def record(number: int, passage: Passage) -> Record:
    """One gold line: event-only gold (``actors`` and ``quotes`` empty: persons and quotes are not scored)."""
    return {"id": f"train-{number}", "date": passage.date, "title": passage.title, "text": passage.text,
            "actors": [], "quotes": [], "events": resolved(passage)}


def render(passages: list[Passage] = PASSAGES) -> str:
    """The gold file's text: one JSON object a line, ids ``train-1`` .. ``train-<n>`` in list order."""
    return "".join(json.dumps(record(n, p), ensure_ascii=False) + "\n" for n, p in enumerate(passages, 1))


def summary(passages: list[Passage] = PASSAGES) -> str:
    """Counts for the README: passages, events by type (required + optional), no-event passages by trap."""
    required = Counter(e.type for p in passages for e in p.events if not e.optional)
    optional = Counter(e.type for p in passages for e in p.events if e.optional)
    traps = Counter(p.trap for p in passages if p.trap)
    lines = [f"{len(passages)} passages, {sum(1 for p in passages if p.events)} with events, "
             f"{sum(traps.values())} without; {sum(required.values())} required + "
             f"{sum(optional.values())} optional events"]
    lines += [f"  {kind:<10} {required[kind]:>3} required {optional[kind]:>3} optional"
              for kind in sorted(required | optional)]
    lines += [f"  trap {trap:<15} {traps[trap]:>3}" for trap in TRAPS]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    """Write the gold file (to ``argv[1]`` when given) and print the counts."""
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.write_text(render(), encoding="utf-8")
    print(summary())
    print("->", out)


if __name__ == "__main__":
    main(sys.argv)
