"""Swedish word lists and sentence templates for the demo's generated texts.

Conventions, stated once:
- All user-facing text is Swedish and invented here; nothing is copied from a real report.
- Templates use ``str.format`` slots: ``{theme}`` (an area goal's theme, a noun phrase),
  ``{place}``, ``{name}`` (an indicator name, lower-cased at the start), ``{value}``,
  ``{target}`` (already formatted the Swedish way), ``{period}`` ("första tertialet" …),
  ``{end}``/``{next}`` (a month and year). Sentences are composed in ``prose``, which keeps any
  one of them from repeating in a report.
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

SUBHEADINGS = (
    "Resultat under perioden",
    "Fortsatt arbete",
    "Samverkan",
    "Utmaningar",
    "Insatser i områdena",
    "Uppföljning",
    "Lärdomar",
)

# Indicator analyses: every sentence names the indicator or its figures, so none repeats.
INDICATOR_ANALYSES = {
    "met": (
        "Utfallet för {name} ligger i nivå med årsmålet {target}, och prognosen är att målet nås.",
        "Resultatet för {name} har förbättrats jämfört med föregående år tack vare ett riktat arbete, "
        "och {value} ligger i linje med målet.",
        "Med {value} för {name} bedöms årsmålet på {target} nås.",
    ),
    "partly_met": (
        "Utfallet för {name} är {value}, vilket är något sämre än årsmålet {target}.",
        "Förvaltningen bedömer att {name} närmar sig årsmålet {target} men inte når det fullt ut.",
        "För {name} återstår en bit till målet {target}; insatserna förstärks under resten av året.",
    ),
    "not_met": (
        "Utfallet för {name} är {value} och årsmålet {target} bedöms inte nås; arbetssätten ses nu över "
        "för att vända utvecklingen.",
        "Målet {target} för {name} nås inte, främst på grund av ett ökat behov och svårigheter att "
        "rekrytera.",
        "Med {value} ligger {name} klart under ambitionen {target}, och en åtgärdsplan tas fram.",
    ),
    "missing": (
        "Utfall för {name} saknas för perioden eftersom mätningen har försenats.",
        "För {name} har inget utfall kunnat tas fram för perioden; det redovisas i nästa rapport.",
    ),
    "gender": (
        "Skillnaden mellan kvinnor och män för {name} följs upp särskilt under året.",
        "För {name} skiljer sig utfallen mellan kvinnor och män, vilket analyseras vidare.",
    ),
}
ACTIVITY_DEVIATIONS = (
    "Aktiviteten är försenad på grund av vakanser och beräknas slutföras till {next}.",
    "Aktiviteten har fått ändrad inriktning efter dialog med berörda verksamheter.",
    "Aktiviteten har skjutits upp i väntan på ett stadsövergripande beslut.",
    "Tidplanen med slut i {end} hålls inte; arbetet fortsätter till {next}.",
    "Aktiviteten har pausats under hösten och återupptas till {next}.",
    "Arbetet har tagit längre tid än planerat och förväntas vara klart till {next}.",
)
ACTIVITY_ANALYSES = (
    "Aktiviteten har genomförts enligt plan och arbetssättet är nu en del av ordinarie verksamhet.",
    "Arbetet har påbörjats och en första uppföljning visar positiva resultat.",
    "Aktiviteten genomförs i samverkan med andra förvaltningar och följs upp vid årets slut.",
    "Aktiviteten ska vara klar i {end} och följer hittills tidplanen.",
    "Fram till {end} genomförs aktiviteten stegvis, enhet för enhet.",
    "En delrapport har tagits fram och slutrapporten väntas i {end}.",
    "Arbetet leds av en arbetsgrupp som rapporterar till ledningsgruppen fram till {end}.",
)
DESCRIPTIONS = (
    "Nämnden ska arbeta för {theme} med utgångspunkt i invånarnas behov.",
    "Målet innebär att verksamheterna prioriterar {theme} och följer upp resultaten systematiskt.",
    "Arbetet med {theme} sker i nära samverkan med andra aktörer i {place} och i staden.",
    "Inom {theme} ska insatserna nå dem som behöver dem mest, oavsett var i stadsdelen de bor.",
    "Förvaltningen följer arbetet med {theme} genom indikatorerna nedan och genom dialog med invånarna "
    "i {place}.",
)
EXPECTED_RESULTS = (
    "Fler invånare upplever förbättringar inom {theme}",
    "Skillnaderna inom {theme} mellan stadsdelens områden har minskat",
    "Verksamheterna i {place} har gemensamma rutiner och arbetssätt",
    "Resultaten inom {theme} följs upp och redovisas varje tertial",
    "Samverkan med externa aktörer i {place} har stärkts",
)
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
