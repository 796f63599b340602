"""The takst dossier of a tilbud and year (issue 18 #4): how every takst was made.

Read from the same sources as the takstblad (takstblad_for: the tilbud's price
list) and the timeprismodel's own lines (tariffs), so the dossier shows the
figures the budget and the settlement use. Each figure is a Dossierlinje under a
stable key; last year's dossier is matched line by line
(engine.takstdossier.med_forrige).

Versioned by its data stamp (docs/regler.md §11): the newest change in the
history of any row the dossier is made of, with who made it, and the budget
year's state. The same stamp means the same dossier.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Sum

from budgets.engine import takstdossier as dossier
from budgets.models import (
    Budgetaar,
    Budgetstatus,
    FastUdgift,
    FastUdgiftKategori,
    TilbudAar,
)
from budgets.selectors.efterregulering import Efterreguleringsopgoerelse
from budgets.selectors.grundlag import BudgetGrundlagMangler, _aarets_grundlag
from budgets.selectors.visning import Takstblad, takstblad_for
from offers.models import Tilbud
from tariffs import engine as tariff_engine
from tariffs.models import (
    FravaerKategori,
    Fravaerslinje,
    Takstmodel,
    Takstniveau,
    TidsanvendelseKategori,
    Tidsanvendelseslinje,
    Timeprismodel,
)
from tariffs.selectors import linje_for, takstmodel_for_aar, timeprisgrundlag_for

L = dossier.Dossierlinje
HUNDREDE = Decimal(100)


@dataclass(frozen=True)
class Datastempel:
    """The newest change of the dossier's data: when and by whom."""

    aendret: datetime.datetime | None
    aendret_af: AbstractBaseUser | None


@dataclass(frozen=True)
class Takstdossier:
    tilbud: Tilbud
    aar: int
    status: str  # the budget year's state label (Forslag, Vedtaget, Lukket)
    sektioner: tuple[dossier.Dossiersektion, ...]
    forrige_aar: int | None  # None: last year has no takstmodel to compare with
    efterregulering: Efterreguleringsopgoerelse | None
    stempel: Datastempel
    takstblad: Takstblad


def _faste(tilbud: Tilbud, aar: int, pladser: int, t: Takstblad) -> list:
    rows = (
        FastUdgift.objects.filter(tilbud=tilbud, budgetaar__aar=aar)
        .order_by()
        .values("kategori")
        .annotate(sum=Sum("beloeb"))
    )
    pr_kategori = {r["kategori"]: r["sum"] for r in rows}
    # The categories in their fixed order, then any other (an imported code).
    orden = {k.value: i for i, k in enumerate(FastUdgiftKategori)}
    koder = sorted(pr_kategori, key=lambda k: (orden.get(k, len(orden)), k))
    navne = dict(FastUdgiftKategori.choices)
    linjer = [
        L(f"faste:{k}", navne.get(k, k.capitalize()), "kr", pr_kategori[k])
        for k in koder
    ]
    i_alt = sum(pr_kategori.values(), Decimal(0))
    dage = tariff_engine.dage_i_aaret(aar)
    doegn = pladser * dage * t.forudsat_belaegning / HUNDREDE
    linjer += [
        L("faste:i_alt", "Faste udgifter i alt", "kr", i_alt),
        L("pladser", "Pladser", "antal", Decimal(pladser)),
        L("dage", "Dage i året", "antal", Decimal(dage)),
        L("belaegning", "Forudsat belægning", "procent", t.forudsat_belaegning),
        L("doegn", "Forudsatte døgn (pladser × dage × belægning)", "doegn", doegn),
        L("basistakst", "Basistakst pr. døgn", "kr_pr_doegn", t.basistakst_pr_doegn),
    ]
    return linjer


def _grundlag_tekst(linje: tariff_engine.Linje) -> str:
    vaerdi = format(getattr(linje, linje.form).normalize(), "f").replace(".", ",")
    return {
        "timer": f"{vaerdi} timer pr. år",
        "procent": f"{vaerdi} %",
        "procent_aarsnorm": f"{vaerdi} % af årsnormen",
        "timer_pr_uge": f"{vaerdi} timer pr. fremmødeuge",
        "timer_pr_dag": f"{vaerdi} timer pr. fremmødedag",
    }[linje.form]


