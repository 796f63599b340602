"""Create a budget year, empty or rolled over from another (issue 13 #4).

The rollover ("Opret budgetår 2027 fra 2026") copies year ``kopier_fra`` into the
new year ``aar``, in one transaction, each row with a history entry:

- the timeprismodel of ``kopier_fra``'s takstmodel, with its fravær and
  tidsanvendelse lines; årsløn fremskrevet with the wage %;
- the takstmodel with its takstniveauer, on the new timeprismodel. A takstmodel
  the new year already has (e.g. imported) is kept with its timeprismodel, and
  no tariff is copied;
- every tilbud's faste udgifter, and its rammeforudsætning with rammebeløb and
  tillæg pr. borger pr. måned fremskrevet with the other %; pladser, forventede
  borgere and timer are copied unchanged;
- every tilbud's settings for the year (TilbudAar): its own for ``kopier_fra``,
  or, without those, the tilbud's (the settings of new years); a tilbud's own
  timeprismodel (issue 17) is copied as the takstmodel's is, and named by the
  copy.

A year written in a copied name ("Takstmodel 2026") becomes the new year.

Then every borger living in a tilbud on 1 January at a level code the new
takstmodel has no fixed takst for gets the level given in ``nye_koder`` from 1
January, through offers.services (its rules and history apply). Without a level
for each of them, nothing is written and the error names them.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from simple_history.utils import bulk_create_with_history

from budgets.models import (
    AARSFELTER,
    Budgetaar,
    FastUdgift,
    Rammeforudsaetning,
    TilbudAar,
)
from budgets.selectors.budgetaar import budgetaar_for
from budgets.selectors.rollover import (
    BorgerPaaKode,
    Niveauskift,
    niveauskift_for,
)
from budgets.services import AAR_UGYLDIGT
from config.lib import derived
from config.lib.history import with_history_user
from config.lib.money import round_to_oere
from offers.models import Borger, Tilbud
from offers.services import indplacering_create
from tariffs.models import Takstmodel, Timeprismodel
from tariffs.selectors import takstmodel_for_aar

BUDGETAAR_FINDES = "Budgetåret {aar} findes allerede."
KUN_FRA_TIDLIGERE_AAR = "Der kan kun kopieres fra et tidligere budgetår end {aar}."
KILDE_FINDES_IKKE = "Budgetåret {aar} findes ikke, så der er intet at kopiere fra."
KILDE_UDEN_TAKSTMODEL = (
    "Budgetåret {aar} har ingen takstmodel og timeprismodel at kopiere."
)
PROCENT_UDEN_FOR = "Fremskrivningen skal ligge mellem −50 og 100 %."
TIMEPRIS_FINDES = (
    "Der findes allerede en timeprismodel «{navn}» for {aar}, men ingen takstmodel. "
    "Opret takstmodellen for {aar} eller omdøb timeprismodellen først."
)
NYE_KODER_MANGLER = (
    "Takstmodellen for {aar} har ingen fast takst for det niveau, {antal} er "
    "indplaceret på 1. januar {aar}. Vælg et nyt niveau fra 1. januar {aar} for hver:"
)
BORGER_PAA_KODE = "{borger} i {tilbud}: niveau {kode} (borger-id {borger_id})"
NY_KODE_UGYLDIG = (
    "{borger}: niveau «{kode}» er ikke et niveau med fast takst i takstmodellen "
    "for {aar}."
)
BORGER_ID_UGYLDIG = "«{noegle}» er ikke et borger-id."
NIVEAU_BEGRUNDELSE = (
    "Budgetår {aar}: niveau {kode} findes ikke i takstmodellen for {aar} "
    "(årsskifte fra {kopier_fra})."
)
KODE_STADIG_UDEN_PRIS = (
    "Takstmodellen for {aar} har ingen fast takst for niveau {kode}, som gælder i "
    "{aar} for {borgere} (fx i afløbet efter en afgang). Tilføj niveauet til "
    "takstmodellen for {aar}, før budgetåret oprettes."
)

PROCENT_MIN, PROCENT_MAX = Decimal(-50), Decimal(100)
BATCH = 1000


def fremskrevet(beloeb: Decimal, procent: Decimal) -> Decimal:
    """The pris- og lønfremskrivning of one amount: beloeb × (1 + procent / 100),
    rounded to øre (half up, config.lib.money) once, amount by amount.

    Examples: årsløn 450.000,00 at 2,5 % → 461.250,00; a fixed cost 123.456,78 at
    2 % → 125.925,9156 → 125.925,92. A sum of fremskrevne lines can differ by øre
    from the fremskrevet sum: each line is an amount in kroner and øre of its own.
    """
    return round_to_oere(beloeb * (1 + procent / 100))


def _nyt_navn(navn: str, fra: int, til: int) -> str:
    """A year in a copied name follows: "Takstmodel 2026" → "Takstmodel 2027"."""
    return navn.replace(str(fra), str(til))


@derived.writes
def opret_budgetaar(
    *,
    aar: int,
    acting_user: AbstractBaseUser,
    kopier_fra: int | None = None,
    fremskrivning_loen_pct: Decimal = Decimal(0),
    fremskrivning_oevrige_pct: Decimal = Decimal(0),
    nye_koder: Mapping[int, str] | None = None,
) -> Budgetaar:
    """Create budget year ``aar`` in state forslag.

    Without ``kopier_fra`` the year is empty. With it, the year is rolled over
    from ``kopier_fra`` (see the module docstring): any earlier year, not only
    ``aar`` − 1 (a year skipped is copied from the last one prepared). The wage %
    applies to årsløn, the other % to fixed costs and frames, each between −50
    and 100. ``nye_koder`` maps a borger id to the new level code for each borger
    on a code the new year's takstmodel lacks (budgets.selectors.rollover
    .niveauskift_for says who). Refused with a Danish ValidationError under the
    field's key, writing nothing: ``aar`` exists, ``kopier_fra`` is not an earlier
    year with a takstmodel, a % is out of range, ``nye_koder`` lacks a borger or
    names a level the new takstmodel has no fixed takst for, or a code in force
    in ``aar`` that no new level can replace has no fixed takst ("takstmodel").
    """
    if not 2000 <= aar <= 2100:
        raise ValidationError({"aar": AAR_UGYLDIGT})
    if Budgetaar.objects.filter(aar=aar).exists():
        raise ValidationError({"aar": BUDGETAAR_FINDES.format(aar=aar)})
    # Every tilbud's stored monthly figures of the new year (budgets.services
    # .maanedstal) are computed when this write ends: its takster, settings and
    # frames are all new, so it is a change of the year's shared inputs.
    derived.changed(aar={aar})
    if kopier_fra is None:
        return _budgetaar_create(aar, acting_user)
    kilde, loen, oevrige = _kraev_kilde(
        aar, kopier_fra, fremskrivning_loen_pct, fremskrivning_oevrige_pct
    )
    skift = niveauskift_for(aar=aar, kopier_fra=kopier_fra)
    _kraev_priser(skift)
    koder = _kraev_nye_koder(skift, _som_borger_ids(nye_koder or {}))
    budgetaar = _budgetaar_create(aar, acting_user)
    takstmodel = takstmodel_for_aar(aar)
    if takstmodel is None:
        takstmodel = _takstmodel_kopier(kilde, aar, loen, acting_user)
    # by year, not row: a source year with only a takstmodel has no row, and
    # then no rows of its own to copy
    egne = _egne_timeprismodeller_kopier(kopier_fra, aar, loen, acting_user)
    _tilbud_aar_kopier(kopier_fra, budgetaar, acting_user, egne)
    _faste_udgifter_kopier(kopier_fra, budgetaar, oevrige, acting_user)
    _rammer_kopier(kopier_fra, budgetaar, oevrige, acting_user)
    _nye_koder_indplacer(skift.borgere, koder, takstmodel, kopier_fra, acting_user)
    return budgetaar


def _budgetaar_create(aar: int, acting_user: AbstractBaseUser) -> Budgetaar:
    """The new year; of two created at once, the second is refused in Danish."""
    budgetaar = Budgetaar(aar=aar)
    try:
        with transaction.atomic():
            with_history_user(budgetaar, acting_user).save()
    except IntegrityError:
        raise ValidationError({"aar": BUDGETAAR_FINDES.format(aar=aar)}) from None
    return budgetaar


def _kraev_kilde(
    aar: int, kopier_fra: int, loen: Any, oevrige: Any
) -> tuple[Takstmodel, Decimal, Decimal]:
    """``kopier_fra``'s takstmodel, when the rollover may copy it, and the two
    percentages as Decimal; else every field's error at once."""
    fejl: dict[str, str] = {}
    procenter = []
    for felt, vaerdi in (
        ("fremskrivning_loen_pct", loen),
        ("fremskrivning_oevrige_pct", oevrige),
    ):
        procent = _procent(vaerdi)
        if procent is None:
            fejl[felt] = PROCENT_UDEN_FOR
        procenter.append(procent)
    kilde = None
    if kopier_fra >= aar:
        fejl["kopier_fra"] = KUN_FRA_TIDLIGERE_AAR.format(aar=aar)
    elif budgetaar_for(kopier_fra) is None:
        # a year with a takstmodel but no row yet is a budget year (a forslag)
        fejl["kopier_fra"] = KILDE_FINDES_IKKE.format(aar=kopier_fra)
    elif (kilde := takstmodel_for_aar(kopier_fra)) is None:
        fejl["kopier_fra"] = KILDE_UDEN_TAKSTMODEL.format(aar=kopier_fra)
    if fejl:
        raise ValidationError(fejl)
    _kraev_ledigt_timeprisnavn(kilde, aar)
    return kilde, procenter[0], procenter[1]


