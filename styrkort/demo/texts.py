"""Swedish word lists and sentence templates for the demo's generated texts.

Conventions, stated once:
- All user-facing text is Swedish and invented here; nothing is copied from a real report.
- Templates use ``str.format`` slots: ``{theme}`` (an area goal's theme, a noun phrase),
  ``{place}``, ``{name}`` (an indicator name, lower-cased at the start), ``{value}``,
  ``{target}`` (already formatted the Swedish way), ``{period}`` ("första tertialet" …).
- Functions take a ``random.Random`` and pick from the lists; they never read the clock.
"""

from __future__ import annotations

import random

FIRST_NAMES = (
    "Anna",
    "Bertil",
    "Cecilia",
    "David",
    "Elin",
    "Fredrik",
    "Greta",
    "Hassan",
    "Ingrid",
    "Johan",
    "Karin",
    "Leila",
    "Magnus",
    "Nora",
    "Oskar",
    "Petra",
    "Rasmus",
    "Sara",
    "Tobias",
    "Ylva",
)
LAST_NAMES = (
    "Andersson",
    "Berg",
    "Dahl",
    "Ek",
    "Forsberg",
    "Holm",
    "Karlsson",
    "Lind",
    "Lundqvist",
    "Nyström",
    "Sandberg",
    "Sjögren",
    "Strand",
    "Wallin",
    "Öberg",
)
PLACE_STEMS = (
    "Ek",
    "Björk",
    "Lind",
    "Sjö",
    "Berg",
    "Äng",
    "Hag",
    "Strand",
    "Ros",
    "Al",
    "Gran",
    "Lönn",
    "Hassel",
    "Sol",
    "Mo",
    "Kvarn",
)
PLACE_ENDINGS = ("dalen", "hagen", "backen", "vik", "lunda", "näs", "berga", "torp", "holmen", "ängen")

# Committee goals: two or three per area goal; the largest committee takes two.
COMMITTEE_GOALS: dict[str, tuple[str, ...]] = {
    "1.1": (
        "Barn och unga har tillgång till en trygg och meningsfull fritid nära hemmet",
        "Barn och unga är delaktiga i verksamheter som rör dem",
    ),
    "1.2": (
        "Förskolan ger alla barn goda förutsättningar för lärande och språkutveckling",
        "Förskolans miljöer är trygga, hälsosamma och stimulerande",
    ),
    "1.3": (
        "Barn, unga och vuxna får tidigt och samordnat stöd",
        "Personer med funktionsnedsättning lever ett självständigt liv med god kvalitet",
    ),
    "1.4": (
        "Äldre är trygga och nöjda med sin omsorg",
        "Äldre har tillgång till social gemenskap och aktiviteter",
    ),
    "1.5": (
        "Kultur- och föreningslivet når fler invånare i alla åldrar",
        "Fler barn och unga deltar i kulturverksamhet",
    ),
    "2.1": ("Verksamheternas klimatpåverkan minskar", "Måltiderna blir mer klimatsmarta"),
    "2.2": (
        "Parker och grönytor sköts så att den biologiska mångfalden ökar",
        "Invånarna har nära till gröna och välskötta platser",
    ),
    "2.3": ("Medarbetarna reser hållbart i tjänsten", "Transporter i verksamheten samordnas bättre"),
    "2.4": ("Barn vistas i giftfria och hälsosamma miljöer", "Användningen av engångsplast minskar"),
    "3.1": ("Nämndens verksamheter bedrivs långsiktigt inom given budgetram", "Lokaler används effektivt"),
    "3.2": ("Fler unga och vuxna når egen försörjning", "Förvaltningen erbjuder fler praktikplatser"),
    "3.3": ("Färre hushåll lever i akut hemlöshet", "Inga barn berörs av avhysningar"),
    "3.4": (
        "Medarbetarna har en god och hälsosam arbetsmiljö",
        "Förvaltningen attraherar och behåller kompetens",
    ),
    "3.5": (
        "Verksamheterna har god beredskap och kan upprätthålla viktiga funktioner",
        "Medarbetarna vet hur de ska agera vid en kris",
    ),
    "3.6": (
        "Invånarna upplever ökad trygghet i sitt närområde",
        "Det brottsförebyggande arbetet sker i samverkan",
    ),
    "3.7": (
        "Invånarna har goda möjligheter till inflytande och dialog",
        "Förvaltningens verksamheter är öppna och tillgängliga",
    ),
}

