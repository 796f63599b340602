"""What adopting a scenario of year Y as the proposal of Y+1 writes (issue 16 #1).

The rule (budgets.services.scenarie_vedtag writes it, the confirmation page and
the API show it):

1. Y+1 without a budget year row is first created by the rollover from Y
   (budgets.services.rollover) with the percentages the user gives.
2. Then each change is written into Y+1 in the scenario's order, a later change
   of the same assumption winning, as an absolute value: a scenario stores the
   new value of year Y (sygefravær 6 %, pladser 10), never a delta, so "+1
   point" is 5 → 6 % in Y and 6 % in Y+1, whatever Y+1 held before.
3. A value is carried from Y to Y+1 as the rollover carries its kind: an amount
   (årsløn, faste udgifter) is fremskrevet with the same percentage as the
   rollover (løn, øvrige); a quantity (årsnorm, a fravær or tidsanvendelse line,
   a level's hours or span, pladser, belægning, tildelingsprincip) is unchanged.
   A tilbud's faste udgifter are one amount in the scenario but lines per
   kategori in Y+1: the lines are scaled to the new sum (øre to the largest
   line; a tilbud without lines gets it as Øvrige faste udgifter).
4. Planned tilgange and afgange, a new and a closed tilbud, and every change to
   a tilbud new in the scenario are assumptions about borgere or about tilbud
   that do not exist: they are not written (a new tilbud is created by hand as
   a real tilbud, and borgere are placed when they come).
"""

from dataclasses import dataclass

from budgets.engine.scenarie_laes import Aendring, Art
from budgets.models import Budgetaar, Budgetstatus
from budgets.models_scenarie import Aendringsart, Scenario
from budgets.selectors.scenarie import aendringer_for
from offers.models import Tilbud

IKKE_BORGERE = (
    "En planlagt tilgang eller afgang er en antagelse om borgere, ikke om "
    "stamdata: borgere registreres, når de kommer og går."
)
IKKE_NYT_TILBUD = (
    "Et nyt tilbud i scenariet findes ikke endnu: opret det som et rigtigt "
    "tilbud, så får det sine egne indstillinger og faste udgifter."
)
IKKE_LUKKET_TILBUD = (
    "Et lukket tilbud er afgange for tilbuddets borgere: de registreres, når de sker."
)
IKKE_PAA_NYT_TILBUD = "Ændringen gælder et tilbud, der kun findes i scenariet."

FREMSKREVET_LOEN = "fremskrevet med lønskønnet"
FREMSKREVET_OEVRIGE = "fremskrevet med skønnet for øvrige udgifter"
UAENDRET = "samme værdi"
TIMEPRIS_ARTER = {Art.TIMEPRIS_FELT, Art.FRAVAER_LINJE, Art.TIDSANVENDELSE_LINJE}
NIVEAU_ARTER = {Art.NIVEAU_TIMER, Art.NIVEAU_SPAEND}
TILBUD_ARTER = {
    Art.TILBUD_PLADSER,
    Art.TILBUD_BELAEGNING,
    Art.TILBUD_PRINCIP,
    Art.TILBUD_FASTE_UDGIFTER,
}
FELTNAVNE = {"aarsloen": "Årsløn", "aarsnorm_timer": "Årsnorm (timer)"}


@dataclass(frozen=True)
class Punkt:
    """One change of the scenario and what adopting does with it: ``hvad`` the
    assumption, ``vaerdi`` the scenario's value for Y, ``overfoersel`` how it is
    carried to Y+1 (written) or ``grund`` why it is not."""

    nr: int
    art: str
    hvad: str
    vaerdi: str
    aendring: Aendring
    overfoersel: str = ""
    grund: str = ""

    @property
    def skrives(self) -> bool:
        return not self.grund


@dataclass(frozen=True)
class Vedtagelsesplan:
    scenario: Scenario
    aar: int  # Y+1
    punkter: tuple[Punkt, ...]

    @property
    def skrives(self) -> list[Punkt]:
        return [p for p in self.punkter if p.skrives]

    @property
    def skrives_ikke(self) -> list[Punkt]:
        return [p for p in self.punkter if not p.skrives]


