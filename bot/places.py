"""Which country a clinic is in, from the place a patient types: Mexico, the US, Panama, Colombia, Costa Rica,
the Bahamas, the Cayman Islands, Japan, Thailand, an EU member state, or elsewhere.

Case and accents never matter: "San José del Cabo", "CANCUN" and "cancún" are all Mexico; "Medellín" and
"MEDELLIN" are Colombia. Each name found is a country (or nationality), a region (a US or Mexican state) or a
city; the longest name wins where names overlap ("San José del Cabo" is not "San José", "Panama City" is
not "Panama", "New Mexico" is not "Mexico"), then the first place named decides. A city that also exists in
another country we know ("Panama City" in Florida, "Mérida" in Spain, "Paris" in Texas) goes to that
country when the text names it ("Panama City, FL"). A city name shared by two such places with nothing to
tell them apart ("San José": Costa Rica or California) is not guessed: `ambiguity` says so and the check
asks which country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language import pick
from bot.text import normalise

MEXICO, US, OTHER = "mexico", "us", "other"
PANAMA, COLOMBIA, COSTA_RICA, BAHAMAS, CAYMAN = "panama", "colombia", "costa_rica", "bahamas", "cayman"
JAPAN, THAILAND, EU = "japan", "thailand", "eu"
# Every country code the check knows, in the order the location question offers them.
COUNTRIES = (MEXICO, US, PANAMA, COLOMBIA, COSTA_RICA, BAHAMAS, CAYMAN, JAPAN, THAILAND, EU, OTHER)

COUNTRY, REGION, CITY = "country", "region", "city"

_NAMES: dict[str, tuple[str, ...]] = {
    # "mexicana/mexicano": "una clínica mexicana" names the clinic's country (like "a Mexican clinic").
    MEXICO: ("mexico", "mexican", "mejico", "estados unidos mexicanos", "mexicana", "mexicano", "mexicanas",
             "mexicanos"),
    # Spanish: "EE. UU.", "EE.UU.", "EEUU", "EUA", "E.U.A." (Estados Unidos de América) are the US, never the EU.
    US: ("united states", "usa", "u.s.a", "america", "the states", "estados unidos", "puerto rico",
         "estados unidos de america", "estados unidos de norteamerica", "ee. uu", "ee.uu", "ee uu", "eeuu", "eua",
         "e.u.a", "e. u. a", "estadounidense", "estadounidenses"),
    PANAMA: ("panama", "panamanian", "republica de panama"),
    COLOMBIA: ("colombia", "colombian"),
    COSTA_RICA: ("costa rica", "costa rican", "costarica"),
    BAHAMAS: ("bahamas", "bahamian", "bahama islands"),
    CAYMAN: ("cayman", "caymans", "cayman islands", "caymanian", "islas caiman"),
    JAPAN: ("japan", "japanese", "japon", "nihon", "nippon"),
    THAILAND: ("thailand", "thai", "tailandia"),
    EU: (
        "european union", "eu", "e.u", "e. u", "union europea",
        "austria", "belgium", "bulgaria", "croatia", "cyprus", "czech republic", "czechia", "denmark", "estonia",
        "finland", "france", "germany", "greece", "hungary", "ireland", "italy", "latvia", "lithuania",
        "luxembourg", "malta", "netherlands", "holland", "poland", "portugal", "romania", "slovakia", "slovenia",
        "spain", "sweden", "deutschland", "alemania", "espana", "italia", "francia", "grecia", "polonia",
        "belgica", "paises bajos", "holanda", "suecia", "dinamarca", "finlandia", "irlanda", "hungria", "chipre",
        "croacia", "republica checa", "chequia", "rumania", "eslovaquia", "eslovenia", "lituania", "letonia",
        "luxemburgo", "alemana", "aleman", "italiana", "italiano",
        "austrian", "belgian", "german", "greek", "hungarian", "italian", "dutch",
        "czech", "croatian", "cypriot", "maltese",
    ),
    OTHER: (
        "another country", "other country", "elsewhere", "abroad", "europe", "latin america", "south america",
        "central america", "canada", "china", "india", "ukraine", "russia", "argentina", "brazil", "peru",
        "ecuador", "chile", "venezuela", "guatemala", "honduras", "nicaragua", "el salvador", "belize",
        "dominican republic", "santo domingo", "punta cana", "jamaica", "barbados", "antigua", "cuba", "haiti",
        "curacao", "aruba", "bermuda", "turks and caicos", "united kingdom", "uk", "england", "scotland", "wales",
        "london", "switzerland", "zurich", "geneva", "lugano", "norway", "turkey", "istanbul", "serbia",
        "belgrade", "belarus", "moldova", "kyiv", "kiev", "moscow", "israel", "lebanon", "beirut", "uae", "dubai",
        "abu dhabi", "malaysia", "penang", "kuala lumpur", "singapore", "philippines", "manila", "vietnam",
        "korea", "south korea", "seoul", "taiwan", "hong kong", "beijing", "shanghai", "delhi", "mumbai",
        "australia", "new zealand", "kazakhstan", "guyana",
        # Spanish names
        "otro pais", "en el extranjero", "fuera del pais", "europa", "america latina", "latinoamerica",
        "sudamerica", "centroamerica", "republica dominicana", "dominicana", "ucrania", "rusia", "moscu",
        "brasil", "belice", "haiti", "reino unido", "inglaterra", "escocia", "gales", "londres", "suiza",
        "ginebra", "noruega", "turquia", "estambul", "serbia", "belgrado", "bielorrusia", "libano", "emiratos",
        "emiratos arabes unidos", "malasia", "singapur", "filipinas", "corea", "corea del sur", "seul",
        "taiwan", "pekin", "nueva delhi", "bombay", "nueva zelanda", "kazajistan",
    ),
}  # fmt: skip
_REGIONS: dict[str, tuple[str, ...]] = {
    MEXICO: (
        "baja", "baja california", "quintana roo", "yucatan", "jalisco", "nuevo leon", "oaxaca", "chihuahua",
        "sonora", "cdmx", "riviera maya",
        # the other states (Durango is left out: a city in Colorado too), and cities people name without one
        "aguascalientes", "baja california sur", "campeche", "chiapas", "coahuila", "colima", "guanajuato",
        "guerrero", "hidalgo", "estado de mexico", "edomex", "michoacan", "morelos", "nayarit", "puebla",
        "queretaro", "san luis potosi", "sinaloa", "tabasco", "tamaulipas", "tlaxcala", "veracruz", "zacatecas",
        "culiacan", "morelia", "mazatlan", "acapulco", "toluca", "saltillo", "torreon", "leon guanajuato",
        "irapuato", "celaya", "cuernavaca", "pachuca", "xalapa", "villahermosa", "tuxtla", "ciudad juarez",
        "juarez", "mexicali", "ensenada", "rosarito", "la paz baja", "los cabos", "cabo san lucas",
        "san miguel de allende",
    ),
    US: (
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
        "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
        "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
        "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
        "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee",
        "texas", "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
        # Spanish names
        "nuevo mexico", "nueva york", "nueva jersey", "carolina del norte", "carolina del sur", "dakota del norte",
        "dakota del sur", "virginia occidental", "luisiana", "misuri", "misisipi", "pensilvania", "hawai",
    ),
}  # fmt: skip
_CITIES: dict[str, tuple[str, ...]] = {
    MEXICO: (
        "tijuana", "cancun", "guadalajara", "monterrey", "puerto vallarta", "vallarta", "los cabos",
        "cabo san lucas", "san jose del cabo", "cabo", "rosarito", "mexicali", "playa del carmen", "tulum",
        "ciudad de mexico", "mexico city", "merida", "puebla", "queretaro", "ensenada", "nuevo laredo", "juarez",
        "hermosillo", "san miguel de allende", "cozumel", "mazatlan", "acapulco", "leon, gto",
        # how people there write them ("en gdl, por providencia" was read as another country, 2026-12-02)
        "gdl", "guanatos", "mty", "qro", "tj", "zapopan", "tlaquepaque", "san pedro garza garcia", "morelia",
        "oaxaca", "chihuahua", "culiacan", "saltillo", "torreon", "toluca", "aguascalientes", "san luis potosi",
        "cuernavaca", "veracruz", "villahermosa", "tuxtla gutierrez", "chetumal", "la paz, bcs",
    ),
    US: (
        "miami", "los angeles", "san diego", "houston", "dallas", "austin", "phoenix", "scottsdale", "las vegas",
        "chicago", "atlanta", "denver", "seattle", "boston", "orlando", "tampa", "beverly hills",
        "panama city beach", "san francisco", "coronado", "san antonio", "nueva orleans",
    ),
    PANAMA: (
        "panama city", "ciudad de panama", "city of knowledge", "ciudad del saber", "boquete", "punta pacifica",
    ),
    COLOMBIA: (
        "bogota", "medellin", "cartagena", "barranquilla", "bucaramanga", "pereira", "envigado", "rionegro",
        "santa marta",
    ),
    COSTA_RICA: ("escazu", "heredia", "alajuela", "guanacaste", "cartago"),
    BAHAMAS: ("nassau", "freeport", "grand bahama", "paradise island", "new providence", "bimini", "exuma"),
    CAYMAN: ("grand cayman", "george town", "camana bay", "seven mile beach", "cayman brac", "little cayman"),
    JAPAN: (
        "tokyo", "osaka", "kyoto", "yokohama", "nagoya", "fukuoka", "sapporo", "kobe", "ginza", "shinjuku",
        "shibuya", "roppongi", "omotesando", "okinawa", "hiroshima", "sendai", "matsuyama", "tsukuba",
    ),
    THAILAND: (
        "bangkok", "phuket", "chiang mai", "pattaya", "hua hin", "koh samui", "samui", "krabi", "sukhumvit",
    ),
    EU: (
        "dusseldorf", "cologne", "koln", "berlin", "munich", "munchen", "frankfurt", "hamburg", "stuttgart",
        "heidelberg", "bonn", "madrid", "barcelona", "marbella", "malaga", "seville", "sevilla", "alicante",
        "ibiza", "valencia", "rome", "roma", "milan", "milano", "turin", "torino", "florence", "firenze",
        "lisbon", "lisboa", "porto", "paris", "lyon", "marseille", "amsterdam", "rotterdam", "the hague",
        "brussels", "bruxelles", "antwerp", "vienna", "wien", "salzburg", "prague", "praha", "warsaw", "krakow",
        "budapest", "athens", "thessaloniki", "dublin", "copenhagen", "stockholm", "helsinki", "zagreb",
        "ljubljana", "bratislava", "bucharest", "nicosia", "limassol", "larnaca", "valletta", "riga", "vilnius",
        "tallinn", "viena", "praga", "varsovia", "atenas", "bruselas", "estocolmo", "copenhague",
    ),
}  # fmt: skip
# Cities that are also a place in another country we know: the text naming that country decides.
_ALSO: dict[str, frozenset[str]] = {
    "panama city": frozenset({US}),
    "freeport": frozenset({US}),
    "nassau": frozenset({US}),
    "merida": frozenset({EU}),
    "guadalajara": frozenset({EU}),
    "cartagena": frozenset({EU}),
    "george town": frozenset({OTHER}),
    **{
        city: frozenset({US})
        for city in (
            "paris", "rome", "athens", "dublin", "vienna", "berlin", "florence", "valencia", "amsterdam",
            "hamburg", "lisbon", "warsaw", "milan", "frankfurt", "cologne",
        )
    },
}  # fmt: skip
# City names shared by two places we know, with nothing else to tell them apart: ask, never guess.
_AMBIGUOUS: dict[str, tuple[str, str, str]] = {
    "san jose": ("San José", "Costa Rica", "California"),
    "santa ana": ("Santa Ana", "Costa Rica", "California"),
    "cali": ("Cali", "Colombia", "California"),
    "naples": ("Naples", "Italy", "Florida"),
}
# The same, in Spanish: city, first country, second place.
_AMBIGUOUS_ES: dict[str, tuple[str, str, str]] = {
    "san jose": ("San José", "Costa Rica", "California"),
    "santa ana": ("Santa Ana", "Costa Rica", "California"),
    "cali": ("Cali", "Colombia", "California"),
    "naples": ("Nápoles", "Italia", "Florida"),
}
_WHICH_COUNTRY = {
    "en": "There is a {city} in {first} and one in {second}: which country is the clinic in?",
    "es": "{city} puede estar en {first} o en {second}: ¿en qué país está la clínica?",
}
# In Mexico "EU" and "E.U." usually mean Estados Unidos, not the European Union: in a Spanish conversation a place
# named only by them is asked about (`country_of(..., lang="es")`), never guessed.
_EU_LETTERS = frozenset({"eu", "e.u", "e. u"})
_EU_WHICH = {
    "en": 'Does "{letters}" mean the United States or the European Union? Which country is the clinic in?',
    "es": '¿"{letters}" quiere decir Estados Unidos o la Unión Europea? ¿En qué país está la clínica?',
}
_OF_AMBIGUOUS = {"san jose": {COSTA_RICA, US}, "santa ana": {COSTA_RICA, US}, "cali": {COLOMBIA, US},
                 "naples": {EU, US}}  # fmt: skip
_US_ABBREVIATION = re.compile(r"(,\s*|\b)(TX|FL|CA|AZ|NV|NY|GA|CO|IL|WA|NC|UT|NJ|OH|MI|PA)\b|\bU\.?S\.?\b(?!\w)")


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    name: str
    country: str | None  # None: an ambiguous city name
    kind: str


def _entries() -> list[tuple[str, str | None, str]]:
    entries: list[tuple[str, str | None, str]] = []
    for table, kind in ((_NAMES, COUNTRY), (_REGIONS, REGION), (_CITIES, CITY)):
        for code, names in table.items():
            entries += [(name, code, kind) for name in names]
    entries += [(name, None, CITY) for name in _AMBIGUOUS]
    return entries


_PATTERNS = [
    (re.compile(rf"(?<![a-z]){re.escape(name)}(?![a-z])"), name, code, kind) for name, code, kind in _entries()
]


def _matches(location: str) -> list[_Match]:
    """Every place named, longest first where they overlap, in the order they appear."""
    text = normalise(location)
    found = [
        _Match(m.start(), m.end(), name, code, kind)
        for pattern, name, code, kind in _PATTERNS
        for m in pattern.finditer(text)
    ]
    for m in _US_ABBREVIATION.finditer(location or ""):
        found.append(_Match(m.start(), m.end(), m.group(0), US, REGION))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Match] = []
    for match in sorted(found, key=lambda m: -(m.end - m.start)):
        if not any(k.start <= match.start and match.end <= k.end and k.name != match.name for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def _resolved(matches: list[_Match]) -> list[_Match]:
    """Cities shared with another country go there when the text names that country."""
    named = {m.country for m in matches if m.country and m.kind in (COUNTRY, REGION)}
    out = []
    for m in matches:
        also = _ALSO.get(m.name, frozenset()) if m.country else frozenset(_OF_AMBIGUOUS.get(m.name, set()))
        hit = next((c for c in named if c in also), None)
        out.append(_Match(m.start, m.end, m.name, hit, m.kind) if hit else m)
    return out


def _eu_letters_only(matches: list[_Match]) -> _Match | None:
    """The "EU"/"E.U." match when it is the only country the text names (so it decides the country)."""
    countries = [m for m in matches if m.country]
    if countries and all(m.name in _EU_LETTERS for m in countries):
        return countries[0]
    return None


def country_of(location: str, lang: str = "en") -> str | None:
    """The country code of a typed place; None when nothing in it names a place we know (or it is ambiguous: in
    Spanish, "EU" or "E.U." alone can be Estados Unidos or the European Union)."""
    return _country(_resolved(_matches(location)), lang)


def _country(resolved: list[_Match], lang: str) -> str | None:
    """country_of, from the place's resolved matches."""
    if lang == "es":
        if _eu_letters_only(resolved):
            return None
        resolved = [m for m in resolved if m.name not in _EU_LETTERS]  # "EU, Estados Unidos": the other place decides
    matches = [m for m in resolved if m.country]
    if not matches:
        return None
    if matches[0].country == US and any(m.country == MEXICO for m in matches):
        return MEXICO  # "Stem Cell Institute of America, Tijuana": the Mexican place is where the clinic is
    return matches[0].country


def ambiguity(location: str, lang: str = "en") -> str | None:
    """A question to ask when the place is a city name shared by two places we know ("San José"), in ``lang``."""
    matches = _matches(location)
    resolved = _resolved(matches)
    if _country(resolved, lang):
        return None
    eu = _eu_letters_only(resolved) if lang == "es" else None
    if eu:
        return pick(_EU_WHICH, lang).format(letters="E.U." if "." in eu.name else "EU")
    for m in matches:
        if m.country is None:
            city, first, second = pick({"en": _AMBIGUOUS, "es": _AMBIGUOUS_ES}, lang)[m.name]
            return pick(_WHICH_COUNTRY, lang).format(city=city, first=first, second=second)
    return None
