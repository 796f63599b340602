"""Shared parts of the imports: reading files with pandas, line numbers, progress."""

import datetime
import io
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import pandas as pd

from budgets.models import Importjob
from config.lib.datoer import dato_eller_fejl_i_omraade
from config.lib.money import round_to_oere
from config.lib.numbers import NumberFormatError, parse_danish_decimal
from offers.models import Tilbud

Raekke = dict[str, str]
Fremskridt = Callable[[int], None]

FIL_ULAESELIG = "Filen kan ikke læses som CSV eller Excel ({fejl})."
FIL_TOM = "Filen indeholder ingen rækker."
KOLONNE_MANGLER = "Kolonnen '{kolonne}' mangler (fundet: {fundet})."
DATO_FEJL = "Datoen '{tekst}' skal skrives som ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ."
FELT_MANGLER = "Feltet '{felt}' er tomt."
TILBUD_UKENDT = "Ukendt tilbud '{tekst}'."
FOR_MANGE_DECIMALER = "Beløbet '{tekst}' har mere end to decimaler."
MAKS_FEJL = 500
FLERE_FEJL = "… og {antal} fejl mere."


class ImportAfvist(Exception):
    """The file is rejected: every message names its line. Nothing is written."""

    def __init__(self, fejl: Sequence[str]) -> None:
        super().__init__(f"{len(fejl)} fejl")
        self.fejl = list(fejl)


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


def _csv_separator(indhold: bytes) -> str:
    """The separator of the header line: Danish exports use ';', others ',' or tab."""
    header = indhold.split(b"\n", 1)[0]
    return max((";", ",", "\t"), key=lambda sep: header.count(sep.encode()))


def _laes_csv(indhold: bytes) -> pd.DataFrame:
    sep = _csv_separator(indhold)
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Danish Windows saves cp1252
        try:
            return pd.read_csv(
                io.BytesIO(indhold), sep=sep, dtype=str, keep_default_na=False,
                encoding=encoding, skip_blank_lines=True,
            )  # fmt: skip
        except UnicodeDecodeError:
            continue
    raise ValueError("ukendt tegnsæt")


def er_excel(filnavn: str) -> bool:
    return filnavn.lower().endswith((".xlsx", ".xlsm"))


def laes_excel(indhold: bytes, sheet_name: Any = 0) -> Any:
    """pandas with dtype=str (STYLE.md 3.3): numbers stay text until parsed."""
    return pd.read_excel(io.BytesIO(indhold), sheet_name=sheet_name, dtype=str)


def dataframe_raekker(
    df: pd.DataFrame, kolonner: Iterable[str], valgfri: Iterable[str] = ()
) -> list[Raekke]:
    """Rows as dicts of stripped text with their file line ('linje'; header = 1)."""
    df = df.rename(columns=kolonnenavn).fillna("")
    mangler = [k for k in kolonner if k not in df.columns]
    if mangler:
        fundet = ", ".join(map(str, df.columns))
        raise ImportAfvist(
            [KOLONNE_MANGLER.format(kolonne=k, fundet=fundet) for k in mangler]
        )
    navne = [*kolonner, *(k for k in valgfri if k in df.columns)]
    raekker = []
    for i, vaerdier in enumerate(df[navne].itertuples(index=False), start=2):
        raekke = {k: str(v).strip() for k, v in zip(navne, vaerdier, strict=True)}
        if any(raekke.values()):
            raekke["linje"] = str(i)
            raekker.append(raekke)
    return raekker


def laes_tabel(
    indhold: bytes, filnavn: str, kolonner: Iterable[str], valgfri: Iterable[str] = ()
) -> list[Raekke]:
    """The first sheet of an Excel file, or a CSV file, as rows (dataframe_raekker)."""
    try:
        df = laes_excel(indhold) if er_excel(filnavn) else _laes_csv(indhold)
    except Exception as exc:  # pandas raises many kinds; all mean "not readable"
        raise ImportAfvist([FIL_ULAESELIG.format(fejl=type(exc).__name__)]) from exc
    raekker = dataframe_raekker(df, kolonner, valgfri)
    if not raekker:
        raise ImportAfvist([FIL_TOM])
    return raekker


def valider_alle(
    raekker: Sequence[Raekke],
    valider_raekke: Callable[[Raekke], Any],
    fremskridt: Fremskridt,
    praefiks: Callable[[Raekke], str] = lambda r: f"Linje {r['linje']}",
) -> list[Any]:
    """Validate every row; raise ImportAfvist with all errors, or return the rows."""
    gyldige, fejl = [], []
    for nummer, raekke in enumerate(raekker, start=1):
        try:
            gyldige.append(valider_raekke(raekke))
        except RaekkeFejl as err:
            fejl.extend(f"{praefiks(raekke)}: {besked}" for besked in err.beskeder)
        fremskridt(nummer)
    if fejl:
        raise ImportAfvist(begraens(fejl))
    return gyldige


def begraens(fejl: list[str]) -> list[str]:
    """At most MAKS_FEJL messages, so one broken column does not fill the job row."""
    if len(fejl) <= MAKS_FEJL:
        return fejl
    return [*fejl[:MAKS_FEJL], FLERE_FEJL.format(antal=len(fejl) - MAKS_FEJL)]


def kraevet(raekke: Raekke, felt: str, fejl: list[str]) -> str:
    if not raekke.get(felt):
        fejl.append(FELT_MANGLER.format(felt=felt))
    return raekke.get(felt, "")


def decimal_eller_fejl(tekst: str, fejl: list[str]) -> Decimal | None:
    try:
        return parse_danish_decimal(tekst)
    except NumberFormatError as err:
        fejl.append(str(err))
        return None


def beloeb_eller_fejl(tekst: str, fejl: list[str]) -> Decimal | None:
    beloeb = decimal_eller_fejl(tekst, fejl)
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
