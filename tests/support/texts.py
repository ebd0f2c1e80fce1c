"""Sample texts: the paragraphs of one news story in four languages, a news page around them
(with junk where a test wants it), and the paragraphs of a wire story as the demo site writes it.
"""

from __future__ import annotations

import random

from newscrawler.demo.text import english_story

EN = [
    "The city council voted on Tuesday to close the old harbour bridge for eighteen months, "
    "after engineers found corrosion in three of the steel supports that carry the main deck.",
    "Traffic will be diverted over the ring road, which the transport department expects to add "
    "about twelve minutes to the average commute for drivers coming from the northern districts.",
    "Residents of the waterfront neighbourhood said they had been warned for years that the "
    "structure was ageing, and several of them told the meeting that the repairs came too late.",
    "The mayor said the council had set aside forty million euros for the work, most of it "
    "borrowed at a fixed rate, and that a ferry service would run every ten minutes at peak hours.",
    "Engineers will first replace the damaged supports, then resurface the deck and install new "
    "railings, before a load test that must be passed before the bridge can reopen to lorries.",
    "Shop owners near the northern ramp asked for compensation, arguing that their trade "
    "depends on passing traffic and that a closure of this length could force some of them "
    "out of business.",
    "The opposition leader called the timetable optimistic and asked the council to publish "
    "the engineering report in full, a request the mayor agreed to at the end of the "
    "four-hour session.",
    "Work is due to begin in May, once the contract has been awarded, and the council has promised "
    "monthly updates on its website and at public meetings in the affected neighbourhoods.",
]
DE = [
    "Der Stadtrat hat am Dienstag beschlossen, die alte Hafenbrücke für achtzehn Monate zu "
    "sperren, nachdem Ingenieure an drei der tragenden Stahlstützen deutliche "
    "Korrosionsschäden fanden.",
    "Der Verkehr wird über den Ring umgeleitet, was nach Angaben der Verkehrsbehörde die Fahrzeit "
    "für Pendler aus den nördlichen Stadtteilen um etwa zwölf Minuten verlängern dürfte.",
    "Anwohner des Hafenviertels sagten, sie hätten seit Jahren vor dem Zustand der Brücke gewarnt, "
    "und mehrere von ihnen erklärten in der Sitzung, die Reparatur komme viel zu spät.",
    "Die Bürgermeisterin sagte, die Stadt habe vierzig Millionen Euro für die Arbeiten eingeplant "
    "und während der Sperrung werde zu Stoßzeiten alle zehn Minuten eine Fähre fahren.",
    "Zunächst sollen die beschädigten Stützen ersetzt werden, danach wird die Fahrbahn erneuert, "
    "bevor eine Belastungsprobe über die Wiederöffnung für den Lastverkehr entscheidet.",
    "Die Arbeiten sollen im Mai beginnen, sobald der Auftrag vergeben ist, und die Stadt hat "
    "monatliche Berichte auf ihrer Internetseite und in öffentlichen Versammlungen zugesagt.",
]
FR = [
    "Le conseil municipal a voté mardi la fermeture du vieux pont du port pendant dix-huit mois, "
    "après que des ingénieurs ont découvert de la corrosion sur trois des piliers en acier.",
    "La circulation sera déviée par le périphérique, ce qui devrait rallonger d'environ douze "
    "minutes le trajet moyen des automobilistes venant des quartiers du nord de la ville.",
    "Les habitants du quartier du port affirment avoir alerté la mairie depuis des années sur "
    "l'état de l'ouvrage, et plusieurs d'entre eux ont jugé que les travaux arrivaient trop tard.",
    "La maire a indiqué que la ville avait réservé quarante millions d'euros pour le chantier et "
    "qu'un bac circulerait toutes les dix minutes aux heures de pointe pendant la fermeture.",
    "Les ingénieurs remplaceront d'abord les piliers endommagés, puis refermeront la chaussée, "
    "avant un essai de charge qui conditionnera la réouverture du pont aux poids lourds.",
    "Les travaux doivent commencer en mai, une fois le marché attribué, et la ville a promis des "
    "points d'étape mensuels sur son site et lors de réunions publiques dans les quartiers.",
]
ES = [
    "El ayuntamiento aprobó el martes cerrar el viejo puente del puerto durante dieciocho meses, "
    "después de que los ingenieros encontraran corrosión en tres de los pilares de acero.",
    "El tráfico se desviará por la ronda, lo que según el departamento de transporte añadirá unos "
    "doce minutos al trayecto medio de los conductores que llegan desde los barrios del norte.",
    "Los vecinos del barrio del puerto dijeron que llevaban años advirtiendo del estado del puente "
    "y varios de ellos afirmaron en la sesión que las obras llegaban demasiado tarde.",
    "La alcaldesa explicó que la ciudad ha reservado cuarenta millones de euros para las obras y "
    "que un transbordador saldrá cada diez minutos en las horas punta mientras dure el cierre.",
    "Los ingenieros sustituirán primero los pilares dañados y después renovarán el firme, antes "
    "de una prueba de carga que decidirá la reapertura del puente a los camiones.",
    "Las obras comenzarán en mayo, una vez adjudicado el contrato, y el ayuntamiento ha prometido "
    "informes mensuales en su página web y en reuniones públicas en los barrios afectados.",
]


def page(paragraphs: list[str], junk: str = "", *, lang: str = "en", after: int = 3) -> str:
    """A news page whose article body holds `paragraphs`, with `junk` inserted after paragraph
    `after` (inside the body) and the usual site chrome around it."""
    body = [f"<p>{p}</p>" for p in paragraphs]
    body.insert(after, junk)
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>Harbour bridge to close for repairs</title>
<meta property="og:type" content="article"></head>
<body><header><nav><a href="/">Home</a> <a href="/politics/">Politics</a></nav></header>
<main><article><h1>Harbour bridge to close for repairs</h1>
<div class="body">{"".join(body)}</div></article></main>
<footer><p>Harbour Gazette</p></footer></body></html>"""


def wire_story(seed: int = 11) -> list[str]:
    """The paragraphs of one economy story in the demo site's prose (`seed` picks which)."""
    _, paragraphs = english_story(random.Random(seed), "economy")
    return paragraphs
