"""Reproducible benchmark data at small, medium or national scale (issue: Speed),
and any number of such municipalities in one database (issue 16 #3).

Rows are bulk inserted rather than written through the services: the services'
validation is what the tests check, and 30,000 borgere with five years of events
would otherwise take longer to load than the benchmark takes to run. History
tables are therefore empty for benchmark data.
"""

import datetime
import random
from dataclasses import astuple, dataclass
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import transaction

from budgets.models import (
    Budgetaar,
    FastUdgift,
    FastUdgiftKategori,
    Forbrug,
    Rammeforudsaetning,
)
from config.lib.money import round_to_oere
from config.lib.roles import OEKONOMI
from offers import cpr as cpr_lib
from offers.models import (
    Betalingskommune,
    Borger,
    Indplacering,
    Ophold,
    Tilbud,
    Tilbudstype,
)
from tariffs.models import Takstniveau
from tariffs.services import takstmodel_save, timeprismodel_save


@dataclass(frozen=True)
class Scale:
    navn: str
    tilbud: int
    borgere: int


SCALES = {
    "small": Scale("small", 10, 150),
    "medium": Scale("medium", 150, 3_000),
    "national": Scale("national", 1_500, 30_000),
}
FOERSTE_AAR, AAR = 2022, 2026
FORBRUG_TIL_MAANED = 10  # actuals exist through October of the budget year
BENCH_USER = "benchmark_oekonomi"
D = datetime.date


def _takstmodeller(user: User) -> dict[int, dict[str, Takstniveau]]:
    niveauer = [
        {
            "kode": str(n),
            "navn": f"Niveau {n}",
            "nedre": Decimal(2 * (n - 1)),
            "oevre": Decimal(2 * n),
        }
        for n in range(1, 9)
    ] + [
        {
            "kode": "S1",
            "navn": "Særtakst 1",
            "nedre": Decimal(16),
            "oevre": None,
            "saertakst": True,
        }
    ]
    result = {}
    for aar in range(FOERSTE_AAR - 6, AAR + 1):
        tp = timeprismodel_save(
            acting_user=user,
            aar=aar,
            navn=f"Bench {aar}",
            aarsloen=Decimal(450000 + 6000 * (aar - 2020)),
            aarsnorm_timer=Decimal(1924),
            fravaer=[{"kategori": "ferie", "procent": Decimal(22)}],
            tidsanvendelse=[{"kategori": "pauser", "procent": Decimal(35)}],
        )
        model = takstmodel_save(
            acting_user=user,
            aar=aar,
            navn=f"Bench {aar}",
            enhed="timer_pr_doegn",
            timeprismodel=tp,
            niveauer=niveauer,
        )
        result[aar] = {n.kode: n for n in model.niveauer.all()}
    return result


def _praefiks(kommune: int) -> str:
    """Names of the first municipality as they always were; the others' apart."""
    return "" if kommune == 0 else f"K{kommune + 1:02d}-"


def _tilbud(rng: random.Random, scale: Scale, kommune: int) -> list[Tilbud]:
    rows = []
    for i in range(scale.tilbud):
        princip = rng.choices(["hybrid", "aktivitet", "ramme"], [8, 1, 1])[0]
        rows.append(
            Tilbud(
                navn=f"Bench-tilbud {_praefiks(kommune)}{i + 1:04d}",
                tilbudstype=rng.choice(Tilbudstype.values[:3]),
                pladser=rng.randint(6, 32),
                tildelingsprincip=princip,
                forudsat_belaegning=Decimal(rng.choice([95, 96, 97])),
                reguleringsandel=Decimal(50)
                if princip == "aktivitet"
                else Decimal(100),
            )
        )
    return Tilbud.objects.bulk_create(rows)


