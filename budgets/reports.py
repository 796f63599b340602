"""Report tables of the central budgetmodel: plain text for the terminal."""

from budgets import engine
from config.lib.formatting import format_kr, format_tal

KOLONNER = [
    ("Tilbud", 28),
    ("Pladser", 7),
    ("Borgere i året", 14),  # every stay with a day in the year, not today's
    ("Helårsp.", 8),
    ("Belægn.", 7),
    ("Fast budget", 17),
    ("Akt. oprindeligt", 17),
    ("Akt. korrigeret", 17),
    ("Forbrug til dato", 17),
    ("Forv. regnskab", 17),
    ("Afvigelse", 17),
    ("Solgte", 6),
    ("Salgsindtægt", 17),
]


def _celler(navn: str, t: engine.Noegletal) -> list[str]:
    belaegning = t.belaegning_realiseret
    return [
        navn[:28],
        str(t.pladser),
        str(t.borgere),
        format_tal(t.helaarspersoner, 1),
        f"{format_tal(belaegning, 1)} %" if belaegning is not None else "–",
        format_kr(t.fast_aar),
        format_kr(t.aktivitet_oprindeligt_aar),
        format_kr(t.aktivitet_korrigeret_aar),
        format_kr(t.forbrug_til_dato),
        format_kr(t.forventet_regnskab),
        format_kr(t.afvigelse),
        str(t.solgte_pladser),
        format_kr(t.indtaegt_salg),
    ]


def _linje(celler: list[str]) -> str:
    felter = []
    for (_, bredde), celle in zip(KOLONNER, celler, strict=True):
        felter.append(celle.ljust(bredde) if bredde == 28 else celle.rjust(bredde))
    return "  ".join(felter)


def central_rapport_tekst(central: engine.Central) -> str:
    """The central budgetmodel as a readable Danish table (DOMAIN.md §7)."""
    aar = central.total.aar
    hoved = _linje([navn for navn, _ in KOLONNER])
    streg = "-" * len(hoved)
    linjer = [f"Central budgetmodel {aar}", "", hoved, streg]
    for grundlag, tal in central.raekker:
        linjer.append(_linje(_celler(grundlag.navn, tal)))
    linjer += [streg, _linje(_celler("I alt", central.total))]
    pr_niveau = ", ".join(
        f"{kode}: {antal}"
        for kode, antal in sorted(central.total.borgere_pr_niveau.items())
    )
    linjer += ["", f"Borgere pr. takstniveau: {pr_niveau or 'ingen'}"]
    return "\n".join(linjer) + "\n"
