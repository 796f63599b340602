"""The budget pages' tables, defined once for HTML and Excel (issue 5).

Every cell is the engine's own value (Decimal, int, date); formatting happens in
the template filter ``celle`` or as an Excel number format, never here. The
ledger's words come from budgets.forklaring, as in the API.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from budgets import engine
from budgets.engine.perioder import NUL
from budgets.forklaring import forbrug_etiket, haendelse_tekst, regulering_tekst
from budgets.selectors import (
    Aarsgrundlag,
    Beboer,
    Hvis,
    Takstbladlinje,
    TilbudResultat,
    takstbladlinjer,
)
from config.lib.excel import Kolonne, Tabel
from config.lib.formatting import MAANEDSNAVNE
from config.lib.money import round_half_up
from offers.models import Tilbudstype
from tariffs.selectors import Timepristrin

K = Kolonne

# What the årsværk on the tilbud page are bought for (engine.bemanding).
AARSVAERK_HYBRID = "Årsværk købt for servicetaksten (aktivitetsbudgettet)"
AARSVAERK_AKTIVITET = (
    "Årsværk købt for servicetaksdelen af aktivitetsbudgettet "
    "(døgntakst minus basistakst)"
)
AARSVAERK_RAMME = (
    "Årsværk købt for rammen fratrukket faste udgifter, plus overkapacitetstillæg"
)
AARSVAERK_FOR = {
    "hybrid": AARSVAERK_HYBRID,
    "aktivitet": AARSVAERK_AKTIVITET,
    "ramme": AARSVAERK_RAMME,
}


def _akkumuleret(vaerdier: Sequence[Decimal | None]) -> list[Decimal | None]:
    total, ud = Decimal(0), []
    for v in vaerdier:
        if v is None:
            ud.append(None)
            continue
        total += v
        ud.append(total)
    return ud


def maaned_tabel(r: TilbudResultat) -> Tabel:
    """The tilbudsspecifik budgetmodel by month (DOMAIN.md §6-§8)."""
    t = r.noegletal
    kolonner = [
        K("Måned"),
        K("Fast budget", "kr"),
        K("Aktivitet oprindeligt", "kr"),
        K("Aktivitet korrigeret", "kr"),
        K("Budget i alt", "kr"),
        K("Forbrug", "kr"),
        K("Forventet regnskab", "kr"),
        K("Afvigelse", "kr_fortegn"),
    ]
    raekker = [
        [
            MAANEDSNAVNE[m].capitalize(),
            t.fast[m],
            t.aktivitet_oprindeligt[m],
            t.aktivitet_korrigeret[m],
            t.total_korrigeret[m],
            t.forbrug[m],
            t.forventet_regnskab_maaneder[m],
            t.total_korrigeret[m] - t.forventet_regnskab_maaneder[m],
        ]
        for m in range(12)
    ]
    total = [
        "I alt",
        t.fast_aar,
        t.aktivitet_oprindeligt_aar,
        t.aktivitet_korrigeret_aar,
        t.total_korrigeret_aar,
        t.forbrug_til_dato,
        t.forventet_regnskab,
        t.afvigelse,
    ]
    return Tabel(f"Budgetmodel {t.aar}", kolonner, raekker, total)


def udsnit(tabel: Tabel, navne: Sequence[str]) -> Tabel:
    """The table with only the named columns, in that order."""
    index = [[k.navn for k in tabel.kolonner].index(navn) for navn in navne]
    return Tabel(
        tabel.titel,
        [tabel.kolonner[i] for i in index],
        [[raekke[i] for i in index] for raekke in tabel.raekker],
        None if tabel.total is None else [tabel.total[i] for i in index],
        tabel.links,
    )


def maaned_graf(r: TilbudResultat) -> dict:
    """Chart data: cumulative korrigeret budget against cumulative forbrug."""
    t = r.noegletal
    return {
        "labels": [navn.capitalize() for navn in MAANEDSNAVNE],
        "budget": [str(v) for v in _akkumuleret(t.total_korrigeret)],
        "forbrug": [None if v is None else str(v) for v in _akkumuleret(t.forbrug)],
    }


def maaned_graf_tabel(r: TilbudResultat) -> Tabel:
    """The cumulative chart's figures as a table: its text alternative."""
    t = r.noegletal
    budget, forbrug = _akkumuleret(t.total_korrigeret), _akkumuleret(t.forbrug)
    return Tabel(
        f"Akkumuleret korrigeret budget og forbrug {t.aar}",
        [
            K("Måned"),
            K("Korrigeret budget (akkumuleret)", "kr"),
            K("Forbrug (akkumuleret)", "kr"),
        ],
        [
            [navn.capitalize(), budget[m], forbrug[m]]
            for m, navn in enumerate(MAANEDSNAVNE)
        ],
    )


