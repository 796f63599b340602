"""Shared parts of the imports: reading files, line numbers, numbers, progress.

A file is read as text cells (STYLE.md 3.3: numbers stay text until parsed) with
the line of the file each row starts on: a CSV record may span lines (a quoted
cell with a line break) and blank lines count, as in the user's editor.
Every message is stored through ``sikker_besked``: no CPR, no control characters.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook

from budgets.models import Importjob
from config.lib.datoer import dato_eller_fejl_i_omraade
from config.lib.money import round_to_oere
from config.lib.numbers import NumberFormatError, parse_danish_decimal
from config.lib.security import masker_cpr_i_tekst, normaliser_cifre
from offers.models import Tilbud


class Raekke(dict):
    """A row's cells by column code name ('beloeb'), with the file's own header
    of each column (``overskrifter``: 'beloeb' -> 'Beløb'), so a message names a
    column as the user's file does."""

    overskrifter: dict[str, str] = {}


Tabel = list[tuple[int, list[str]]]  # (file line, cells); the first is the header
Fremskridt = Callable[[int], None]

FIL_ULAESELIG = (
    "Filen kan ikke læses som CSV eller Excel. Gem den som CSV (.csv) eller "
    "Excel (.xlsx), og prøv igen."
)
FIL_TEGNSAET = (
    "Filen kan ikke læses som CSV: tegnsættet er ukendt. Gem den som CSV (UTF-8) "
    "eller Excel (.xlsx), og prøv igen."
)
FIL_TOM = "Filen indeholder ingen rækker."
KOLONNE_MANGLER = "Kolonnen '{kolonne}' mangler (fundet: {fundet})."
DATO_FEJL = "Datoen '{tekst}' skal skrives som ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ."
FELT_MANGLER = "Kolonnen '{felt}' er tom."
IKKE_ET_TAL = "'{tekst}' i kolonnen '{kolonne}' er ikke et gyldigt tal."
# Column code names as Danish words, for a message about a column the file lacks.
DANSKE_NAVNE = {
    "aar": "år",
    "aarsloen": "årsløn",
    "aarsnorm_timer": "årsnorm timer",
    "beloeb": "beløb",
    "haendelse": "hændelse",
    "maaned": "måned",
    "oevre": "øvre",
    "saertakst": "særtakst",
}
TILBUD_UKENDT = "Ukendt tilbud '{tekst}'."
FOR_MANGE_DECIMALER = "Beløbet '{tekst}' har mere end to decimaler."
TAL_FOR_STORT = "Tallet '{tekst}' er for stort (højst {cifre} cifre før kommaet)."
UGYLDIGT_TEGN = "Feltet '{felt}' indeholder et ugyldigt tegn (et styretegn)."
FOR_MANGE_RAEKKER = "Filen har mere end {maks} rækker. Del den op i flere filer."
FOR_STOR_UDPAKKET = (
    "Excel-filen fylder mere end {maks} MB udpakket. Del den op i flere filer."
)
TVETYDIGT_TAL = (
    "Tallet '{tekst}' kan læses på to måder: skriv fx 1500 for tusind fem hundrede "
    "eller 1,5 for halvanden."
)
MAKS_RAEKKER = 100_000
MAKS_UDPAKKET = 64 * 1024 * 1024  # the sum of the workbook's unpacked parts
MAKS_CIFRE = 10  # before the decimal comma: 9.999.999.999 kr. (database: 12 digits)
MAKS_FEJL = 500
_TUSINDER = re.compile(r"-?\d{1,3}\.\d{3}")  # "1.500": one thousands group
# C0 control characters but tab, line feed and carriage return; and DEL.
_STYRETEGN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FLERE_FEJL = "… og {antal} fejl mere."


class ImportAfvist(Exception):
    """The file is rejected: every message names its line. Nothing is written.

    ``linjer``: how many of the file's lines have errors (None: the file as a
    whole is wrong, e.g. a missing column)."""

    def __init__(self, fejl: Sequence[str], linjer: int | None = None) -> None:
        super().__init__(f"{len(fejl)} fejl")
        self.fejl = [sikker_besked(besked) for besked in fejl]
        self.linjer = linjer


class RaekkeFejl(Exception):
    """One row's problems (several messages)."""

    def __init__(self, beskeder: Sequence[str]) -> None:
        super().__init__("; ".join(beskeder))
        self.beskeder = list(beskeder)