ACTIVITY_VERBS = (
    "Utveckla",
    "Stärka",
    "Kartlägga",
    "Följa upp",
    "Se över",
    "Samordna",
    "Genomföra en översyn av",
    "Fördjupa",
)
ACTIVITY_OBJECTS: dict[str, tuple[str, ...]] = {
    "1.1": (
        "arbetet med lovaktiviteter",
        "samverkan med föreningar kring fritid",
        "den mobila fritidsverksamheten",
    ),
    "1.2": (
        "arbetet med språkutveckling i förskolan",
        "introduktionen av nya barn",
        "det systematiska kvalitetsarbetet i förskolan",
    ),
    "1.3": (
        "föräldrastödet",
        "samverkan mellan skola och socialtjänst",
        "arbetet mot våld i nära relationer",
        "stödet till personer med samsjuklighet",
    ),
    "1.4": (
        "träffpunkternas aktiviteter",
        "personalkontinuiteten i hemtjänsten",
        "arbetet mot ofrivillig ensamhet",
    ),
    "1.5": ("biblioteksverksamheten för barn", "samarbetet med kulturskolan", "föreningsstödet"),
    "2.1": ("omställningen till fossilfria fordon", "arbetet med klimatsmarta måltider"),
    "2.2": ("skötseln av ängsytor", "planeringen av trädplantering"),
    "2.3": ("riktlinjerna för tjänsteresor", "samordningen av transporter"),
    "2.4": ("arbetet med kemikaliesmarta förskolor", "utfasningen av engångsplast"),
    "3.1": ("uppföljningen av avtal", "lokalförsörjningsplanen", "arbetet mot fel och oegentligheter"),
    "3.2": ("arbetet med praktikplatser", "stödet till unga vuxna utan sysselsättning"),
    "3.3": ("arbetet med bostadssociala kontrakt", "det vräkningsförebyggande arbetet"),
    "3.4": (
        "det systematiska arbetsmiljöarbetet",
        "arbetet med kompetensbaserad rekrytering",
        "det hälsofrämjande arbetet",
    ),
    "3.5": ("kontinuitetsplanerna", "utbildningen i krisberedskap"),
    "3.6": ("platssamverkan", "trygghetsvandringarna", "det brottsförebyggande arbetet"),
    "3.7": (
        "medborgardialogerna",
        "rutinen för synpunkter och klagomål",
        "arbetet med barnrättsperspektivet",
    ),
}

# City assignments ("Stadsdelsnämnderna ska …"), one per area goal where the city has one.
CITY_ASSIGNMENTS: dict[str, str] = {
    "1.1": "Erbjuda avgiftsfria sommaraktiviteter för barn och unga i alla stadsdelar",
    "1.2": "Införa gemensamma rutiner för barnens övergång från förskola till skola",
    "1.3": "Utveckla tidiga och samordnade insatser för barn och unga i riskzon",
    "1.4": "Pröva nya arbetssätt för ökad personalkontinuitet i hemtjänsten",
    "2.1": "Ta fram en plan för fossilfria transporter i verksamheterna",
    "2.2": "Inventera stadsdelens grönytor med höga naturvärden",
    "3.1": "Genomföra en gemensam översyn av lokalbehoven",
    "3.2": "Erbjuda feriejobb till alla ungdomar som söker",
    "3.4": "Genomföra en stadsövergripande medarbetarenkät",
    "3.5": "Uppdatera kontinuitetsplaner för samhällsviktig verksamhet",
    "3.6": "Delta i stadens arbete med platssamverkan",
    "3.7": "Informera om valet i stadsdelar med lågt valdeltagande",
}

