"""What the benchmark measures (issue: Speed). Figures are printed, never asserted."""

import datetime
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from budgets.engine.scenarie_laes import Art
from budgets.models import Maanedstal
from budgets.models_scenarie import Scenariegrundlag
from budgets.selectors import (
    central_for,
    hvis_sygefravaer,
    synlige_tilbud,
    tilbud_resultat,
)
from budgets.selectors.central import central_fra_tabellen
from budgets.selectors.scenarie import scenario_resultat
from budgets.services import maanedstal
from budgets.services.scenarie import aendring_add, scenario_create, scenario_delete
from config.lib import datastamp
from offers.models import Ophold, Tilbud
from offers.services import borger_afgang
from tariffs.models import FravaerKategori

# Children before parents: SQLite checks every DELETE against its foreign keys.
DOMAIN_TABLES = [
    "budgets_scenarieaendring",
    "budgets_scenario",
    "offers_annullering",
    "offers_indplacering",
    "offers_funktionsevne",
    "offers_ugepost",
    "offers_doegnskemapost",
    "offers_doegnskema",
    "offers_ophold",
    "budgets_forbrug",
    "budgets_fastudgift",
    "budgets_rammeforudsaetning",
    "budgets_kommentar",
    "budgets_vedtagetbudget",
    "offers_betalingskommune",
    "offers_borger",
    "offers_tilbud_ledere",
    "budgets_maanedstal",
    "budgets_tilbudaar",
    "offers_tilbud",
    "tariffs_takstniveau",
    "tariffs_takstskiftservicetakst",
    "tariffs_takstskift",
    "tariffs_takstmodel",
    "tariffs_fravaerslinje",
    "tariffs_tidsanvendelseslinje",
    "tariffs_timeprismodel",
    "budgets_maanedstalaar",
    "budgets_budgetaar",
]


def wipe() -> None:
    """Empty the domain tables (the benchmark runs on its own database)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            history = [
                t for t in connection.introspection.table_names() if "_historical" in t
            ]
            tables = ", ".join(DOMAIN_TABLES + history)
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        else:
            for table in DOMAIN_TABLES:
                cursor.execute(f"DELETE FROM {table}")


def analyze() -> None:
    """Planner statistics for the rows just bulk inserted, as autovacuum keeps
    them on a live database: without them PostgreSQL guessed a few hundred
    stays where there are 48,000 and chose index scans and disk sorts."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def warm(fn: Callable[[], Any], runs: int = 3) -> float:
    return statistics.median(timed(fn)[0] for _ in range(runs))


# The floor: one query reading every row the central model reads for the year.
FLOOR_SQL = """
WITH o AS (
  SELECT o.id, o.tilbud_id, o.tilgang, o.afgang, o.omplaceret_fra_id,
         b.navn, b.cpr_maskeret, b.betalingskommune
  FROM offers_ophold o JOIN offers_borger b ON b.id = o.borger_id
  WHERE o.tilgang <= %(slut)s AND (o.afgang IS NULL OR o.afgang >= %(efterloeb)s)
)
SELECT 'o', o.id, o.tilbud_id, o.tilgang, o.afgang, o.navn, o.cpr_maskeret, NULL, NULL
  FROM o
UNION ALL
SELECT 'i', i.ophold_id, NULL, i.gyldig_fra, i.registreret, n.kode, NULL,
       i.saertakst_timer, NULL
  FROM offers_indplacering i JOIN o ON o.id = i.ophold_id
  JOIN tariffs_takstniveau n ON n.id = i.takstniveau_id
UNION ALL
SELECT 'f', f.tilbud_id, NULL, NULL, NULL, f.kategori, NULL, f.beloeb, NULL
  FROM budgets_fastudgift f JOIN budgets_budgetaar a ON a.id = f.budgetaar_id
  WHERE a.aar = %(aar)s
UNION ALL
SELECT 'r', r.tilbud_id, NULL, NULL, NULL, NULL, NULL, r.rammebeloeb, NULL
  FROM budgets_rammeforudsaetning r JOIN budgets_budgetaar a ON a.id = r.budgetaar_id
  WHERE a.aar = %(aar)s
UNION ALL
SELECT 'a', f.tilbud_id, f.maaned, NULL, NULL, f.art, NULL, f.beloeb, NULL
  FROM budgets_forbrug f JOIN budgets_budgetaar a ON a.id = f.budgetaar_id
  WHERE a.aar = %(aar)s
"""


def floor(aar: int) -> tuple[float, int]:
    params = {
        "aar": aar,
        "slut": datetime.date(aar, 12, 31),
        "efterloeb": datetime.date(aar - 1, 12, 1),
    }

    def run() -> int:
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, params)
            return len(cursor.fetchall())

    rows = run()
    return warm(run), rows


def largest_tilbud() -> Tilbud:
    return Tilbud.objects.order_by("-pladser", "pk").first()


def afgang_and_budget(user, tilbud: Tilbud, aar: int, idag: datetime.date) -> float:
    """Register one afgang and read the tilbud's budget back; rolled back afterwards."""
    ophold = _aabent_ophold(tilbud)

    def run() -> Any:
        with transaction.atomic():
            borger_afgang(borger=ophold.borger, dato=idag, acting_user=user)
            result = tilbud_resultat(tilbud, aar, idag)
            transaction.set_rollback(True)
        return result

    return warm(run, runs=5)


def fyld(aarene: list[int]) -> float:
    """Store every tilbud's monthly figures of the years (the data was bulk
    inserted, past the services); returns the seconds it took."""
    sekunder, _ = timed(lambda: maanedstal.genberegn_start(aarene))
    return sekunder


