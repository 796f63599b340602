"""Writes of timeprismodeller and takstmodeller (STYLE.md 2.2)."""

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import F, Max, Model, ProtectedError
from django.utils import timezone

from config.lib import derived
from config.lib.formatting import format_dato
from config.lib.history import save_with_history as _save
from config.lib.history import with_history_user
from tariffs import budgetvirkning, engine
from tariffs.lukkede_aar import kraev_aabent_aar
from tariffs.models import (
    Fravaerslinje,
    Loenpost,
    Takstmodel,
    Takstniveau,
    Takstskift,
    TakstskiftServicetakst,
    Tidsanvendelseslinje,
    Timeprisgruppe,
    Timeprismodel,
)
from tariffs.selectors import (
    Takster,
    budgetaar_status,
    takster_i_kraft_pr_model,
    timepriser_for,
)

LINJE_FEJL = "Angiv enten timer eller procent for hver linje, ikke begge."
NIVEAU_BRUGT = "Niveau {kode} bruges af indplaceringer og kan ikke slettes."
AAR_FAST = "Budgetåret på en gemt model kan ikke ændres. Opret en ny model for {aar}."
GYLDIG_FRA_KRAEVES = (
    "Budgetåret {aar} er vedtaget: angiv den dato, ændringen gælder fra."
)
GYLDIG_FRA_UDEN_FOR_AARET = (
    "Datoen, ændringen gælder fra, skal ligge i budgetåret {aar}."
)
GYLDIG_FRA_FOER_SENESTE = (
    "Der er allerede en takstændring i {aar}, der gælder fra {dato}. En ny "
    "ændring kan tidligst gælde fra den dato."
)


def _save_if_changed(
    instance: Model, values: Mapping[str, Any], user: AbstractBaseUser
) -> Any:
    """Set ``values`` and save, unless a saved row already holds them: a save
    without a change would leave a history row that shows nothing changed."""
    changed = instance.pk is None or any(
        getattr(instance, field) != value for field, value in values.items()
    )
    for field, value in values.items():
        setattr(instance, field, value)
    return _save(instance, user) if changed else instance


def _former(model) -> tuple[str, ...]:
    """The forms a line of ``model`` may be given in (issue 17): a fravær line in
    hours or % of the norm, a tidsanvendelse line in every form."""
    if model is Fravaerslinje:
        return engine.FRAVAERSFORMER
    return engine.LINJEFORMER


def _sync_by_key(model, timeprismodel, key, rows_values, user) -> None:
    """Change each row of ``model`` in place by ``key`` (its history shows old and
    new), create the new ones and delete those no longer given."""
    gemte = {
        getattr(row, key): row
        for row in model.objects.filter(timeprismodel=timeprismodel)
    }
    for noegle, values in rows_values:
        row = gemte.pop(noegle, None) or model(
            timeprismodel=timeprismodel, **{key: noegle}
        )
        _save_if_changed(row, values, user)
    for old in gemte.values():
        with_history_user(old, user).delete()


def _sync_lines(model, timeprismodel, lines, user) -> None:
    """Each kategori's line in exactly one of its forms (LINJE_FEJL)."""
    former = _former(model)
    rows_values = []
    for line in lines:
        givne = [form for form in engine.LINJEFORMER if line.get(form) is not None]
        if len(givne) != 1 or givne[0] not in former:
            raise ValidationError({"linjer": LINJE_FEJL})
        rows_values.append((line["kategori"], {f: line.get(f) for f in former}))
    _sync_by_key(model, timeprismodel, "kategori", rows_values, user)


def _sync_loenposter(timeprismodel, poster, user) -> None:
    """Issue 17: the salary items by kategori; dagpengerefusion is negative."""
    rows_values = []
    for post in poster:
        try:
            engine.Loenpost(post["kategori"], post["beloeb"])
        except ValueError as exc:
            raise ValidationError({"loenposter": str(exc)}) from exc
        rows_values.append((post["kategori"], {"beloeb": post["beloeb"]}))
    if timeprismodel.aarsloen + sum((p["beloeb"] for p in poster), Decimal(0)) <= 0:
        raise ValidationError({"loenposter": engine.LOEN_I_ALT_FEJL})
    _sync_by_key(Loenpost, timeprismodel, "kategori", rows_values, user)


