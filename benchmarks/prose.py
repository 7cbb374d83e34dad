"""A generator of varied news prose for the cost benchmarks and tests (issue 21).

Sentences mix people with titles, countries and states, organisations, dates,
numbers, reported speech and direct quotes, in paragraphs separated by blank
lines, drawn from a seeded random generator: the same size gives the same text.
"""

from __future__ import annotations

import random

PEOPLE = ["Amina Odhiambo", "Lars Pettersen", "Mariana Quiroga", "Tomasz Wielicki", "Nguyen Thi Lan",
          "Rafael Ibarra", "Hiroshi Tanabe", "Fatou Diallo", "Grigor Avetisyan", "Leila Haddad",
          "Samuel Mensah", "Ines Carvalho", "Dmitri Volkov", "Priya Raman", "Kwame Boateng"]
TITLES = ["Foreign Minister", "Prime Minister", "President", "Defence Minister", "opposition leader",
          "Interior Minister", "army spokesman", "Finance Minister", "senior diplomat", "police chief"]
COUNTRIES = ["Kenya", "Norway", "Argentina", "Poland", "Vietnam", "Mexico", "Japan", "Senegal", "Armenia",
             "Lebanon", "Ghana", "Portugal", "Russia", "India", "Brazil", "Turkey", "Egypt", "Peru"]
ORGS = ["the United Nations", "the African Union", "the European Union", "NATO", "the World Bank",
        "the Red Cross", "the ruling party", "the central bank", "parliament", "the supreme court"]
CITIES = ["Nairobi", "Oslo", "Buenos Aires", "Warsaw", "Hanoi", "Tijuana", "Osaka", "Dakar", "Yerevan",
          "Beirut", "Accra", "Lisbon", "Kazan", "Chennai", "Recife", "Izmir", "Alexandria", "Cusco"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "on Saturday",
        "earlier this month", "on Sunday", "late on Tuesday"]
VERBS = ["accused", "praised", "threatened", "met", "criticised", "signed an agreement with", "condemned",
         "called on", "sanctioned", "welcomed", "expelled the ambassador of", "offered aid to",
         "rejected the demands of", "held talks with", "warned"]
SAYS = ["said", "told reporters", "added", "said in a statement", "told parliament", "wrote"]
CLAIMS = ["the talks would resume next month", "troops had been moved to the border",
          "the sanctions were unjustified", "an inquiry would be opened", "the ceasefire was holding",
          "aid convoys had been blocked", "the election would go ahead", "prices had risen sharply"]
SPOKEN = ["We will not accept interference in our affairs", "This is a step towards peace",
          "Our patience has limits", "The door to dialogue remains open", "Nobody is above the law",
          "We expect an apology", "These accusations are baseless", "The people deserve better"]


def sentence(rng: random.Random) -> str:
    """Return one sentence of one of several shapes."""
    person, title = rng.choice(PEOPLE), rng.choice(TITLES)
    a, b = rng.sample(COUNTRIES, 2)
    shape = rng.randrange(6)
    if shape == 0:
        return f"{a}'s {title} {person} {rng.choice(VERBS)} {b} {rng.choice(DAYS)}."
    if shape == 1:
        return f'"{rng.choice(SPOKEN)}," {person} {rng.choice(SAYS)} in {rng.choice(CITIES)}.'
    if shape == 2:
        return f"{a} {rng.choice(VERBS)} {rng.choice(ORGS)} {rng.choice(DAYS)}, {person} {rng.choice(SAYS)}."
    if shape == 3:
        return f"The {title} of {b} {rng.choice(SAYS)} that {rng.choice(CLAIMS)}."
    if shape == 4:
        count = rng.randrange(2, 900)
        return f"About {count} people protested outside the embassy of {a} in {rng.choice(CITIES)} {rng.choice(DAYS)}."
    return f"{person} said {b} and {a} {rng.choice(VERBS)} {rng.choice(ORGS)}: \"{rng.choice(SPOKEN)}.\""


def prose(chars: int, seed: int = 21) -> str:
    """Return about ``chars`` characters of news prose (whole sentences, 3-6 per paragraph)."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randrange(3, 7)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:chars].rsplit(" ", 1)[0] + "\n"