def _procent(vaerdi: Any) -> Decimal | None:
    """The percentage as a Decimal, or None when it is not one from −50 to 100."""
    try:
        procent = Decimal(str(vaerdi))
    except InvalidOperation:
        return None
    if not procent.is_finite() or not PROCENT_MIN <= procent <= PROCENT_MAX:
        return None
    return procent


def _kraev_ledigt_timeprisnavn(kilde: Takstmodel, aar: int) -> None:
    """A timeprismodel of the copy's name in a year without a takstmodel: refused
    rather than kept, so the wage % is never silently left out."""
    if Takstmodel.objects.filter(aar=aar).exists():
        return
    navn = _nyt_navn(kilde.timeprismodel.navn, kilde.aar, aar)
    if Timeprismodel.objects.filter(aar=aar, navn=navn).exists():
        raise ValidationError(
            {"kopier_fra": TIMEPRIS_FINDES.format(navn=navn, aar=aar)}
        )


def _som_borger_ids(nye_koder: Mapping[Any, str]) -> dict[int, str]:
    """The keys as borger ids: a JSON body gives them as strings."""
    koder = {}
    for noegle, kode in nye_koder.items():
        try:
            koder[int(noegle)] = str(kode).strip()
        except (TypeError, ValueError):
            fejl = BORGER_ID_UGYLDIG.format(noegle=noegle)
            raise ValidationError({"nye_koder": fejl}) from None
    return koder