def _sync_grupper(timeprismodel, grupper, user) -> None:
    """Issue 17: the tiers by their first level; refused if they overlap."""
    fejl = engine.gruppe_fejl(
        [
            engine.Timeprisgruppe(g["fra"], g.get("til"), g["direkte_procent"])
            for g in grupper
        ]
    )
    if fejl:
        raise ValidationError({"grupper": fejl})
    rows_values = [
        (g["fra"], {"til": g.get("til"), "direkte_procent": g["direkte_procent"]})
        for g in grupper
    ]
    _sync_by_key(Timeprisgruppe, timeprismodel, "fra", rows_values, user)


# --- Issue 13 #3: a change of a year's takster, dated ---------------------------


def takstskift_check(
    *, aar: int, gyldig_fra: datetime.date | None, aendring: bool = True
) -> None:
    """Whether the takster of ``aar`` may change from ``gyldig_fra``; else a
    ValidationError (tariffs.lukkede_aar.AarLaast, a 409 in the API, for a lukket
    year). Writes nothing.

    Without a date a change reprices the year from its newest takstændring (or 1
    January), which only a forslag may; ``aendring`` False is a new model, which
    changes no takster in force. A date lies in the year, not before the year's
    newest takstændring: each one holds the takster up to its own date.
    """
    kraev_aabent_aar(aar)
    if gyldig_fra is None:
        if aendring and budgetaar_status(aar).vedtaget:
            raise ValidationError({"gyldig_fra": GYLDIG_FRA_KRAEVES.format(aar=aar)})
        return
    if gyldig_fra.year != aar:
        besked = GYLDIG_FRA_UDEN_FOR_AARET.format(aar=aar)
        raise ValidationError({"gyldig_fra": besked})
    seneste = Takstskift.objects.filter(aar=aar).aggregate(d=Max("gyldig_fra"))["d"]
    if seneste is not None and gyldig_fra < seneste:
        besked = GYLDIG_FRA_FOER_SENESTE.format(aar=aar, dato=format_dato(seneste))
        raise ValidationError({"gyldig_fra": besked})


def takstskift_registrer(
    *,
    aar: int,
    gyldig_fra: datetime.date | None,
    foer: Mapping[int | None, Takster],
    acting_user: AbstractBaseUser,
) -> list[Takstskift]:
    """Store ``foer``, the takster in force before a change just written
    (takster_i_kraft_pr_model), as the takster of the days before
    ``gyldig_fra`` (checked by takstskift_check): one Takstskift for the
    takstmodel's takster and, issue 17, one for each of the year's other
    timeprismodeller (a tilbud's own) whose takster the change moved.

    Nothing without a date, for takster that did not change (or a model made
    or removed by the change), or where a takstændring of that model from
    that date exists: it already holds the takster before the date, and the
    change only replaces the takster from it.
    """
    if gyldig_fra is None or not foer:
        return []
    nu = takster_i_kraft_pr_model(aar)
    skiftene = []
    for model_id, takster in foer.items():
        if model_id not in nu or nu[model_id] == takster:
            continue
        fra_dato = Takstskift.objects.filter(
            aar=aar, timeprismodel_id=model_id, gyldig_fra=gyldig_fra
        )
        if fra_dato.exists():
            continue
        skiftene.append(
            _gem_takstskift(aar, gyldig_fra, model_id, takster, acting_user)
        )
    return skiftene


def _gem_takstskift(
    aar: int,
    gyldig_fra: datetime.date,
    model_id: int | None,
    foer: Takster,
    acting_user: AbstractBaseUser,
) -> Takstskift:
    skift = _save(
        Takstskift(
            aar=aar,
            gyldig_fra=gyldig_fra,
            timeprismodel_id=model_id,
            registreret=timezone.localdate(),
            registreret_af=acting_user,
            timepris_direkte=foer.timepris_direkte,
            timepris_ekstratimer=foer.timepris_ekstratimer,
        ),
        acting_user,
    )
    for kode, takst in foer.servicetakster.items():
        ny = TakstskiftServicetakst(takstskift=skift, kode=kode, servicetakst=takst)
        _save(ny, acting_user)
    return skift


@contextmanager
def takstskift(
    *,
    aar: int,
    gyldig_fra: datetime.date | None,
    acting_user: AbstractBaseUser,
    aendring: bool = True,
) -> Iterator[None]:
    """Around the writes of a change to the takster of ``aar``: check the date
    first, and store the takster from before the writes once they succeeded.
    Use inside the writes' transaction."""
    takstskift_check(aar=aar, gyldig_fra=gyldig_fra, aendring=aendring)
    foer = takster_i_kraft_pr_model(aar) if gyldig_fra is not None else {}
    yield
    takstskift_registrer(
        aar=aar, gyldig_fra=gyldig_fra, foer=foer, acting_user=acting_user
    )


