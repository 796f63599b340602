"""The fixed facts of the demo municipality: tilbud, takster, names and dates.

Everything the generator varies is drawn from ``random.Random(SEED)``; nothing
depends on today's date, so two loads give the same data.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

DEMO_PASSWORD = "Takstvaerk-2026"
SEED = 2026

HISTORIK_FRA = date(2025, 1, 1)
HISTORIK_TIL = date(2026, 11, 15)
# 2027 is not made: the økonomichef creates it from 2026 with "Opret budgetår".
BUDGETAAR = (2025, 2026)
# Months with actuals: 2025 is closed, 2026 is booked through October.
FORBRUG_MAANEDER = {2025: 12, 2026: 10}


@dataclass(frozen=True)
class TilbudSpec:
    navn: str
    tilbudstype: str
    pladser: int
    beboere: int  # residents on 1 January 2025
    forudsat_belaegning: str  # percent
    tildelingsprincip: str = "hybrid"
    reguleringsandel: str = "100"


TILBUD = (
    TilbudSpec("Botilbuddet Solbakken", "botilbud_108", 32, 30, "97"),
    TilbudSpec("Botilbuddet Engholm", "botilbud_108", 24, 22, "96"),
    TilbudSpec("Botilbuddet Skovbrynet", "botilbud_107", 20, 18, "95"),
    TilbudSpec(
        "Botilbuddet Fjordglimt", "botilbud_108", 18, 17, "97", "aktivitet", "50"
    ),
    TilbudSpec("Botilbuddet Lindehuset", "botilbud_107", 16, 15, "96"),
    TilbudSpec("Botilbuddet Møllegården", "botilbud_107", 12, 11, "95", "ramme"),
    TilbudSpec("Bofællesskabet Kastanjen", "bofaellesskab", 10, 9, "97"),
    TilbudSpec("Bofællesskabet Hybenhaven", "bofaellesskab", 8, 7, "96"),
    TilbudSpec("Bofællesskabet Pilevangen", "bofaellesskab", 8, 7, "96"),
    TilbudSpec("Bofællesskabet Stjernen", "bofaellesskab", 6, 5, "95"),
)
# The first demo tilbud marks an already loaded demo (the load is one transaction).
MARKOER = TILBUD[0].navn

LEDERNAVNE = (
    ("Hanne", "Mikkelsen"),
    ("Jesper", "Holm"),
    ("Birgitte", "Lund"),
    ("Torben", "Krogh"),
    ("Mette", "Dalgaard"),
    ("Lars", "Bech"),
    ("Susanne", "Vestergaard"),
    ("Kim", "Søndergaard"),
    ("Camilla", "Bruun"),
    ("Peter", "Winther"),
)

# --- Timepris and takstmodel (DOMAIN.md §2-§3) --------------------------------

# 22 % of the norm in all: the worked example's 17 % + 5 %, split as in practice.
FRAVAER = (
    ("ferie", "11.5"),
    ("feriefridage", "2.5"),
    ("helligdage", "3.0"),
    ("egen_sygdom", "4.2"),
    ("barns_sygdom", "0.8"),
)
# 35 % of attendance away from the borger, as in the worked example.
TIDSANVENDELSE = (
    ("pauser", "8"),
    ("personalemoeder", "5"),
    ("dokumentation", "9"),
    ("forberedelse", "6"),
    ("supervision", "2"),
    ("uddannelse", "2"),
    ("moeder_om_borgeren", "3"),
)
AARSNORM = Decimal("1924")
# 2026 is DOMAIN.md §2's worked example (timepris_direkte 492.07). Years before 2025
# exist only so that long-standing residents can be placed on their real tilgang.
AARSLOEN = {
    2019: "398000",
    2020: "408000",
    2021: "419000",
    2022: "430000",
    2023: "442000",
    2024: "455000",
    2025: "468000",
    2026: "480000",
}
HISTORISKE_AAR = range(2019, 2025)

NIVEAUTEKSTER = (
    "Let støtte: guidning og påmindelser i hverdagen, hjælp til struktur, medicin og "
    "kontakt til pårørende. Personalet er til rådighed efter aftale.",
    "Let til moderat støtte: daglig støtte til personlig hygiejne, måltider og "
    "praktiske opgaver med guidning og delvis hjælp. Planlagte samtaler og hjælp til "
    "aftaler.",
    "Moderat støtte: støtte flere gange dagligt til egenomsorg, madlavning og indkøb, "
    "til at deltage i aktiviteter og fællesskab og til økonomi og myndighedskontakt.",
    "Moderat til omfattende støtte: fast støtte morgen og aften, struktur gennem hele "
    "dagen, pædagogisk støtte til relationer og konfliktforebyggelse, ledsagelse.",
    "Omfattende støtte: tæt støtte i de fleste vågne timer, hjælp til personlig pleje, "
    "mestring af angst eller psykotiske symptomer og ledsagelse uden for tilbuddet.",
    "Omfattende støtte med skærmning: næsten kontinuerlig støtte i dagtimerne, fast "
    "kontaktperson, tæt samarbejde med psykiatrien og tilsyn om natten efter behov.",
    "Massiv støtte: kontinuerlig støtte i vågne timer og planlagt tilsyn om natten, "
    "hjælp til alle daglige gøremål og håndtering af udadreagerende adfærd efter "
    "handleplan.",
    "Massiv støtte hele døgnet: personale hos borgeren i det meste af døgnet, også om "
    "natten, omfattende pleje og behandling i samarbejde med regionen.",
)
SAERTAKSTER = (
    (
        "S1",
        "Særtakst 1 (1:1-støtte)",
        "Individuelt fastsat støtte ud over 16 timer i døgnet, typisk en fast "
        "medarbejder hos borgeren hele døgnet. Timetallet fastsættes på "
        "indplaceringen.",
    ),
    (
        "S2",
        "Særtakst 2 (2:1-støtte)",
        "Individuelt fastsat støtte, hvor to medarbejdere er hos borgeren i dele af "
        "døgnet af hensyn til sikkerheden. Timetallet fastsættes på indplaceringen.",
    ),
)


def takstniveauer() -> list[dict]:
    """8 levels of 2 hours per døgn plus 2 særtakster (DOMAIN.md §3)."""
    niveauer = [
        {
            "kode": str(i),
            "navn": f"Niveau {i}",
            "nedre": Decimal(2 * (i - 1)),
            "oevre": Decimal(2 * i),
            "ydelsesbeskrivelse": tekst,
        }
        for i, tekst in enumerate(NIVEAUTEKSTER, start=1)
    ]
    niveauer += [
        {
            "kode": kode,
            "navn": navn,
            "nedre": Decimal("16"),
            "oevre": None,
            "saertakst": True,
            "ydelsesbeskrivelse": tekst,
        }
        for kode, navn, tekst in SAERTAKSTER
    ]
    return niveauer


# --- Budget (DOMAIN.md §4, §6) --------------------------------------------------

# Per-mille shares of the fixed costs; a bofællesskab has rådighedsvagt, not nattevagt.
FAST_ANDEL = {
    "botilbud": (
        ("ledelse", 200),
        ("administration", 90),
        ("bygningsdrift", 180),
        ("nattevagt", 380),
        ("uddannelse", 30),
        ("oevrige", 120),
    ),
    "bofaellesskab": (
        ("ledelse", 240),
        ("administration", 110),
        ("bygningsdrift", 250),
        ("nattevagt", 250),
        ("uddannelse", 30),
        ("oevrige", 120),
    ),
}
# Fixed costs 2025 ≈ 900,000 + 250,000 per place (8 places ≈ 2.9 mio., DOMAIN.md §4).
FAST_GRUNDBELOEB = 900_000
FAST_PR_PLADS = 250_000
PL_FREMSKRIVNING_2026 = 1032  # per mille
RAMME_TILLAEG = Decimal("10500")
RAMME_TIMER = {2025: Decimal("5.50"), 2026: Decimal("5.75")}

# --- Borgere ----------------------------------------------------------------------

# Buying municipalities and how many of the 45 sold places each pays for.
EKSTERNE_KOMMUNER = (("751", 14), ("730", 10), ("740", 8), ("710", 7), ("706", 6))
EKSTERNE_I_ALT = 45

KVINDENAVNE = (
    "Anne",
    "Mette",
    "Kirsten",
    "Hanne",
    "Helle",
    "Susanne",
    "Lene",
    "Marianne",
    "Camilla",
    "Louise",
    "Pia",
    "Charlotte",
    "Tina",
    "Maria",
    "Julie",
    "Emma",
    "Ida",
    "Sofie",
    "Freja",
    "Laura",
    "Signe",
    "Maja",
    "Cecilie",
    "Katrine",
    "Line",
    "Rikke",
    "Dorthe",
    "Birgit",
    "Inge",
    "Jytte",
    "Bente",
    "Lone",
    "Karen",
    "Nanna",
    "Amalie",
    "Sara",
    "Josefine",
)
MANDSNAVNE = (
    "Peter",
    "Jens",
    "Michael",
    "Lars",
    "Henrik",
    "Thomas",
    "Søren",
    "Jan",
    "Niels",
    "Martin",
    "Anders",
    "Christian",
    "Morten",
    "Rasmus",
    "Jesper",
    "Mads",
    "Mikkel",
    "Kasper",
    "Frederik",
    "Mathias",
    "Emil",
    "Jonas",
    "Oliver",
    "Lucas",
    "Magnus",
    "Tobias",
    "Bo",
    "Finn",
    "Poul",
    "Kurt",
    "Erik",
    "Ole",
    "Brian",
    "Kenneth",
    "Jacob",
    "Simon",
    "Troels",
)
EFTERNAVNE = (
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Christiansen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Knudsen",
    "Jakobsen",
    "Mikkelsen",
    "Frederiksen",
    "Lauridsen",
    "Henriksen",
    "Laursen",
    "Schmidt",
    "Kjær",
    "Bang",
    "Holm",
    "Dam",
    "Lund",
    "Bach",
    "Nørgaard",
    "Dahl",
    "Friis",
    "Skov",
    "Vinther",
    "Østergaard",
    "Bjerre",
    "Ravn",
    "Lindholm",
    "Kvist",
    "Hedegaard",
)