GOAL_SENTENCES = (
    "Förvaltningen har under {period} fortsatt arbetet med {theme}.",
    "Arbetet med {theme} har utvecklats i samverkan med civilsamhället och andra förvaltningar.",
    "Verksamheterna har följt upp arbetet med {theme} regelbundet och justerat insatserna vid behov.",
    "Under {period} har särskilt fokus legat på att nå grupper som tidigare deltagit i mindre utsträckning.",
    "Medarbetarna har fått kompetensutveckling som stärker arbetet med {theme}.",
    "En fortsatt utmaning är att resurserna behöver räcka till ett ökat behov.",
    "Dialoger med invånare har gett underlag för att prioritera rätt insatser inom {theme}.",
    "Samverkan med region, polis och skola har fördjupats under {period}.",
    "Uppföljningen visar att insatserna ger effekt, men att arbetet behöver fortsätta under resten av året.",
    "Flera verksamheter i {place} har prövat nya arbetssätt som nu sprids till fler enheter.",
    "Insatserna har anpassats efter behoven i {place}, där skillnaderna mellan grupper är störst.",
    "Förvaltningen har tagit fram en gemensam plan för {theme} som följs upp av ledningsgruppen.",
    "Statsbidrag har gjort det möjligt att förstärka arbetet under en begränsad tid.",
    "Resultaten från brukarundersökningen används för att utveckla verksamheten vidare.",
)
ASSESSMENT_OPENINGS = {
    "met": "Bedömningen är att målet uppfylls helt under året.",
    "partly_met": "Bedömningen är att målet uppfylls delvis under året.",
    "not_met": "Bedömningen är att målet inte uppfylls under året.",
}
ASSESSMENT_GROUNDS = (
    "Bedömningen grundar sig på utfall och prognos för indikatorerna samt genomförda aktiviteter.",
    "Bedömningen grundar sig på det sammanlagda resultatet för underliggande mål.",
    "Bedömningen grundar sig på periodens resultat och prognosen för helåret.",
)
SUBHEADINGS = ("Resultat under perioden", "Fortsatt arbete", "Samverkan", "Utmaningar")

INDICATOR_ANALYSES = {
    "met": (
        "Utfallet för {name} ligger i nivå med årsmålet och prognosen är att målet nås.",
        "Resultatet för {name} har förbättrats jämfört med föregående år tack vare ett riktat arbete.",
    ),
    "partly_met": (
        "Utfallet för {name} är {value}, vilket är något sämre än årsmålet {target}.",
        "Förvaltningen bedömer att {name} närmar sig årsmålet men inte når det fullt ut.",
    ),
    "not_met": (
        "Utfallet för {name} är {value} och årsmålet {target} bedöms inte nås. Förvaltningen ser över "
        "arbetssätten för att vända utvecklingen.",
        "Målet för {name} nås inte. Orsaken är främst ett ökat behov och svårigheter att rekrytera.",
    ),
    "missing": ("Utfall för {name} saknas för perioden eftersom mätningen har försenats.",),
    "gender": ("Skillnaden mellan kvinnor och män för {name} följs upp särskilt under året.",),
}
ACTIVITY_DEVIATIONS = (
    "Aktiviteten är försenad på grund av vakanser och beräknas slutföras under nästa år.",
    "Aktiviteten har fått ändrad inriktning efter dialog med berörda verksamheter.",
    "Aktiviteten har skjutits upp i väntan på ett stadsövergripande beslut.",
)
ACTIVITY_ANALYSES = (
    "Aktiviteten har genomförts enligt plan och arbetssättet är nu en del av ordinarie verksamhet.",
    "Arbetet har påbörjats och en första uppföljning visar positiva resultat.",
    "Aktiviteten genomförs i samverkan med andra förvaltningar och följs upp vid årets slut.",
)
DESCRIPTIONS = (
    "Nämnden ska arbeta för {theme} med utgångspunkt i invånarnas behov.",
    "Målet innebär att verksamheterna prioriterar {theme} och följer upp resultaten systematiskt.",
    "Arbetet sker i nära samverkan med andra aktörer i {place} och i staden.",
)
EXPECTED_RESULTS = (
    "Fler invånare upplever förbättringar inom {theme}",
    "Verksamheterna har gemensamma rutiner och arbetssätt",
    "Resultaten följs upp och redovisas varje tertial",
    "Samverkan med externa aktörer har stärkts",
    "Skillnaderna mellan stadsdelens områden har minskat",
)
SUMMARY_HEADINGS = (
    "Nämndens verksamhet under perioden",
    "En sammanhållen stad",
    "En klimatsmart stad",
    "En ekonomiskt hållbar stad",
)
SUMMARY_OPENINGS = {
    "met": "Förvaltningen bedömer att samtliga inriktningsmål kommer att uppfyllas helt under året.",
    "partly_met": "Förvaltningen bedömer att inriktningsmålen i huvudsak uppfylls, men att något mål endast "
    "uppfylls delvis.",
    "not_met": "Förvaltningen bedömer att ett eller flera inriktningsmål inte kommer att uppfyllas under året.",
}
FUND_PURPOSES = (
    "grundutbildning i demensvård",
    "utbildning i lågaffektivt bemötande",
    "handledning för förskolans pedagoger",
    "språkstöd för medarbetare inom omsorgen",
    "utbildning i motiverande samtal",
)
INVESTMENT_PURPOSES = (
    "trygghetsinvestering, förstärkt belysning vid {place}s torg",
    "trygghetsinvestering, säkrare skolvägar i {place}",
)
OPERATING_PURPOSES = ("avveckling av lokaler i {place}", "tomgångshyror efter omstrukturering i {place}")