def ledger_tabel(reguleringer: Sequence[engine.Regulering], aar: int) -> Tabel:
    kolonner = [
        K("Borger"),
        K("Hændelse"),
        K("Virkning fra", "dato"),
        K("Registreret", "dato"),
        K("Niveau"),
        K("Beløb", "kr_fortegn"),
        K("Forklaring"),
    ]
    raekker = [
        [
            r.borger,
            haendelse_tekst(r),
            r.virkning_fra,
            r.dato_registreret,
            r.niveau_kode or "",
            r.beloeb,
            regulering_tekst(r, aar),
        ]
        for r in reguleringer
    ]
    total = [
        "I alt",
        "",
        None,
        None,
        "",
        sum((r.beloeb for r in reguleringer), Decimal(0)),
        "",
    ]
    return Tabel(f"Reguleringer {aar}", kolonner, raekker, total)


def beboer_tabel(beboere: Sequence[Beboer]) -> Tabel:
    kolonner = [
        K("Borger"),
        K("Tilgang", "dato"),
        K("Afgang", "dato"),
        K("Niveau"),
        K("Servicetakst pr. døgn", "kr"),
        K("Døgntakst", "kr"),
        K("Betaler"),
    ]
    raekker = [
        [
            b.borger,
            b.tilgang,
            b.afgang,
            b.niveau_kode or "–",
            b.servicetakst,
            b.doegntakst,
            "Anden kommune" if b.ekstern else "Egen kommune",
        ]
        for b in beboere
    ]
    return Tabel("Borgere", kolonner, raekker)


CENTRAL_KOLONNER = [
    ("navn", K("Tilbud")),
    ("pladser", K("Pladser", "tal")),
    # Noegletal.borgere: every stay with a day in the year, not those of today.
    ("borgere", K("Borgere i året", "tal")),
    ("helaarspersoner", K("Helårspersoner", "tal1")),
    ("belaegning", K("Belægning", "procent")),
    ("fast", K("Fast budget", "kr")),
    ("oprindeligt", K("Aktivitet oprindeligt", "kr")),
    ("korrigeret", K("Aktivitet korrigeret", "kr")),
    ("budget", K("Budget i alt (korrigeret)", "kr")),
    ("forbrug", K("Forbrug til dato", "kr")),  # named by its month (forbrug_etiket)
    ("forbrugsprocent", K("Forbrug i % af budget for perioden", "procent")),
    ("forbrugsprocent_aar", K("Forbrug i % af årsbudget", "procent")),
    ("forbrugsprocent_sidste_aar", K("Samme periode sidste år, %", "procent")),
    ("forventet", K("Forventet regnskab", "kr")),
    # Issue 19: the year's prognose (budgets.selectors.prognose), each figure a
    # link to the tilbud's prognose page, which explains it.
    ("prognose", K("Prognose", "kr")),
    # Signed: korrigeret budget − forventet regnskab (Noegletal.afvigelse).
    ("afvigelse", K("Afvigelse", "kr_fortegn")),
    ("solgte", K("Solgte pladser", "tal")),
    ("salg", K("Salgsindtægt", "kr")),
]
CENTRAL_NOEGLER = tuple(n for n, _ in CENTRAL_KOLONNER)

# What the page shows until the user chooses (issue 15): the finance chief's
# first question is whether each tilbud holds its budget, so the budget, what is
# spent so far, what the year will end at and the difference between them, and
# the prognose beside them (issue 19). Six columns of amounts in the hundreds of
# millions fit a 1366 px screen (seven, with belægning, ran 51 px over);
# belægning per tilbud is the chart below the table, and the other twelve
# columns are one click away (and all are in Excel).
CENTRAL_STANDARD = (
    "navn",
    "budget",
    "forbrug",
    "forventet",
    "prognose",
    "afvigelse",
)
# The year's prognose per tilbud id (Centralprognose.pr_tilbud).
Prognoser = Mapping[int, Decimal]


