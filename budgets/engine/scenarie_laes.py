"""Reading one scenario change (issue 16 #1) from its JSON, with Danish field
errors. Pure: budgets.engine.scenarie applies what this reads."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from budgets.engine.grundlag import Tildelingsprincip


class Art:
    """The kinds of change (issue 16 #1); budgets.models.Aendringsart mirrors them."""

    TIMEPRIS_FELT = "timepris_felt"
    FRAVAER_LINJE = "fravaer_linje"
    TIDSANVENDELSE_LINJE = "tidsanvendelse_linje"
    NIVEAU_TIMER = "niveau_timer"
    NIVEAU_SPAEND = "niveau_spaend"
    TILBUD_PLADSER = "tilbud_pladser"
    TILBUD_BELAEGNING = "tilbud_belaegning"
    TILBUD_PRINCIP = "tilbud_princip"
    TILBUD_FASTE_UDGIFTER = "tilbud_faste_udgifter"
    PLANLAGT_TILGANG = "planlagt_tilgang"
    PLANLAGT_AFGANG = "planlagt_afgang"
    NYT_TILBUD = "nyt_tilbud"
    LUKKET_TILBUD = "lukket_tilbud"


TIMEPRIS_FELTER = ("aarsloen", "aarsnorm_timer")
MAKS_ANTAL = 1000  # planned borgere per change: keeps synthetic ids apart

# Danish messages (STYLE.md 5.3); tests assert these constants.
KRAEVET = "Feltet skal udfyldes."
IKKE_TAL = "Skal være et tal."
IKKE_HELTAL = "Skal være et helt tal."
IKKE_DATO = "Skal være en dato (ÅÅÅÅ-MM-DD)."
IKKE_POSITIV = "Skal være større end 0."
NEGATIV = "Kan ikke være negativ."
OVER_100 = "Kan højst være 100."
ANTAL_UDENFOR = f"Antallet skal være fra 1 til {MAKS_ANTAL}."
UDEN_FOR_AARET = "Datoen skal ligge i budgetåret {aar}."
UKENDT_VALG = "Ukendt værdi '{vaerdi}'; vælg en af: {valg}."
TIMER_ELLER_PROCENT = "Angiv enten timer eller procent, ikke begge."
UKENDT_ART = "Ukendt ændring '{art}'."
TILBUD_ELLER_NYT = "Angiv enten et tilbud eller et nyt tilbud i scenariet."
OEVRE_IKKE_OVER_NEDRE = "Den øvre grænse skal være større end den nedre."


class AendringFejl(ValueError):
    """A change that cannot be read; ``fejl`` maps each field to a Danish message."""

    def __init__(self, fejl: Mapping[str, str]) -> None:
        super().__init__(fejl)
        self.fejl = dict(fejl)


@dataclass(frozen=True)
class Aendring:
    """One change, read and checked: ``art`` and the fields its kind uses.

    ``tilbud`` is an existing tilbud's id or −n for the new tilbud of change n.
    ``niveau`` is a level code; ``felt``/``kategori`` name a timepris input.
    """

    art: str
    tilbud: int | None = None
    niveau: str | None = None
    felt: str | None = None
    kategori: str | None = None
    tal: Decimal | None = None  # the new value (kr., hours, % or places)
    procent: Decimal | None = None
    timer: Decimal | None = None
    nedre: Decimal | None = None
    oevre: Decimal | None = None
    antal: int | None = None
    dato: date | None = None
    navn: str | None = None
    pladser: int | None = None
    belaegning: Decimal | None = None
    princip: str | None = None
    faste_udgifter: Decimal | None = None


# --- Reading a change (the API's and the form's JSON) --------------------------


class _Laeser:
    """Reads fields of one change's JSON, collecting Danish field errors."""

    def __init__(self, vaerdi: Mapping[str, object], aar: int) -> None:
        self.vaerdi, self.aar, self.fejl = vaerdi, aar, {}

    def _raa(self, felt: str, kraevet: bool) -> object | None:
        v = self.vaerdi.get(felt)
        if v in (None, "") and kraevet:
            self.fejl[felt] = KRAEVET
        return None if v in (None, "") else v

    def decimal(
        self, felt: str, *, kraevet: bool = True, positiv: bool = False, maks=None
    ) -> Decimal | None:
        v = self._raa(felt, kraevet)
        if v is None or isinstance(v, bool):
            return None
        try:
            d = Decimal(str(v).replace(",", "."))
        except InvalidOperation:
            self.fejl[felt] = IKKE_TAL
            return None
        if not d.is_finite():
            self.fejl[felt] = IKKE_TAL
        elif positiv and d <= 0:
            self.fejl[felt] = IKKE_POSITIV
        elif d < 0:
            self.fejl[felt] = NEGATIV
        elif maks is not None and d > maks:
            self.fejl[felt] = OVER_100
        return d

    def heltal(self, felt: str, *, kraevet: bool = True) -> int | None:
        v = self._raa(felt, kraevet)
        if v is None:
            return None
        if isinstance(v, bool) or not str(v).lstrip("-").isdigit():
            self.fejl[felt] = IKKE_HELTAL
            return None
        return int(str(v))

    def dato(self, felt: str) -> date | None:
        v = self._raa(felt, True)
        if v is None:
            return None
        try:
            d = date.fromisoformat(str(v))
        except ValueError:
            self.fejl[felt] = IKKE_DATO
            return None
        if d.year != self.aar:
            self.fejl[felt] = UDEN_FOR_AARET.format(aar=self.aar)
        return d

    def valg(self, felt: str, valg: Collection[str]) -> str | None:
        v = self._raa(felt, True)
        if v is not None and str(v) not in valg:
            tekst = UKENDT_VALG.format(vaerdi=v, valg=", ".join(valg))
            self.fejl[felt] = tekst
        return None if v is None else str(v)

    def tekst(self, felt: str) -> str | None:
        v = self._raa(felt, True)
        return None if v is None else str(v).strip()[:200]

    def positivt_heltal(self, felt: str, maks: int | None = None) -> int | None:
        n = self.heltal(felt)
        if n is not None and n < 1:
            self.fejl[felt] = IKKE_POSITIV
        elif n is not None and maks is not None and n > maks:
            self.fejl[felt] = ANTAL_UDENFOR
        return n

    def tilbud(self) -> int | None:
        """``tilbud`` (an existing id) or ``nyt_tilbud`` (a change's number)."""
        har = [f for f in ("tilbud", "nyt_tilbud") if self._raa(f, False) is not None]
        if len(har) != 1:
            self.fejl["tilbud"] = TILBUD_ELLER_NYT
            return None
        n = self.positivt_heltal(har[0])
        if n is None or har[0] in self.fejl:
            return None
        return n if har[0] == "tilbud" else -n


def _linje(laeser: _Laeser, art: str, kategorier: Collection[str]) -> Aendring:
    kategori = laeser.valg("kategori", kategorier)
    timer = laeser.decimal("timer", kraevet=False)
    procent = laeser.decimal("procent", kraevet=False, maks=Decimal(100))
    if (timer is None) == (procent is None) and "timer" not in laeser.fejl:
        laeser.fejl["timer"] = TIMER_ELLER_PROCENT
    return Aendring(art, kategori=kategori, timer=timer, procent=procent)


def _spaend(laeser: _Laeser) -> Aendring:
    nedre = laeser.decimal("nedre")
    oevre = laeser.decimal("oevre", kraevet=False)
    if nedre is not None and oevre is not None and oevre <= nedre:
        laeser.fejl["oevre"] = OEVRE_IKKE_OVER_NEDRE
    niveau = laeser.tekst("niveau")
    return Aendring(Art.NIVEAU_SPAEND, niveau=niveau, nedre=nedre, oevre=oevre)


def _nyt_tilbud(laeser: _Laeser) -> Aendring:
    return Aendring(
        Art.NYT_TILBUD,
        navn=laeser.tekst("navn"),
        pladser=laeser.positivt_heltal("pladser"),
        belaegning=laeser.decimal("belaegning", positiv=True, maks=Decimal(100)),
        princip=laeser.valg("princip", Tildelingsprincip.ALLE),
        faste_udgifter=laeser.decimal("faste_udgifter"),
        dato=laeser.dato("dato"),
    )


def _laes(laeser: _Laeser, art: str, kategorier: Mapping[str, Collection[str]]):
    L = laeser
    match art:
        case Art.TIMEPRIS_FELT:
            return Aendring(
                art,
                felt=L.valg("felt", TIMEPRIS_FELTER),
                tal=L.decimal("tal", positiv=True),
            )
        case Art.FRAVAER_LINJE | Art.TIDSANVENDELSE_LINJE:
            return _linje(L, art, kategorier.get(art, ()))
        case Art.NIVEAU_TIMER:
            return Aendring(art, niveau=L.tekst("niveau"), timer=L.decimal("timer"))
        case Art.NIVEAU_SPAEND:
            return _spaend(L)
        case Art.TILBUD_PLADSER:
            return Aendring(
                art, tilbud=L.tilbud(), pladser=L.positivt_heltal("pladser")
            )
        case Art.TILBUD_BELAEGNING:
            belaegning = L.decimal("belaegning", positiv=True, maks=Decimal(100))
            return Aendring(art, tilbud=L.tilbud(), belaegning=belaegning)
        case Art.TILBUD_PRINCIP:
            princip = L.valg("princip", Tildelingsprincip.ALLE)
            return Aendring(art, tilbud=L.tilbud(), princip=princip)
        case Art.TILBUD_FASTE_UDGIFTER:
            beloeb = L.decimal("faste_udgifter")
            return Aendring(art, tilbud=L.tilbud(), faste_udgifter=beloeb)
        case Art.PLANLAGT_TILGANG:
            antal = L.positivt_heltal("antal", MAKS_ANTAL)
            niveau, tilbud, dato = L.tekst("niveau"), L.tilbud(), L.dato("dato")
            return Aendring(art, antal=antal, niveau=niveau, tilbud=tilbud, dato=dato)
        case Art.PLANLAGT_AFGANG:
            antal = L.positivt_heltal("antal", MAKS_ANTAL)
            return Aendring(art, antal=antal, tilbud=L.tilbud(), dato=L.dato("dato"))
        case Art.NYT_TILBUD:
            return _nyt_tilbud(L)
        case Art.LUKKET_TILBUD:
            return Aendring(art, tilbud=L.tilbud(), dato=L.dato("dato"))
    raise AendringFejl({"art": UKENDT_ART.format(art=art)})


def aendring_af(
    art: str,
    vaerdi: Mapping[str, object],
    aar: int,
    kategorier: Mapping[str, Collection[str]],
) -> Aendring:
    """One change read from its JSON, or AendringFejl with Danish field errors.

    ``kategorier`` maps FRAVAER_LINJE and TIDSANVENDELSE_LINJE to the known
    kategorier (DOMAIN.md §9). Dates must lie in ``aar``.
    """
    laeser = _Laeser(vaerdi, aar)
    aendring = _laes(laeser, art, kategorier)
    if laeser.fejl:
        raise AendringFejl(laeser.fejl)
    return aendring