def _aaret(model: Timeprismodel | Takstmodel | None, aar: int) -> int:
    """The year a save changes: a saved model keeps its own. Moved out of a
    lukket year, the refusal is that year's (AarLaast, 409 in the API)."""
    if model is not None and model.pk is not None and model.aar != aar:
        kraev_aabent_aar(model.aar)
        raise ValidationError({"aar": AAR_FAST.format(aar=aar)})
    return aar


def timeprismodel_aarene(timeprismodel: Timeprismodel | None) -> set[int]:
    """The budget years a change to a saved timeprismodel moves: its own, and
    those of the takstmodeller that price with it."""
    if timeprismodel is None or timeprismodel.pk is None:
        return set()
    stored = Timeprismodel.objects.filter(pk=timeprismodel.pk)
    aarene = set(stored.values_list("aar", flat=True))
    return aarene | set(stored.values_list("takstmodeller__aar", flat=True)) - {None}


TIMEPRISMODEL_NAVN_FINDES = "Der findes allerede en timeprismodel «{navn}» for {aar}."


@derived.writes
def timeprismodel_kopier(
    *, acting_user: AbstractBaseUser, kilde: Timeprismodel, navn: str
) -> Timeprismodel:
    """Issue 17: a second timeprismodel of ``kilde``'s year, a copy of it with
    every line under ``navn`` (to be changed after, e.g. transport time for
    bostøtte). A lukket year takes none (tariffs.lukkede_aar)."""
    navn = navn.strip()
    if Timeprismodel.objects.filter(aar=kilde.aar, navn=navn).exists():
        besked = TIMEPRISMODEL_NAVN_FINDES.format(navn=navn, aar=kilde.aar)
        raise ValidationError({"navn": besked})
    former = engine.LINJEFORMER
    return timeprismodel_save(
        acting_user=acting_user,
        aar=kilde.aar,
        navn=navn,
        aarsloen=kilde.aarsloen,
        aarsnorm_timer=kilde.aarsnorm_timer,
        ekstratimer_direkte_procent=kilde.ekstratimer_direkte_procent,
        fravaer=[
            {"kategori": r.kategori, "timer": r.timer, "procent": r.procent}
            for r in kilde.fravaer.all()
        ],
        tidsanvendelse=[
            {"kategori": r.kategori, **{f: getattr(r, f) for f in former}}
            for r in kilde.tidsanvendelse.all()
        ],
        loenposter=[
            {"kategori": p.kategori, "beloeb": p.beloeb} for p in kilde.loenposter.all()
        ],
        grupper=[
            {"fra": g.fra, "til": g.til, "direkte_procent": g.direkte_procent}
            for g in kilde.grupper.all()
        ],
    )


TIMEPRISMODEL_TAKSTMODELLENS = (
    "Timeprismodellen «{navn}» er takstmodellens for {aar} og kan ikke slettes."
)
TIMEPRISMODEL_I_BRUG = (
    "Timeprismodellen «{navn}» bruges af {hvem} og kan ikke slettes. Vælg en "
    "anden timeprismodel for {dem} først."
)


@derived.writes
def timeprismodel_slet(*, acting_user: AbstractBaseUser, model: Timeprismodel) -> None:
    """Issue 17: delete one of a year's own timeprismodeller that no takstmodel
    and no tilbud uses (a tilbud's choice protects it), with its lines and
    dated takster; nothing it priced is left, so no figure moves. Its history
    keeps the deletion. A lukket year's are kept (tariffs.lukkede_aar)."""
    kraev_aabent_aar(model.aar)
    if Takstmodel.objects.filter(timeprismodel=model).exists():
        besked = TIMEPRISMODEL_TAKSTMODELLENS.format(navn=model.navn, aar=model.aar)
        raise ValidationError({"timeprismodel": besked})
    try:
        with_history_user(model, acting_user).delete()
    except ProtectedError as err:
        # budgets.TilbudAar.timeprismodel (PROTECT): the tilbud that chose it.
        navne = sorted({str(getattr(o, "tilbud", o)) for o in err.protected_objects})
        besked = TIMEPRISMODEL_I_BRUG.format(
            navn=model.navn,
            hvem=", ".join(navne),
            dem=("dem" if len(navne) > 1 else "det"),
        )
        raise ValidationError({"timeprismodel": besked}) from None