def _central_celler(
    navn: str,
    t: engine.Noegletal,
    sidste_aar: Decimal | None,
    prognose: Decimal | None,
) -> list:
    """One row's cells; ``sidste_aar``: the forbrugsprocent of the same period last
    year (engine.Central); ``prognose``: the year's prognose."""
    return [
        navn,
        t.pladser,
        t.borgere,
        t.helaarspersoner,
        t.belaegning_realiseret,
        t.fast_aar,
        t.aktivitet_oprindeligt_aar,
        t.aktivitet_korrigeret_aar,
        t.total_korrigeret_aar,
        t.forbrug_til_dato,
        t.forbrugsprocent_periode,
        t.forbrugsprocent_aar,
        sidste_aar,
        t.forventet_regnskab,
        prognose,
        t.afvigelse,
        t.solgte_pladser,
        t.indtaegt_salg,
    ]


def central_kolonner_for(central: engine.Central) -> dict[str, Kolonne]:
    """Every column by key, forbrug named by the month it runs to."""
    kolonner = dict(CENTRAL_KOLONNER)
    kolonner["forbrug"] = K(forbrug_etiket(central.total), "kr")
    return kolonner


def central_kolonner(valgte: Sequence[str] | None = None) -> list[str]:
    """The keys shown, in the table's order: the tilbud's name always, then the
    chosen ones that exist; ``None``: every column (the Excel export)."""
    if valgte is None:
        return list(CENTRAL_NOEGLER)
    return [n for n in CENTRAL_NOEGLER if n == "navn" or n in valgte]


def _prognose_sum(prognoser: Prognoser, raekker) -> Decimal:
    """The prognose of a group of rows (a subtotal, the total): the sum of its
    tilbud's, as the prognose page's total is."""
    return sum((prognoser.get(g.id, NUL) for g, _ in raekker), NUL)


def central_tabel(
    central: engine.Central,
    prognoser: Prognoser,
    sort: str = "navn",
    faldende=False,
    valgte: Sequence[str] | None = None,
) -> Tabel:
    """DOMAIN.md §7: every tilbud and the total, sorted by a column key; with
    ``valgte`` only those columns, and sorted only by one of them."""
    vises = central_kolonner(valgte)
    i = CENTRAL_NOEGLER.index(sort if sort in vises else "navn")
    raekker = [
        (
            g.id,
            _central_celler(
                g.navn, t, central.sidste_aar.get(g.id), prognoser.get(g.id)
            ),
        )
        for g, t in central.raekker
    ]

    def _noegle(par):
        v = par[1][i]
        return (v is None, v if v is not None else 0)

    raekker.sort(key=_noegle, reverse=faldende)
    index = [CENTRAL_NOEGLER.index(n) for n in vises]
    kolonner = central_kolonner_for(central)
    total = _central_celler(
        "I alt",
        central.total,
        central.sidste_aar_total,
        _prognose_sum(prognoser, central.raekker),
    )
    return Tabel(
        f"Central budgetmodel {central.total.aar}",
        [kolonner[n] for n in vises],
        [[celler[j] for j in index] for _, celler in raekker],
        [total[j] for j in index],
        links=[pk for pk, _ in raekker],
    )


TILBUDSTYPER = tuple(Tilbudstype.values)


def tilbudstype_navn(kode: str) -> str:
    """The Danish name of a tilbudstype (the code itself if unknown)."""
    return dict(Tilbudstype.choices).get(kode, kode or "Uden tilbudstype")


def central_typer_tabel(central: engine.Central, prognoser: Prognoser) -> Tabel:
    """Issue 17: the central model's subtotal per tilbudstype, and the total.

    Every column of the central table; the subtotals are engine.Central.grupper's
    (sums of the tilbud's rows), so they sum to the total."""
    kolonner = central_kolonner_for(central)
    kolonner["navn"] = K("Tilbudstype")
    return Tabel(
        f"Pr. tilbudstype {central.total.aar}",
        [kolonner[n] for n in CENTRAL_NOEGLER],
        [
            _central_celler(
                tilbudstype_navn(g.tilbudstype),
                g.subtotal,
                None,
                _prognose_sum(prognoser, g.raekker),
            )
            for g in central.grupper(TILBUDSTYPER)
        ],
        _central_celler(
            "I alt",
            central.total,
            central.sidste_aar_total,
            _prognose_sum(prognoser, central.raekker),
        ),
    )