@dataclass(frozen=True)
class Centraltider:
    genberegning: float  # a new timepris: every tilbud of the year recomputed
    kold: float  # genberegning + the first read: the year after a new timepris
    laes: float  # a new process: the stored rows read (a cache miss)
    efter_afgang: float  # one afgang (its tilbud recomputed) and the model read
    varm: float  # the same read again: from the shared cache (CACHE_URL)


def central(user, aar: int, idag: datetime.date) -> Centraltider:
    def ny_proces() -> None:
        connection.close()

    ny_proces()
    genberegning_s = fyld([aar])  # as a takst change of the year queues it
    ny_proces()
    laes_s, _ = timed(lambda: central_fra_tabellen(synlige_tilbud(user), aar, idag))
    central_for(user, aar, idag)  # stored in the cache under the data's stamp
    return Centraltider(
        genberegning=genberegning_s,
        kold=genberegning_s + laes_s,
        laes=laes_s,
        efter_afgang=_central_efter_afgang(user, aar, idag),
        varm=warm(lambda: central_for(user, aar, idag)),
    )


def uden_raekker(user, aar: int, idag: datetime.date) -> float:
    """The read with nothing stored (before ``maanedstal_opdater`` after a
    deploy): every tilbud of the year and the year before computed; rolled
    back. The median of three, as the floor's (this machine's timings of one
    run vary by a third)."""
    return _median_uden(Maanedstal.objects.all(), user, aar, idag)


def uden_aarets_raekker(user, aar: int, idag: datetime.date) -> float:
    """The read after a new timepris of the year (before its recomputation
    lands): the year's every tilbud computed, last year's stored rows read;
    rolled back. The median of three, as uden_raekker's."""
    return _median_uden(Maanedstal.objects.filter(aar=aar), user, aar, idag)


def _median_uden(raekker, user, aar: int, idag: datetime.date) -> float:
    """The median of three central models timed with ``raekker`` deleted, each
    rolled back."""
    return statistics.median(_uden(raekker, user, aar, idag) for _ in range(3))


def _uden(raekker, user, aar: int, idag: datetime.date) -> float:
    # Past the shared cache: where there was nothing to delete (×10, nothing
    # stored) the transaction has not written, and a second run would read
    # the first one's model from the cache.
    synlige = synlige_tilbud(user)
    with transaction.atomic():
        raekker.delete()
        sekunder, _ = timed(lambda: central_fra_tabellen(synlige, aar, idag))
        transaction.set_rollback(True)
    return sekunder


def _central_efter_afgang(user, aar: int, idag: datetime.date) -> float:
    """One afgang in the largest tilbud (the service recomputes that tilbud in
    its transaction), then the central model; rolled back."""
    ophold = _aabent_ophold(largest_tilbud())
    with transaction.atomic():
        sekunder, _ = timed(
            lambda: (
                borger_afgang(borger=ophold.borger, dato=idag, acting_user=user),
                central_for(user, aar, idag),
            )
        )
        transaction.set_rollback(True)
    return sekunder


def _aabent_ophold(tilbud: Tilbud) -> Ophold:
    return (
        Ophold.objects.filter(tilbud=tilbud, afgang__isnull=True)
        .select_related("borger")
        .first()
    )


def hvis(user, aar: int, idag: datetime.date) -> float:
    """The what-if page's computation: every tilbud priced with a new timepris."""
    sekunder, _ = timed(lambda: hvis_sygefravaer(user, aar, Decimal("1"), idag))
    return sekunder


@dataclass(frozen=True)
class Scenarietider:
    """A scenario of the year (issue 16 #1) timed as its result page reads it."""

    foerste: float  # the first result: the year's base computed and kept
    aendring: float  # the first change saved (checked against the year's inputs)
    resultat: float  # base and scenario after the one change (base kept)
    aendring2: float  # a second change saved
    resultat2: float  # the result after the second change
    anden_proces: float  # the same result where the base is only in Redis


def scenarie(user, aar: int, tilbud: Tilbud) -> Scenarietider:
    """Sygefravær +1 point (a new 'egen sygdom' line of 1 %), then two more
    places in ``tilbud``; each result as the API's resultat computes it
    (base vs scenario, nothing stored).

    Saved and committed as the pages save them (a scenario's rows move no data
    stamp, so the base the first result computed stays valid), then deleted.
    ``anden_proces``: the result once more with this process's copy of the
    base dropped, as a web process that did not compute it reads it."""
    scenario = scenario_create(
        navn="Benchmark",
        aar=aar,
        grundlag=Scenariegrundlag.AKTUELT,
        acting_user=user,
    )
    try:

        def aendring(art: str, vaerdi: dict) -> float:
            return timed(
                lambda: aendring_add(
                    scenario=scenario, art=art, vaerdi=vaerdi, acting_user=user
                )
            )[0]

        foerste_s, _ = timed(lambda: scenario_resultat(scenario))
        syg = {"kategori": FravaerKategori.EGEN_SYGDOM.value, "procent": "1"}
        aendring_s = aendring(Art.FRAVAER_LINJE, syg)
        resultat_s, _ = timed(lambda: scenario_resultat(scenario))
        pladser = {"tilbud": tilbud.pk, "pladser": tilbud.pladser + 2}
        aendring2_s = aendring(Art.TILBUD_PLADSER, pladser)
        resultat2_s, _ = timed(lambda: scenario_resultat(scenario))
        datastamp.forget_in_process()
        anden_s, _ = timed(lambda: scenario_resultat(scenario))
    finally:
        scenario_delete(scenario=scenario, acting_user=user)
    return Scenarietider(
        foerste_s, aendring_s, resultat_s, aendring2_s, resultat2_s, anden_s
    )
