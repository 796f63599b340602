"""Writes for borgere, døgnskemaer and placements (STYLE.md 2.2, DOMAIN.md §5-§6).

Every placement change locks the borger row first, so two caseworkers acting on
the same borger at once are serialised and cannot create overlapping ophold.
Ophold occupy [tilgang, afgang): a borger may start elsewhere on the afgang day.

A placement change names the tilbud whose budget it changes (config.lib.derived:
budgets recomputes their stored monthly figures before the write commits).

This module is the package's top: it imports annullering and betalingskommune,
which share its helpers through offers.services.common and never import it.
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from config.lib import derived
from config.lib.history import save_with_history as _save
from offers import cpr as cpr_lib
from offers import engine
from offers.models import (
    Afgangsaarsag,
    Borger,
    Doegnskema,
    DoegnskemaPost,
    Funktionsevne,
    Haendelsesart,
    Indplacering,
    Ophold,
    Tilbud,
    Tilbudstype,
    Ugepost,
)
from offers.services import betalingskommune as bk
from offers.services.annullering import annullering_create
from offers.services.common import OPHOLD_OVERLAP, _fmt, _lock
from offers.services.opfoelgning import check_opfoelgning
from tariffs import engine as tariff_engine
from tariffs.lukkede_aar import kraev_aabent_fra
from tariffs.models import Takstniveau, VumTema
from tariffs.selectors import niveau_for

CPR_FINDES = "Der findes allerede en borger med dette CPR-nummer."
AFGANG_FOER_TILGANG = "Afgangsdatoen kan ikke ligge før tilgangsdatoen ({tilgang})."
INTET_OPHOLD = "Borgeren har intet ophold på datoen."
AFGANG_FINDES = (
    "Opholdet har allerede en afgang ({afgang}). Er den forkert, så annullér den "
    "og registrér den rigtige."
)
NIVEAU_AAR = "Takstniveauet hører til takstmodellen for {model_aar}, ikke for {aar}."
BEGRUNDELSE_KRAEVES = (
    "Skriv en begrundelse, når det besluttede niveau afviger fra det foreslåede "
    "({kode})."
)
AFGANGSAARSAG_UKENDT = (
    "Ukendt afgangsårsag '{aarsag}' (brug andet_tilbud, egen_bolig, doed, "
    "anden_kommune eller andet)."
)
AFGANGSAARSAG_TEKST_KRAEVES = "Beskriv årsagen, når afgangsårsagen er »Andet«."
SAERTAKST_TIMER_KRAEVES = "Angiv timer pr. døgn for en særtakst."
SAERTAKST_TIMER_KUN = "Timer pr. døgn angives kun for en særtakst."
VISITEREDE_TIMER_KRAEVES = "Angiv visiterede timer pr. uge for bostøtte."
VISITEREDE_TIMER_KUN = "Visiterede timer pr. uge angives kun for bostøtte § 85."
SAERTAKST_TIMER_IKKE_BOSTOETTE = (
    "Bostøtte visiteres i timer pr. uge: angiv ikke timer pr. døgn."
)
INDPLACERING_DATO_FINDES = "Der er allerede en indplacering på denne dato."
DATO_UDEN_FOR_OPHOLD = "Datoen ligger uden for opholdet ({tilgang}–{afgang})."
SAMME_TILBUD = "Borgeren bor allerede i dette tilbud."
OMPLACERING_FOER_TILGANG = (
    "Omplaceringsdatoen kan ikke ligge før tilgangen i {tilbud} ({tilgang})."
)
# Issue 14 item 5: a second move on the same day would leave a stay of no days
# (4→2 then 2→3 on one day). Refused, as a wrong afgang is (AFGANG_FINDES): a
# correction is an annulment (kept in the ledger and the history) and then the
# right registration; concurrent moves of one borger thus end in one result.
OMPLACERING_SAMME_DAG = (
    "Borgeren bor i {tilbud} fra {dato}, så en omplacering samme dag ville "
    "efterlade et ophold uden dage. Er tilgangen eller omplaceringen til {tilbud} "
    "forkert, så annullér den og registrér den rigtige."
)
# Issue 19 #3: a tilgang without any døgnskema says why (the page and the API ask).
BEGRUNDELSE_UDEN_DOEGNSKEMA = (
    "Borgeren har intet døgnskema. Skriv en begrundelse for tilgangen uden døgnskema."
)
AFGANG_ERSTATTET = "Afgangen erstattes af omplaceringen til {tilbud} {dato}."
# One rule for a level change and an afgang, whichever is registered first: a stay
# is [tilgang, afgang), so a level must start on a day the borger lives there.
NIVEAUSKIFT_REGEL = (
    "Et niveauskift skal gælde fra en dag, hvor borgeren bor i tilbuddet, dvs. "
    "senest dagen før afgangen: afgangsdagen hører til det næste ophold, og "
    "afløbet efter afgangen betales på det sidste niveau."
)
NIVEAUSKIFT_EFTER_AFGANG = "Borgeren fraflytter {afgang}. " + NIVEAUSKIFT_REGEL
AFGANG_FOER_TILLAEG = (
    "Der er en tillægstakst fra {fra}, som ikke ligger før afgangen. Et tillæg "
    "skal begynde på en dag, hvor borgeren bor i tilbuddet: annullér tillægget "
    "først, eller vælg en senere afgang."
)
AFGANG_FOER_NIVEAUSKIFT = (
    "Der er et niveauskift fra {fra}, som ikke ligger før afgangen. "
    + NIVEAUSKIFT_REGEL
)


@transaction.atomic
def borger_create(
    *, cpr: str, navn: str, betalingskommune: str = "", acting_user: AbstractBaseUser
) -> Borger:
    try:
        normalized = cpr_lib.normalize_cpr(cpr)
    except ValidationError as err:
        raise ValidationError({"cpr": err.messages}) from None
    cpr_hash = cpr_lib.hash_cpr(normalized)
    if Borger.objects.filter(cpr_hash=cpr_hash).exists():
        raise ValidationError({"cpr": CPR_FINDES})
    borger = Borger(
        navn=navn,
        cpr_krypteret=cpr_lib.encrypt_cpr(normalized),
        cpr_hash=cpr_hash,
        cpr_maskeret=cpr_lib.mask_cpr(normalized),
        betalingskommune=bk.kommunekode_normaliseret(betalingskommune),
    )
    try:
        with transaction.atomic():
            _save(borger, acting_user)
    except IntegrityError:
        raise ValidationError({"cpr": CPR_FINDES}) from None
    if borger.betalingskommune:  # no date given: paid for by it from the start
        bk.betalingskommune_set(
            borger=borger,
            kommunekode=borger.betalingskommune,
            gyldig_fra=bk.FRA_BEGYNDELSEN,
            acting_user=acting_user,
        )
    return borger


def borger_find_by_cpr(cpr: str) -> Borger | None:
    """Lookup by the keyed hash; the CPR itself is never queried or logged."""
    return Borger.objects.filter(
        cpr_hash=cpr_lib.hash_cpr(cpr_lib.normalize_cpr(cpr))
    ).first()


@transaction.atomic
def doegnskema_create(
    *,
    borger: Borger,
    dato: datetime.date,
    poster: Iterable[Mapping[str, Any]],
    ugeposter: Iterable[Mapping[str, Any]] = (),
    funktionsevner: Mapping[str, int] | None = None,
    bemaerkning: str = "",
    acting_user: AbstractBaseUser,
) -> Doegnskema:
    """Create a døgnskema with its poster and ugeposter.

    poster: {tidsrum, tema (kode), minutter};
    ugeposter: {tema, beskrivelse, minutter_pr_uge}.
    """
    temaer = {t.kode: t for t in VumTema.objects.all()}
    skema = _save(
        Doegnskema(
            borger=borger, dato=dato, bemaerkning=bemaerkning, oprettet_af=acting_user
        ),
        acting_user,
    )
    for post in poster:
        if post["minutter"]:
            _save(
                DoegnskemaPost(
                    doegnskema=skema,
                    tidsrum=post["tidsrum"],
                    tema=_tema(temaer, post["tema"]),
                    minutter=post["minutter"],
                ),
                acting_user,
            )
    for post in ugeposter:
        _save(
            Ugepost(
                doegnskema=skema,
                tema=_tema(temaer, post["tema"]),
                beskrivelse=post["beskrivelse"],
                minutter_pr_uge=post["minutter_pr_uge"],
            ),
            acting_user,
        )
    for kode, score in (funktionsevner or {}).items():
        _save(
            Funktionsevne(doegnskema=skema, tema=_tema(temaer, kode), score=score),
            acting_user,
        )
    return skema


def _tema(temaer: Mapping[str, VumTema], kode: str) -> VumTema:
    if kode not in temaer:
        raise ValidationError({"tema": f"Ukendt VUM-tema: {kode}."})
    return temaer[kode]


def doegnskema_timer_pr_doegn(skema: Doegnskema) -> Decimal:
    """Total support hours per døgn of a døgnskema (DOMAIN.md §5)."""
    poster = [
        tariff_engine.DoegnskemaPost(p.tidsrum, p.tema.kode, p.minutter)
        for p in skema.poster.select_related("tema")
    ]
    ugeposter = [
        tariff_engine.Ugepost(u.tema.kode, u.minutter_pr_uge)
        for u in skema.ugeposter.select_related("tema")
    ]
    return tariff_engine.stoettetimer_pr_doegn(poster, ugeposter)


def foreslaaet_takstniveau(skema: Doegnskema, aar: int) -> Takstniveau | None:
    """The level whose span holds the døgnskema's total, in `aar`'s takstmodel."""
    niveauer = list(
        Takstniveau.objects.filter(takstmodel__aar=aar).select_related("takstmodel")
    )
    if not niveauer:
        return None
    forslag = tariff_engine.foreslaaet_niveau(
        [niveau_for(n) for n in niveauer],
        doegnskema_timer_pr_doegn(skema),
        niveauer[0].takstmodel.enhed,
    )
    return next((n for n in niveauer if forslag and n.kode == forslag.kode), None)


def _check_no_overlap(
    borger: Borger, tilgang: datetime.date, exclude: Ophold | None = None
) -> None:
    clash = (
        Ophold.objects.filter(borger=borger)
        .filter(Q(afgang__isnull=True) | Q(afgang__gt=tilgang))
        .exclude(pk=exclude.pk if exclude else None)
        .select_related("tilbud")
        .order_by("tilgang")
    )
    for ophold in clash:
        # The new ophold is open-ended, so any ophold still running after its
        # start clashes.
        raise ValidationError(
            {
                "dato": OPHOLD_OVERLAP.format(
                    tilbud=ophold.tilbud, fra=_fmt(ophold.tilgang)
                )
            }
        )


def _check_niveau(
    takstniveau: Takstniveau, dato: datetime.date, saertakst_timer
) -> None:
    model_aar = takstniveau.takstmodel.aar
    if model_aar != dato.year:
        raise ValidationError(
            {"takstniveau": NIVEAU_AAR.format(model_aar=model_aar, aar=dato.year)}
        )
    if takstniveau.saertakst and not saertakst_timer:
        raise ValidationError({"saertakst_timer": SAERTAKST_TIMER_KRAEVES})
    if not takstniveau.saertakst and saertakst_timer:
        raise ValidationError({"saertakst_timer": SAERTAKST_TIMER_KUN})


def _check_bostoette(tilbud: Tilbud, visiterede_timer_pr_uge, saertakst_timer) -> None:
    """Issue 17: a bostøtte § 85 placement is decided in visiterede hours per
    week (they price it), any other in its level (and særtakst hours)."""
    if tilbud.tilbudstype != Tilbudstype.BOSTOETTE_85:
        if visiterede_timer_pr_uge is not None:
            raise ValidationError({"visiterede_timer_pr_uge": VISITEREDE_TIMER_KUN})
        return
    if visiterede_timer_pr_uge is None:
        raise ValidationError({"visiterede_timer_pr_uge": VISITEREDE_TIMER_KRAEVES})
    if saertakst_timer:
        raise ValidationError({"saertakst_timer": SAERTAKST_TIMER_IKKE_BOSTOETTE})


def check_indplacering(
    tilbud: Tilbud,
    takstniveau: Takstniveau,
    gyldig_fra: datetime.date,
    saertakst_timer,
    visiterede_timer_pr_uge,
) -> None:
    """The rules every new or changed level obeys, for the writes that do not
    come through the services here (the admin)."""
    _check_bostoette(tilbud, visiterede_timer_pr_uge, saertakst_timer)
    _check_niveau(takstniveau, gyldig_fra, saertakst_timer)


def _new_indplacering(
    *,
    ophold: Ophold,
    gyldig_fra,
    takstniveau,
    saertakst_timer,
    begrundelse,
    doegnskema,
    acting_user,
    registreret,
    visiterede_timer_pr_uge=None,
    pladsandel=Decimal(1),
    naeste_opfoelgning=None,
) -> Indplacering:
    _check_bostoette(ophold.tilbud, visiterede_timer_pr_uge, saertakst_timer)
    check_opfoelgning(naeste_opfoelgning, gyldig_fra)
    _check_niveau(takstniveau, gyldig_fra, saertakst_timer)
    forslag = (
        foreslaaet_takstniveau(doegnskema, gyldig_fra.year) if doegnskema else None
    )
    if forslag and forslag.pk != takstniveau.pk and not begrundelse.strip():
        raise ValidationError(
            {"begrundelse": BEGRUNDELSE_KRAEVES.format(kode=forslag.kode)}
        )
    if Indplacering.objects.filter(ophold=ophold, gyldig_fra=gyldig_fra).exists():
        raise ValidationError({"gyldig_fra": INDPLACERING_DATO_FINDES})
    return _save(
        Indplacering(
            ophold=ophold,
            gyldig_fra=gyldig_fra,
            takstniveau=takstniveau,
            foreslaaet_niveau=forslag,
            saertakst_timer=saertakst_timer,
            visiterede_timer_pr_uge=visiterede_timer_pr_uge,
            pladsandel=pladsandel,
            begrundelse=begrundelse,
            doegnskema=doegnskema,
            besluttet_af=acting_user,
            registreret=registreret or timezone.localdate(),
            naeste_opfoelgning=(
                naeste_opfoelgning or engine.naeste_opfoelgning_standard(gyldig_fra)
            ),
        ),
        acting_user,
    )


@derived.writes
def borger_tilgang(
    *,
    borger: Borger,
    tilbud: Tilbud,
    dato: datetime.date,
    takstniveau: Takstniveau,
    acting_user: AbstractBaseUser,
    saertakst_timer: Decimal | None = None,
    begrundelse: str = "",
    doegnskema: Doegnskema | None = None,
    registreret: datetime.date | None = None,
    omplaceret_fra: Ophold | None = None,
    betalingskommune: str | None = None,
    visiterede_timer_pr_uge: Decimal | None = None,
    pladsandel: Decimal = Decimal(1),
    naeste_opfoelgning: datetime.date | None = None,
    begrundelse_uden_doegnskema: str | None = None,
) -> Ophold:
    """Register a tilgang with its first indplacering.

    DOMAIN.md §6: financed from the tilgang. ``betalingskommune`` given (blank:
    the own municipality) is the borger's betalingskommune from the tilgang day;
    left out (None), the borger's betalingskommune is not changed.
    ``begrundelse_uden_doegnskema`` given (the page and the API always give it)
    must be filled in when the borger has no døgnskema; left out (None: an
    omplacering, an import, the demo) nothing is asked.
    """
    borger = _lock(borger)
    kraev_aabent_fra(dato, "dato")  # a lukket year's figures never move
    _check_no_overlap(borger, dato)
    _check_bostoette(tilbud, visiterede_timer_pr_uge, saertakst_timer)
    _check_niveau(takstniveau, dato, saertakst_timer)
    # Last: a wrong date or level is said first, the missing reason after.
    uden_skema = _uden_doegnskema(borger, begrundelse_uden_doegnskema)
    registreret = registreret or timezone.localdate()
    ophold = _save(
        Ophold(
            borger=borger,
            tilbud=tilbud,
            tilgang=dato,
            tilgang_registreret=registreret,
            omplaceret_fra=omplaceret_fra,
            begrundelse_uden_doegnskema=uden_skema,
        ),
        acting_user,
    )
    _new_indplacering(
        ophold=ophold,
        gyldig_fra=dato,
        takstniveau=takstniveau,
        saertakst_timer=saertakst_timer,
        begrundelse=begrundelse,
        doegnskema=doegnskema,
        acting_user=acting_user,
        registreret=registreret,
        visiterede_timer_pr_uge=visiterede_timer_pr_uge,
        pladsandel=pladsandel,
        naeste_opfoelgning=naeste_opfoelgning,
    )
    if betalingskommune is not None:
        bk.betalingskommune_set(
            borger=borger,
            kommunekode=betalingskommune,
            gyldig_fra=dato,
            acting_user=acting_user,
            registreret=registreret,
        )
    derived.changed(tilbud=[tilbud.pk], fra=dato)
    return ophold


def _uden_doegnskema(borger: Borger, begrundelse: str | None) -> str:
    if begrundelse is None:
        return ""
    begrundelse = begrundelse.strip()
    if not begrundelse and not Doegnskema.objects.filter(borger=borger).exists():
        raise ValidationError(
            {"begrundelse_uden_doegnskema": BEGRUNDELSE_UDEN_DOEGNSKEMA}
        )
    return begrundelse


def _ophold_on(borger: Borger, dato: datetime.date) -> Ophold:
    # Ophold occupy [tilgang, afgang): on a move day the borger is in the new one.
    ophold = (
        Ophold.objects.filter(borger=borger, tilgang__lte=dato)
        .filter(Q(afgang__isnull=True) | Q(afgang__gt=dato))
        .order_by("-tilgang")
        .first()
    )
    if ophold is None:
        raise ValidationError({"dato": INTET_OPHOLD})
    return ophold


def _check_no_level_from(ophold: Ophold, afgang: datetime.date) -> None:
    """A level change on or after the afgang day is refused (NIVEAUSKIFT_REGEL).

    The tilgang's own level is not a change: an afgang on the tilgang day leaves
    a stay of no days.
    """
    senere = (
        ophold.indplaceringer.filter(gyldig_fra__gte=afgang)
        .exclude(gyldig_fra=ophold.tilgang)
        .order_by("gyldig_fra")
        .first()
    )
    if senere is not None:
        raise ValidationError(
            {"dato": AFGANG_FOER_NIVEAUSKIFT.format(fra=_fmt(senere.gyldig_fra))}
        )
    # Issue 17: the same rule for a tillægstakst, which starts on a day lived there.
    tillaeg = ophold.tillaegstakster.filter(fra__gte=afgang).order_by("fra").first()
    if tillaeg is not None:
        raise ValidationError(
            {"dato": AFGANG_FOER_TILLAEG.format(fra=_fmt(tillaeg.fra))}
        )


def _check_not_after_afgang(borger: Borger, dato: datetime.date) -> None:
    """A level dated on or after the borger's last afgang: the rule's message."""
    forrige = (
        Ophold.objects.filter(borger=borger, afgang__isnull=False, afgang__lte=dato)
        .order_by("-afgang")
        .first()
    )
    if forrige is not None:
        raise ValidationError(
            {"gyldig_fra": NIVEAUSKIFT_EFTER_AFGANG.format(afgang=_fmt(forrige.afgang))}
        )


def _latest_open_ophold(borger: Borger) -> Ophold:
    ophold = Ophold.objects.filter(borger=borger, afgang__isnull=True).first()
    if ophold is not None:
        return ophold
    seneste = Ophold.objects.filter(borger=borger).order_by("-tilgang").first()
    if seneste is not None:  # every stay has an afgang: say so, not "no stay"
        raise ValidationError(
            {"dato": AFGANG_FINDES.format(afgang=_fmt(seneste.afgang))}
        )
    raise ValidationError({"dato": INTET_OPHOLD})


@derived.writes
def borger_afgang(
    *,
    borger: Borger,
    dato: datetime.date,
    acting_user: AbstractBaseUser,
    registreret: datetime.date | None = None,
    afgangsaarsag: str = "",
    afgangsaarsag_tekst: str = "",
) -> Ophold:
    """Register an afgang on the borger's open ophold (financed a month past it).

    ``afgangsaarsag`` (issue 15 #2) may be blank (the API keeps it optional);
    ``andet`` needs ``afgangsaarsag_tekst``."""
    borger = _lock(borger)
    kraev_aabent_fra(dato, "dato")
    afgangsaarsag_tekst = afgangsaarsag_tekst.strip()
    _kraev_afgangsaarsag(afgangsaarsag, afgangsaarsag_tekst)
    ophold = _latest_open_ophold(borger)
    if dato < ophold.tilgang:
        raise ValidationError(
            {"dato": AFGANG_FOER_TILGANG.format(tilgang=_fmt(ophold.tilgang))}
        )
    _check_no_level_from(ophold, dato)
    ophold.afgang = dato
    ophold.afgang_registreret = registreret or timezone.localdate()
    ophold.afgangsaarsag = afgangsaarsag
    ophold.afgangsaarsag_tekst = afgangsaarsag_tekst
    derived.changed(tilbud=[ophold.tilbud_id], fra=dato)
    return _save(ophold, acting_user)


def _kraev_afgangsaarsag(aarsag: str, tekst: str) -> None:
    if aarsag and aarsag not in Afgangsaarsag.values:
        raise ValidationError(
            {"afgangsaarsag": AFGANGSAARSAG_UKENDT.format(aarsag=aarsag)}
        )
    if aarsag == Afgangsaarsag.ANDET and not tekst:
        raise ValidationError({"afgangsaarsag_tekst": AFGANGSAARSAG_TEKST_KRAEVES})


@derived.writes
def indplacering_create(
    *,
    borger: Borger,
    gyldig_fra: datetime.date,
    takstniveau: Takstniveau,
    acting_user: AbstractBaseUser,
    begrundelse: str = "",
    doegnskema: Doegnskema | None = None,
    saertakst_timer: Decimal | None = None,
    registreret: datetime.date | None = None,
    visiterede_timer_pr_uge: Decimal | None = None,
    pladsandel: Decimal = Decimal(1),
    naeste_opfoelgning: datetime.date | None = None,
) -> Indplacering:
    """A new level for the borger's ophold from `gyldig_fra` (a day in the ophold).

    In a bostøtte § 85 tilbud ``visiterede_timer_pr_uge`` is required (issue 17);
    ``pladsandel`` (issue 17, dagtilbud: 1 hel, 0.5 halv plads) from that day.
    """
    borger = _lock(borger)
    kraev_aabent_fra(gyldig_fra, "gyldig_fra")
    try:
        ophold = _ophold_on(borger, gyldig_fra)
    except ValidationError:
        _check_not_after_afgang(borger, gyldig_fra)
        raise
    derived.changed(tilbud=[ophold.tilbud_id], fra=gyldig_fra)
    return _new_indplacering(
        ophold=ophold,
        gyldig_fra=gyldig_fra,
        takstniveau=takstniveau,
        saertakst_timer=saertakst_timer,
        begrundelse=begrundelse,
        doegnskema=doegnskema,
        acting_user=acting_user,
        registreret=registreret,
        visiterede_timer_pr_uge=visiterede_timer_pr_uge,
        pladsandel=pladsandel,
        naeste_opfoelgning=naeste_opfoelgning,
    )


def _ophold_to_move_from(borger: Borger, dato: datetime.date) -> Ophold:
    """The latest ophold not ended by ``dato``: the open one, or one whose
    registered afgang lies after the move day (the borger still lives there)."""
    ophold = (
        Ophold.objects.filter(borger=borger)
        .filter(Q(afgang__isnull=True) | Q(afgang__gt=dato))
        .order_by("-tilgang")
        .first()
    )
    if ophold is None:
        raise ValidationError({"dato": INTET_OPHOLD})
    return ophold


def _erstat_afgang(
    ophold: Ophold,
    til_tilbud: Tilbud,
    dato: datetime.date,
    acting_user: AbstractBaseUser,
    registreret: datetime.date | None,
) -> None:
    """Issue 12 item 10: a move before a registered afgang replaces it. The afgang
    is annulled (so the ledger keeps it as entries of their own) and borger_afgang
    then applies its rules to the move day."""
    annullering_create(
        borger=ophold.borger,
        haendelse=Haendelsesart.AFGANG,
        ophold=ophold,
        begrundelse=AFGANG_ERSTATTET.format(tilbud=til_tilbud, dato=_fmt(dato)),
        acting_user=acting_user,
        registreret=registreret,
    )


@derived.writes
def omplacering(
    *,
    borger: Borger,
    til_tilbud: Tilbud,
    dato: datetime.date,
    takstniveau: Takstniveau,
    acting_user: AbstractBaseUser,
    saertakst_timer: Decimal | None = None,
    begrundelse: str = "",
    doegnskema: Doegnskema | None = None,
    registreret: datetime.date | None = None,
    visiterede_timer_pr_uge: Decimal | None = None,
    pladsandel: Decimal = Decimal(1),
    naeste_opfoelgning: datetime.date | None = None,
) -> Ophold:
    """Move a borger between tilbud: afgang from the open ophold, tilgang that day."""
    borger = _lock(borger)
    kraev_aabent_fra(dato, "dato")
    _check_bostoette(til_tilbud, visiterede_timer_pr_uge, saertakst_timer)
    gammelt = _ophold_to_move_from(borger, dato)
    if gammelt.tilbud_id == til_tilbud.pk:
        raise ValidationError({"tilbud": SAMME_TILBUD})
    if dato < gammelt.tilgang:  # else borger_afgang speaks of an afgangsdato
        fejl = OMPLACERING_FOER_TILGANG.format(
            tilbud=gammelt.tilbud, tilgang=_fmt(gammelt.tilgang)
        )
        raise ValidationError({"dato": fejl})
    if gammelt.tilgang == dato:
        raise ValidationError(
            {
                "dato": OMPLACERING_SAMME_DAG.format(
                    tilbud=gammelt.tilbud, dato=_fmt(dato)
                )
            }
        )
    if gammelt.afgang is not None:
        _erstat_afgang(gammelt, til_tilbud, dato, acting_user, registreret)
    gammelt = borger_afgang(
        borger=borger,
        dato=dato,
        acting_user=acting_user,
        registreret=registreret,
        afgangsaarsag=Afgangsaarsag.ANDET_TILBUD,
    )
    return borger_tilgang(
        borger=borger,
        tilbud=til_tilbud,
        dato=dato,
        takstniveau=takstniveau,
        acting_user=acting_user,
        saertakst_timer=saertakst_timer,
        begrundelse=begrundelse,
        doegnskema=doegnskema,
        registreret=registreret,
        omplaceret_fra=gammelt,
        visiterede_timer_pr_uge=visiterede_timer_pr_uge,
        pladsandel=pladsandel,
        naeste_opfoelgning=naeste_opfoelgning,
    )
