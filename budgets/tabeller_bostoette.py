"""The bostøtte follow-up as tables, defined once for the page and Excel (issue 17).

Hours are shown with 2 decimals and the difference in % with 1 (display only:
the cells keep the unrounded engine values). The difference is leveret −
visiteret, so fewer delivered hours are negative.
"""

from decimal import Decimal

from budgets.engine.bostoette import Bostoettelinje
from budgets.selectors.bostoette import Bostoetteopfoelgning, Bostoettetilbud
from config.lib.excel import Kolonne, Tabel
from config.lib.formatting import MAANEDSNAVNE

K = Kolonne
TAL = (
    K("Visiteret (timer)", "tal2"),
    K("Leveret (timer)", "tal2"),
    K("Forskel (timer)", "tal2", summeres=False),
    K("Forskel (%)", "procent", summeres=False),
)


def _maaned(linje: Bostoettelinje) -> str:
    return f"{MAANEDSNAVNE[linje.maaned - 1].capitalize()} {linje.aar}"


def _tal(linje: Bostoettelinje) -> list:
    return [linje.visiteret, linje.leveret, linje.forskel, linje.procent]


def _i_alt(linjer: list[Bostoettelinje]) -> Bostoettelinje | None:
    """The period's total of a tilbud's monthly totals."""
    if not linjer:
        return None
    forste = linjer[0]
    leverede = [linje.leveret for linje in linjer if linje.leveret is not None]
    return Bostoettelinje(
        forste.tilbud_id,
        None,
        forste.aar,
        forste.maaned,
        sum((linje.visiteret for linje in linjer), start=Decimal(0)),
        sum(leverede, start=Decimal(0)) if leverede else None,
    )


def borger_tabel(opf: Bostoetteopfoelgning, t: Bostoettetilbud) -> Tabel:
    """One tilbud: a row per borger and month, the period's total."""
    raekker = [
        [opf.borgere[linje.borger_id], _maaned(linje), *_tal(linje)]
        for linje in t.linjer
    ]
    total = _i_alt(t.totaler)
    return Tabel(
        f"Borgere i {t.tilbud.navn}",
        [K("Borger"), K("Måned"), *TAL],
        raekker,
        None if total is None else ["I alt", "", *_tal(total)],
    )


def total_tabel(t: Bostoettetilbud) -> Tabel:
    """One tilbud's total per month."""
    total = _i_alt(t.totaler)
    return Tabel(
        f"{t.tilbud.navn} i alt pr. måned",
        [K("Måned"), *TAL],
        [[_maaned(linje), *_tal(linje)] for linje in t.totaler],
        None if total is None else ["I alt", *_tal(total)],
    )


def eksport_tabeller(opf: Bostoetteopfoelgning) -> list[Tabel]:
    """Excel: every borger of every tilbud, and every tilbud's monthly total."""
    borgere = [
        [t.tilbud.navn, opf.borgere[linje.borger_id], _maaned(linje), *_tal(linje)]
        for t in opf.tilbud
        for linje in t.linjer
    ]
    totaler = [
        [t.tilbud.navn, _maaned(linje), *_tal(linje)]
        for t in opf.tilbud
        for linje in t.totaler
    ]
    return [
        Tabel("Borgere", [K("Tilbud"), K("Borger"), K("Måned"), *TAL], borgere),
        Tabel("Tilbud pr. måned", [K("Tilbud"), K("Måned"), *TAL], totaler),
    ]