@derived.writes
def timeprismodel_save(
    *,
    acting_user: AbstractBaseUser,
    timeprismodel: Timeprismodel | None = None,
    aar: int,
    navn: str,
    aarsloen: Decimal,
    aarsnorm_timer: Decimal,
    fravaer: Iterable[Mapping[str, Any]],
    tidsanvendelse: Iterable[Mapping[str, Any]],
    loenposter: Iterable[Mapping[str, Any]] | None = None,
    grupper: Iterable[Mapping[str, Any]] | None = None,
    gyldig_fra: datetime.date | None = None,
    ekstratimer_direkte_procent: Decimal | None | object = ...,
) -> Timeprismodel:
    """Create or change a timeprismodel with its lines; rejects a model with no
    direct time. ``loenposter`` (salary items) and ``grupper`` (tiers by level,
    issue 17) replace the saved ones; None keeps them.
    ``ekstratimer_direkte_procent`` (issue 17: ekstratimer at their own
    timepris; None: at timepris_direkte) is kept when not given.

    A change of the year's takster applies from ``gyldig_fra`` (takstskift): the
    takster before it are stored first. A lukket year's takster never move
    (tariffs.lukkede_aar): neither the model's own year (takstskift_check) nor
    that of another year's takstmodel that prices with it.
    """
    _aaret(timeprismodel, aar)
    ny = timeprismodel is None or timeprismodel.pk is None
    for andet_aar in sorted(timeprismodel_aarene(timeprismodel) - {aar}):
        kraev_aabent_aar(andet_aar)
    model = timeprismodel or Timeprismodel()
    # Issue 17: a change of a tilbud's own model moves the takster of the
    # tilbud naming it, so it too is dated once the year is vedtaget, and the
    # own model's takster before the date are stored (takstskift_registrer).
    with takstskift(
        aar=aar, gyldig_fra=gyldig_fra, acting_user=acting_user, aendring=not ny
    ):
        values = {
            "aar": aar,
            "navn": navn,
            "aarsloen": aarsloen,
            "aarsnorm_timer": aarsnorm_timer,
        }
        if ekstratimer_direkte_procent is not ...:
            values["ekstratimer_direkte_procent"] = ekstratimer_direkte_procent
        _save_if_changed(model, values, acting_user)
        _sync_lines(Fravaerslinje, model, fravaer, acting_user)
        _sync_lines(Tidsanvendelseslinje, model, tidsanvendelse, acting_user)
        if loenposter is not None:
            _sync_loenposter(model, list(loenposter), acting_user)
        if grupper is not None:
            _sync_grupper(model, list(grupper), acting_user)
        try:  # read again: the model given may hold its lines from before
            timepriser_for(Timeprismodel.objects.get(pk=model.pk))
        except ValueError as exc:
            raise ValidationError({"tidsanvendelse": str(exc)}) from exc
    # Every tilbud of the years it prices is repriced (budgets' monthly figures).
    derived.changed(aar={aar} | timeprismodel_aarene(model))
    return model


KODE_I_BRUG = (
    "Takstniveau {kode} gælder i {aar} for {borgere}, men har ingen fast takst i "
    "takstmodellen for {aar}. Behold niveauet, eller indplacer borgerne på et andet "
    "niveau først."
)
FLERE_BORGERE = "{navne} og {antal} flere"
MAKS_NAVNE = 5


class NiveauFejl(ValidationError):
    """Levels that break DOMAIN.md §3 (tariffs.engine.niveau_fejl).

    ``fejl`` holds (index, felt, besked), so a form or an API can put each message
    on its level's field; the messages are also under "niveauer", named by code.
    """

    def __init__(self, fejl: list[engine.NiveauFejl], koder: list[str]) -> None:
        self.fejl = fejl
        super().__init__(
            {"niveauer": [f"Niveau {koder[i]}: {besked}" for i, _, besked in fejl]}
        )


def _engine_niveau(niveau: Mapping[str, Any]) -> engine.Niveau:
    return engine.Niveau(
        kode=niveau.get("kode", ""),
        navn=niveau.get("navn", ""),
        nedre=niveau["nedre"],
        oevre=niveau.get("oevre"),
        takstgivende=niveau.get("takstgivende"),
        saertakst=bool(niveau.get("saertakst")),
        fast_pris=niveau.get("fast_pris"),
    )


def _borgere_tekst(borgere: tuple[str, ...]) -> str:
    navne = ", ".join(borgere[:MAKS_NAVNE])
    if len(borgere) <= MAKS_NAVNE:
        return navne
    return FLERE_BORGERE.format(navne=navne, antal=len(borgere) - MAKS_NAVNE)


