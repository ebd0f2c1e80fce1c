"""Realistic news prose for the demo site, composed from sentence templates and slot fillers.

Deterministic for a given random generator; every article gets its own mix of people, places,
figures and sentences, so distinct stories never look like near duplicates of each other.
"""

from __future__ import annotations

import random

FIRST = [
    "Maria",
    "James",
    "Aisha",
    "Tomasz",
    "Elena",
    "David",
    "Priya",
    "Samuel",
    "Chen",
    "Laura",
    "Omar",
    "Grace",
    "Henrik",
    "Lucia",
    "Kwame",
    "Sofia",
    "Daniel",
    "Yuki",
    "Fatima",
    "Robert",
    "Ines",
    "Marcus",
    "Hannah",
    "Mateo",
    "Olivia",
    "Ravi",
    "Claire",
    "Jonas",
    "Amara",
    "Peter",
]
LAST = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Hernandez",
    "Kowalski",
    "Nakamura",
    "Brennan",
    "Haddad",
    "Fischer",
    "Rossi",
    "Mensah",
    "Patel",
    "Novak",
    "Gallagher",
    "Silva",
    "Andersen",
    "Dubois",
    "Costa",
    "Weber",
    "Ibrahim",
    "Larsen",
    "Murphy",
    "Santos",
    "Keller",
    "Osei",
    "Varga",
]
PLACES = [
    "Harbour City",
    "Northfield",
    "Lakeside",
    "the capital",
    "Eastbrook",
    "Riverton",
    "the northern provinces",
    "Port Alden",
    "Millbrook",
    "the coastal region",
    "Westmoor",
    "Granite Falls",
    "the southern districts",
    "Ashford",
    "Kingsbridge",
    "Bayview",
]
DAYS = [
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "over the weekend",
    "late on Sunday",
    "earlier this week",
    "last month",
    "on Saturday morning",
]

