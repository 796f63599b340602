"""API shapes of timeprismodeller and takstmodeller (STYLE.md 5.2).

Input serializers check shape and types; the viewsets call tariffs.services.
Output serializers add the derived figures as read-only decimal strings.
"""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.lib.datoer import valider_dato
from config.lib.money import AFRUNDING
from tariffs import engine
from tariffs.engine import LINJEFORMER
from tariffs.models import (
    Enhed,
    FravaerKategori,
    LoenpostKategori,
    Takstmodel,
    TidsanvendelseKategori,
    Timeprismodel,
)
from tariffs.selectors import (
    servicetakster_for,
    timepriser_for,
    timeprisgrundlag_for,
)

LINJE_EN_AF = "Angiv enten timer eller procent, ikke begge."
LINJE_EN_FORM = (
    "Angiv linjen på én måde: timer pr. år, procent af fremmødet, procent af "
    "årsnormen, timer pr. fremmødeuge eller timer pr. fremmødedag."
)
GYLDIG_FRA_HJAELP = (
    "Datoen, ændringen af årets takster gælder fra (i modellens budgetår): dagene "
    "før prises med de hidtidige takster. Kræves, når budgetåret er vedtaget; "
    "uden den gælder ændringen fra årets seneste takstændring (eller 1. januar)."
)


def _gyldig_fra() -> serializers.DateField:
    return serializers.DateField(
        validators=[valider_dato],
        required=False,
        allow_null=True,
        help_text=GYLDIG_FRA_HJAELP,
    )


KATEGORI_TO_GANGE = "Kategorien '{kategori}' står der mere end én gang."


def _timer() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=9,
        decimal_places=3,
        min_value=Decimal(0),
        allow_null=True,
        default=None,
    )


def _procent() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=6,
        decimal_places=3,
        min_value=Decimal(0),
        max_value=Decimal("99.999"),
        allow_null=True,
        default=None,
    )


class _LinjeSerializer(serializers.Serializer):
    timer = _timer()  # None when the line is given in procent
    procent = _procent()

    def validate(self, attrs: dict) -> dict:
        if (attrs.get("timer") is None) == (attrs.get("procent") is None):
            raise serializers.ValidationError({"timer": LINJE_EN_AF})
        return attrs


class FravaerSerializer(_LinjeSerializer):
    kategori = serializers.ChoiceField(choices=FravaerKategori.choices)


def _pr_fremmoede(help_text: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=6,
        decimal_places=3,
        min_value=Decimal(0),
        allow_null=True,
        default=None,
        help_text=help_text,
    )


class TidsanvendelseSerializer(_LinjeSerializer):
    """Issue 17: in exactly one form: timer (pr. år), procent (af fremmøde),
    procent_aarsnorm, timer_pr_uge (pr. fremmødeuge) or timer_pr_dag."""

    kategori = serializers.ChoiceField(choices=TidsanvendelseKategori.choices)
    procent_aarsnorm = _procent()
    timer_pr_uge = _pr_fremmoede("Timer pr. fremmødeuge (årsnorm / 52 timer).")
    timer_pr_dag = _pr_fremmoede("Timer pr. fremmødedag (en femtedel af ugen).")

    def validate(self, attrs: dict) -> dict:
        givne = [f for f in LINJEFORMER if attrs.get(f) is not None]
        if len(givne) != 1:
            raise serializers.ValidationError({"timer": LINJE_EN_FORM})
        return attrs


class LoenpostSerializer(serializers.Serializer):
    kategori = serializers.ChoiceField(choices=LoenpostKategori.choices)
    beloeb = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        help_text="Kr. pr. år; dagpengerefusion som et negativt beløb.",
    )


class TimeprisgruppeSerializer(serializers.Serializer):
    fra = serializers.IntegerField(min_value=1, max_value=32767)
    til = serializers.IntegerField(
        min_value=1, max_value=32767, allow_null=True, default=None
    )
    direkte_procent = serializers.DecimalField(
        max_digits=6,
        decimal_places=3,
        min_value=Decimal("0.001"),
        max_value=Decimal(100),
        help_text="Andelen af fremmødet, der er direkte tid for niveauerne.",
    )


def _unikke_kategorier(linjer: list[dict]) -> list[dict]:
    set_: set[str] = set()
    for linje in linjer:
        if linje["kategori"] in set_:
            raise serializers.ValidationError(
                KATEGORI_TO_GANGE.format(kategori=linje["kategori"])
            )
        set_.add(linje["kategori"])
    return linjer