def place_names(rng: random.Random, count: int) -> tuple[str, ...]:
    """Invented place names such as "Lindhagen", unique within the tuple."""
    names: list[str] = []
    while len(names) < count:
        stem, ending = rng.choice(PLACE_STEMS), rng.choice(PLACE_ENDINGS)
        if stem.lower() not in ending and stem + ending not in names:
            names.append(stem + ending)
    return tuple(names)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# Sentence parts, combined freely so that long analyses do not repeat themselves.
OPENERS = (
    "Under {period}",
    "Sedan årsskiftet",
    "Inom området",
    "I {place}",
    "Tillsammans med civilsamhället",
    "I samverkan med andra förvaltningar",
    "Utifrån föregående års resultat",
    "Med stöd av statsbidrag",
)
SUBJECTS = (
    "har förvaltningen",
    "har verksamheterna",
    "har enheterna",
    "har medarbetarna",
    "har ledningsgruppen",
)
VERBS = ("fortsatt", "fördjupat", "påbörjat", "vidareutvecklat", "samordnat", "utvärderat", "prioriterat")
OBJECTS = (
    "arbetet med {theme}",
    "samverkan kring {theme}",
    "uppföljningen av {theme}",
    "insatserna för {theme}",
    "rutinerna kring {theme}",
    "dialogen med invånarna om {theme}",
    "kompetensutvecklingen inom {theme}",
)
PURPOSES = (
    "i syfte att nå fler invånare",
    "för att stärka kvaliteten",
    "för att möta ett ökat behov",
    "med fokus på likvärdighet",
    "för att använda resurserna effektivt",
    "med särskilt fokus på barn och unga",
    "utifrån resultaten i brukarundersökningen",
    "för att minska skillnaderna mellan stadsdelens områden",
)


def sentence(rng: random.Random, **slots: str) -> str:
    """A sentence combined from the parts above, e.g. "Sedan årsskiftet har enheterna fortsatt …"."""
    parts = (
        rng.choice(OPENERS),
        rng.choice(SUBJECTS),
        rng.choice(VERBS),
        rng.choice(OBJECTS),
        rng.choice(PURPOSES),
    )
    return " ".join(parts).format(**slots) + "."


def paragraphs(rng: random.Random, count: int, per_paragraph: int, **slots: str) -> list[str]:
    """``count`` paragraphs of ``per_paragraph`` sentences: one from ``GOAL_SENTENCES``, the rest combined."""
    fixed = rng.sample(GOAL_SENTENCES, len(GOAL_SENTENCES))
    return [
        " ".join(
            [fixed[index % len(fixed)].format(**slots)]
            + [sentence(rng, **slots) for _ in range(per_paragraph - 1)]
        )
        for index in range(count)
    ]