TOPICS: dict[str, dict[str, list[str]]] = {
    "politics": {
        "org": [
            "the finance committee",
            "the opposition party",
            "the regional council",
            "the interior ministry",
            "parliament's upper house",
            "the electoral commission",
            "the governing coalition",
            "the city assembly",
        ],
        "role": [
            "minister",
            "senator",
            "council leader",
            "party spokesperson",
            "deputy mayor",
            "committee chair",
            "opposition leader",
            "cabinet secretary",
        ],
        "thing": [
            "the budget proposal",
            "the housing bill",
            "the reform package",
            "the new voting rules",
            "the transport plan",
            "the anti-corruption law",
            "the pension overhaul",
            "the coalition agreement",
            "the emergency funding request",
        ],
        "headline": [
            "{Org} splits over {thing}",
            "Lawmakers clash on {thing} in {place}",
            "{Role} {name} defends {thing}",
            "Vote on {thing} delayed again",
            "Protesters gather in {place} as {thing} advances",
        ],
    },
    "economy": {
        "org": [
            "the central bank",
            "the statistics office",
            "the chamber of commerce",
            "the largest retail group",
            "the national port authority",
            "the employers' federation",
            "the trade ministry",
            "a consortium of regional banks",
        ],
        "role": [
            "chief economist",
            "analyst",
            "finance director",
            "bank governor",
            "trade envoy",
            "union representative",
            "chief executive",
            "market strategist",
        ],
        "thing": [
            "interest rates",
            "the inflation figures",
            "the export forecast",
            "wage growth",
            "the new tariff schedule",
            "factory output",
            "consumer spending",
            "the housing market",
            "energy prices",
        ],
        "headline": [
            "{Org} signals shift on {thing}",
            "Surprise data on {thing} rattles markets",
            "{Role} {name} warns over {thing}",
            "Businesses in {place} brace for {thing}",
            "Investors weigh {thing} as {place} slows",
        ],
    },
    "science": {
        "org": [
            "the university's physics department",
            "a team of marine biologists",
            "the national space agency",
            "the climate research institute",
            "a group of geneticists",
            "the observatory",
            "the public health laboratory",
        ],
        "role": [
            "lead author",
            "researcher",
            "professor",
            "project scientist",
            "lab director",
            "postdoctoral fellow",
            "field ecologist",
        ],
        "thing": [
            "the deep-sea survey",
            "the new telescope images",
            "the coral reef study",
            "the vaccine trial",
            "the glacier measurements",
            "the soil carbon project",
            "the fossil discovery",
            "the battery chemistry experiment",
        ],
        "headline": [
            "Scientists report surprise in {thing}",
            "{Org} publishes results of {thing}",
            "{Role} {name} explains {thing}",
            "What {thing} could mean for {place}",
            "Breakthrough claimed in {thing}",
        ],
    },
    "sport": {
        "org": [
            "the city football club",
            "the national rugby side",
            "the cycling federation",
            "the basketball league",
            "the Olympic committee",
            "the tennis association",
            "the athletics union",
        ],
        "role": [
            "head coach",
            "captain",
            "team manager",
            "club president",
            "striker",
            "sporting director",
            "physiotherapist",
        ],
        "thing": [
            "the relegation battle",
            "the transfer window",
            "the championship final",
            "the new stadium",
            "the doping inquiry",
            "the youth academy",
            "the season opener",
            "the injury crisis",
        ],
        "headline": [
            "{Org} faces questions after {thing}",
            "{Role} {name} upbeat before {thing}",
            "Fans in {place} celebrate {thing}",
            "Late drama decides {thing}",
            "Inquiry opens into {thing}",
        ],
    },
    "local": {
        "org": [
            "the fire brigade",
            "the school board",
            "the water utility",
            "the hospital trust",
            "the parks department",
            "the neighbourhood association",
            "the bus operator",
        ],
        "role": [
            "fire chief",
            "head teacher",
            "resident",
            "shop owner",
            "councillor",
            "hospital spokesperson",
            "volunteer coordinator",
        ],
        "thing": [
            "the flooding on the high street",
            "the library closure",
            "the new cycle lanes",
            "the hospital waiting lists",
            "the bridge repairs",
            "the summer festival",
            "the rubbish collection strike",
            "the market hall renovation",
        ],
        "headline": [
            "Residents of {place} angry over {thing}",
            "{Org} promises action on {thing}",
            "{Role} {name} speaks out about {thing}",
            "Delays hit {thing} in {place}",
            "Volunteers step in over {thing}",
        ],
    },
    "tech": {
        "org": [
            "the data protection regulator",
            "a start-up from {place}",
            "the chip maker",
            "the telecoms operator",
            "the cybersecurity agency",
            "a social media company",
            "the open-source foundation",
        ],
        "role": [
            "chief technology officer",
            "security researcher",
            "product manager",
            "software engineer",
            "regulator",
            "founder",
            "privacy advocate",
        ],
        "thing": [
            "the data breach",
            "the new smartphone",
            "the broadband rollout",
            "the artificial intelligence rules",
            "the outage",
            "the encryption dispute",
            "the chip shortage",
            "the app store fees",
        ],
        "headline": [
            "{Org} under pressure after {thing}",
            "{Role} {name} on what {thing} means",
            "Users in {place} hit by {thing}",
            "Regulators circle {thing}",
            "Inside the fight over {thing}",
        ],
    },
}

