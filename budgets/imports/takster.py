"""Takstmodel and timeprismodel to and from one Excel workbook (issue 6).

One sheet per table; ``eksport_xlsx`` writes what ``laes``/``valider`` read, so a
round trip gives the same model. Importing the workbook of an unchanged model
changes nothing (not even history rows).

Issue 17: the sheet "Tilbud" carries each tilbud's settings for the takstmodel's
year (budgets.models.AARSFELTER: pladser, tildelingsprincip, … and the dagspris
fields of STU and dagtilbud), saved by budgets.services.tilbud_aar_save. A
workbook without the sheet leaves the tilbud as they are.
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from budgets.imports.common import (
    Fremskridt,
    ImportAfvist,
    Raekke,
    RaekkeFejl,
    beloeb_eller_fejl,
    decimal_eller_fejl,
    kolonnens_navn,
    kraevet,
    laes_excel,
    tabel_raekker,
    valider_alle,
)
from budgets.models import AARSFELTER, TilbudAar
from budgets.services import dagspris_fejl, tilbud_aar_save
from config.lib.excel import skriv_celle
from offers.models import Dagsgrundlag, Prisenhed, Tilbud, Tildelingsprincip
from tariffs.engine import FRAVAERSFORMER, LINJEFORMER
from tariffs.models import (
    Enhed,
    FravaerKategori,
    LoenpostKategori,
    Takstmodel,
    TidsanvendelseKategori,
    Timeprismodel,
)
from tariffs.selectors import takstmodel_for_aar
from tariffs.services import NiveauFejl, takstmodel_save, timeprismodel_save

# Sheet -> (headers as written, the same as code names).
ARK: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Timeprismodel": (
        ("år", "navn", "årsløn", "årsnorm timer", "ekstratimer direkte procent"),
        ("aar", "navn", "aarsloen", "aarsnorm_timer", "ekstratimer_direkte_procent"),
    ),
    # Issue 17: a line's "timeprismodel" names its model (blank: the
    # takstmodel's), one of the rows of the sheet "Timeprismodel".
    "Fravær": (("kategori", "timer", "procent", "timeprismodel"),) * 2,
    "Tidsanvendelse": (
        (
            "kategori",
            "timer",
            "procent",
            "procent årsnorm",
            "timer pr. uge",
            "timer pr. dag",
            "timeprismodel",
        ),
        ("kategori", *LINJEFORMER, "timeprismodel"),
    ),
    "Lønposter": (
        ("kategori", "beløb", "timeprismodel"),
        ("kategori", "beloeb", "timeprismodel"),
    ),
    "Timeprisgrupper": (
        ("fra", "til", "direkte procent", "timeprismodel"),
        ("fra", "til", "direkte_procent", "timeprismodel"),
    ),
    "Takstmodel": (
        ("år", "navn", "enhed", "timeprismodel"),
        ("aar", "navn", "enhed", "timeprismodel"),
    ),
    "Takstniveauer": (
        (
            "kode",
            "navn",
            "nedre",
            "øvre",
            "takstgivende",
            "særtakst",
            "fast pris",
            "minutter pr. døgn",
            "ydelsesbeskrivelse",
        ),
        (
            "kode",
            "navn",
            "nedre",
            "oevre",
            "takstgivende",
            "saertakst",
            "fast_pris",
            "minutter_pr_doegn",
            "ydelsesbeskrivelse",
        ),
    ),
    # Issue 17: each tilbud's settings for the year, the dagspris fields too.
    "Tilbud": (
        (
            "tilbud",
            "pladser",
            "tildelingsprincip",
            "forudsat belægning",
            "reguleringsandel",
            "gennemsnitstakst",
            "dagspris",
            "dagspris enhed",
            "dagsgrundlag",
            "dimensioneret til",
            "timeprismodel",
        ),
        ("tilbud", *AARSFELTER, "timeprismodel"),
    ),
}
# Issue 17's columns: a workbook exported before them still reads (empty).
VALGFRIE = frozenset(
    {"fast_pris", "minutter_pr_doegn", "ekstratimer_direkte_procent", "timeprismodel"}
)
# Sheets whose rows belong to one timeprismodel (issue 17: the year's every one).
MODELARK = {
    "Fravær": "fravaer",
    "Tidsanvendelse": "tidsanvendelse",
    "Lønposter": "loenposter",
    "Timeprisgrupper": "grupper",
}
# Issue 17: a workbook from before tiers, salary items, the forms of time use
# per fremmødeuge/-dag and the tilbud's settings lacks these sheets and
# columns; it reads as without them (the tilbud are then left as they are).
VALGFRIE_ARK = ("Lønposter", "Timeprisgrupper", "Tilbud")
VALGFRIE_KOLONNER = {"Tidsanvendelse": LINJEFORMER[2:]}
ARK_MANGLER = "Arket '{ark}' mangler."
EN_RAEKKE = "Arket '{ark}' skal have præcis én række."
MINDST_EN_RAEKKE = "Arket '{ark}' skal have mindst én række."
MODEL_TO_GANGE = "Timeprismodellen '{navn}' står flere gange i arket 'Timeprismodel'."
UKENDT_MODEL = (
    "Timeprismodellen '{navn}' i kolonnen '{kolonne}' står ikke i arket "
    "'Timeprismodel'."
)
MODEL_ANDET_AAR = (
    "Timeprismodellen '{navn}' er for {model_aar}, men takstmodellen er for {aar}."
)
UKENDT_VALG = "Ukendt {felt} '{tekst}'."
JA_NEJ = "Særtakst skal være ja eller nej."
LINJE_EN_AF = "Angiv enten timer eller procent, ikke begge."
LINJE_EN_FORM = (
    "Angiv linjen i én kolonne: timer, procent (af fremmødet), procent årsnorm, "
    "timer pr. uge eller timer pr. dag (pr. fremmødeuge/-dag)."
)
HELTAL_FEJL = "'{tekst}' i kolonnen '{felt}' skal være et helt niveau (1, 2, …)."
ANTAL_FEJL = "'{tekst}' i kolonnen '{felt}' skal være et helt tal på mindst 1."
UKENDT_TILBUD = "Tilbuddet '{navn}' findes ikke."
TILBUD_TO_GANGE = "Tilbuddet '{navn}' står flere gange i arket 'Tilbud'."
PROCENT_FEJL = "'{tekst}' i kolonnen '{felt}' skal være {graense} og højst 100."
NEGATIV_FEJL = "'{tekst}' i kolonnen '{felt}' kan ikke være negativ."
AAR_FEJL = "Året '{tekst}' er ikke et gyldigt år."
JA = {"ja", "1", "true", "sand", "x"}
NEJ = {"nej", "0", "false", "falsk", ""}


@dataclass
class Takstdata:
    """The two models as plain values; equal data means an unchanged model."""

    timepris: dict[str, Any] = field(default_factory=dict)
    fravaer: list[dict[str, Any]] = field(default_factory=list)
    tidsanvendelse: list[dict[str, Any]] = field(default_factory=list)
    loenposter: list[dict[str, Any]] = field(default_factory=list)
    grupper: list[dict[str, Any]] = field(default_factory=list)
    takstmodel: dict[str, Any] = field(default_factory=dict)
    niveauer: list[dict[str, Any]] = field(default_factory=list)
    # The file line of each level, for the service's messages; not model data.
    niveau_linjer: list[str] = field(default_factory=list, compare=False)
    # Issue 17: each tilbud's settings for the year, by name; None: a workbook
    # without the sheet "Tilbud" (the tilbud are left as they are). Its
    # "timeprismodel" names the tilbud's own model ("": the takstmodel's).
    tilbud: list[dict[str, Any]] | None = None
    # Issue 17: the year's other timeprismodeller (a tilbud's own), by name,
    # each as {"timepris", "fravaer", "tidsanvendelse", "loenposter", "grupper"}.
    egne: list[dict[str, Any]] = field(default_factory=list)


def tilbud_for_aar(aar: int) -> list[dict[str, Any]]:
    """Every tilbud's settings for the year (its TilbudAar, else the tilbud's
    own: those of a year without a row), by name; with the name of its own
    timeprismodel for the year ("": the takstmodel's, issue 17)."""
    aarets = {
        r.tilbud_id: r
        for r in TilbudAar.objects.filter(budgetaar__aar=aar)
        .select_related("timeprismodel")
        .order_by("pk")
    }
    return [
        {
            "tilbud": t.navn,
            **{felt: getattr(aarets.get(t.pk, t), felt) for felt in AARSFELTER},
            "timeprismodel": _modelnavn(aarets.get(t.pk)),
        }
        for t in Tilbud.objects.order_by("navn")
    ]


def _modelnavn(aaret: TilbudAar | None) -> str:
    tp = aaret.timeprismodel if aaret is not None else None
    return "" if tp is None else tp.navn


def _linjer(qs, former=FRAVAERSFORMER) -> list[dict[str, Any]]:
    return [
        {"kategori": linje.kategori, **{f: getattr(linje, f) for f in former}}
        for linje in qs.order_by("pk")
    ]


def modeldata_for(tp: Timeprismodel) -> dict[str, Any]:
    """One timeprismodel with its lines as plain values (Takstdata's fields)."""
    return {
        "timepris": {
            "aar": tp.aar,
            "navn": tp.navn,
            "aarsloen": tp.aarsloen,
            "aarsnorm_timer": tp.aarsnorm_timer,
            "ekstratimer_direkte_procent": tp.ekstratimer_direkte_procent,
        },
        "fravaer": _linjer(tp.fravaer.all()),
        "tidsanvendelse": _linjer(tp.tidsanvendelse.all(), LINJEFORMER),
        "loenposter": [
            {"kategori": p.kategori, "beloeb": p.beloeb}
            for p in tp.loenposter.order_by("pk")
        ],
        "grupper": [
            {"fra": g.fra, "til": g.til, "direkte_procent": g.direkte_procent}
            for g in tp.grupper.order_by("fra")
        ],
    }


def takstdata_for(takstmodel: Takstmodel) -> Takstdata:
    tp = takstmodel.timeprismodel
    egne = Timeprismodel.objects.filter(aar=takstmodel.aar).exclude(pk=tp.pk)
    return Takstdata(
        **modeldata_for(tp),
        egne=[modeldata_for(m) for m in egne.order_by("navn")],
        takstmodel={
            "aar": takstmodel.aar,
            "navn": takstmodel.navn,
            "enhed": takstmodel.enhed,
        },
        niveauer=[
            {
                "kode": n.kode,
                "navn": n.navn,
                "nedre": n.nedre,
                "oevre": n.oevre,
                "takstgivende": n.takstgivende,
                "saertakst": n.saertakst,
                "fast_pris": n.fast_pris,
                "minutter_pr_doegn": n.minutter_pr_doegn,
                "ydelsesbeskrivelse": n.ydelsesbeskrivelse,
            }
            for n in takstmodel.niveauer.order_by("raekkefoelge")
        ],
        tilbud=tilbud_for_aar(takstmodel.aar),
    )


def _celle(vaerdi: Any) -> Any:
    if isinstance(vaerdi, bool):
        return "ja" if vaerdi else "nej"
    return vaerdi  # Decimal is written as an Excel number by openpyxl


def eksport_xlsx(takstmodel: Takstmodel) -> bytes:
    """The year's takstmodel and every timeprismodel of the year (the
    takstmodel's first, its lines with a blank "timeprismodel"; issue 17) as a
    workbook the import reads."""
    data = takstdata_for(takstmodel)
    tabeller = {
        "Timeprismodel": [data.timepris, *(m["timepris"] for m in data.egne)],
        "Takstmodel": [{**data.takstmodel, "timeprismodel": data.timepris["navn"]}],
        "Takstniveauer": data.niveauer,
        "Tilbud": data.tilbud or [],
    }
    for ark, felt in MODELARK.items():
        tabeller[ark] = [{**r, "timeprismodel": ""} for r in getattr(data, felt)]
        for m in data.egne:
            navn = m["timepris"]["navn"]
            tabeller[ark] += [{**r, "timeprismodel": navn} for r in m[felt]]
    wb = Workbook()
    wb.remove(wb.active)
    for ark, (overskrifter, navne) in ARK.items():
        ws = wb.create_sheet(ark)
        for kolonne, overskrift in enumerate(overskrifter, start=1):
            skriv_celle(ws, 1, kolonne, overskrift)
        for nr, raekke in enumerate(tabeller[ark], start=2):
            for kolonne, navn in enumerate(navne, start=1):
                skriv_celle(ws, nr, kolonne, _celle(raekke[navn]))
        ws.auto_filter.ref = ws.dimensions  # every table filterable (issue 15)
    ud = io.BytesIO()
    wb.save(ud)
    return ud.getvalue()


def laes(indhold: bytes, filnavn: str) -> list[Raekke]:
    """Every data row of every sheet, each with its sheet name ('ark')."""
    ark = laes_excel(indhold)
    mangler = [
        ARK_MANGLER.format(ark=navn)
        for navn in ARK
        if navn not in ark and navn not in VALGFRIE_ARK
    ]
    if mangler:
        raise ImportAfvist(mangler)
    raekker = []
    for navn, (_, kolonner) in ARK.items():
        if navn not in ark:
            continue
        valgfri = [
            k for k in kolonner if k in VALGFRIE or k in VALGFRIE_KOLONNER.get(navn, ())
        ]
        kraevede = [k for k in kolonner if k not in valgfri]
        for raekke in tabel_raekker(ark[navn], kraevede, valgfri):
            raekke["ark"] = navn
            raekker.append(raekke)
    return raekker


def _tal(
    raekke: Raekke, felt: str, fejl: list[str], valgfri=False, beloeb=False
) -> Decimal | None:
    if valgfri and not raekke.get(felt):
        return None
    tolk = beloeb_eller_fejl if beloeb else decimal_eller_fejl
    return tolk(kraevet(raekke, felt, fejl), fejl, kolonne=kolonnens_navn(raekke, felt))


def _aar(raekke: Raekke, fejl: list[str]) -> int | None:
    tekst = raekke["aar"].removesuffix(".0")
    if not (tekst.isdigit() and 2000 <= int(tekst) <= 2100):
        fejl.append(AAR_FEJL.format(tekst=raekke["aar"]))
        return None
    return int(tekst)


def _valg(raekke: Raekke, felt: str, valg, fejl: list[str]) -> str:
    if raekke[felt] not in valg.values:
        fejl.append(UKENDT_VALG.format(felt=felt, tekst=raekke[felt]))
    return raekke[felt]


def _linje(raekke: Raekke, kategorier, fejl: list[str]) -> dict[str, Any]:
    """A fravær line in timer or procent; a tidsanvendelse line in any one of
    tariffs.engine.LINJEFORMER (issue 17)."""
    former = FRAVAERSFORMER if kategorier is FravaerKategori else LINJEFORMER
    vaerdier = {f: _tal(raekke, f, fejl) if raekke.get(f) else None for f in former}
    if sum(bool(raekke.get(f)) for f in former) != 1:
        fejl.append(LINJE_EN_AF if former == FRAVAERSFORMER else LINJE_EN_FORM)
    kategori = _valg(raekke, "kategori", kategorier, fejl)
    return {"kategori": kategori, **vaerdier}


def _heltal(raekke: Raekke, felt: str, fejl: list[str]) -> int | None:
    tekst = raekke[felt].removesuffix(".0")
    if not tekst:
        return None
    if not tekst.isdigit() or not 1 <= int(tekst) <= 32767:
        fejl.append(HELTAL_FEJL.format(tekst=raekke[felt], felt=felt))
        return None
    return int(tekst)


def _gruppe(raekke: Raekke, fejl: list[str]) -> dict[str, Any]:
    """A tier: from and to level (rækkefølge; no til: every level up), direct %."""
    kraevet(raekke, "fra", fejl)
    return {
        "fra": _heltal(raekke, "fra", fejl),
        "til": _heltal(raekke, "til", fejl),
        "direkte_procent": _tal(raekke, "direkte_procent", fejl),
    }


def _loenpost(raekke: Raekke, fejl: list[str]) -> dict[str, Any]:
    return {
        "kategori": _valg(raekke, "kategori", LoenpostKategori, fejl),
        "beloeb": _tal(raekke, "beloeb", fejl, beloeb=True),
    }


def _niveau(raekke: Raekke, fejl: list[str]) -> dict[str, Any]:
    saertakst = raekke["saertakst"].lower()
    if saertakst not in JA | NEJ:
        fejl.append(JA_NEJ)
    return {
        "kode": kraevet(raekke, "kode", fejl).removesuffix(".0"),
        "navn": kraevet(raekke, "navn", fejl),
        "nedre": _tal(raekke, "nedre", fejl),
        "oevre": _tal(raekke, "oevre", fejl, valgfri=True),
        "takstgivende": _tal(raekke, "takstgivende", fejl, valgfri=True),
        "saertakst": saertakst in JA,
        "fast_pris": _tal(raekke, "fast_pris", fejl, valgfri=True, beloeb=True),
        "minutter_pr_doegn": _tal(raekke, "minutter_pr_doegn", fejl, valgfri=True),
        "ydelsesbeskrivelse": raekke["ydelsesbeskrivelse"],
    }


def _procent(
    raekke: Raekke, felt: str, fejl: list[str], mindst: int | None, valgfri=False
) -> Decimal | None:
    """A percentage from ``mindst`` to 100; ``mindst`` None: above 0."""
    tal = _tal(raekke, felt, fejl, valgfri=valgfri)
    if tal is None:
        return None
    under = tal <= 0 if mindst is None else tal < mindst
    if under or tal > 100:
        graense = "over 0" if mindst is None else f"mindst {mindst}"
        kolonne = kolonnens_navn(raekke, felt)
        fejl.append(
            PROCENT_FEJL.format(tekst=raekke[felt], felt=kolonne, graense=graense)
        )
    return tal


def _antal(raekke: Raekke, felt: str, fejl: list[str], valgfri=False) -> int | None:
    tekst = raekke[felt].removesuffix(".0")
    if valgfri and not tekst:
        return None
    if not tekst.isdigit() or int(tekst) < 1:
        kolonne = kolonnens_navn(raekke, felt)
        fejl.append(ANTAL_FEJL.format(tekst=raekke[felt], felt=kolonne))
        return None
    return int(tekst)


def _ikke_negativ(raekke: Raekke, felt: str, fejl: list[str]) -> Decimal | None:
    tal = _tal(raekke, felt, fejl, valgfri=True, beloeb=True)
    if tal is not None and tal < 0:
        kolonne = kolonnens_navn(raekke, felt)
        fejl.append(NEGATIV_FEJL.format(tekst=raekke[felt], felt=kolonne))
    return tal


def _tilbud(raekke: Raekke, fejl: list[str]) -> dict[str, Any]:
    """Issue 17: one tilbud's settings for the year, checked as
    budgets.services.tilbud_aar_save checks them (dagspris_fejl)."""
    navn = kraevet(raekke, "tilbud", fejl)
    if navn and not Tilbud.objects.filter(navn=navn).exists():
        fejl.append(UKENDT_TILBUD.format(navn=navn))
    vaerdi = {
        "tilbud": navn,
        "pladser": _antal(raekke, "pladser", fejl),
        "tildelingsprincip": _valg(
            raekke, "tildelingsprincip", Tildelingsprincip, fejl
        ),
        "forudsat_belaegning": _procent(raekke, "forudsat_belaegning", fejl, 1),
        "reguleringsandel": _procent(raekke, "reguleringsandel", fejl, 0),
        "gennemsnitstakst": _ikke_negativ(raekke, "gennemsnitstakst", fejl),
        "dagspris": _ikke_negativ(raekke, "dagspris", fejl),
        "dagspris_enhed": _valg(raekke, "dagspris_enhed", Prisenhed, fejl),
        "dagsgrundlag": _valg(raekke, "dagsgrundlag", Dagsgrundlag, fejl),
        "dimensioneret_til": _antal(raekke, "dimensioneret_til", fejl, valgfri=True),
    }
    if not fejl:
        fejl += dagspris_fejl(vaerdi).values()
    return vaerdi


def _raekke(raekke: Raekke) -> tuple[str, dict[str, Any], Raekke]:
    fejl: list[str] = []
    ark = raekke["ark"]
    if ark == "Timeprismodel":
        vaerdi = {
            "aar": _aar(raekke, fejl),
            "navn": kraevet(raekke, "navn", fejl),
            "aarsloen": _tal(raekke, "aarsloen", fejl, beloeb=True),
            "aarsnorm_timer": _tal(raekke, "aarsnorm_timer", fejl),
            "ekstratimer_direkte_procent": _procent(
                raekke, "ekstratimer_direkte_procent", fejl, None, valgfri=True
            ),
        }
    elif ark == "Takstmodel":
        vaerdi = {
            "aar": _aar(raekke, fejl),
            "navn": kraevet(raekke, "navn", fejl),
            "enhed": _valg(raekke, "enhed", Enhed, fejl),
        }
    elif ark == "Takstniveauer":
        vaerdi = _niveau(raekke, fejl)
    elif ark == "Lønposter":
        vaerdi = _loenpost(raekke, fejl)
    elif ark == "Timeprisgrupper":
        vaerdi = _gruppe(raekke, fejl)
    elif ark == "Tilbud":
        vaerdi = _tilbud(raekke, fejl)
        if "timeprismodel" in raekke:  # a workbook from before: left as it is
            vaerdi["timeprismodel"] = raekke["timeprismodel"]
    else:
        kategorier = FravaerKategori if ark == "Fravær" else TidsanvendelseKategori
        vaerdi = _linje(raekke, kategorier, fejl)
    if fejl:
        raise RaekkeFejl(fejl)
    return ark, vaerdi, raekke


def _sted(raekke: Raekke) -> str:
    return f"Ark '{raekke['ark']}', linje {raekke['linje']}"


def _modeller(
    gyldige: list[tuple[str, dict[str, Any], Raekke]],
) -> tuple[str, dict[str, dict[str, Any]]]:
    """Issue 17: every timeprismodel of the workbook by name, each with its
    lines, and the takstmodel's name (its "timeprismodel", else the first row
    of "Timeprismodel"). A line, the takstmodel or a tilbud naming a model not
    in the sheet, or a model of another year, is refused by sheet and line."""
    fejl: list[str] = []
    modeller: dict[str, dict[str, Any]] = {}
    takstmodel_aar = next(v["aar"] for a, v, _ in gyldige if a == "Takstmodel")
    for ark, vaerdi, raekke in gyldige:
        if ark != "Timeprismodel":
            continue
        navn = vaerdi["navn"]
        if navn in modeller:
            fejl.append(f"{_sted(raekke)}: {MODEL_TO_GANGE.format(navn=navn)}")
        elif vaerdi["aar"] != takstmodel_aar:
            besked = MODEL_ANDET_AAR.format(
                navn=navn, model_aar=vaerdi["aar"], aar=takstmodel_aar
            )
            fejl.append(f"{_sted(raekke)}: {besked}")
        modeller[navn] = {"timepris": vaerdi, **{f: [] for f in MODELARK.values()}}
    takstmodellens = next(
        (r.get("timeprismodel", "") for a, _, r in gyldige if a == "Takstmodel"), ""
    ) or next(iter(modeller))

    def kendt(raekke: Raekke) -> bool:
        navn = raekke.get("timeprismodel", "")
        if not navn or navn in modeller:
            return True
        kolonne = kolonnens_navn(raekke, "timeprismodel")
        besked = UKENDT_MODEL.format(navn=navn, kolonne=kolonne)
        fejl.append(f"{_sted(raekke)}: {besked}")
        return False

    for ark, vaerdi, raekke in gyldige:
        if ark in MODELARK and kendt(raekke):
            navn = raekke.get("timeprismodel", "") or takstmodellens
            modeller.get(navn, {}).get(MODELARK[ark], []).append(vaerdi)
        elif ark in ("Takstmodel", "Tilbud"):
            kendt(raekke)
    if fejl:
        raise ImportAfvist(fejl)
    return takstmodellens, modeller


def valider(raekker: list[Raekke], fremskridt: Fremskridt) -> Takstdata:
    gyldige = valider_alle(raekker, _raekke, fremskridt, _sted)
    pr_ark: dict[str, list[dict[str, Any]]] = {navn: [] for navn in ARK}
    for ark, vaerdi, _ in gyldige:
        pr_ark[ark].append(vaerdi)
    enkelt = [
        EN_RAEKKE.format(ark="Takstmodel")
        for _ in range(len(pr_ark["Takstmodel"]) != 1)
    ] + [
        MINDST_EN_RAEKKE.format(ark="Timeprismodel")
        for _ in range(not pr_ark["Timeprismodel"])
    ]
    if enkelt:
        raise ImportAfvist(enkelt)
    navne = [t["tilbud"] for t in pr_ark["Tilbud"]]
    if dubletter := sorted({n for n in navne if navne.count(n) > 1}):
        raise ImportAfvist([TILBUD_TO_GANGE.format(navn=n) for n in dubletter])
    takstmodellens, modeller = _modeller(gyldige)
    return Takstdata(
        **modeller.pop(takstmodellens),
        egne=[modeller[navn] for navn in sorted(modeller)],
        takstmodel=pr_ark["Takstmodel"][0],
        niveauer=pr_ark["Takstniveauer"],
        niveau_linjer=[r["linje"] for r in raekker if r["ark"] == "Takstniveauer"],
        tilbud=pr_ark["Tilbud"] or None,
    )


def _som_fejl(ark: str, err: ValidationError) -> ImportAfvist:
    return ImportAfvist([f"Ark '{ark}': {besked}" for besked in err.messages])


def _niveau_fejl(data: Takstdata, err: NiveauFejl) -> ImportAfvist:
    """Each broken level rule with the line of its level (all rows are valid here,
    so the levels are the sheet's rows in order)."""
    return ImportAfvist(
        [
            f"Ark 'Takstniveauer', linje {data.niveau_linjer[i]}: "
            f"Niveau {data.niveauer[i]['kode']}: {besked}"
            for i, _, besked in err.fejl
        ]
    )


def _gem_tilbud(data: Takstdata, acting_user: AbstractBaseUser) -> int:
    """Issue 17: each tilbud's settings for the takstmodel's year, where they
    differ from the stored ones; the number of tilbud changed. Its own
    timeprismodel by name ("": the takstmodel's; no column: unchanged)."""
    aar = data.takstmodel["aar"]
    gemte = {t["tilbud"]: t for t in tilbud_for_aar(aar)}
    aendret = 0
    for raekke in data.tilbud or []:
        gemt = gemte.get(raekke["tilbud"])
        if gemt is not None and "timeprismodel" not in raekke:
            gemt = {k: v for k, v in gemt.items() if k != "timeprismodel"}
        if gemt == raekke:
            continue
        felter: dict[str, Any] = {felt: raekke[felt] for felt in AARSFELTER}
        if "timeprismodel" in raekke:
            navn = raekke["timeprismodel"]
            felter["timeprismodel"] = (
                Timeprismodel.objects.get(aar=aar, navn=navn) if navn else None
            )
        tilbud = Tilbud.objects.get(navn=raekke["tilbud"])
        try:
            tilbud_aar_save(tilbud=tilbud, aar=aar, acting_user=acting_user, **felter)
        except ValidationError as err:
            fejl = _som_fejl("Tilbud", err)
            besked = [f"{linje} ({raekke['tilbud']})" for linje in fejl.fejl]
            raise ImportAfvist(besked) from err
        aendret += 1
    return aendret


def _gem_model(
    model: dict[str, Any], acting_user: AbstractBaseUser, egen: bool = False
) -> Timeprismodel:
    """One timeprismodel with its lines, found by year and name (issue 17);
    a refusal of an ``egen`` (not the takstmodel's) names the model."""
    timepris = Timeprismodel.objects.filter(
        aar=model["timepris"]["aar"], navn=model["timepris"]["navn"]
    ).first()
    try:
        return timeprismodel_save(
            acting_user=acting_user,
            timeprismodel=timepris,
            **model["timepris"],
            fravaer=model["fravaer"],
            tidsanvendelse=model["tidsanvendelse"],
            loenposter=model["loenposter"],
            grupper=model["grupper"],
        )
    except ValidationError as err:
        fejl = _som_fejl("Timeprismodel", err)
        if not egen:
            raise fejl from err
        navn = model["timepris"]["navn"]
        raise ImportAfvist([f"{linje} ({navn})" for linje in fejl.fejl]) from err


def gem(data: Takstdata, acting_user: AbstractBaseUser) -> dict[str, int]:
    """The takstmodel and its timeprismodel, the year's other timeprismodeller
    in the workbook (others are kept) and the tilbud, in the runner's one
    transaction."""
    eksisterende = takstmodel_for_aar(data.takstmodel["aar"])
    gemte: dict[str, dict[str, Any]] = {}
    if eksisterende is not None:
        gemt = takstdata_for(eksisterende)
        if data.tilbud is None:  # a workbook without the sheet "Tilbud"
            gemt.tilbud = None
        if gemt == data:
            return {"raekker": 0, "aendret": 0, "uaendret": 1}
        gemte = {m["timepris"]["navn"]: m for m in gemt.egne}
    timepris = _gem_model(
        {
            "timepris": data.timepris,
            "fravaer": data.fravaer,
            "tidsanvendelse": data.tidsanvendelse,
            "loenposter": data.loenposter,
            "grupper": data.grupper,
        },
        acting_user,
    )
    try:
        takstmodel_save(
            acting_user=acting_user,
            takstmodel=eksisterende,
            **data.takstmodel,
            timeprismodel=timepris,
            niveauer=data.niveauer,
        )
    except NiveauFejl as err:
        raise _niveau_fejl(data, err) from err
    except ValidationError as err:
        raise _som_fejl("Takstniveauer", err) from err
    for model in data.egne:  # an unchanged own model is not written
        if gemte.get(model["timepris"]["navn"]) != model:
            _gem_model(model, acting_user, egen=True)
    _gem_tilbud(data, acting_user)
    return {"raekker": len(data.niveauer), "aendret": 1, "uaendret": 0}
