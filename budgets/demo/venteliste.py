"""The demo's waiting lists (issue 19 #3): seven places across the residential
tilbud, four of them anonymous needs, so the waiting-list and capacity pages
show real content. Fixed dates and the first open stay of a tilbud (by pk) for
the known borgere, so a load is the same every time."""

from datetime import date

from django.contrib.auth.models import User

from budgets.demo.placering import Kontekst
from offers.models import Borger, Ophold, Tilbud
from offers.services.venteliste import ventelisteplads_create

# (tilbud, anonymous need or None: a borger of ``fra_tilbud``, fra_tilbud,
#  expected level (2026), wanted date, from kommune, bemærkning)
PLADSER = (
    (
        "Botilbuddet Solbakken",
        "Ung mand med autisme, udskrives fra psykiatrisk afdeling.",
        None,
        "5",
        date(2027, 1, 15),
        "",
        "",
    ),
    (
        "Botilbuddet Solbakken",
        None,
        "Botilbuddet Engholm",
        "4",
        date(2027, 2, 1),
        "",
        "Ønsker at bo tættere på familien.",
    ),
    (
        "Botilbuddet Engholm",
        "Kvinde, 34 år, erhvervet hjerneskade efter ulykke.",
        None,
        "6",
        date(2026, 12, 15),
        "751",
        "",
    ),
    (
        "Botilbuddet Skovbrynet",
        "Udviklingshæmmet mand, 22 år, afslutter STU.",
        None,
        None,
        date(2027, 8, 1),
        "",
        "Forventet niveau vurderes efter VUM.",
    ),
    (
        "Bofællesskabet Kastanjen",
        None,
        "Botilbuddet Solbakken",
        "3",
        date(2027, 3, 1),
        "",
        "Klar til et mindre fællesskab.",
    ),
    (
        "Botilbuddet Lindehuset",
        "Ung kvinde med skizofreni, bor hos forældre.",
        None,
        "7",
        date(2027, 1, 1),
        "730",
        "",
    ),
    (
        "Bofællesskabet Stjernen",
        None,
        "Botilbuddet Skovbrynet",
        "2",
        date(2026, 12, 1),
        "",
        "",
    ),
)


def _borger_i(tilbud: Tilbud) -> Borger:
    ophold = Ophold.objects.filter(tilbud=tilbud, afgang__isnull=True).order_by("pk")
    return ophold.select_related("borger").first().borger


# The rådgiver's judgement of each place above, in order (the prognose counts
# this share of it): the nearer and the more settled, the likelier.
SANDSYNLIGHED = (90, 75, 60, 50, 40, 30, 25)


def venteliste_create(ctx: Kontekst, user: User) -> None:
    tilbud = {t.navn: t for t in Tilbud.objects.all()}
    for plads, sandsynlighed in zip(PLADSER, SANDSYNLIGHED, strict=True):
        navn, behov, fra_tilbud, kode, dato, kommune, note = plads
        ventelisteplads_create(
            tilbud=tilbud[navn],
            borger=_borger_i(tilbud[fra_tilbud]) if fra_tilbud else None,
            behov=behov or "",
            forventet_niveau=ctx.niveauer[2026][kode] if kode else None,
            oensket_dato=dato,
            fra_kommune=kommune,
            bemaerkning=note,
            sandsynlighed=sandsynlighed,
            acting_user=user,
        )
