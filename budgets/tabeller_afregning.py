"""The settlement's tables and words (issue 18 #1), once for page, Excel and CSV.

Cells are the engine's values; the CSV's shape is documented in docs/regler.md
§10.2 (debitorlinjer).
"""

import csv
import io
from collections.abc import Mapping

from budgets.engine.afregning import (
    Afloeb,
    Afregning,
    Afregningslinje,
    Efterreguleringslinje,
)
from budgets.models import AfregningFaktureret
from config.lib.excel import Kolonne, Tabel, csv_tekst
from config.lib.formatting import MAANEDSNAVNE, format_dato, format_kr
from config.lib.money import round_to_oere

K = Kolonne

# The CSV of debitor lines: its columns, in this order (docs/regler.md §10.2).
CSV_KOLONNER = ("kommunekode", "periode", "beloeb", "tekst")


def periode_tekst(aar: int, maaned: int) -> str:
    """ "marts 2026"."""
    return f"{MAANEDSNAVNE[maaned - 1]} {aar}"


def afloeb_tekst(afloeb: str) -> str:
    return Afloeb.TEKST[afloeb]


def efterregulering_tekst(e: Efterreguleringslinje) -> str:
    """ "Efterregulering af marts 2026"."""
    return f"Efterregulering af {periode_tekst(e.aar, e.maaned)}"


def niveau_tekst(linje: Afregningslinje) -> str:
    """The level, with a særtakst's own hours per døgn; a tillægstakst's line
    says so with its reason."""
    timer = (
        None
        if linje.saertakst_timer is None
        else format(linje.saertakst_timer.normalize(), "f").replace(".", ",")
    )
    if linje.tillaeg is not None:
        tekst = "Tillægstakst" + (f" {timer} t/døgn" if timer else "")
        return f"{tekst}: {linje.tillaeg}"
    if timer is None:
        return linje.niveau_kode
    return f"{linje.niveau_kode} ({timer} t/døgn)"


def oversigt_tabel(
    afregning: Afregning, faktureret: Mapping[str, AfregningFaktureret]
) -> Tabel:
    """One row per buying municipality: borgere, days and amount."""
    kolonner = [
        K("Kommunekode"),
        # A borger whose buyer changes in the month is in two rows.
        K("Borgere", "tal", summeres=False),
        K("Døgn", "tal"),
        K("Beløb", "kr"),
        K("Faktureret"),
    ]
    raekker = [
        [
            k.kommunekode,
            k.borgere,
            k.dage,
            k.beloeb,
            "Ja" if k.faktureret or k.kommunekode in faktureret else "Nej",
        ]
        for k in afregning.kommuner
    ]
    borgere = {li.ophold_id for k in afregning.kommuner for li in k.linjer}
    total = ["I alt", len(borgere), afregning.dage, afregning.beloeb, ""]
    titel = f"Afregning {periode_tekst(afregning.aar, afregning.maaned)}"
    return Tabel(titel, kolonner, raekker, total)


LINJEKOLONNER = [
    K("Borger"),
    K("Tilbud"),
    K("Fra", "dato"),
    K("Til", "dato"),
    K("Takstniveau"),
    K("Døgn", "tal"),
    K("Basistakst", "kr", summeres=False),
    # Issue 18 #3: a closed year's resultat in the takst, as on the takstblad.
    K("Efterregulering i taksten", "kr", summeres=False),
    K("Servicetakst", "kr", summeres=False),
    K("Døgntakst", "kr", summeres=False),
    K("Beløb", "kr"),
]


def kommune_tabel(afregning: Afregning, kommunekode: str) -> Tabel:
    """The kommune's statement: every borger it pays for, line by line."""
    k = afregning.kommune(kommunekode)
    raekker = [
        [
            li.borger,
            li.tilbud,
            li.fra,
            li.til,
            niveau_tekst(li),
            li.dage,
            li.basistakst,
            li.efterregulering_pr_doegn,
            li.servicetakst,
            li.doegntakst,
            li.beloeb,
        ]
        for li in k.linjer
    ]
    raekker += [
        [e.borger, e.tilbud, None, None, efterregulering_tekst(e)]
        + [None, None, None, None, None, e.beloeb]
        for e in k.efterreguleringer
    ]
    total = ["I alt", "", None, None, "", k.dage, None, None, None, None, k.beloeb]
    periode = f"{afregning.maaned:02d}.{afregning.aar}"
    return Tabel(f"Kommune {kommunekode} {periode}", LINJEKOLONNER, raekker, total)


def _csv_tekst(linje: Afregningslinje) -> str:
    return (
        f"{linje.tilbud}: {linje.borger}, {format_dato(linje.fra)}-"
        f"{format_dato(linje.til)}, takstniveau {niveau_tekst(linje)}, "
        f"{linje.dage} døgn à {format_kr(linje.doegntakst)}"
    )


def debitor_csv(afregning: Afregning) -> str:
    """One debitor line per settlement line: kommunekode; periode (ÅÅÅÅ-MM);
    beløb (kroner with a decimal point, two decimals); tekst. Semicolons,
    a header row, UTF-8. The amount is exact in øre already (engine.afregning);
    round_to_oere only writes its two decimals."""
    buffer = io.StringIO()
    skriver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    skriver.writerow(CSV_KOLONNER)
    periode = f"{afregning.aar:04d}-{afregning.maaned:02d}"
    for k in afregning.kommuner:
        for li in k.linjer:
            beloeb, tekst = str(round_to_oere(li.beloeb)), csv_tekst(_csv_tekst(li))
            skriver.writerow([k.kommunekode, periode, beloeb, tekst])
        for e in k.efterreguleringer:
            tekst = f"{efterregulering_tekst(e)}: {e.tilbud}: {e.borger}"
            beloeb = str(round_to_oere(e.beloeb))
            skriver.writerow([k.kommunekode, periode, beloeb, csv_tekst(tekst)])
    return buffer.getvalue()
