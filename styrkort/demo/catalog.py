"""The fictional municipality Exempelstad: committees, city goals and city indicators, as data.

Conventions, stated once:
- Everything here is invented for the demo; no text is taken from a real report.
- Figures in specs are strings in exchange notation ("4.3"); the generator turns them into
  ``Decimal``. A spec's ``sectors`` say which committees report it: a committee reports the
  indicators whose sectors meet its own (``COMMON`` indicators are reported by everyone).
- Committees are listed in their fixed report order; ``generate_demo(committees=n)`` takes the
  first n. The first is the largest (the scale case for benchmarks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from styrkort.domain.document import Direction, Frequency

COMMON = "common"
DISTRICT = "district"


@dataclass(frozen=True)
class CommitteeSpec:
    """A committee of Exempelstad: code, Swedish name, kind and the sectors it works in."""

    code: str
    name: str
    subject: str  # how its decision proposals start: "Stadsdelsnämnden …"
    sectors: frozenset[str]
    scale: int  # size in percent of an ordinary district council


_DISTRICT_SECTORS = frozenset(
    {COMMON, DISTRICT, "child", "preschool", "social", "disability", "elderly", "culture", "labour", "park"}
)


def _district(code: str, name: str, scale: int) -> CommitteeSpec:
    return CommitteeSpec(code, name, "Stadsdelsnämnden", _DISTRICT_SECTORS, scale)


def _specialist(code: str, name: str, sectors: set[str], scale: int) -> CommitteeSpec:
    return CommitteeSpec(code, name, name, frozenset(sectors | {COMMON}), scale)


COMMITTEES: tuple[CommitteeSpec, ...] = (
    _district("sdn-norra", "Norra stadsdelsnämnden", 150),
    _district("sdn-sodra", "Södra stadsdelsnämnden", 100),
    _specialist("forskolenamnden", "Förskolenämnden", {"preschool"}, 70),
    _district("sdn-ostra", "Östra stadsdelsnämnden", 90),
    _specialist("aldrenamnden", "Äldrenämnden", {"elderly"}, 70),
    _district("sdn-vastra", "Västra stadsdelsnämnden", 85),
    _specialist("kulturnamnden", "Kulturnämnden", {"culture", "child"}, 55),
    _district("sdn-centrum", "Stadsdelsnämnden Centrum", 95),
    _district("sdn-asby", "Åsby stadsdelsnämnd", 75),
    _specialist("socialnamnden", "Socialnämnden", {"social", "disability"}, 65),
    _district("sdn-sjovik", "Sjöviks stadsdelsnämnd", 80),
    _specialist("arbetsmarknadsnamnden", "Arbetsmarknadsnämnden", {"labour"}, 50),
    _district("sdn-lindhaga", "Lindhaga stadsdelsnämnd", 70),
    _specialist("miljonamnden", "Miljö- och parknämnden", {"park"}, 50),
    _district("sdn-ekdalen", "Ekdalens stadsdelsnämnd", 65),
)

LARGEST_COMMITTEE_CODE = COMMITTEES[0].code


@dataclass(frozen=True)
class AreaGoalSpec:
    """A city area goal: number, title, a short theme for sentences, and its sectors."""

    number: str
    title: str
    theme: str
    sectors: frozenset[str]


def _area(number: str, title: str, theme: str, *sectors: str) -> AreaGoalSpec:
    return AreaGoalSpec(number, title, theme, frozenset(sectors))


AIMS: tuple[tuple[str, str], ...] = (
    ("1", "En sammanhållen stad med jämlik välfärd för alla invånare"),
    ("2", "En klimatsmart och grön stad för kommande generationer"),
    ("3", "En ekonomiskt hållbar stad med arbete och trygghet för alla"),
)

AREA_GOALS: tuple[AreaGoalSpec, ...] = (
    _area(
        "1.1",
        "Barn och unga ska ha trygga uppväxtvillkor och en meningsfull fritid",
        "barns och ungas uppväxtvillkor och fritid",
        "child",
        "culture",
    ),
    _area(
        "1.2",
        "Alla barn ska få en god start i förskolan",
        "förskolans kvalitet och likvärdighet",
        "preschool",
    ),
    _area(
        "1.3",
        "Invånare som behöver stöd ska få det i rätt tid och med god kvalitet",
        "stöd till barn, unga och vuxna i utsatta situationer",
        "social",
        "disability",
    ),
    _area("1.4", "Äldre ska leva ett aktivt liv med trygg och värdig omsorg", "omsorgen om äldre", "elderly"),
    _area(
        "1.5",
        "Kultur, idrott och föreningsliv ska vara tillgängligt för alla",
        "kultur- och föreningslivet",
        "culture",
    ),
    _area("2.1", "Utsläppen av växthusgaser ska minska varje år", "minskade utsläpp av växthusgaser", COMMON),
    _area(
        "2.2",
        "Grönområden och biologisk mångfald ska värnas och utvecklas",
        "grönområden och biologisk mångfald",
        "park",
    ),
    _area("2.3", "Det ska vara enkelt att resa hållbart i staden", "hållbara resor", COMMON),
    _area(
        "2.4", "Invånarna ska ha en god och giftfri livsmiljö", "en giftfri livsmiljö", "preschool", "park"
    ),
    _area(
        "3.1",
        "Stadens ekonomi ska vara stabil och resurserna användas effektivt",
        "en stabil ekonomi och effektiv resursanvändning",
        COMMON,
    ),
    _area(
        "3.2",
        "Fler invånare ska gå från bidrag till egen försörjning",
        "vägen till egen försörjning",
        "labour",
        "social",
    ),
    _area(
        "3.3",
        "Invånarna ska ha tillgång till en god bostad",
        "boende för personer i utsatta situationer",
        "social",
    ),
    _area(
        "3.4",
        "Staden ska vara en attraktiv arbetsgivare med friska medarbetare",
        "arbetsmiljö och kompetensförsörjning",
        COMMON,
    ),
    _area(
        "3.5", "Staden ska ha god beredskap inför kriser och störningar", "beredskap och kontinuitet", COMMON
    ),
    _area("3.6", "Tryggheten ska öka i alla stadsdelar", "trygghet i stadsmiljön", DISTRICT, COMMON),
    _area(
        "3.7",
        "Invånarna ska ha inflytande och förtroende för stadens verksamheter",
        "invånarnas delaktighet och inflytande",
        COMMON,
    ),
)


@dataclass(frozen=True)
class IndicatorSpec:
    """A city indicator's definition; ``city_target`` is "num" for a yearly figure set by the city."""

    goal: str
    name: str
    unit: str
    direction: Direction
    frequency: Frequency
    gender_split: bool
    decimals: int
    city_target: str
    low: str
    high: str
    sectors: frozenset[str]