def _kraev_nye_koder(skift: Niveauskift, koder: dict[int, str]) -> dict[int, str]:
    """A level with a fixed takst in the new takstmodel for every borger who needs
    one. Levels given for other borgere are not used (one may have been placed
    anew since the form was shown)."""
    mangler = [b for b in skift.borgere if not koder.get(b.borger_id)]
    if mangler:
        antal = "1 borger" if len(mangler) == 1 else f"{len(mangler)} borgere"
        raise ValidationError(
            {
                "nye_koder": [
                    NYE_KODER_MANGLER.format(aar=skift.aar, antal=antal),
                    *(_borger_tekst(b) for b in mangler),
                ]
            }
        )
    gyldige = {kode for kode, _ in skift.valg}
    ugyldige = [
        NY_KODE_UGYLDIG.format(borger=b.borger, kode=koder[b.borger_id], aar=skift.aar)
        for b in skift.borgere
        if koder[b.borger_id] not in gyldige
    ]
    if ugyldige:
        raise ValidationError({"nye_koder": ugyldige})
    return koder


def _borger_tekst(borger: BorgerPaaKode) -> str:
    return BORGER_PAA_KODE.format(
        borger=borger.borger,
        tilbud=borger.tilbud,
        kode=borger.kode,
        borger_id=borger.borger_id,
    )