SENTENCES = [
    "{Name}, a {role} with {org}, said {day} that {thing} would be reviewed before the end of the year.",
    "According to figures seen by this newspaper, {number} people in {place} have been affected so far.",
    "\u201cWe cannot keep pretending that {thing} will solve itself,\u201d {name} told reporters {day}.",
    "Critics argue that {org} has moved too slowly, while supporters point to a {percent} improvement since spring.",
    "The dispute over {thing} has dragged on for {small} months, straining relations in {place}.",
    "{Name2}, who has followed the issue for years, described the latest proposal as \u201ca step in the right direction, but only a step\u201d.",
    "Officials in {place} declined to comment on the details, citing ongoing discussions with {org}.",
    "A spokesperson for {org} said the decision had been taken after consultation with {small} independent experts.",
    "The cost of {thing} is now estimated at {money}, almost double the original forecast.",
    "In {place}, opinion remains divided: some welcome the change, others fear it will hit families hardest.",
    "{Name} added that a final report on {thing} is expected within {small} weeks.",
    "The announcement came {day}, hours after {org} published a statement criticising the timetable.",
    "Data released {day} showed a {percent} rise compared with the same period last year.",
    "Several residents said they had only learned about {thing} from social media.",
    "\u201cThis is about trust,\u201d said {Name2}, a {role2} from {place2}. \u201cPeople want to see results, not promises.\u201d",
    "The plan would set aside {money} over the next {small} years, according to a draft seen by reporters.",
    "{org_cap} has faced similar questions before, most recently during the debate over {thing2}.",
    "Independent observers noted that the numbers for {place2} were noticeably better than elsewhere.",
    "It was not immediately clear how the changes would affect {thing2}.",
    "{Name} is expected to meet representatives of {org} again {day2} to discuss next steps.",
    "Local media in {place2} reported that talks had broken down twice in the past fortnight.",
    "The measure passed by a narrow margin of {small} votes after a long and at times heated session.",
    "Earlier estimates had put the figure at around {number}, but that number has since been revised.",
    "Asked whether {thing} would be delayed, {Name2} said only that \u201ceverything is on the table\u201d.",
    "Analysts said the outcome would be closely watched in {place2} and beyond.",
    "The {role2} said the team had worked through the night to prepare the documents.",
    "Records show that {org} first raised concerns about {thing} as early as {year}.",
    "Some {number} households are expected to benefit, though the details remain to be confirmed.",
    "A public hearing on {thing} is scheduled for {day2} at the town hall in {place}.",
    "{Name} acknowledged that mistakes had been made but insisted the overall direction was right.",
]