def _ind(
    goal: str,
    name: str,
    unit: str,
    direction: Direction,
    frequency: Frequency,
    gender: bool,
    decimals: int,
    target: str,
    low: str,
    high: str,
    *sectors: str,
) -> IndicatorSpec:
    return IndicatorSpec(
        goal, name, unit, direction, frequency, gender, decimals, target, low, high, frozenset(sectors)
    )


H: Final = "higher"
L: Final = "lower"
IV: Final = "interval"
T: Final = "tertial"
A: Final = "annual"
KF = "Tas fram av nämnd"

# fmt: off
CITY_INDICATORS: tuple[IndicatorSpec, ...] = (
    _ind("1.1", "Andel barn och unga som deltar i fritidsverksamhet", "%", H, T, True, 1, "num", "30", "45",
         "child"),
    _ind("1.1", "Antal ungdomar som fått feriejobb", "st", H, A, True, 0, KF, "300", "1200", "child",
         "labour"),
    _ind("1.1", "Antal besök på fritidsgårdar", "st", H, T, True, 0, "Ökning", "8000", "30000", "child"),
    _ind("1.2", "Andel legitimerade förskollärare av antal anställda", "%", H, T, True, 1, "Ökning", "30",
         "45", "preschool"),
    _ind("1.2", "Antal barn per anställd i förskolan", "st", L, T, False, 1, "num", "4.3", "5.2",
         "preschool"),
    _ind("1.2", "Antal barn per grupp i förskolan", "barn/avd.", L, T, False, 1, "num", "13", "16",
         "preschool"),
    _ind("1.2", "Vårdnadshavares nöjdhet med förskolan", "index", H, A, False, 0, "num", "70", "85",
         "preschool"),
    _ind("1.2", "Andel barn i förskoleåldern som är inskrivna i förskolan", "%", H, A, True, 1, "Ökning",
         "85", "95", "preschool"),
    _ind("1.3", "Andel barnavårdsutredningar som avslutats inom fyra månader", "%", H, T, False, 0, "num",
         "85", "98", "social"),
    _ind("1.3", "Antal hushåll med ekonomiskt bistånd", "st", L, T, False, 0, "Minskning", "300", "1100",
         "social"),
    _ind("1.3", "Medelbidrag per hushåll med ekonomiskt bistånd", "kr", L, T, False, 0, KF, "10500",
         "13000", "social"),
    _ind("1.3", "Andel brukare inom LSS som är nöjda med sitt boende", "%", H, A, True, 0, "num", "80",
         "95", "disability"),
    _ind("1.3", "Andel vuxna med missbruk som inte återaktualiserats inom ett år", "%", H, A, True, 0,
         "num", "65", "85", "social"),
    _ind("1.3", "Antal barn och unga placerade i familjehem", "st", L, T, True, 0, "Minskning", "20", "90",
         "social"),
    _ind("1.4", "Andel äldre som är nöjda med sin hemtjänst", "%", H, A, True, 0, "num", "85", "93",
         "elderly"),
    _ind("1.4", "Andel äldre som är nöjda med sitt vård- och omsorgsboende", "%", H, A, True, 0, "num",
         "80", "92", "elderly"),
    _ind("1.4", "Antal personal en hemtjänsttagare möter under 14 dagar", "st", L, A, False, 1,
         "Max 10 personer", "9", "15", "elderly"),
    _ind("1.4", "Andel sjuksköterskor inom vård- och omsorgsboenden", "%", H, A, False, 1, KF, "6", "9",
         "elderly"),
    _ind("1.4", "Andel äldre som känner sig trygga i sitt boende", "%", H, A, True, 0, "num", "80", "92",
         "elderly"),
    _ind("1.4", "Andel brukare med aktuell genomförandeplan", "%", H, T, False, 0, "num", "88", "99",
         "elderly"),
    _ind("1.5", "Antal deltagare i kulturaktiviteter för barn och unga", "st", H, T, True, 0, "Ökning",
         "2000", "12000", "culture"),
    _ind("1.5", "Andel invånare som är nöjda med kulturutbudet", "%", H, A, True, 0, "num", "65", "80",
         "culture"),
    _ind("1.5", "Antal utlån på biblioteken", "st", H, T, False, 0, "Ökning", "40000", "180000", "culture"),
    _ind("1.5", "Antal föreningar som fått föreningsbidrag", "st", H, A, False, 0, KF, "15", "70",
         "culture"),
    _ind("2.1", "Växthusgasutsläpp från tjänsteresor", "ton", L, A, False, 1, "Minskning", "5", "40",
         COMMON),
    _ind("2.1", "Andel fossilfria fordon i förvaltningens fordonspark", "%", H, A, False, 0, "num", "70",
         "100", COMMON),
    _ind("2.1", "Andel ekologiska livsmedel i måltiderna", "%", H, T, False, 0, "num", "40", "60",
         "elderly", "preschool"),
    _ind("2.2", "Antal planterade träd", "st", H, A, False, 0, KF, "20", "200", "park"),
    _ind("2.2", "Andel parkytor som sköts för ökad biologisk mångfald", "%", H, A, False, 0, "Ökning", "10",
         "35", "park"),
    _ind("2.3", "Andel tjänsteresor med kollektivtrafik, cykel eller gång", "%", H, A, False, 0, "num",
         "75", "95", COMMON),
    _ind("2.4", "Andel förskolor med kemikaliesmart inventering", "%", H, A, False, 0, "num", "70", "100",
         "preschool"),
    _ind("2.4", "Andel lekplatser med godkänd miljökontroll", "%", H, A, False, 0, "num", "80", "100",
         "park"),
    _ind("3.1", "Nämndens prognossäkerhet T2", "%", IV, A, False, 1, "+/- 1 %", "-1.5", "1.5", COMMON),
    _ind("3.1", "Andel fakturor som betalas i tid", "%", H, T, False, 0, "num", "92", "99", COMMON),
    _ind("3.1", "Lokalkostnad per invånare", "kr", L, A, False, 0, KF, "900", "1600", DISTRICT),
    _ind("3.2", "Andel deltagare i arbetsmarknadsinsatser som gått vidare till arbete eller studier", "%",
         H, T, True, 0, "num", "30", "50", "labour"),
    _ind("3.2", "Antal personer som påbörjat en arbetsmarknadsinsats", "st", H, T, True, 0, KF, "80", "600",
         "labour"),
    _ind("3.2", "Andel hushåll med ekonomiskt bistånd längre än tio månader", "%", L, A, False, 0,
         "Minskning", "35", "55", "social"),
    _ind("3.3", "Antal hushåll i akut hemlöshet", "st", L, T, False, 0, "Minskning", "10", "60", "social"),
    _ind("3.3", "Andel bostadssociala kontrakt som övergått till eget kontrakt", "%", H, A, False, 0, "num",
         "20", "40", "social"),
    _ind("3.4", "Sjukfrånvaro bland medarbetare", "%", L, T, True, 1, "num", "6", "9.5", COMMON),
    _ind("3.4", "Andel timavlönade av totalt arbetad tid", "%", L, T, False, 1, KF, "3", "9", COMMON),
    _ind("3.4", "Medarbetarindex", "index", H, A, True, 0, "num", "75", "85", COMMON),
    _ind("3.4", "Andel medarbetare som upplever en hållbar arbetsbelastning", "%", H, A, True, 0, "Ökning",
         "55", "75", COMMON),
    _ind("3.5", "Andel verksamheter med uppdaterad kontinuitetsplan", "%", H, A, False, 0, "num", "70",
         "100", COMMON),
    _ind("3.5", "Andel medarbetare som genomfört utbildning i krisberedskap", "%", H, T, True, 0, KF, "40",
         "85", COMMON),
    _ind("3.6", "Andel invånare som känner sig trygga i sitt bostadsområde", "%", H, A, True, 0, "num",
         "60", "80", DISTRICT),
    _ind("3.6", "Antal genomförda trygghetsvandringar", "st", H, T, False, 0, KF, "2", "15", DISTRICT),
    _ind("3.6", "Antal anmälda fall av hot och våld mot medarbetare", "st", L, T, False, 0, "Minskning",
         "5", "60", COMMON),
    _ind("3.7", "Andel invånare som anser att de kan påverka i frågor som rör dem", "%", H, A, True, 0,
         "num", "25", "40", DISTRICT),
    _ind("3.7", "Antal genomförda medborgardialoger", "st", H, T, False, 0, KF, "3", "20", DISTRICT),
    _ind("3.7", "Andel ärenden där barnrättsperspektivet har redovisats", "%", H, A, False, 0, "num", "70",
         "100", COMMON),
)
# fmt: on