def _budgetrammer(rng, tilbud_list, aarene) -> None:
    faste, rammer = [], []
    for aar in aarene:
        for t in tilbud_list:
            for kategori in FastUdgiftKategori.values:
                beloeb = Decimal(t.pladser * rng.randint(40_000, 70_000))
                faste.append(
                    FastUdgift(
                        tilbud=t, budgetaar=aar, kategori=kategori, beloeb=beloeb
                    )
                )
            if t.tildelingsprincip == "ramme":
                rammer.append(
                    Rammeforudsaetning(
                        tilbud=t,
                        budgetaar=aar,
                        rammebeloeb=Decimal(t.pladser * 900_000),
                        dimensioneret_pladser=t.pladser,
                        tillaeg_pr_borger_pr_maaned=Decimal(10500),
                        forventede_borgere=Decimal(t.pladser),
                        timer_pr_borger_pr_doegn=Decimal(5),
                    )
                )
    FastUdgift.objects.bulk_create(faste, batch_size=5000)
    Rammeforudsaetning.objects.bulk_create(rammer, batch_size=5000)


def _fake_cpr(rng: random.Random, n: int) -> str:
    foedt = D(1950, 1, 1) + datetime.timedelta(days=rng.randint(0, 19_000))
    return f"{foedt:%d%m%y}{rng.randint(0, 3)}{n % 1000:03d}"


def _borgere(rng: random.Random, scale: Scale, kommune: int, seen: set) -> list[Borger]:
    rows = []
    for n in range(scale.borgere):
        cpr = _fake_cpr(rng, n)
        while cpr in seen:
            cpr = _fake_cpr(rng, n)
        seen.add(cpr)
        rows.append(
            Borger(
                navn=f"Borger {_praefiks(kommune)}{n + 1:05d}",
                cpr_krypteret=cpr_lib.encrypt_cpr(cpr),
                cpr_hash=cpr_lib.hash_cpr(cpr),
                cpr_maskeret=cpr_lib.mask_cpr(cpr),
                betalingskommune=rng.choice(["751", "730"])
                if rng.random() < 0.3
                else "",
            )
        )
    borgere = Borger.objects.bulk_create(rows, batch_size=5000)
    # Sold places come from the dated rows (issue 13): sold from before any stay.
    Betalingskommune.objects.bulk_create(
        [
            Betalingskommune(
                borger=b,
                kommunekode=b.betalingskommune,
                gyldig_fra=D(2000, 1, 1),
                registreret=D(2000, 1, 1),
            )
            for b in borgere
            if b.betalingskommune
        ],
        batch_size=5000,
    )
    return borgere


def _forløb(rng: random.Random) -> list[tuple[datetime.date, datetime.date | None]]:
    """A borger's stays: consecutive ophold, the last one often still open."""
    start = D(2016, 1, 1) + datetime.timedelta(days=rng.randint(0, 3800))
    perioder = []
    while start <= D(AAR, 11, 15) and len(perioder) < 4:
        laengde = rng.randint(120, 2400)
        slut = start + datetime.timedelta(days=laengde)
        if slut > D(AAR, 11, 15) or rng.random() < 0.35:
            perioder.append((start, None))
            break
        perioder.append((start, slut))
        start = (
            slut
            if rng.random() < 0.5
            else slut + datetime.timedelta(days=rng.randint(30, 400))
        )
    return perioder


def _indplaceringer(rng, ophold: Ophold, niveauer, user) -> list[Indplacering]:
    slut = ophold.afgang or D(AAR, 11, 15)
    datoer = {ophold.tilgang}
    for _ in range(rng.choices([0, 1, 2, 3], [4, 3, 2, 1])[0]):
        if (slut - ophold.tilgang).days > 2:
            datoer.add(
                ophold.tilgang
                + datetime.timedelta(
                    days=rng.randint(1, (slut - ophold.tilgang).days - 1)
                )
            )
    rows = []
    for dato in sorted(datoer):
        kode = rng.choices(
            ["1", "2", "3", "4", "5", "6", "7", "8", "S1"], [2, 5, 6, 6, 5, 3, 2, 1, 1]
        )[0]
        rows.append(
            Indplacering(
                ophold=ophold,
                gyldig_fra=dato,
                takstniveau=niveauer[dato.year][kode],
                saertakst_timer=Decimal(rng.randint(17, 22)) if kode == "S1" else None,
                besluttet_af=user,
                registreret=dato + datetime.timedelta(days=rng.choice([0, 0, 3, 21])),
            )
        )
    return rows