def central_grupperet_tabel(central: engine.Central, prognoser: Prognoser) -> Tabel:
    """Issue 17 (the Excel export): every tilbud grouped by tilbudstype, each
    group followed by its subtotal row ("I alt <tilbudstype>"), then the total
    as a last row of values: a =SUM over the rows would count each group twice
    (its tilbud and its subtotal), so this table has no formula total."""
    kolonner = central_kolonner_for(central)
    raekker: list[list] = []
    links: list[int | None] = []
    for g in central.grupper(TILBUDSTYPER):
        for grundlag, tal in g.raekker:
            sidste = central.sidste_aar.get(grundlag.id)
            prognose = prognoser.get(grundlag.id)
            raekker.append(_central_celler(grundlag.navn, tal, sidste, prognose))
            links.append(grundlag.id)
        navn = f"I alt {tilbudstype_navn(g.tilbudstype)}"
        subtotal = _prognose_sum(prognoser, g.raekker)
        raekker.append(_central_celler(navn, g.subtotal, None, subtotal))
        links.append(None)
    total = _prognose_sum(prognoser, central.raekker)
    raekker.append(
        _central_celler("I alt", central.total, central.sidste_aar_total, total)
    )
    links.append(None)
    return Tabel(
        f"Grupperet pr. tilbudstype {central.total.aar}",
        [kolonner[n] for n in CENTRAL_NOEGLER],
        raekker,
        links=links,
    )


def central_grafer(
    central: engine.Central,
    grundaar: Aarsgrundlag,
    paa_siden: set[int] | None = None,
    prognose: Sequence[Decimal] = (),
) -> dict:
    """Chart data: months and levels for all; belægning for the tilbud on the page;
    ``prognose``: the total prognose per month (issue 19)."""
    t = central.total
    raekker = [r for r in central.raekker if paa_siden is None or r[0].id in paa_siden]
    koder = [n.kode for n in grundaar.takstmodel.niveauer.all()]
    return {
        "labels": [navn.capitalize() for navn in MAANEDSNAVNE],
        "budget": [str(v) for v in t.total_korrigeret],
        "forbrug": [None if v is None else str(v) for v in t.forbrug],
        "prognose": [str(v) for v in prognose],
        "niveauer": koder,
        "borgere_pr_niveau": [t.borgere_pr_niveau.get(k, 0) for k in koder],
        "tilbud": [g.navn for g, _ in raekker],
        "belaegning": [_str(n.belaegning_realiseret) for _, n in raekker],
        "belaegning_forudsat": [_str(g.forudsat_belaegning) for g, _ in raekker],
    }


def central_graf_tabeller(
    central: engine.Central,
    prognose: Sequence[Decimal],
    paa_siden: set[int] | None = None,
) -> tuple[Tabel, Tabel]:
    """The central charts' figures as tables (their text alternative): budget,
    forbrug and prognose by month, and belægning of the tilbud on the page."""
    t = central.total
    maaneder = Tabel(
        f"Korrigeret budget, forbrug og prognose pr. måned {t.aar}",
        [
            K("Måned"),
            K("Korrigeret budget", "kr"),
            K("Forbrug", "kr"),
            K("Prognose", "kr"),
        ],
        [
            [navn.capitalize(), t.total_korrigeret[m], t.forbrug[m], prognose[m]]
            for m, navn in enumerate(MAANEDSNAVNE)
        ],
    )
    raekker = [r for r in central.raekker if paa_siden is None or r[0].id in paa_siden]
    belaegning = Tabel(
        "Belægning pr. tilbud",
        [
            K("Tilbud"),
            K("Realiseret belægning", "procent"),
            K("Forudsat belægning", "procent"),
        ],
        [[g.navn, n.belaegning_realiseret, g.forudsat_belaegning] for g, n in raekker],
    )
    return maaneder, belaegning


def _str(v: Decimal | None) -> str | None:
    """A chart value to 1 decimal, half up like the table's procent filter."""
    return None if v is None else str(round_half_up(v, 1))


def _prisform(linje: Takstbladlinje, gennemsnit: bool, dagspris: bool) -> str:
    """How a level is priced, in words (issue 17)."""
    if dagspris:
        return "Dagspris (hel plads)"
    if gennemsnit:
        return "Gennemsnitstakst"
    if linje.saertakst:
        return "Særtakst (individuel)"
    return "Fast pris" if linje.fast_pris else "Timer × timepris"