def _tal(v) -> str:
    return "" if v is None else str(v).replace(".", ",")


def _beskrivelse(a: Aendring, navne: dict[int, str]) -> tuple[str, str]:
    """(hvad, vaerdi) of a change in words."""
    tilbud = navne.get(a.tilbud or 0, "")
    match a.art:
        case Art.TIMEPRIS_FELT:
            enhed = " kr." if a.felt == "aarsloen" else " timer"
            return FELTNAVNE.get(a.felt or "", a.felt or ""), _tal(a.tal) + enhed
        case Art.FRAVAER_LINJE | Art.TIDSANVENDELSE_LINJE:
            gruppe = "Fravær" if a.art == Art.FRAVAER_LINJE else "Tidsanvendelse"
            vaerdi = f"{_tal(a.procent)} %" if a.procent is not None else ""
            vaerdi = vaerdi or f"{_tal(a.timer)} timer"
            return f"{gruppe}: {a.kategori}", vaerdi
        case Art.NIVEAU_TIMER:
            return f"Niveau {a.niveau}: takstgivende timer", _tal(a.timer)
        case Art.NIVEAU_SPAEND:
            oevre = _tal(a.oevre) or "ingen øvre grænse"
            return f"Niveau {a.niveau}: spænd", f"{_tal(a.nedre)} – {oevre}"
        case Art.TILBUD_PLADSER:
            return f"{tilbud}: pladser", str(a.pladser)
        case Art.TILBUD_BELAEGNING:
            return f"{tilbud}: forudsat belægning", f"{_tal(a.belaegning)} %"
        case Art.TILBUD_PRINCIP:
            return f"{tilbud}: tildelingsprincip", a.princip or ""
        case Art.TILBUD_FASTE_UDGIFTER:
            return f"{tilbud}: faste udgifter", f"{_tal(a.faste_udgifter)} kr."
    return str(Aendringsart(a.art).label), tilbud or (a.navn or "")


def _grund(a: Aendring) -> str:
    if a.art in (Art.PLANLAGT_TILGANG, Art.PLANLAGT_AFGANG):
        return IKKE_BORGERE
    if a.art == Art.NYT_TILBUD:
        return IKKE_NYT_TILBUD
    if a.art == Art.LUKKET_TILBUD:
        return IKKE_LUKKET_TILBUD
    if a.art in TILBUD_ARTER and (a.tilbud or 0) < 0:
        return IKKE_PAA_NYT_TILBUD
    return ""


def _overfoersel(a: Aendring) -> str:
    if a.art == Art.TIMEPRIS_FELT and a.felt == "aarsloen":
        return FREMSKREVET_LOEN
    if a.art == Art.TILBUD_FASTE_UDGIFTER:
        return FREMSKREVET_OEVRIGE
    return UAENDRET


def vedtagelsesplan(scenario: Scenario) -> Vedtagelsesplan:
    """Each change of the scenario, written into Y+1 or not and why (module
    doc). AendringFejl for a stored change that no longer reads."""
    aendringer = aendringer_for(scenario.aendringer.order_by("pk"), scenario.aar)
    navne = dict(Tilbud.objects.values_list("pk", "navn"))
    punkter = []
    for nr, a in aendringer:
        hvad, vaerdi = _beskrivelse(a, navne)
        grund = _grund(a)
        overfoersel = "" if grund else _overfoersel(a)
        punkter.append(Punkt(nr, a.art, hvad, vaerdi, a, overfoersel, grund))
    return Vedtagelsesplan(scenario, scenario.aar + 1, tuple(punkter))


@dataclass(frozen=True)
class NaesteAar:
    """Year Y+1 as adopting finds it: ``findes`` a budget year row (else the
    rollover creates it) and its state."""

    aar: int
    findes: bool
    status: str

    @property
    def forslag(self) -> bool:
        return self.status == Budgetstatus.FORSLAG


def naeste_aar(scenario: Scenario) -> NaesteAar:
    aar = scenario.aar + 1
    status = Budgetaar.objects.filter(aar=aar).values_list("status", flat=True).first()
    return NaesteAar(aar, status is not None, status or Budgetstatus.FORSLAG)