def _ophold(rng, borgere, tilbud_list, niveauer, user) -> tuple[int, int]:
    weights = [t.pladser for t in tilbud_list]
    ophold_rows, kaeder = [], []
    for borger in borgere:
        kaede = []
        for tilgang, afgang in _forløb(rng):
            tilbud = rng.choices(tilbud_list, weights)[0]
            kaede.append(
                Ophold(
                    borger=borger,
                    tilbud=tilbud,
                    tilgang=tilgang,
                    afgang=afgang,
                    tilgang_registreret=tilgang,
                    afgang_registreret=afgang,
                )
            )
        ophold_rows.extend(kaede)
        kaeder.append(kaede)
    Ophold.objects.bulk_create(ophold_rows, batch_size=5000)
    omplaceret = []
    for kaede in kaeder:
        for gammel, ny in zip(kaede, kaede[1:], strict=False):
            if gammel.afgang == ny.tilgang and gammel.tilbud_id != ny.tilbud_id:
                ny.omplaceret_fra = gammel
                omplaceret.append(ny)
    Ophold.objects.bulk_update(omplaceret, ["omplaceret_fra"], batch_size=5000)
    indplaceringer = [
        i for o in ophold_rows for i in _indplaceringer(rng, o, niveauer, user)
    ]
    Indplacering.objects.bulk_create(indplaceringer, batch_size=5000)
    return len(ophold_rows), len(indplaceringer)


def _forbrug(rng, tilbud_list, aarene) -> int:
    rows = []
    for aar in aarene:
        sidste = FORBRUG_TIL_MAANED if aar.aar == AAR else 12
        for t in tilbud_list:
            for maaned in range(1, sidste + 1):
                total = Decimal(t.pladser * rng.randint(60_000, 90_000))
                loen = round_to_oere(total * Decimal("0.8"))
                rows.append(
                    Forbrug(
                        tilbud=t, budgetaar=aar, maaned=maaned, art="loen", beloeb=loen
                    )
                )
                rows.append(
                    Forbrug(
                        tilbud=t,
                        budgetaar=aar,
                        maaned=maaned,
                        art="drift",
                        beloeb=total - loen,
                    )
                )
    Forbrug.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def bench_user() -> User:
    user, _ = User.objects.get_or_create(
        username=BENCH_USER, defaults={"first_name": "Benchmark"}
    )
    user.groups.add(Group.objects.get(name=OEKONOMI))
    return user


@dataclass(frozen=True)
class Genereret:
    tilbud: int
    borgere: int
    ophold: int
    indplaceringer: int
    forbrug: int

    @property
    def haendelser(self) -> int:
        """Events the engine works through: each ophold's tilgang/afgang and level."""
        return self.ophold + self.indplaceringer

    def __add__(self, other: "Genereret") -> "Genereret":
        return Genereret(
            *(a + b for a, b in zip(astuple(self), astuple(other), strict=True))
        )


def _kommune(scale: Scale, rng, niveauer, aarene, user, seen: set, kommune: int):
    """One municipality's tilbud, borgere, stays and actuals."""
    tilbud_list = _tilbud(rng, scale, kommune)
    _budgetrammer(rng, tilbud_list, aarene)
    borgere = _borgere(rng, scale, kommune, seen)
    n_ophold, n_indpl = _ophold(rng, borgere, tilbud_list, niveauer, user)
    n_forbrug = _forbrug(rng, tilbud_list, aarene)
    return Genereret(len(tilbud_list), len(borgere), n_ophold, n_indpl, n_forbrug)


@transaction.atomic
def generate(scale: Scale, seed: int, gange: int = 1) -> Genereret:
    """``gange`` municipalities of the scale in one database (issue 16 #3: cost
    linear in segments). Each is generated on its own, so the memory it takes
    is one municipality's; the first is the same for the seed whatever gange."""
    user = bench_user()
    niveauer = _takstmodeller(user)
    aarene = [
        Budgetaar.objects.get_or_create(aar=a)[0] for a in range(FOERSTE_AAR, AAR + 1)
    ]
    seen: set[str] = set()  # CPR numbers are unique across the municipalities
    total = Genereret(0, 0, 0, 0, 0)
    for kommune in range(gange):
        rng = random.Random(seed if kommune == 0 else f"{seed}/{kommune}")
        total += _kommune(scale, rng, niveauer, aarene, user, seen, kommune)
    return total