def takstblad_tabel(r: TilbudResultat, grundaar: Aarsgrundlag) -> Tabel:
    """The takst sheet for buyer municipalities (DOMAIN.md §4, Tilbudsportalen):
    the takster the tilbud's budget prices with (selectors.takstbladlinjer)."""
    kolonner = [
        K("Niveau"),
        K("Navn"),
        K("Takstgivende timer pr. døgn", "tal2", summeres=False),
        K("Basistakst pr. døgn", "kr", summeres=False),
        K("Servicetakst pr. døgn", "kr", summeres=False),
        K("Døgntakst", "kr", summeres=False),
        K("Prisform"),
        K("Timer pr. døgn for prisen", "tal2", summeres=False),
        K("Publicerede minutter pr. døgn", "tal2", summeres=False),
    ]
    basis = r.prisliste.basistakst
    gennemsnit = r.prisliste.gennemsnitstakst is not None
    # Issue 18 #3: a closed year's line in the takst, its own column when set.
    efterreg = r.prisliste.efterregulering
    if efterreg:
        kolonner.insert(4, K("Efterregulering pr. døgn", "kr", summeres=False))
    raekker = [
        [
            linje.kode,
            linje.navn,
            linje.takstgivende_timer_pr_doegn,
            basis,
            *([efterreg] if efterreg else []),
            linje.servicetakst_pr_doegn,
            linje.doegntakst,
            _prisform(linje, gennemsnit, r.prisliste.dagspris is not None),
            linje.implicitte_timer_pr_doegn,
            linje.minutter_pr_doegn,
        ]
        for linje in takstbladlinjer(grundaar, r.prisliste)
    ]
    return Tabel(f"Takstblad {r.tilbud.navn} {grundaar.aar}", kolonner, raekker)


def timepristrin_tabel(trin: Sequence[Timepristrin], aar: int) -> Tabel:
    """Issue 17: each tier's share of direct time, timepris and levels."""
    kolonner = [
        K("Niveauer (rækkefølge)"),
        K("Direkte tid", "procent"),
        K("Direkte timer pr. årsværk", "tal2"),
        K("Timepris", "kr"),
        K("Bruges af niveau"),
    ]
    raekker = [
        [t.niveauer, t.direkte_procent, t.direkte_timer, t.timepris, ", ".join(t.koder)]
        for t in trin
    ]
    return Tabel(f"Timeprisgrupper {aar}", kolonner, raekker)


# The what-if's timepris figures (as the page's table #hvis-timepris): hours and
# kroner side by side, both to two decimals.
HVIS_TIMEPRIS = (
    ("Fraværstimer", "fravaer_timer"),
    ("Fremmødetimer", "fremmoede_timer"),
    ("Direkte timer", "direkte_timer"),
    ("Timepris (fremmøde), kr.", "timepris_fremmoede"),
    ("Timepris (direkte), kr.", "timepris_direkte"),
)


def hvis_timepris_tabel(hvis: Hvis) -> Tabel:
    """The timepris before and after the what-if, for its Excel export."""
    t = hvis.timepriser
    return Tabel(
        "Timepris",
        [K("Tal"), K("Før", "tal2"), K("Efter", "tal2"), K("Ændring", "tal2")],
        [
            [
                navn,
                getattr(t.foer, felt),
                getattr(t.efter, felt),
                getattr(t.forskel, felt),
            ]
            for navn, felt in HVIS_TIMEPRIS
        ],
    )


def hvis_egne_tabel(hvis: Hvis) -> Tabel:
    """Issue 17: each of the year's other timeprismodeller (tilbud's own),
    its timepris direkte before and after the same points of egen sygdom."""
    return Tabel(
        "Egne timeprismodeller",
        [
            K("Timeprismodel"),
            K("Timepris før", "kr"),
            K("Timepris efter", "kr"),
            K("Ændring", "kr_fortegn"),
        ],
        [
            [
                navn,
                t.foer.timepris_direkte,
                t.efter.timepris_direkte,
                t.forskel.timepris_direkte,
            ]
            for navn, t in hvis.egne
        ],
    )


def hvis_tabeller(hvis: Hvis) -> tuple[Tabel, Tabel]:
    niveauer = Tabel(
        "Servicetakster",
        [
            K("Niveau"),
            K("Navn"),
            K("Før", "kr"),
            K("Efter", "kr"),
            K("Ændring", "kr_fortegn"),
        ],
        [[k, n, f, e, e - f] for k, n, f, e in hvis.servicetakster],
    )
    tilbud = Tabel(
        "Aktivitetsbudget",
        [K("Tilbud"), K("Før", "kr"), K("Efter", "kr"), K("Ændring", "kr_fortegn")],
        [
            [
                g.navn,
                f.aktivitet_korrigeret_aar,
                e.aktivitet_korrigeret_aar,
                e.aktivitet_korrigeret_aar - f.aktivitet_korrigeret_aar,
            ]
            for (g, f), (_, e) in hvis.tilbud
        ],
        [
            "I alt",
            hvis.aktivitet_foer,
            hvis.aktivitet_efter,
            hvis.aktivitet_efter - hvis.aktivitet_foer,
        ],
    )
    return niveauer, tilbud