def kolonnenavn(navn: object) -> str:
    """'Beløb (kr.)' -> 'beloeb_kr', 'Måned' -> 'maaned' (headers spelled as code)."""
    tekst = str(navn).strip().lower()
    for bogstav, erstatning in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        tekst = tekst.replace(bogstav, erstatning)
    tekst = re.sub(r"[^a-z0-9]+", "_", tekst)
    return tekst.strip("_")


def kolonnens_navn(raekke: Raekke, felt: str) -> str:
    """The column as the file's header names it, else its Danish name."""
    overskrift = getattr(raekke, "overskrifter", {}).get(felt)
    return overskrift or DANSKE_NAVNE.get(felt, felt)


def sikker_besked(besked: str) -> str:
    """A message as it may be stored and shown: anything CPR-shaped masked, and no
    control characters (PostgreSQL cannot store a NUL in a JSON or text value)."""
    return _STYRETEGN.sub("\ufffd", masker_cpr_i_tekst(str(besked)))


def _celletekst(vaerdi: object) -> str:
    """A cell as text, as pandas' dtype=str gives it: whole numbers without ".0",
    dates as "2026-03-01 00:00:00"."""
    if vaerdi is None:
        return ""
    if isinstance(vaerdi, float):  # a number cell: written the Danish way
        if vaerdi.is_integer() and abs(vaerdi) < 1e15:
            return str(int(vaerdi))
        return repr(vaerdi).replace(".", ",")
    return str(vaerdi)


def _csv_tabel(indhold: bytes) -> Tabel:
    """The CSV file's records with the file line each starts on (a quoted cell may
    span lines). Blank lines are skipped but counted."""
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Danish Windows saves cp1252
        try:
            tekst = indhold.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportAfvist([FIL_TEGNSAET])
    foerste = tekst.split("\n", 1)[0]
    sep = max((";", ",", "\t"), key=foerste.count)  # Danish exports use ';'
    laeser = csv.reader(io.StringIO(tekst, newline=""), delimiter=sep)
    tabel: Tabel = []
    linje = 1
    try:
        for felter in laeser:
            if any(f.strip() for f in felter):
                tabel.append((linje, felter))
                _tael(tabel)
            linje = laeser.line_num + 1
    except csv.Error as exc:
        raise ImportAfvist([FIL_ULAESELIG]) from exc
    return tabel


def _tael(tabel: Tabel) -> None:
    if len(tabel) > MAKS_RAEKKER + 1:  # the header and MAKS_RAEKKER rows
        maks = f"{MAKS_RAEKKER:,}".replace(",", ".")  # 100.000
        raise ImportAfvist([FOR_MANGE_RAEKKER.format(maks=maks)])


def _tjek_udpakket(indhold: bytes) -> None:
    """Refuse a workbook whose parts unpack to more than MAKS_UDPAKKET, before
    openpyxl reads any of it (a small zip can hold a sheet of a million rows).
    zipfile never unpacks a member beyond its stated size, so the sum holds."""
    try:
        with zipfile.ZipFile(io.BytesIO(indhold)) as zf:
            udpakket = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportAfvist([FIL_ULAESELIG]) from exc
    if udpakket > MAKS_UDPAKKET:
        mb = MAKS_UDPAKKET // (1024 * 1024)
        raise ImportAfvist([FOR_STOR_UDPAKKET.format(maks=mb)])