def _gem_kopi(instans: models.Model, acting_user: AbstractBaseUser) -> Any:
    """Save a copy of a valid row with a history entry (the tariff rows: a few)."""
    _kontroller_kopi(instans)
    with_history_user(instans, acting_user).save()
    return instans


def _kontroller_kopi(instans: models.Model) -> None:
    """Only the values are checked (a fremskrevet amount may outgrow its column):
    the row copied was valid, its foreign keys exist and the new year holds no
    row yet, so the checks that cost a query per row cannot fail."""
    relationer = [f.name for f in instans._meta.concrete_fields if f.is_relation]
    instans.clean_fields(exclude=relationer)


def _gem_kopier(kopier: list[Any], acting_user: AbstractBaseUser) -> None:
    """Save copies of a tilbud's rows in bulk, each with a history entry.

    Nationally a rollover copies some 10,000 rows; saved one by one (row, history
    row) that took 40 s. The stored monthly figures of the year are recomputed
    whole at the end of opret_budgetaar (derived.changed(aar=…)).
    """
    if not kopier:
        return
    for kopi in kopier:
        _kontroller_kopi(kopi)
    bulk_create_with_history(
        kopier, type(kopier[0]), batch_size=BATCH, default_user=acting_user
    )


def _kopi(instans: models.Model, **nye: Any) -> models.Model:
    """A new, unsaved row with the instance's values; ``nye`` (by attname, e.g.
    ``budgetaar_id``) replaces some."""
    felter = {
        f.attname: getattr(instans, f.attname)
        for f in instans._meta.concrete_fields
        if not f.primary_key
    }
    return type(instans)(**{**felter, **nye})


def _timeprismodel_kopier(
    gammel: Timeprismodel, aar: int, loen: Decimal, acting_user: AbstractBaseUser
) -> Timeprismodel:
    """A timeprismodel with every line in year ``aar``, its årsløn fremskrevet."""
    timepris = _gem_kopi(
        _kopi(
            gammel,
            aar=aar,
            navn=_nyt_navn(gammel.navn, gammel.aar, aar),
            aarsloen=fremskrevet(gammel.aarsloen, loen),
        ),
        acting_user,
    )
    # Issue 17: the salary items and tiers go with the lines.
    for linje in (
        *gammel.fravaer.all(),
        *gammel.tidsanvendelse.all(),
        *gammel.loenposter.all(),
        *gammel.grupper.all(),
    ):
        _gem_kopi(_kopi(linje, timeprismodel_id=timepris.pk), acting_user)
    return timepris


def _egne_timeprismodeller_kopier(
    fra: int, aar: int, loen: Decimal, acting_user: AbstractBaseUser
) -> dict[int, int]:
    """Issue 17: each timeprismodel a tilbud names as its own in ``fra``, copied
    to ``aar`` as the takstmodel's is (a model of the new name already there is
    used as it is); old pk -> new pk."""
    brugte = Timeprismodel.objects.filter(
        pk__in=TilbudAar.objects.filter(
            budgetaar__aar=fra, timeprismodel__isnull=False
        ).values("timeprismodel")
    )
    nye = {}
    for gammel in brugte:
        navn = _nyt_navn(gammel.navn, gammel.aar, aar)
        findes = Timeprismodel.objects.filter(aar=aar, navn=navn).first()
        ny = findes or _timeprismodel_kopier(gammel, aar, loen, acting_user)
        nye[gammel.pk] = ny.pk
    return nye


