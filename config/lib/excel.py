"""Tables for pages and Excel: one definition, shown in HTML and exported as .xlsx.

Cells keep their real values (Decimal, int, date); money gets the number format
'#,##0.00' so Excel shows it as a number the user can sum, never as text.

Every cell is written through ``skriv_celle``: a string is always text, never a
formula. openpyxl makes any string that starts with '=' a live formula, so a borger
named '=HYPERLINK("http://…","klik")' would become a link in the finance chief's
workbook (OWASP "CSV Injection"). Strings that start with one of ``FARLIGE_TEGN``
are also marked quotePrefix, Excel's own "'" prefix, so they stay text when the
user edits the cell; the stored value is unchanged, so an exported workbook
imports back to the same data. Numbers stay numbers (a negative Decimal is a
number); a formula the product means to write is a ``Formel``.
"""

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TALFORMAT = {
    "kr": "#,##0.00",
    "kr_fortegn": "+#,##0.00;-#,##0.00;0.00",
    "tal": "#,##0",
    "tal1": "#,##0.0",
    "tal2": "#,##0.00",
    # The value is written as a fraction (95,3 % as 0.953) so Excel computes
    # with it as a percentage and shows the sign itself.
    "procent": "0.0%",
    "dato": "DD.MM.YYYY",
}


# Kinds whose total row is the sum of the rows above: written as =SUM(…) so a
# user who edits or filters a row sees a total that follows (issue 15).
SUMMERBARE = frozenset({"kr", "kr_fortegn", "tal", "tal1", "tal2"})
HUNDREDE = 100


# What makes a spreadsheet read a cell as a formula (OWASP CSV Injection).
FARLIGE_TEGN = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Formel:
    """A formula the product itself writes, such as '=SUM(B2:B13)'."""

    tekst: str


def som_tekst(celle: Cell) -> Cell:
    """Make a string cell plain text, whatever it starts with."""
    if isinstance(celle.value, str):
        celle.data_type = "s"  # openpyxl made '=…' a formula and '#N/A' an error
        if celle.value.startswith(FARLIGE_TEGN):
            celle.quotePrefix = True
    return celle


def skriv_celle(ark: Worksheet, raekke: int, kolonne: int, vaerdi: object) -> Cell:
    """The one way a value goes into a sheet: strings as text, numbers as numbers."""
    if isinstance(vaerdi, Formel):
        return ark.cell(row=raekke, column=kolonne, value=vaerdi.tekst)
    return som_tekst(ark.cell(row=raekke, column=kolonne, value=vaerdi))


def csv_tekst(vaerdi: object) -> object:
    """A CSV cell: a string a spreadsheet would read as a formula gets a leading
    "'" (OWASP CSV Injection); numbers and other values pass unchanged."""
    if isinstance(vaerdi, str) and vaerdi.startswith(FARLIGE_TEGN):
        return "'" + vaerdi
    return vaerdi


@dataclass(frozen=True)
class Kolonne:
    """A column: its heading and kind (tekst, kr, kr_fortegn, tal, tal1, tal2,
    procent, dato). The kind decides the HTML format and the Excel number format."""

    navn: str
    art: str = "tekst"
    # False where the total is not the sum of the rows (an average, a level).
    summeres: bool = True


@dataclass(frozen=True)
class Tabel:
    titel: str
    kolonner: Sequence[Kolonne]
    raekker: Sequence[Sequence[object]]
    total: Sequence[object] | None = None
    links: Sequence[str | None] = field(default_factory=tuple)


def _excelvaerdi(kolonne: Kolonne, vaerdi: object) -> object:
    """A percentage as the fraction Excel's % format expects; else unchanged."""
    if kolonne.art == "procent" and isinstance(vaerdi, (int, Decimal, float)):
        return vaerdi / HUNDREDE
    return vaerdi


def _skriv_raekke(ark, nr: int, kolonner: Sequence[Kolonne], raekke, fed=False):
    for i, (kolonne, vaerdi) in enumerate(zip(kolonner, raekke, strict=True), 1):
        celle = skriv_celle(ark, nr, i, _excelvaerdi(kolonne, vaerdi))
        if kolonne.art in TALFORMAT and not isinstance(vaerdi, str):
            celle.number_format = TALFORMAT[kolonne.art]
        if fed:
            celle.font = Font(bold=True)


def tabel_workbook(tabeller: Sequence[Tabel]) -> Workbook:
    """One sheet per table: header row in bold, then rows, then the total."""
    wb = Workbook()
    wb.remove(wb.active)
    for tabel in tabeller:
        ark = wb.create_sheet(_arknavn(tabel.titel))
        _skriv_raekke(
            ark,
            1,
            [Kolonne(k.navn) for k in tabel.kolonner],
            [k.navn for k in tabel.kolonner],
            fed=True,
        )
        for nr, raekke in enumerate(tabel.raekker, start=2):
            _skriv_raekke(ark, nr, tabel.kolonner, raekke)
        sidste = len(tabel.raekker) + 1  # the last data row
        if tabel.total is not None:
            total = _total_med_formler(tabel, sidste)
            _skriv_raekke(ark, sidste + 1, tabel.kolonner, total, fed=True)
        slut = get_column_letter(len(tabel.kolonner))
        ark.auto_filter.ref = f"A1:{slut}{sidste}"  # the rows, not the total
        for i, kolonne in enumerate(tabel.kolonner, start=1):
            bredde = 30 if kolonne.art == "tekst" else 16
            ark.column_dimensions[get_column_letter(i)].width = bredde
        ark.freeze_panes = "A2"
    return wb


def _total_med_formler(tabel: Tabel, sidste: int) -> list[object]:
    """The total row with =SUM(…) over the rows where the total is their sum."""
    ud: list[object] = []
    for i, (kolonne, vaerdi) in enumerate(
        zip(tabel.kolonner, tabel.total, strict=True), 1
    ):
        sum_ = kolonne.art in SUMMERBARE and kolonne.summeres
        if sum_ and isinstance(vaerdi, (int, Decimal)) and tabel.raekker:
            bogstav = get_column_letter(i)
            vaerdi = Formel(f"=SUM({bogstav}2:{bogstav}{sidste})")
        ud.append(vaerdi)
    return ud


def _arknavn(titel: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "-", titel)[:31] or "Ark"


def xlsx_response(filnavn: str, tabeller: Sequence[Tabel]) -> HttpResponse:
    """An .xlsx download of the tables."""
    buffer = io.BytesIO()
    tabel_workbook(tabeller).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_MIME)
    sikkert = re.sub(r"[^A-Za-z0-9_.-]", "_", filnavn)
    response["Content-Disposition"] = f'attachment; filename="{sikkert}.xlsx"'
    return response