# Committee indicators, per area goal: (name template, unit, direction, frequency, gender, decimals, low,
# high). "{place}" is replaced by one of the committee's places, which keeps names unique per committee.
# fmt: off
COMMITTEE_INDICATORS: dict[str, tuple[tuple, ...]] = {
    "1.1": (("Andel unga som besöker {place}s fritidsgård minst en gång i veckan", "%", H, T, True, 0, "10",
                 "30"),
            ("Antal lovaktiviteter för barn och unga", "st", H, T, False, 0, "20", "90"),),
    "1.2": (("Andel barn i {place}s förskolor med språkutvecklingsplan", "%", H, T, False, 0, "70", "98"),
            ("Andel förskolor som arbetar med rörelse varje dag", "%", H, A, False, 0, "60", "100"),),
    "1.3": (("Antal vårdnadshavare som deltagit i föräldrastöd", "st", H, T, True, 0, "30", "200"),
            ("Andel unga i {place} som fått stöd av fältassistenter", "%", H, T, True, 0, "10", "35"),
            ("Väntetid till första samtal inom socialpsykiatrin (dagar)", "st", L, T, False, 0, "5", "25"),),
    "1.4": (("Andel äldre i {place} som deltagit i träffpunkternas aktiviteter", "%", H, T, True, 0, "15",
                 "40"),
            ("Antal hembesök för förebyggande hälsosamtal", "st", H, T, False, 0, "40", "250"),),
    "1.5": (("Antal arrangemang i {place}s kulturhus", "st", H, T, False, 0, "30", "160"),
            ("Andel deltagare i kulturskolan som är flickor", "%", H, A, False, 0, "40", "60"),),
    "2.1": (("Andel måltider som är vegetariska", "%", H, T, False, 0, "20", "50"),
            ("Matsvinn per portion i {place}s tillagningskök (gram)", "st", L, T, False, 0, "20", "60"),),
    "2.2": (("Antal nyanlagda ängsytor i {place}", "st", H, A, False, 0, "1", "8"),),
    "2.3": (("Andel medarbetare som cyklar eller går till möten", "%", H, A, True, 0, "30", "60"),),
    "2.4": (("Andel verksamheter i {place} som fasat ut plast i måltiderna", "%", H, A, False, 0, "40",
                 "90"),),
    "3.1": (("Andel avtal som följts upp enligt plan", "%", H, T, False, 0, "60", "95"),
            ("Nyttjandegrad i {place}s lokaler", "%", H, T, False, 0, "70", "95"),),
    "3.2": (("Antal praktikplatser inom förvaltningen", "st", H, T, True, 0, "10", "80"),
            ("Andel unga vuxna i {place} med planering mot egen försörjning", "%", H, T, True, 0, "50",
                 "85"),),
    "3.3": (("Antal avhysningar där barn berörs", "st", L, A, False, 0, "0", "6"),),
    "3.4": (("Andel chefer med högst 30 medarbetare", "%", H, A, False, 0, "60", "95"),
            ("Personalomsättning i {place}s verksamheter", "%", L, A, True, 1, "8", "18"),),
    "3.5": (("Antal genomförda krisövningar", "st", H, A, False, 0, "1", "8"),),
    "3.6": (("Antal platser i {place} med förstärkt belysning", "st", H, A, False, 0, "2", "15"),
            ("Andel klotter som sanerats inom ett dygn", "%", H, T, False, 0, "80", "99"),),
    "3.7": (("Antal inkomna medborgarförslag", "st", H, T, False, 0, "5", "40"),
            ("Andel invånare i {place} som känner till medborgarkontoret", "%", H, A, True, 0, "30", "60"),),
}
# fmt: on