def _takstmodel_kopier(
    kilde: Takstmodel, aar: int, loen: Decimal, acting_user: AbstractBaseUser
) -> Takstmodel:
    """The takstmodel with its levels, on a copy of its timeprismodel."""
    timepris = _timeprismodel_kopier(kilde.timeprismodel, aar, loen, acting_user)
    takstmodel = _gem_kopi(
        _kopi(
            kilde,
            aar=aar,
            navn=_nyt_navn(kilde.navn, kilde.aar, aar),
            timeprismodel_id=timepris.pk,
        ),
        acting_user,
    )
    for niveau in kilde.niveauer.all():
        _gem_kopi(_kopi(niveau, takstmodel_id=takstmodel.pk), acting_user)
    return takstmodel


def _tilbud_aar_kopier(
    fra: int,
    til: Budgetaar,
    acting_user: AbstractBaseUser,
    timeprismodeller: Mapping[int, int],
) -> None:
    """Every tilbud's settings: its own of ``fra``, else the tilbud's; its own
    timeprismodel as copied (``timeprismodeller``: old pk -> new pk)."""
    egne = {r.tilbud_id: r for r in TilbudAar.objects.filter(budgetaar__aar=fra)}
    kopier = []
    for tilbud in Tilbud.objects.all():
        kilde = egne.get(tilbud.pk, tilbud)
        felter = {felt: getattr(kilde, felt) for felt in AARSFELTER}
        tp = getattr(kilde, "timeprismodel_id", None)
        felter["timeprismodel_id"] = timeprismodeller.get(tp) if tp else None
        kopier.append(TilbudAar(tilbud=tilbud, budgetaar=til, **felter))
    _gem_kopier(kopier, acting_user)


def _faste_udgifter_kopier(
    fra: int, til: Budgetaar, procent: Decimal, acting_user: AbstractBaseUser
) -> None:
    kopier = [
        _kopi(linje, budgetaar_id=til.pk, beloeb=fremskrevet(linje.beloeb, procent))
        for linje in FastUdgift.objects.filter(budgetaar__aar=fra)
    ]
    _gem_kopier(kopier, acting_user)


def _rammer_kopier(
    fra: int, til: Budgetaar, procent: Decimal, acting_user: AbstractBaseUser
) -> None:
    """Amounts fremskrevet; pladser, forventede borgere and timer are not prices."""
    kopier = [
        _kopi(
            ramme,
            budgetaar_id=til.pk,
            rammebeloeb=fremskrevet(ramme.rammebeloeb, procent),
            tillaeg_pr_borger_pr_maaned=fremskrevet(
                ramme.tillaeg_pr_borger_pr_maaned, procent
            ),
        )
        for ramme in Rammeforudsaetning.objects.filter(budgetaar__aar=fra)
    ]
    _gem_kopier(kopier, acting_user)


def _nye_koder_indplacer(
    borgere: tuple[BorgerPaaKode, ...],
    koder: dict[int, str],
    takstmodel: Takstmodel,
    kopier_fra: int,
    acting_user: AbstractBaseUser,
) -> None:
    """Each borger's new level from 1 January, as a rådgiver's indplacering."""
    niveauer = {n.kode: n for n in takstmodel.niveauer.all()}
    nytaar = datetime.date(takstmodel.aar, 1, 1)
    for b in borgere:
        begrundelse = NIVEAU_BEGRUNDELSE.format(
            aar=takstmodel.aar, kode=b.kode, kopier_fra=kopier_fra
        )
        indplacering_create(
            borger=Borger.objects.get(pk=b.borger_id),
            gyldig_fra=nytaar,
            takstniveau=niveauer[koder[b.borger_id]],
            begrundelse=begrundelse,
            acting_user=acting_user,
        )


def _kraev_priser(skift: Niveauskift) -> None:
    """Every code in force on a financed day of the new year that no new level
    can replace has a fixed takst, or the year's budget could not be computed:
    e.g. a kept takstmodel without the code of a borger in the run-off after an
    afgang in December."""
    if skift.uden_pris:
        raise ValidationError(
            {
                "takstmodel": [
                    KODE_STADIG_UDEN_PRIS.format(
                        aar=skift.aar, kode=kode, borgere=", ".join(borgere)
                    )
                    for kode, borgere in skift.uden_pris.items()
                ]
            }
        )