def _timepris(model: Timeprismodel) -> list:
    g = timeprisgrundlag_for(model)
    norm, fremmoede = g.aarsnorm_timer, tariff_engine.fremmoede_timer(g)
    linjer = [L("timepris:aarsloen", "Årsløn inkl. pension", "kr", g.aarsloen)]
    linjer += [
        L(f"timepris:loenpost:{p.kategori}", f"Lønpost: {p.kategori}", "kr", p.beloeb)
        for p in g.loenposter
    ]
    linjer.append(L("timepris:norm", "Årsnorm", "timer", norm))
    fravaer = FravaerKategori
    for li in (linje_for(r) for r in Fravaerslinje.objects.filter(timeprismodel=model)):
        tekst = f"Fravær: {fravaer(li.kategori).label}"
        timer = li.timer_pr_aar(norm, norm)
        linjer.append(
            L(
                f"timepris:fravaer:{li.kategori}",
                tekst,
                "timer",
                timer,
                _grundlag_tekst(li),
            )
        )
    linjer.append(L("timepris:fremmoede", "Fremmødetimer", "timer", fremmoede))
    tid = TidsanvendelseKategori
    rows = Tidsanvendelseslinje.objects.filter(timeprismodel=model)
    for li in (linje_for(r) for r in rows):
        tekst = f"Tid væk fra borgeren: {tid(li.kategori).label}"
        timer = li.timer_pr_aar(fremmoede, norm, fremmoede)
        noegle = f"timepris:tid:{li.kategori}"
        linjer.append(L(noegle, tekst, "timer", timer, _grundlag_tekst(li)))
    t = tariff_engine.timepriser(g)
    linjer += [
        L(
            "timepris:direkte",
            "Direkte timer (tid med borgeren)",
            "timer",
            tariff_engine.direkte_timer(g),
        ),
        L(
            "timepris:pris_fremmoede",
            "Timepris pr. fremmødetime",
            "kr",
            t.timepris_fremmoede,
        ),
        L(
            "timepris:pris_direkte",
            "Timepris pr. direkte time",
            "kr",
            t.timepris_direkte,
        ),
    ]
    if t.timepris_ekstratimer is not None:  # issue 17: ekstratimer's own timepris
        assert g.ekstratimer_direkte_procent is not None
        procent = format(g.ekstratimer_direkte_procent.normalize(), "f")
        procent = procent.replace(".", ",")
        linjer += [
            L(
                "timepris:ekstratimer_direkte",
                "Direkte timer i ekstratimer",
                "timer",
                t.ekstratimer_direkte_timer,
                f"{procent} % af fremmødetimerne",
            ),
            L(
                "timepris:pris_ekstratimer",
                "Timepris pr. ekstratime (tillægstakst i timer)",
                "kr",
                t.timepris_ekstratimer,
            ),
        ]
    return linjer


def _niveauer(t: Takstblad) -> list:
    linjer = []
    for n in t.niveauer:
        navn = f"{n.kode} {n.navn}"
        if n.servicetakst_pr_doegn is None:  # a særtakst: no fixed takst
            tekst = f"{navn}: særtakst, timerne fastsættes for den enkelte borger"
            linjer.append(
                L(f"niveau:{n.kode}:saertakst", tekst, "timer_pr_doegn", None)
            )
            continue
        linjer += [
            L(
                f"niveau:{n.kode}:timer",
                f"{navn}: takstgivende timer pr. døgn",
                "timer_pr_doegn",
                n.takstgivende_timer_pr_doegn,
            ),
            L(
                f"niveau:{n.kode}:service",
                f"{navn}: servicetakst pr. døgn",
                "kr_pr_doegn",
                n.servicetakst_pr_doegn,
            ),
            L(
                f"niveau:{n.kode}:doegn",
                f"{navn}: døgntakst",
                "kr_pr_doegn",
                n.doegntakst,
            ),
        ]
    return linjer


