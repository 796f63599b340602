"""A scenario's result as tables, defined once for the page and Excel (issue 16 #1).

One sheet per table. In Excel every total is a SUM formula over the rows above
and every Ændring a formula of its row, so the workbook stays right when the
user edits a figure; on the page the same cells carry the computed values.
"""

from decimal import Decimal

from openpyxl.utils import get_column_letter

from budgets.engine.scenarie import TilbudTal
from budgets.selectors.scenarie import Flere, Sammenligning
from config.lib.excel import Formel, Kolonne, Tabel
from config.lib.formatting import MAANEDSNAVNE

K = Kolonne
NUL = Decimal(0)


def _sum(kolonne: int, raekker: int) -> Formel:
    """=SUM of column ``kolonne`` (1-based) over the data rows 2…raekker+1."""
    bogstav = get_column_letter(kolonne)
    return Formel(f"=SUM({bogstav}2:{bogstav}{raekker + 1})")


def _forskel(raekke: int) -> Formel:
    """Scenarie − grundlag of a row in columns B and C (1-based row)."""
    return Formel(f"=C{raekke}-B{raekke}")


def _par_tabel(
    titel: str,
    kolonner: list[Kolonne],
    raekker: list[tuple[str, Decimal, Decimal]],
    excel: bool,
    med_total: bool,
) -> Tabel:
    """Navn | Grundlag | Scenarie | Ændring rows, with an optional total."""
    celler = [
        [navn, b, s, _forskel(i) if excel else s - b]
        for i, (navn, b, s) in enumerate(raekker, start=2)
    ]
    total = None
    if med_total:
        b = sum((r[1] for r in raekker), NUL)
        s = sum((r[2] for r in raekker), NUL)
        n = len(raekker)
        total = (
            ["I alt", _sum(2, n), _sum(3, n), _sum(4, n)]
            if excel
            else ["I alt", b, s, s - b]
        )
    return Tabel(titel, kolonner, celler, total)


def _takster(s: Sammenligning, excel: bool) -> Tabel:
    tp_b, tp_s = s.base.timepriser, s.scenarie.timepriser
    raekker = [
        ("Timepris (direkte)", tp_b.timepris_direkte, tp_s.timepris_direkte),
        ("Timepris (fremmøde)", tp_b.timepris_fremmoede, tp_s.timepris_fremmoede),
    ]
    raekker += [(f"Servicetakst {k} {n}", b, e) for k, n, b, e in s.servicetakster]
    raekker += [
        (f"Basistakst {t.navn}", b.basistakst if b else NUL, t.basistakst)
        for b, t in s.tilbud
    ]
    kolonner = [K("Takst pr. døgn"), K("Grundlag", "kr"), K("Scenarie", "kr")]
    return _par_tabel(
        "Takster", [*kolonner, K("Ændring", "kr_fortegn")], raekker, excel, False
    )


def _aar_total(s: Sammenligning, excel: bool) -> Tabel:
    raekker = [(t.navn, b.total if b else NUL, t.total) for b, t in s.tilbud]
    kolonner = [K("Tilbud"), K("Grundlag", "kr"), K("Scenarie", "kr")]
    kolonner.append(K("Ændring", "kr_fortegn"))
    return _par_tabel("Budget for året", kolonner, raekker, excel, True)


def _maaneder(titel: str, tilbud: list[TilbudTal], excel: bool) -> Tabel:
    """Tilbud × month, the year in the last column (korrigeret, fast + aktivitet)."""
    kolonner = [K("Tilbud")] + [K(m.capitalize(), "kr") for m in MAANEDSNAVNE]
    kolonner.append(K("År", "kr"))
    raekker: list[list] = []
    for i, t in enumerate(tilbud, start=2):
        aar = Formel(f"=SUM(B{i}:M{i})") if excel else t.total
        raekker.append([t.navn, *t.maaneder, aar])
    n = len(raekker)
    if excel:
        total = ["I alt", *(_sum(k, n) for k in range(2, 15))]
    else:
        sums = [sum((r[k] for r in raekker), NUL) for k in range(1, 14)]
        total = ["I alt", *sums]
    return Tabel(titel, kolonner, raekker, total)