def takstniveauer_check(*, aar: int, niveauer: Sequence[Mapping[str, Any]]) -> None:
    """The year's levels, in order, as a takstmodel may hold them; else a
    ValidationError. Writes nothing (the admin checks its forms with it too).

    The spans form one ladder (NiveauFejl), and every code in force on a financed
    day of the year keeps a fixed price, or that year's budget cannot be priced.
    """
    fejl = engine.niveau_fejl([_engine_niveau(n) for n in niveauer])
    if fejl:
        raise NiveauFejl(fejl, [n.get("kode", "") for n in niveauer])
    prissatte = {n["kode"] for n in niveauer if not n.get("saertakst")}
    # Which codes the placements need is offers' data priced by budgets' rule of
    # financed days (DOMAIN.md §6): asked through tariffs.budgetvirkning.
    mangler = budgetvirkning.koder_uden_pris(aar, prissatte)
    if mangler:
        raise ValidationError(
            {
                "niveauer": [
                    KODE_I_BRUG.format(
                        kode=kode, aar=aar, borgere=_borgere_tekst(borgere)
                    )
                    for kode, borgere in mangler.items()
                ]
            }
        )


def _niveau_defaults(niveau: Mapping[str, Any]) -> dict[str, Any]:
    """Særtakst: no fixed hours; no takstgivende: the middle of the span (§3)."""
    data = dict(niveau)
    if data.get("saertakst"):
        data["takstgivende"] = None
    elif data.get("takstgivende") is None:
        data["takstgivende"] = engine.takstgivende_default(
            data["nedre"], data.get("oevre")
        )
    return data


# Added to a level's order while the levels are renumbered, to free the unique
# order; far above any real number of levels.
FLYT = 1000


@derived.writes
def takstmodel_save(
    *,
    acting_user: AbstractBaseUser,
    takstmodel: Takstmodel | None = None,
    aar: int,
    navn: str,
    enhed: str,
    timeprismodel: Timeprismodel,
    niveauer: Iterable[Mapping[str, Any]],
    gyldig_fra: datetime.date | None = None,
) -> Takstmodel:
    """Create or change a year's takstmodel. Levels keep their codes (placements
    name codes); takstniveauer_check says which levels a model may hold. A
    change of the year's takster applies from ``gyldig_fra`` (takstskift).

    Only what changed is written, each level in place, so the history shows the
    old and new value of every changed field.
    """
    niveauer = list(niveauer)
    _aaret(takstmodel, aar)
    ny = takstmodel is None or takstmodel.pk is None
    with takstskift(
        aar=aar, gyldig_fra=gyldig_fra, acting_user=acting_user, aendring=not ny
    ):
        takstniveauer_check(aar=aar, niveauer=niveauer)
        model = takstmodel or Takstmodel()
        values = {
            "aar": aar,
            "navn": navn,
            "enhed": enhed,
            "timeprismodel": timeprismodel,
        }
        _save_if_changed(model, values, acting_user)
        _save_levels(model, [_niveau_defaults(n) for n in niveauer], acting_user)
    # Every tilbud of the year is repriced (budgets' monthly figures).
    derived.changed(aar={aar})
    return model


def _save_levels(
    model: Takstmodel, niveauer: list[dict[str, Any]], user: AbstractBaseUser
) -> None:
    """The levels in this order: new ones created, changed ones saved, the others
    deleted. Those that move are first lifted out of the way without a history
    row, so each level gets one history row with its old and new order."""
    gemte = {n.kode: n for n in Takstniveau.objects.filter(takstmodel=model)}
    koder = {n["kode"] for n in niveauer}
    _drop_unused_levels([n for kode, n in gemte.items() if kode not in koder], user)
    flyttes = [
        gemte[n["kode"]].pk
        for raekkefoelge, n in enumerate(niveauer, start=1)
        if n["kode"] in gemte and gemte[n["kode"]].raekkefoelge != raekkefoelge
    ]
    Takstniveau.objects.filter(pk__in=flyttes).update(
        raekkefoelge=F("raekkefoelge") + FLYT
    )
    for raekkefoelge, data in enumerate(niveauer, start=1):
        niveau = gemte.get(data["kode"]) or Takstniveau(takstmodel=model)
        _save_if_changed(niveau, {**data, "raekkefoelge": raekkefoelge}, user)


def _drop_unused_levels(niveauer: list[Takstniveau], user) -> None:
    for old in niveauer:
        try:
            with_history_user(old, user).delete()
        except ProtectedError:
            raise ValidationError(
                {"niveauer": NIVEAU_BRUGT.format(kode=old.kode)}
            ) from None