def _efterregulering(e: Efterreguleringsopgoerelse | None) -> list:
    if e is None:
        return []
    b = e.beregning
    return [
        L(
            "efterregulering:til_takst",
            f"Over-/underskud {b.aar} uden for båndet (+ overskud, − underskud)",
            "kr",
            b.til_takst,
        ),
        L(
            "efterregulering:pr_doegn",
            f"Efterregulering af {b.aar} pr. døgn",
            "kr_pr_doegn",
            e.pr_doegn,
        ),
    ]


def _sektioner(tilbud: Tilbud, aar: int) -> tuple[list, Takstblad, object]:
    t = takstblad_for(tilbud, aar)  # raises BudgetGrundlagMangler
    # Issue 17: the timeprismodel the tilbud's takster use (its own, if any).
    model = Timeprismodel.objects.get(pk=t.timeprismodel_id)
    pladser = _aarets_grundlag(tilbud, aar).pladser
    e = t.efterregulering
    S = dossier.Dossiersektion
    sektioner = [
        S(
            "basistakst",
            "Faste udgifter og basistakst",
            tuple(_faste(tilbud, aar, pladser, t)),
        ),
        S(
            "timepris",
            "Timeprisen og alle dens input",
            tuple(_timepris(model)),
        ),
        S("niveauer", "Takstgivende timer og takster pr. niveau", tuple(_niveauer(t))),
    ]
    if e is not None:
        sektioner.append(
            S("efterregulering", "Efterregulering", tuple(_efterregulering(e)))
        )
    return sektioner, t, e


def _stempel(tilbud: Tilbud, aar: int) -> Datastempel:
    """The newest history row of the dossier's data (docs/regler.md §11)."""
    model = takstmodel_for_aar(aar)
    kilder = [
        FastUdgift.history.filter(tilbud_id=tilbud.pk, budgetaar__aar=aar),
        TilbudAar.history.filter(tilbud_id=tilbud.pk, budgetaar__aar=aar),
        Tilbud.history.filter(id=tilbud.pk),
    ]
    if model is not None:
        egen = (
            TilbudAar.objects.filter(tilbud_id=tilbud.pk, budgetaar__aar=aar)
            .values_list("timeprismodel_id", flat=True)
            .first()
        )
        tp = egen or model.timeprismodel_id
        kilder += [
            Takstmodel.history.filter(id=model.pk),
            Takstniveau.history.filter(takstmodel_id=model.pk),
            Timeprismodel.history.filter(id=tp),
            Fravaerslinje.history.filter(timeprismodel_id=tp),
            Tidsanvendelseslinje.history.filter(timeprismodel_id=tp),
        ]
    nyeste = [
        h
        for qs in kilder
        if (h := qs.select_related("history_user").order_by("-history_date").first())
    ]
    if not nyeste:
        return Datastempel(None, None)
    h = max(nyeste, key=lambda h: h.history_date)
    return Datastempel(h.history_date, h.history_user)


def _status(aar: int) -> str:
    b = Budgetaar.objects.filter(aar=aar).first()
    return b.get_status_display() if b else Budgetstatus.FORSLAG.label


def takstdossier_for(tilbud: Tilbud, aar: int) -> Takstdossier:
    """The dossier of ``aar`` compared with ``aar`` − 1 (when that year has a
    takstmodel). Raises BudgetGrundlagMangler without a takstmodel for ``aar``.
    Visibility is the caller's (tilbud_visible_to)."""
    nu, t, e = _sektioner(tilbud, aar)
    try:
        forrige, _, _ = _sektioner(tilbud, aar - 1)
        forrige_aar: int | None = aar - 1
    except BudgetGrundlagMangler:
        forrige, forrige_aar = [], None
    return Takstdossier(
        tilbud=tilbud,
        aar=aar,
        status=_status(aar),
        sektioner=dossier.med_forrige(nu, forrige),
        forrige_aar=forrige_aar,
        efterregulering=e,
        stempel=_stempel(tilbud, aar),
        takstblad=t,
    )