def _aarsvaerk(t: TilbudTal | None) -> Decimal:
    return t.bemanding.aarsvaerk if t else NUL


def _bemanding(s: Sammenligning, excel: bool) -> Tabel:
    raekker = [(t.navn, _aarsvaerk(b), _aarsvaerk(t)) for b, t in s.tilbud]
    kolonner = [K("Tilbud"), K("Årsværk, grundlag", "tal2")]
    kolonner += [K("Årsværk, scenarie", "tal2"), K("Ændring", "tal2")]
    return _par_tabel("Bemanding", kolonner, raekker, excel, True)


def scenarie_tabeller(s: Sammenligning, excel: bool = False) -> list[Tabel]:
    """Takster, the year per tilbud, each month (base and scenario), staffing."""
    base = [b for b, _ in s.tilbud if b is not None]
    return [
        _takster(s, excel),
        _aar_total(s, excel),
        _maaneder("Budget pr. måned, grundlag", base, excel),
        _maaneder("Budget pr. måned, scenarie", [t for _, t in s.tilbud], excel),
        _bemanding(s, excel),
    ]


FELTNAVNE = {
    "felt": "felt",
    "tal": "værdi",
    "kategori": "linje",
    "timer": "timer",
    "procent": "procent",
    "niveau": "niveau",
    "nedre": "nedre",
    "oevre": "øvre",
    "tilbud": "tilbud",
    "nyt_tilbud": "nyt tilbud nr.",
    "pladser": "pladser",
    "belaegning": "belægning %",
    "princip": "princip",
    "faste_udgifter": "faste udgifter",
    "antal": "antal",
    "dato": "dato",
    "navn": "navn",
}


def aendring_tekst(vaerdi: dict, tilbud_navne: dict[int, str]) -> str:
    """A change's values in words for the page, e.g. "tilbud: Ahorn, pladser: 10"."""
    dele = []
    for felt, v in vaerdi.items():
        if felt == "tilbud":
            v = tilbud_navne.get(int(v), v)
        dele.append(f"{FELTNAVNE.get(felt, felt)}: {v}")
    return ", ".join(dele)


def _kolonner(flere: Flere, art: str, foerste: str) -> list[Kolonne]:
    navne = [sr.scenario.navn for sr in flere.scenarier]
    return [K(foerste), K("Grundlag", art), *(K(n, art) for n in navne)]


def _flere_budget(flere: Flere, excel: bool) -> Tabel:
    """Each tilbud's year, base and every scenario; a tilbud one lacks is 0."""
    alle = [flere.base, *(sr.resultat for sr in flere.scenarier)]
    navne: dict[int, str] = {}
    for r in alle:
        navne.update({t.id: t.navn for t in r.tilbud})
    totaler = [{t.id: t.total for t in r.tilbud} for r in alle]
    raekker = [[navn, *(t.get(i, NUL) for t in totaler)] for i, navn in navne.items()]
    n, kolonner = len(raekker), len(alle)
    if excel:
        total = ["I alt", *(_sum(k, n) for k in range(2, kolonner + 2))]
    else:
        total = ["I alt", *(r.total for r in alle)]
    return Tabel("Budget for året", _kolonner(flere, "kr", "Tilbud"), raekker, total)


def _flere_noegletal(flere: Flere) -> Tabel:
    alle = [flere.base, *(sr.resultat for sr in flere.scenarier)]
    raekker = [
        ["Timepris (direkte)", *(r.timepriser.timepris_direkte for r in alle)],
        ["Årsværk, aktivitetsbudgettet køber", *(r.aarsvaerk for r in alle)],
    ]
    return Tabel("Timepris og årsværk", _kolonner(flere, "tal2", "Tal"), raekker)


def sammenligning_tabeller(flere: Flere, excel: bool = False) -> list[Tabel]:
    """Several scenarios beside their base: the year per tilbud, timepris, staff."""
    return [_flere_budget(flere, excel), _flere_noegletal(flere)]