FOREIGN = {
    "de": [
        "{Name} sagte am Dienstag, die Entscheidung über das Projekt in {place} werde bis Jahresende fallen.",
        "Nach Angaben der Behörden sind bislang rund {number} Menschen betroffen.",
        "\u201eWir können nicht länger warten\u201c, sagte {Name2} gegenüber Journalisten.",
        "Kritiker werfen der Verwaltung vor, zu langsam gehandelt zu haben.",
        "Die Kosten werden inzwischen auf {money} geschätzt, fast doppelt so viel wie geplant.",
        "In {place} sind die Meinungen geteilt: Einige begrüßen die Pläne, andere befürchten Nachteile.",
        "Ein Sprecher erklärte, man habe {small} unabhängige Fachleute um Rat gefragt.",
        "Die Zahlen zeigen einen Anstieg um {percent} im Vergleich zum Vorjahr.",
        "Eine öffentliche Anhörung ist für die kommende Woche im Rathaus geplant.",
        "{Name} räumte Fehler ein, verteidigte aber die grundsätzliche Richtung.",
        "Beobachter in {place2} verfolgen die Entwicklung mit großer Aufmerksamkeit.",
        "Es blieb zunächst unklar, wie sich die Änderungen auf die Haushalte auswirken werden.",
    ],
    "fr": [
        "{Name} a déclaré mardi que la décision concernant le projet à {place} serait prise avant la fin de l'année.",
        "Selon les autorités, environ {number} personnes sont concernées à ce stade.",
        "\u00ab Nous ne pouvons plus attendre \u00bb, a affirmé {Name2} devant la presse.",
        "Les critiques reprochent à l'administration d'avoir agi trop lentement.",
        "Le coût est désormais estimé à {money}, presque le double des prévisions initiales.",
        "À {place}, les avis restent partagés entre partisans et opposants du projet.",
        "Un porte-parole a indiqué que {small} experts indépendants avaient été consultés.",
        "Les chiffres publiés montrent une hausse de {percent} par rapport à l'an dernier.",
        "Une audience publique doit se tenir la semaine prochaine à la mairie.",
        "{Name} a reconnu des erreurs tout en défendant l'orientation générale.",
        "Les observateurs de {place2} suivent la situation de près.",
        "On ignorait encore comment ces changements affecteraient les ménages.",
    ],
    "es": [
        "{Name} afirmó el martes que la decisión sobre el proyecto en {place} se tomará antes de fin de año.",
        "Según las autoridades, unas {number} personas se han visto afectadas hasta ahora.",
        "\u00abNo podemos seguir esperando\u00bb, dijo {Name2} a los periodistas.",
        "Los críticos acusan a la administración de haber actuado con demasiada lentitud.",
        "El coste se estima ahora en {money}, casi el doble de lo previsto.",
        "En {place} las opiniones están divididas entre partidarios y detractores del plan.",
        "Un portavoz indicó que se consultó a {small} expertos independientes.",
        "Los datos muestran un aumento del {percent} respecto al año anterior.",
        "Está prevista una audiencia pública la próxima semana en el ayuntamiento.",
        "{Name} reconoció errores, pero defendió la orientación general.",
        "Los observadores en {place2} siguen la evolución con mucha atención.",
        "No quedó claro de inmediato cómo afectarán los cambios a los hogares.",
    ],
}
FOREIGN_TITLES = {
    "de": "Streit um Projekt in {place} spitzt sich zu",
    "fr": "Le projet de {place} divise toujours",
    "es": "El proyecto de {place} sigue dividiendo opiniones",
}


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _slots(rng: random.Random, topic: dict[str, list[str]], lead: str) -> dict[str, str]:
    org = rng.choice(topic["org"]).replace("{place}", rng.choice(PLACES))
    return {
        "Name": lead,
        "name": lead,
        "Name2": person(rng),
        "role": rng.choice(topic["role"]),
        "role2": rng.choice(topic["role"]),
        "org": org,
        "org_cap": org[0].upper() + org[1:],
        "Org": org[0].upper() + org[1:],
        "Role": rng.choice(topic["role"]).capitalize(),
        "thing": rng.choice(topic["thing"]),
        "thing2": rng.choice(topic["thing"]),
        "place": rng.choice(PLACES),
        "place2": rng.choice(PLACES),
        "day": rng.choice(DAYS),
        "day2": rng.choice(DAYS),
        "number": f"{rng.randint(2, 95) * 100 + rng.randint(0, 99):,}",
        "small": str(rng.randint(2, 14)),
        "percent": f"{rng.randint(2, 38)}.{rng.randint(0, 9)} per cent",
        "money": f"\u00a3{rng.randint(2, 900)} million",
        "year": str(rng.randint(2009, 2023)),
    }


def english_story(rng: random.Random, topic_name: str) -> tuple[str, list[str]]:
    """A headline and 5-10 paragraphs of 2-4 sentences."""
    topic = TOPICS[topic_name]
    lead = person(rng)
    slots = _slots(rng, topic, lead)
    title = rng.choice(topic["headline"]).format(**slots)
    paragraphs = []
    pool = SENTENCES[:]
    rng.shuffle(pool)
    for _ in range(rng.randint(6, 10)):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            if not pool:
                pool = SENTENCES[:]
                rng.shuffle(pool)
            fresh = _slots(rng, topic, lead)  # new figures and places in every sentence
            fresh["thing"] = slots["thing"] if rng.random() < 0.6 else fresh["thing"]
            sentences.append(pool.pop().format(**fresh))
        paragraphs.append(" ".join(sentences))
    return title[0].upper() + title[1:], paragraphs


def foreign_story(rng: random.Random, language: str) -> tuple[str, list[str]]:
    lead = person(rng)
    slots = _slots(rng, TOPICS["local"], lead)
    title = FOREIGN_TITLES[language].format(**slots)
    bank = FOREIGN[language][:]
    rng.shuffle(bank)
    paragraphs = []
    for start in range(0, len(bank), 2):
        fresh = [s.format(**_slots(rng, TOPICS["local"], lead)) for s in bank[start : start + 2]]
        paragraphs.append(" ".join(fresh))
    return title, paragraphs
