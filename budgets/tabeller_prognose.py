"""The prognose of the year as tables, defined once for the pages and Excel
(issue 19 #1). A month with actuals shows its forbrug; a month ahead its three
parts (budgets.engine.prognose) and their sum."""

from collections.abc import Sequence
from decimal import Decimal

from django.urls import reverse

from budgets.engine.perioder import NUL
from budgets.engine.prognose import Prognose, Tilbageblik
from budgets.selectors.prognose import Centralprognose, Tilbudsprognose
from config.lib.excel import Kolonne, Tabel
from config.lib.formatting import MAANEDSNAVNE

K = Kolonne
MAANED_KOLONNER = (
    K("Måned"),
    K("Korrigeret budget", "kr"),
    K("Forbrug", "kr"),
    K("Kendt (faset)", "kr"),
    K("Forventede tilgange", "kr"),
    K("Forventede afgange", "kr_fortegn"),
    K("Prognose", "kr"),
)


def _maaned_raekker(prognose_maaneder, korrigeret, forbrug, dele) -> list[list[object]]:
    kendt, tilgange, afgange = dele
    return [
        [
            navn.capitalize(),
            korrigeret[m],
            forbrug[m],
            None if forbrug[m] is not None else kendt[m],
            None if forbrug[m] is not None else tilgange[m],
            None if forbrug[m] is not None else afgange[m],
            prognose_maaneder[m],
        ]
        for m, navn in enumerate(MAANEDSNAVNE)
    ]


def _total(raekker: list[list[object]]) -> list[object]:
    def kolonne(j: int) -> Decimal:
        return sum((r[j] for r in raekker if r[j] is not None), NUL)

    return ["I alt", *(kolonne(j) for j in range(1, 7))]


def central_maaned_tabel(p: Centralprognose) -> Tabel:
    dele = tuple(p.del_pr_maaned(n) for n in ("kendt", "tilgange", "afgange"))
    raekker = _maaned_raekker(
        p.pr_maaned, p.total.total_korrigeret, p.total.forbrug, dele
    )
    return Tabel(
        f"Prognose pr. måned {p.aar}", MAANED_KOLONNER, raekker, _total(raekker)
    )


def tilbud_maaned_tabel(r: Tilbudsprognose) -> Tabel:
    p: Prognose = r.prognose
    dele = tuple(
        tuple(getattr(m, n) for m in p.maaneder)
        for n in ("kendt", "tilgange", "afgange")
    )
    raekker = _maaned_raekker(
        p.pr_maaned, r.noegletal.total_korrigeret, r.noegletal.forbrug, dele
    )
    return Tabel(
        f"Prognose pr. måned: {r.grundlag.navn}",
        MAANED_KOLONNER,
        raekker,
        _total(raekker),
    )


def tilbud_tabel(p: Centralprognose) -> Tabel:
    """A row per tilbud: the year's budget, forbrug, forventet regnskab and prognose."""
    kolonner = [
        K("Tilbud"),
        K("Korrigeret budget", "kr"),
        K("Forbrug til dato", "kr"),
        K("Forventet regnskab", "kr"),
        K("Prognose", "kr"),
        K("Budget − prognose", "kr_fortegn"),
        K("Borgere uden afgang", "tal"),
        K("Gns. opholdslængde (år)", "tal1", summeres=False),
    ]
    raekker, links = [], []
    for r in p.raekker:
        n = r.noegletal
        raekker.append(
            [
                r.grundlag.navn,
                n.total_korrigeret_aar,
                n.forbrug_til_dato,
                n.forventet_regnskab,
                r.prognose.i_alt,
                n.total_korrigeret_aar - r.prognose.i_alt,
                r.beboere,
                None if r.gns_opholdsdage is None else r.gns_opholdsdage / DAGE_PR_AAR,
            ]
        )
        links.append(
            reverse("budgets:prognose-tilbud", args=[r.grundlag.id]) + f"?aar={p.aar}"
        )
    t = p.total
    total = [
        "I alt",
        t.total_korrigeret_aar,
        t.forbrug_til_dato,
        t.forventet_regnskab,
        p.i_alt,
        t.total_korrigeret_aar - p.i_alt,
        sum(r.beboere for r in p.raekker),
        None,
    ]
    return Tabel(f"Prognose pr. tilbud {p.aar}", kolonner, raekker, total, links)


# A length of stay shown in years (display only; the engine keeps days).
DAGE_PR_AAR = Decimal("365.25")


def graf(korrigeret, forbrug, prognose_maaneder) -> dict:
    """Chart data: korrigeret budget, forbrug and prognose per month."""
    return {
        "labels": [navn.capitalize() for navn in MAANEDSNAVNE],
        "budget": [str(v) for v in korrigeret],
        "forbrug": [None if v is None else str(v) for v in forbrug],
        "prognose": [str(v) for v in prognose_maaneder],
    }


def tilbageblik_tabel(navn: str, rows: Sequence[Tilbageblik]) -> Tabel:
    """Back-testing (issue 19 #2): each past month against earlier prognoses."""
    return Tabel(
        f"Tilbageblik: prognose mod forbrug, {navn}",
        [
            K("Måned"),
            K("Prognose lavet"),
            K("Prognosen sagde", "kr"),
            K("Forbrug", "kr"),
            K("Afvigelse (forbrug − prognose)", "kr_fortegn"),
            K("Afvigelse (% af forbrug)", "procent", summeres=False),
        ],
        [
            [
                MAANEDSNAVNE[r.maaned - 1].capitalize(),
                f"{r.foer} md. før",
                r.sagt,
                r.skete,
                r.afvigelse,
                r.procent,
            ]
            for r in rows
        ],
    )
