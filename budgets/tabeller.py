"""The budget pages' tables, defined once for HTML and Excel (issue 5).

Every cell is the engine's own value (Decimal, int, date); formatting happens in
the template filter ``celle`` or as an Excel number format, never here. The
ledger's words come from budgets.forklaring, as in the API.
"""

from collections.abc import Sequence
from decimal import Decimal

from budgets import engine
from budgets.forklaring import haendelse_tekst, regulering_tekst
from budgets.selectors import Aarsgrundlag, Beboer, Hvis, TilbudResultat
from config.lib.excel import Kolonne, Tabel
from config.lib.formatting import MAANEDSNAVNE
from config.lib.money import round_half_up

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
        K("Afvigelse", "kr"),
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


def maaned_graf(r: TilbudResultat) -> dict:
    """Chart data: cumulative korrigeret budget against cumulative forbrug."""
    t = r.noegletal
    return {
        "labels": [navn.capitalize() for navn in MAANEDSNAVNE],
        "budget": [str(v) for v in _akkumuleret(t.total_korrigeret)],
        "forbrug": [None if v is None else str(v) for v in _akkumuleret(t.forbrug)],
    }


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
    ("borgere", K("Borgere", "tal")),
    ("helaarspersoner", K("Helårspersoner", "tal1")),
    ("belaegning", K("Belægning", "procent")),
    ("fast", K("Fast budget", "kr")),
    ("oprindeligt", K("Aktivitet oprindeligt", "kr")),
    ("korrigeret", K("Aktivitet korrigeret", "kr")),
    ("forbrug", K("Forbrug til dato", "kr")),
    ("forbrugsprocent", K("Forbrug i % af budget for perioden", "procent")),
    ("forbrugsprocent_aar", K("Forbrug i % af årsbudget", "procent")),
    ("forbrugsprocent_sidste_aar", K("Samme periode sidste år, %", "procent")),
    ("forventet", K("Forventet regnskab", "kr")),
    ("afvigelse", K("Afvigelse", "kr")),
    ("solgte", K("Solgte pladser", "tal")),
    ("salg", K("Salgsindtægt", "kr")),
]


def _central_celler(navn: str, t: engine.Noegletal, sidste_aar: Decimal | None) -> list:
    """One row's cells; ``sidste_aar``: the forbrugsprocent of the same period last
    year (engine.Central)."""
    return [
        navn,
        t.pladser,
        t.borgere,
        t.helaarspersoner,
        t.belaegning_realiseret,
        t.fast_aar,
        t.aktivitet_oprindeligt_aar,
        t.aktivitet_korrigeret_aar,
        t.forbrug_til_dato,
        t.forbrugsprocent_periode,
        t.forbrugsprocent_aar,
        sidste_aar,
        t.forventet_regnskab,
        t.afvigelse,
        t.solgte_pladser,
        t.indtaegt_salg,
    ]


def central_tabel(central: engine.Central, sort: str = "navn", faldende=False) -> Tabel:
    """DOMAIN.md §7: every tilbud and the total, sorted by a column key."""
    noegler = [n for n, _ in CENTRAL_KOLONNER]
    i = noegler.index(sort) if sort in noegler else 0
    raekker = [
        (g.id, _central_celler(g.navn, t, central.sidste_aar.get(g.id)))
        for g, t in central.raekker
    ]

    def _noegle(par):
        v = par[1][i]
        return (v is None, v if v is not None else 0)

    raekker.sort(key=_noegle, reverse=faldende)
    return Tabel(
        f"Central budgetmodel {central.total.aar}",
        [k for _, k in CENTRAL_KOLONNER],
        [celler for _, celler in raekker],
        _central_celler("I alt", central.total, central.sidste_aar_total),
        links=[pk for pk, _ in raekker],
    )


def central_grafer(
    central: engine.Central, grundaar: Aarsgrundlag, paa_siden: set[int] | None = None
) -> dict:
    """Chart data: months and levels for all; belægning for the tilbud on the page."""
    t = central.total
    raekker = [r for r in central.raekker if paa_siden is None or r[0].id in paa_siden]
    koder = [n.kode for n in grundaar.takstmodel.niveauer.all()]
    return {
        "labels": [navn.capitalize() for navn in MAANEDSNAVNE],
        "budget": [str(v) for v in t.total_korrigeret],
        "forbrug": [None if v is None else str(v) for v in t.forbrug],
        "niveauer": koder,
        "borgere_pr_niveau": [t.borgere_pr_niveau.get(k, 0) for k in koder],
        "tilbud": [g.navn for g, _ in raekker],
        "belaegning": [_str(n.belaegning_realiseret) for _, n in raekker],
        "belaegning_forudsat": [_str(g.forudsat_belaegning) for g, _ in raekker],
    }


def _str(v: Decimal | None) -> str | None:
    """A chart value to 1 decimal, half up like the table's procent filter."""
    return None if v is None else str(round_half_up(v, 1))


def takstblad_tabel(r: TilbudResultat, grundaar: Aarsgrundlag) -> Tabel:
    """The takst sheet for buyer municipalities (DOMAIN.md §4, Tilbudsportalen)."""
    kolonner = [
        K("Niveau"),
        K("Navn"),
        K("Takstgivende timer pr. døgn", "tal2"),
        K("Basistakst pr. døgn", "kr"),
        K("Servicetakst pr. døgn", "kr"),
        K("Døgntakst", "kr"),
    ]
    basis = r.prisliste.basistakst
    raekker = []
    for n in grundaar.takstmodel.niveauer.all():
        if n.saertakst:
            raekker.append([n.kode, n.navn, None, basis, None, None])
            continue
        service = grundaar.servicetakster[n.kode]
        raekker.append(
            [
                n.kode,
                n.navn,
                grundaar.timer_pr_kode[n.kode],
                basis,
                service,
                basis + service,
            ]
        )
    return Tabel(f"Takstblad {r.tilbud.navn} {grundaar.aar}", kolonner, raekker)


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