class TimeprismodelInputSerializer(serializers.Serializer):
    aar = serializers.IntegerField(min_value=2000, max_value=2100)
    navn = serializers.CharField(max_length=120)
    aarsloen = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0.01")
    )
    aarsnorm_timer = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=Decimal("0.01")
    )
    fravaer = FravaerSerializer(many=True)
    tidsanvendelse = TidsanvendelseSerializer(many=True)
    loenposter = LoenpostSerializer(many=True, default=list)
    grupper = TimeprisgruppeSerializer(many=True, default=list)
    ekstratimer_direkte_procent = serializers.DecimalField(
        max_digits=6,
        decimal_places=3,
        min_value=Decimal("0.001"),
        max_value=Decimal(100),
        allow_null=True,
        default=None,
        help_text="Issue 17: andelen af fremmødet, der er direkte tid i "
        "ekstratimer (tillægstakst i timer); null: ekstratimer koster "
        "timepris_direkte.",
    )
    gyldig_fra = _gyldig_fra()

    def validate_loenposter(self, value: list[dict]) -> list[dict]:
        return _unikke_kategorier(value)

    def validate_fravaer(self, value: list[dict]) -> list[dict]:
        return _unikke_kategorier(value)

    def validate_tidsanvendelse(self, value: list[dict]) -> list[dict]:
        return _unikke_kategorier(value)


def _beregnet(decimaler: int, **kwargs) -> serializers.DecimalField:
    """A computed figure: no max_digits, for DRF raises InvalidOperation (a 500)
    on a longer value, and valid inputs (årsløn 9.999.999.999,99 kr., årsnorm
    0,01 timer) give a timepris of 10^12 kr."""
    return serializers.DecimalField(max_digits=None, decimal_places=decimaler, **kwargs)


class _LinjeOutputSerializer(serializers.Serializer):
    kategori = serializers.CharField()
    timer = serializers.DecimalField(max_digits=9, decimal_places=3, allow_null=True)
    procent = serializers.DecimalField(max_digits=6, decimal_places=3, allow_null=True)


def _form_ud() -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=6, decimal_places=3, allow_null=True)


class _TidsanvendelseOutputSerializer(_LinjeOutputSerializer):
    procent_aarsnorm = _form_ud()
    timer_pr_uge = _form_ud()
    timer_pr_dag = _form_ud()


class _LoenpostOutputSerializer(serializers.Serializer):
    kategori = serializers.CharField()
    beloeb = serializers.DecimalField(max_digits=12, decimal_places=2)


class _GruppeOutputSerializer(serializers.Serializer):
    fra = serializers.IntegerField()
    til = serializers.IntegerField(allow_null=True)
    direkte_procent = serializers.DecimalField(max_digits=6, decimal_places=3)
    direkte_timer = _beregnet(3)
    timepris = _beregnet(2)


class TimepriserSerializer(serializers.Serializer):
    """tariffs.engine.Timepriser: hours to 3 decimals, timepriser to øre."""

    fravaer_timer = _beregnet(3)
    fremmoede_timer = _beregnet(3)
    indirekte_timer = _beregnet(3)
    direkte_timer = _beregnet(3)
    timepris_fremmoede = _beregnet(2)
    timepris_direkte = _beregnet(2)
    loen_i_alt = _beregnet(2)
    ekstratimer_direkte_timer = _beregnet(3, allow_null=True)
    timepris_ekstratimer = _beregnet(2, allow_null=True)


def _afledt(navn: str, decimaler: int) -> serializers.DecimalField:
    return _beregnet(decimaler, source=f"_timepriser.{navn}", read_only=True)


class TimeprismodelSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    aar = serializers.IntegerField()
    navn = serializers.CharField()
    aarsloen = serializers.DecimalField(max_digits=12, decimal_places=2)
    aarsnorm_timer = serializers.DecimalField(max_digits=8, decimal_places=2)
    fravaer = _LinjeOutputSerializer(many=True, source="fravaer.all")
    tidsanvendelse = _TidsanvendelseOutputSerializer(
        many=True, source="tidsanvendelse.all"
    )
    loenposter = _LoenpostOutputSerializer(many=True, source="loenposter.all")
    grupper = serializers.SerializerMethodField()
    loen_i_alt = _afledt("loen_i_alt", 2)
    fremmoede_timer = _afledt("fremmoede_timer", 3)
    indirekte_timer = _afledt("indirekte_timer", 3)
    direkte_timer = _afledt("direkte_timer", 3)
    timepris_fremmoede = _afledt("timepris_fremmoede", 2)
    timepris_direkte = _afledt("timepris_direkte", 2)
    ekstratimer_direkte_procent = serializers.DecimalField(
        max_digits=6, decimal_places=3, allow_null=True
    )
    ekstratimer_direkte_timer = _beregnet(
        3,
        source="_timepriser.ekstratimer_direkte_timer",
        read_only=True,
        allow_null=True,
    )
    timepris_ekstratimer = _beregnet(
        2,
        source="_timepriser.timepris_ekstratimer",
        read_only=True,
        allow_null=True,
        help_text="Null: ekstratimer koster timepris_direkte.",
    )

    @extend_schema_field(_GruppeOutputSerializer(many=True))
    def get_grupper(self, obj: Timeprismodel) -> list[dict]:
        """Each tier with its direct hours and timepris (issue 17)."""
        g = timeprisgrundlag_for(obj)
        rows = [
            {
                "fra": gruppe.fra,
                "til": gruppe.til,
                "direkte_procent": gruppe.direkte_procent,
                "direkte_timer": engine.direkte_timer_gruppe(g, gruppe),
                "timepris": engine.timepris_gruppe(g, gruppe),
            }
            for gruppe in g.grupper
        ]
        return _GruppeOutputSerializer(rows, many=True).data

    def to_representation(self, instance: Timeprismodel) -> dict:
        # The derived figures come from the engine, computed once per model.
        instance._timepriser = timepriser_for(instance)
        return super().to_representation(instance)


class HvisSerializer(serializers.Serializer):
    """A partial set of inputs; a line replaces the line of its kategori."""

    aarsloen = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0.01"), required=False
    )
    aarsnorm_timer = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=Decimal("0.01"), required=False
    )
    fravaer = FravaerSerializer(many=True, required=False)
    tidsanvendelse = TidsanvendelseSerializer(many=True, required=False)

    def validate_fravaer(self, value: list[dict]) -> list[dict]:
        return _unikke_kategorier(value)

    def validate_tidsanvendelse(self, value: list[dict]) -> list[dict]:
        return _unikke_kategorier(value)


class HvisResultatSerializer(serializers.Serializer):
    foer = TimepriserSerializer()
    efter = TimepriserSerializer()
    forskel = TimepriserSerializer()


class NiveauInputSerializer(serializers.Serializer):
    kode = serializers.CharField(max_length=20)
    navn = serializers.CharField(max_length=80)
    nedre = serializers.DecimalField(
        max_digits=8, decimal_places=3, min_value=Decimal(0)
    )
    oevre = serializers.DecimalField(
        max_digits=8, decimal_places=3, allow_null=True, default=None
    )
    takstgivende = serializers.DecimalField(
        max_digits=8,
        decimal_places=3,
        allow_null=True,
        default=None,
        min_value=Decimal(0),
    )
    saertakst = serializers.BooleanField(default=False)
    fast_pris = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        allow_null=True,
        default=None,
        min_value=Decimal(0),
        help_text="Kr. pr. døgn, præcis som offentliggjort; null: timer × timepris.",
    )
    minutter_pr_doegn = serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        allow_null=True,
        default=None,
        min_value=Decimal(0),
        help_text="Ydelsespakkens minutter pr. døgn, som offentliggjort.",
    )
    ydelsesbeskrivelse = serializers.CharField(allow_blank=True, default="")
    # The bounds and takstgivende are checked as one ladder by the service
    # (tariffs.engine.niveau_fejl), like the form's and the import's.


class TakstmodelInputSerializer(serializers.Serializer):
    aar = serializers.IntegerField(min_value=2000, max_value=2100)
    navn = serializers.CharField(max_length=120)
    enhed = serializers.ChoiceField(choices=Enhed.choices)
    timeprismodel = serializers.PrimaryKeyRelatedField(
        queryset=Timeprismodel.objects.all()
    )
    niveauer = NiveauInputSerializer(many=True, allow_empty=False)
    gyldig_fra = _gyldig_fra()


class NiveauSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kode = serializers.CharField()
    navn = serializers.CharField()
    nedre = serializers.DecimalField(max_digits=8, decimal_places=3)
    oevre = serializers.DecimalField(max_digits=8, decimal_places=3, allow_null=True)
    takstgivende = serializers.DecimalField(
        max_digits=8, decimal_places=3, allow_null=True
    )
    saertakst = serializers.BooleanField()
    fast_pris = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True
    )
    minutter_pr_doegn = serializers.DecimalField(
        max_digits=7, decimal_places=2, allow_null=True
    )
    ydelsesbeskrivelse = serializers.CharField()
    servicetakst_pr_doegn = serializers.SerializerMethodField()

    @extend_schema_field(
        serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    )
    def get_servicetakst_pr_doegn(self, obj) -> str | None:
        """None for a særtakst: its hours are set on the placement."""
        value = self.context["servicetakster"].get(obj.kode)
        return None if value is None else str(value)


class TakstmodelSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    aar = serializers.IntegerField()
    navn = serializers.CharField()
    enhed = serializers.CharField()
    timeprismodel = serializers.IntegerField(source="timeprismodel_id")
    niveauer = serializers.SerializerMethodField()

    @extend_schema_field(NiveauSerializer(many=True))
    def get_niveauer(self, obj) -> list[dict]:
        context = {**self.context, "servicetakster": servicetakster_for(obj)}
        niveauer = obj.niveauer.order_by("raekkefoelge")
        return NiveauSerializer(niveauer, many=True, context=context).data


def _tal(vaerdi: Decimal | None) -> str | None:
    return None if vaerdi is None else str(vaerdi)


def timeprismodel_som_input(model: Timeprismodel) -> dict:
    """A saved model in TimeprismodelInputSerializer's shape: what a PATCH
    leaves out is kept."""

    def linjer(qs, former) -> list[dict]:
        return [
            {"kategori": li.kategori, **{f: _tal(getattr(li, f)) for f in former}}
            for li in qs
        ]

    return {
        "aar": model.aar,
        "navn": model.navn,
        "aarsloen": str(model.aarsloen),
        "aarsnorm_timer": str(model.aarsnorm_timer),
        "fravaer": linjer(model.fravaer.all(), engine.FRAVAERSFORMER),
        "tidsanvendelse": linjer(model.tidsanvendelse.all(), engine.LINJEFORMER),
        "loenposter": [
            {"kategori": p.kategori, "beloeb": str(p.beloeb)}
            for p in model.loenposter.all()
        ],
        "grupper": [
            {"fra": g.fra, "til": g.til, "direkte_procent": str(g.direkte_procent)}
            for g in model.grupper.all()
        ],
        "ekstratimer_direkte_procent": _tal(model.ekstratimer_direkte_procent),
    }


def takstmodel_som_input(model: Takstmodel) -> dict:
    """A saved model in TakstmodelInputSerializer's shape (see above)."""
    niveauer = [
        {
            "kode": n.kode,
            "navn": n.navn,
            "nedre": str(n.nedre),
            "oevre": _tal(n.oevre),
            "takstgivende": _tal(n.takstgivende),
            "saertakst": n.saertakst,
            "fast_pris": _tal(n.fast_pris),
            "minutter_pr_doegn": _tal(n.minutter_pr_doegn),
            "ydelsesbeskrivelse": n.ydelsesbeskrivelse,
        }
        for n in model.niveauer.order_by("raekkefoelge")
    ]
    return {
        "aar": model.aar,
        "navn": model.navn,
        "enhed": model.enhed,
        "timeprismodel": model.timeprismodel_id,
        "niveauer": niveauer,
    }


class ProevQuerySerializer(serializers.Serializer):
    proev = serializers.BooleanField(
        required=False,
        default=False,
        help_text="1: gem intet, men svar med ændringens virkning på budgetterne.",
    )


def _kr() -> serializers.DecimalField:
    """Computed kroner to øre, half up (no max_digits: see _beregnet)."""
    return serializers.DecimalField(
        max_digits=None, decimal_places=2, rounding=AFRUNDING
    )


class VirkningSerializer(serializers.Serializer):
    """Aktivitetsbudget (korrigeret) for the year, before and after the change."""

    foer = _kr()
    efter = _kr()
    forskel = _kr()


class TilbudVirkningSerializer(VirkningSerializer):
    id = serializers.IntegerField()
    navn = serializers.CharField()


class TakstvirkningSerializer(serializers.Serializer):
    """?proev=1: what the change would do; nothing is saved."""

    aar = serializers.IntegerField()
    gyldig_fra = serializers.DateField(allow_null=True)
    tilbud = TilbudVirkningSerializer(many=True)
    i_alt = VirkningSerializer()