def laes_excel(indhold: bytes, kun_foerste: bool = False) -> dict[str, Tabel]:
    """Each sheet (or the first) as its non-blank rows with their row numbers.

    openpyxl in read-only mode streams the sheet, so reading stops at
    MAKS_RAEKKER without holding the rest in memory.
    """
    _tjek_udpakket(indhold)
    try:
        bog = load_workbook(io.BytesIO(indhold), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds; all mean "not readable"
        raise ImportAfvist([FIL_ULAESELIG]) from exc
    try:
        navne = bog.sheetnames[:1] if kun_foerste else bog.sheetnames
        ark = {}
        for navn in navne:
            tabel: Tabel = []
            blad = bog[navn]
            blad.reset_dimensions()  # as pandas: a writer's stated size may be wrong
            raekker = blad.iter_rows(values_only=True)
            for linje, vaerdier in enumerate(raekker, start=1):
                felter = [_celletekst(v) for v in vaerdier]
                if any(f.strip() for f in felter):
                    tabel.append((linje, felter))
                    _tael(tabel)
            ark[navn] = tabel
        return ark
    except ImportAfvist:
        raise
    except Exception as exc:  # a broken part of the workbook
        raise ImportAfvist([FIL_ULAESELIG]) from exc
    finally:
        bog.close()


def er_excel(filnavn: str) -> bool:
    return filnavn.lower().endswith((".xlsx", ".xlsm"))


def tabel_raekker(
    tabel: Tabel, kolonner: Iterable[str], valgfri: Iterable[str] = ()
) -> list[Raekke]:
    """Rows as dicts of stripped text with their file line ('linje'); the first
    non-blank line is the header."""
    if not tabel:
        raise ImportAfvist([FIL_TOM])
    _, overskrift = tabel[0]
    navne = [kolonnenavn(navn) for navn in overskrift]
    plads: dict[str, int] = {}
    for i, navn in enumerate(navne):
        plads.setdefault(navn, i)  # a repeated header: the first column counts
    mangler = [k for k in kolonner if k not in plads]
    if mangler:
        fundet = ", ".join(str(navn).strip()[:40] for navn in overskrift[:10])
        if len(overskrift) > 10:
            fundet += ", …"
        raise ImportAfvist(
            [
                KOLONNE_MANGLER.format(kolonne=DANSKE_NAVNE.get(k, k), fundet=fundet)
                for k in mangler
            ]
        )
    brugte = [*kolonner, *(k for k in valgfri if k in plads)]
    overskrifter = {k: str(overskrift[plads[k]]).strip()[:40] for k in brugte}
    raekker = []
    for linje, felter in tabel[1:]:
        raekke = Raekke(
            (k, felter[plads[k]].strip() if plads[k] < len(felter) else "")
            for k in brugte
        )
        if any(raekke.values()):
            raekke.overskrifter = overskrifter
            raekke["linje"] = str(linje)
            raekker.append(raekke)
    return raekker


def laes_tabel(
    indhold: bytes, filnavn: str, kolonner: Iterable[str], valgfri: Iterable[str] = ()
) -> list[Raekke]:
    """The first sheet of an Excel file, or a CSV file, as rows (tabel_raekker)."""
    if er_excel(filnavn):
        tabel = next(iter(laes_excel(indhold, kun_foerste=True).values()), [])
    else:
        tabel = _csv_tabel(indhold)
    raekker = tabel_raekker(tabel, kolonner, valgfri)
    if not raekker:
        raise ImportAfvist([FIL_TOM])
    return raekker


def valider_alle(
    raekker: Sequence[Raekke],
    valider_raekke: Callable[[Raekke], Any],
    fremskridt: Fremskridt,
    praefiks: Callable[[Raekke], str] = lambda r: f"Linje {r['linje']}",
) -> list[Any]:
    """Validate every row; raise ImportAfvist with all errors (and how many lines
    have any), or return the rows."""
    gyldige, fejl, linjer = [], [], 0
    for nummer, raekke in enumerate(raekker, start=1):
        try:
            _uden_styretegn(raekke)
            gyldige.append(valider_raekke(raekke))
        except RaekkeFejl as err:
            linjer += 1
            fejl.extend(f"{praefiks(raekke)}: {besked}" for besked in err.beskeder)
        fremskridt(nummer)
    if fejl:
        raise ImportAfvist(begraens(fejl), linjer=linjer)
    return gyldige


def _uden_styretegn(raekke: Raekke) -> None:
    """A NUL (or another control character) in a cell rejects its line: nothing
    downstream could store it, and it is never what the user meant."""
    felter = [k for k, v in raekke.items() if _STYRETEGN.search(v)]
    if felter:
        raise RaekkeFejl(
            [UGYLDIGT_TEGN.format(felt=kolonnens_navn(raekke, k)) for k in felter]
        )


def begraens(fejl: list[str]) -> list[str]:
    """At most MAKS_FEJL messages, so one broken column does not fill the job row."""
    if len(fejl) <= MAKS_FEJL:
        return fejl
    return [*fejl[:MAKS_FEJL], FLERE_FEJL.format(antal=len(fejl) - MAKS_FEJL)]


def kraevet(raekke: Raekke, felt: str, fejl: list[str]) -> str:
    """The cell's text; an empty cell is its one error (so callers parse only a
    non-empty text: one message per bad cell)."""
    if not raekke.get(felt):
        fejl.append(FELT_MANGLER.format(felt=kolonnens_navn(raekke, felt)))
    return raekke.get(felt, "")


def decimal_eller_fejl(
    tekst: str, fejl: list[str], beloeb: bool = False, kolonne: str = ""
) -> Decimal | None:
    """A Danish number (config.lib.numbers: "1.234,56", "1234,56", "1234.56"),
    written out: no exponent ("1e9999"), at most MAKS_CIFRE digits before the comma.
    Anything else is an error for the line, never an exception for the file.

    "1.500" is 1.500 in Danish and 1.5 to a machine. An amount has at most two
    decimals, so for an amount (``beloeb``) it can only be 1.500 kr.; for hours
    or a percent it is refused and the user asked to write 1500 or 1,5.
    An empty text is None without a message: ``kraevet`` has reported it.
    """
    if not tekst:
        return None
    renset = re.sub(r"\s", "", normaliser_cifre(tekst))
    if _TUSINDER.fullmatch(renset.removesuffix("kr.").removesuffix("kr")):
        if not beloeb:
            fejl.append(TVETYDIGT_TAL.format(tekst=tekst))
            return None
        renset = renset.replace(".", "")
    try:
        tal = parse_danish_decimal(renset)
    except NumberFormatError:
        fejl.append(IKKE_ET_TAL.format(tekst=tekst, kolonne=kolonne))
        return None
    if re.search(r"[eE]", renset):
        fejl.append(IKKE_ET_TAL.format(tekst=tekst, kolonne=kolonne))
        return None
    if tal.adjusted() >= MAKS_CIFRE:
        fejl.append(TAL_FOR_STORT.format(tekst=tekst, cifre=MAKS_CIFRE))
        return None
    return tal


def beloeb_eller_fejl(tekst: str, fejl: list[str], kolonne: str = "") -> Decimal | None:
    beloeb = decimal_eller_fejl(tekst, fejl, beloeb=True, kolonne=kolonne)
    if beloeb is not None and beloeb != round_to_oere(beloeb):
        fejl.append(FOR_MANGE_DECIMALER.format(tekst=tekst))
        return None
    return beloeb


_DATOFORMATER = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")


def dato_eller_fejl(tekst: str, fejl: list[str]) -> datetime.date | None:
    """A date as case systems write it; Excel cells come as '2026-03-01 00:00:00'."""
    renset = tekst.removesuffix(" 00:00:00").strip()
    for formatet in _DATOFORMATER:
        try:
            return dato_eller_fejl_i_omraade(
                datetime.datetime.strptime(renset, formatet).date(), fejl
            )
        except ValueError:
            continue
    fejl.append(DATO_FEJL.format(tekst=tekst))
    return None


def tilbud_opslag() -> dict[str, int]:
    """A tilbud by its name (any case) or its id, as the source systems name it."""
    opslag: dict[str, int] = {}
    for pk, navn in Tilbud.objects.values_list("pk", "navn"):
        opslag[navn.strip().lower()] = pk
        opslag[str(pk)] = pk
    return opslag


def tilbud_eller_fejl(
    tekst: str, opslag: dict[str, int], fejl: list[str]
) -> int | None:
    if not tekst:
        return None  # an empty cell: kraevet has reported it
    pk = opslag.get(tekst.strip().lower())
    if pk is None:
        fejl.append(TILBUD_UKENDT.format(tekst=tekst))
    return pk


class JobFremskridt:
    """Progress of the validation pass, written straight to the job row.

    Why this works for a user polling: the validation pass runs outside any
    transaction (a Celery task is in autocommit), so each UPDATE is committed at
    once. The write pass is one transaction (all or nothing), whose own progress
    no other connection could see before the commit; the job shows status
    "gemmer" during it and rows_total done after it.
    """

    SKRIDT = 500

    def __init__(self, job: Importjob) -> None:
        self.job_id, self.total = job.pk, job.rows_total

    def __call__(self, antal: int) -> None:
        if antal % self.SKRIDT == 0 or antal == self.total:
            Importjob.objects.filter(pk=self.job_id).update(rows_done=antal)
