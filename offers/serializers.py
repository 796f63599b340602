"""API shapes of tilbud, borgere and placements (STYLE.md 5.2).

Input serializers check shape and types only; the views call offers.services.
Which tilbud a user may name is restricted by the selector passed in as the
``tilbud`` queryset, so a foreign id is an unknown id.
"""

from decimal import Decimal

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.lib.datoer import valider_dato
from config.lib.money import round_half_up
from offers.engine import afgang_langt_ude
from offers.models import (
    TILLAEG_EN_AF,
    TILLAEG_TIL_EFTER_FRA,
    Afgangsaarsag,
    Annullering,
    Betalingskommune,
    Borger,
    Doegnskema,
    Funktionsevne,
    Haendelsesart,
    Indplacering,
    Ophold,
    Pladsandel,
    Tidsrum,
    Tilbud,
    Tillaegstakst,
    Ventelisteplads,
    er_ekstern,
    saertakst_timer_validator,
    visiterede_timer_validators,
)
from offers.services import AFGANGSAARSAG_TEKST_KRAEVES, doegnskema_timer_pr_doegn
from offers.services.annullering import BEGRUNDELSE_MANGLER
from offers.services.tillaeg import BEGRUNDELSE_KRAEVES
from tariffs.models import Takstniveau, VumTema

KOMMUNEKODE_FEJL = "Kommunekoden skal være tre cifre."
OPHOLD_UKENDT = "Borgeren har intet ophold med id {pk_value}."
INDPLACERING_UKENDT = "Borgeren har ingen indplacering med id {pk_value}."
TILLAEG_UKENDT = "Borgeren har ingen tillægstakst med id {pk_value}."
AFGANG_LANGT_UDE_API = (
    "Afgangsdatoen ligger mere end et år ude i fremtiden. Er den rigtig, så send "
    "bekraeft_fjern_dato: true."
)
AFGANGSAARSAG_UKENDT_API = (
    "Ukendt afgangsårsag '{input}' (brug andet_tilbud, egen_bolig, doed, "
    "anden_kommune eller andet)."
)


class TilbudSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tilbud
        fields = [
            "id",
            "navn",
            "tilbudstype",
            "pladser",
            "tildelingsprincip",
            "forudsat_belaegning",
            "reguleringsandel",
            "gennemsnitstakst",
            "dagspris",
            "dagspris_enhed",
            "dagsgrundlag",
            "dimensioneret_til",
        ]
        extra_kwargs = {"pladser": {"min_value": 1}}


# --- Borgere -------------------------------------------------------------------


class BorgerSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    cpr = serializers.CharField(write_only=True, max_length=11)
    cpr_maskeret = serializers.CharField(read_only=True)
    navn = serializers.CharField(max_length=120)
    betalingskommune = serializers.RegexField(
        r"^\d{3}$",
        required=False,
        allow_blank=True,
        default="",
        error_messages={"invalid": KOMMUNEKODE_FEJL},
    )

    def to_representation(self, instance: Borger) -> dict:
        data = super().to_representation(instance)
        koder = self.context.get("betalingskommuner")  # by borger: what the user sees
        if koder is not None:
            data["betalingskommune"] = koder[instance]
        return data


class OpholdSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ophold
        # The contract: the afgangsårsag is taken, not echoed (issue 15 #2).
        fields = ["id", "tilbud", "tilgang", "afgang", "omplaceret_fra"]


class OpholdMedAdvarslerSerializer(OpholdSerializer):
    """A new stay with the warnings of its tilgang (issue 19 #3): the tilgang is
    registered, and ``advarsler`` says (in Danish) if it puts more borgere in
    the tilbud than pladser on a day of its first three months."""

    advarsler = serializers.SerializerMethodField()

    class Meta(OpholdSerializer.Meta):
        fields = [
            *OpholdSerializer.Meta.fields,
            "begrundelse_uden_doegnskema",
            "advarsler",
        ]

    def get_advarsler(self, ophold: Ophold) -> list[str]:
        return list(self.context.get("advarsler", ()))


class _PlaceringInputSerializer(serializers.Serializer):
    """Fields shared by tilgang and indplacering. ``tilbud`` and ``doegnskema``
    querysets come from the view (what the user may see, the borger's own)."""

    takstniveau = serializers.PrimaryKeyRelatedField(
        queryset=Takstniveau.objects.select_related("takstmodel")
    )
    takstgivende_timer = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        validators=[saertakst_timer_validator],
        help_text="Timer pr. døgn; kun for en særtakst.",
    )
    visiterede_timer_pr_uge = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        validators=visiterede_timer_validators,
        help_text="Visiterede timer pr. uge; kræves for bostøtte § 85 og kun dér. "
        "Prissætter indplaceringen: timer pr. uge × timepris direkte ÷ 7 pr. døgn.",
    )
    pladsandel = serializers.ChoiceField(
        choices=Pladsandel.choices,
        default=Pladsandel.HEL,
        help_text="Dagtilbud (issue 17): 1.00 hel eller 0.50 halv plads; ganges "
        "på tilbuddets dagspris. Andre takster ser bort fra den.",
    )
    begrundelse = serializers.CharField(required=False, allow_blank=True, default="")
    naeste_opfoelgning = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        validators=[valider_dato],
        help_text="Næste opfølgning af niveauet (issue 19); udeladt eller null: 12 "
        "måneder efter den dato, niveauet gælder fra. Skal ligge efter den dato.",
    )

    def validate_pladsandel(self, value: str) -> Decimal:
        return Decimal(value)

    doegnskema = serializers.PrimaryKeyRelatedField(
        queryset=Doegnskema.objects.none(), required=False, allow_null=True
    )

    def __init__(self, *args, borger: Borger | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if borger is not None:
            self.fields["doegnskema"].queryset = borger.doegnskemaer.all()


class TilgangSerializer(_PlaceringInputSerializer):
    tilbud = serializers.PrimaryKeyRelatedField(queryset=Tilbud.objects.none())
    dato = serializers.DateField(validators=[valider_dato])
    betalingskommune = serializers.RegexField(
        r"^\d{3}$",
        required=False,
        allow_blank=True,
        error_messages={"invalid": KOMMUNEKODE_FEJL},
        help_text="Kommunekoden (tre cifre) på den kommune, der betaler for "
        "pladsen fra tilgangsdatoen; tom: egen kommune fra tilgangsdatoen. "
        "Udeladt: borgerens betalingskommune ændres ikke (for en ny borger: egen "
        "kommune).",
    )
    # Not defaulted: left out (an older client), the tilgang is registered and
    # the answer's advarsler ask for the reason; given blank, it is refused.
    begrundelse_uden_doegnskema = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Hvorfor tilgangen registreres uden døgnskema, når borgeren "
        "intet har (gemmes på opholdet). Udeladt: tilgangen registreres, og "
        "advarsler beder om begrundelsen; tom: afvises.",
    )

    def __init__(self, *args, tilbud=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if tilbud is not None:
            self.fields["tilbud"].queryset = tilbud


class OmplaceringSerializer(TilgangSerializer):
    """The to-tilbud, the move day and the level in the new tilbud: afgang from
    the current ophold and tilgang in ``tilbud`` on ``dato``."""

    tilbud = serializers.PrimaryKeyRelatedField(
        queryset=Tilbud.objects.none(), help_text="Tilbuddet borgeren flyttes til."
    )
    dato = serializers.DateField(
        validators=[valider_dato],
        help_text="Omplaceringsdatoen: afgang fra det nuværende tilbud og tilgang "
        "i det nye samme dag.",
    )
    # A move keeps the betalingskommune; a change has its own route.
    betalingskommune = None
    # The borger already lives in a tilbud: a move asks no reason.
    begrundelse_uden_doegnskema = None


class AfgangSerializer(serializers.Serializer):
    dato = serializers.DateField(validators=[valider_dato])
    bekraeft_fjern_dato = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Skal være true, når afgangsdatoen ligger mere end et år (365 "
        "dage) efter i dag; ellers afvises den som en sandsynlig tastefejl.",
    )

    # Optional (issue 15 #2): the API contract predates it; "andet" needs the text.
    afgangsaarsag = serializers.ChoiceField(
        choices=Afgangsaarsag.choices,
        required=False,
        default="",
        allow_blank=True,
        error_messages={"invalid_choice": AFGANGSAARSAG_UKENDT_API},
    )
    afgangsaarsag_tekst = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=200
    )

    def validate(self, data: dict) -> dict:
        langt_ude = afgang_langt_ude(data["dato"], timezone.localdate())
        if langt_ude and not data["bekraeft_fjern_dato"]:
            raise serializers.ValidationError({"dato": AFGANG_LANGT_UDE_API})
        andet = data["afgangsaarsag"] == Afgangsaarsag.ANDET
        if andet and not data["afgangsaarsag_tekst"].strip():
            raise serializers.ValidationError(
                {"afgangsaarsag_tekst": AFGANGSAARSAG_TEKST_KRAEVES}
            )
        return data


class IndplaceringInputSerializer(_PlaceringInputSerializer):
    gyldig_fra = serializers.DateField(validators=[valider_dato])


class IndplaceringSerializer(serializers.ModelSerializer):
    tilbud = serializers.IntegerField(source="ophold.tilbud_id")
    takstniveau_kode = serializers.CharField(source="takstniveau.kode")
    foreslaaet_niveau_kode = serializers.CharField(
        source="foreslaaet_niveau.kode", allow_null=True, default=None
    )
    takstgivende_timer = serializers.DecimalField(
        source="saertakst_timer", max_digits=6, decimal_places=2, allow_null=True
    )
    pladsandel = serializers.DecimalField(
        max_digits=3,
        decimal_places=2,
        read_only=True,
        help_text="Dagtilbud (issue 17): 1.00 hel, 0.50 halv plads.",
    )

    class Meta:
        model = Indplacering
        fields = [
            "id",
            "ophold",
            "tilbud",
            "gyldig_fra",
            "takstniveau",
            "takstniveau_kode",
            "foreslaaet_niveau_kode",
            "takstgivende_timer",
            "visiterede_timer_pr_uge",
            "pladsandel",
            "begrundelse",
            "doegnskema",
            "registreret",
            "naeste_opfoelgning",
        ]


# --- Progression (issue 19 item 4) ----------------------------------------------


class OpfoelgningInputSerializer(serializers.Serializer):
    naeste_opfoelgning = serializers.DateField(
        validators=[valider_dato],
        help_text="Næste opfølgning af niveauet; skal ligge efter dets gyldig_fra.",
    )


class NiveauperiodeSerializer(serializers.Serializer):
    fra = serializers.DateField()
    til = serializers.DateField(
        allow_null=True, help_text="Første dag uden niveauet; null: indtil videre."
    )
    tilbud = serializers.CharField()
    takstniveau_kode = serializers.CharField(source="kode")
    raekkefoelge = serializers.IntegerField(
        help_text="Niveauets rækkefølge i takstmodellen: højere er mere støtte."
    )


class TemavurderingSerializer(serializers.Serializer):
    dato = serializers.DateField(help_text="Døgnskemaets vurderingsdato.")
    score = serializers.IntegerField(
        help_text="Funktionsevne 0 (ingen nedsættelse) til 4 (fuldstændigt nedsat)."
    )


class TemaforloebSerializer(serializers.Serializer):
    tema = serializers.CharField(source="kode")
    navn = serializers.CharField()
    vurderinger = serializers.SerializerMethodField()

    @extend_schema_field(TemavurderingSerializer(many=True))
    def get_vurderinger(self, tema) -> list[dict]:
        datoer = self.context["datoer"]
        return [
            {"dato": d, "score": score}
            for d, score in zip(datoer, tema.scores, strict=True)
            if score is not None
        ]


class NaesteOpfoelgningSerializer(serializers.Serializer):
    dato = serializers.DateField(source="naeste_opfoelgning")
    indplacering = serializers.IntegerField(source="pk")
    takstniveau_kode = serializers.CharField(source="takstniveau.kode")
    gyldig_fra = serializers.DateField()


class ProgressionSerializer(serializers.Serializer):
    takstniveauer = NiveauperiodeSerializer(many=True, source="niveauer")
    funktionsevne = serializers.SerializerMethodField()
    naeste_opfoelgning = NaesteOpfoelgningSerializer(
        source="opfoelgning",
        allow_null=True,
        help_text="Det gældende (eller første kommende) niveaus næste opfølgning; "
        "null uden aktuelt eller kommende ophold.",
    )

    @extend_schema_field(TemaforloebSerializer(many=True))
    def get_funktionsevne(self, progression) -> list[dict]:
        temaer = [t for t in progression.temaer if any(s is not None for s in t.scores)]
        context = {"datoer": progression.datoer}
        return TemaforloebSerializer(temaer, many=True, context=context).data


# --- Betalingskommune (issue 13 #1) --------------------------------------------


class BetalingskommuneInputSerializer(serializers.Serializer):
    kommunekode = serializers.RegexField(
        r"^\d{3}$",
        allow_blank=True,
        error_messages={"invalid": KOMMUNEKODE_FEJL},
        help_text="Kommunekoden (tre cifre) på den kommune, der betaler for "
        "pladsen; tom eller egen kommunekode: egen kommune.",
    )
    gyldig_fra = serializers.DateField(
        validators=[valider_dato],
        help_text="Den første dag, koden gælder. Er der allerede en "
        "betalingskommune fra den dato, rettes dens kode.",
    )


class BetalingskommuneSerializer(serializers.ModelSerializer):
    egen_kommune = serializers.SerializerMethodField()

    class Meta:
        model = Betalingskommune
        fields = ["id", "kommunekode", "egen_kommune", "gyldig_fra", "registreret"]
        extra_kwargs = {
            "kommunekode": {"help_text": "Tom: egen kommune."},
            "gyldig_fra": {
                "help_text": "Gælder fra denne dag til dagen før den næste."
            },
        }

    def get_egen_kommune(self, obj: Betalingskommune) -> bool:
        return not er_ekstern(obj.kommunekode)


# --- Annulleringer (issue 12 item 11) ------------------------------------------


class AnnulleringInputSerializer(serializers.Serializer):
    """The event to annul. ``ophold`` and ``indplacering`` are looked up among the
    borger's own (set by the view), so another borger's id is an unknown id."""

    haendelse = serializers.ChoiceField(choices=Haendelsesart.choices)
    ophold = serializers.PrimaryKeyRelatedField(
        queryset=Ophold.alle.none(),
        error_messages={"does_not_exist": OPHOLD_UKENDT},
        help_text="Opholdet, hændelsen hører til. For en omplacering: det nye "
        "ophold (det, borgeren blev flyttet til).",
    )
    indplacering = serializers.PrimaryKeyRelatedField(
        queryset=Indplacering.alle.none(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": INDPLACERING_UKENDT},
        help_text="Kun for haendelse=indplacering: det takstniveau, der annulleres.",
    )
    tillaegstakst = serializers.PrimaryKeyRelatedField(
        queryset=Tillaegstakst.alle.none(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": TILLAEG_UKENDT},
        help_text="Kun for haendelse=tillaeg: den tillægstakst, der annulleres.",
    )
    begrundelse = serializers.CharField(
        error_messages={k: BEGRUNDELSE_MANGLER for k in ("required", "blank", "null")},
        help_text="Hvorfor registreringen var forkert. Skal udfyldes.",
    )

    def __init__(self, *args, borger: Borger | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if borger is not None:
            self.fields["ophold"].queryset = Ophold.alle.filter(borger=borger)
            self.fields["indplacering"].queryset = Indplacering.alle.filter(
                ophold__borger=borger
            )
            self.fields["tillaegstakst"].queryset = Tillaegstakst.alle.filter(
                ophold__borger=borger
            )


class AnnulleringSerializer(serializers.ModelSerializer):
    annulleret_af = serializers.CharField(source="annulleret_af.username")

    class Meta:
        model = Annullering
        fields = [
            "id",
            "haendelse",
            "ophold",
            "indplacering",
            "tillaegstakst",
            "dato",
            "dato_registreret",
            "registreret",
            "begrundelse",
            "annulleret_af",
        ]
        extra_kwargs = {
            "dato": {"help_text": "Den annullerede hændelses dato."},
            "dato_registreret": {
                "help_text": "Dagen, den annullerede hændelse blev registreret."
            },
            "registreret": {"help_text": "Dagen, annulleringen blev registreret."},
        }


# --- Tillægstakster (issue 17) -------------------------------------------------

_BEGRUNDELSE_FEJL = {k: BEGRUNDELSE_KRAEVES for k in ("required", "blank", "null")}


def _timer_felt() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        validators=[saertakst_timer_validator],
        help_text="Timer pr. døgn × årets timepris (afrundet til øre pr. døgn). "
        "Angiv enten timer_pr_doegn eller kr_pr_doegn.",
    )


def _kr_felt() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        help_text="Et fast beløb pr. døgn. Angiv enten timer_pr_doegn eller "
        "kr_pr_doegn.",
    )


TIL_HJAELP = (
    "Den første dag uden tillægget (tillægget gælder til og med dagen før); "
    "null: indtil videre."
)


class TillaegInputSerializer(serializers.Serializer):
    """A new tillæg on one of the borger's ophold (set by the view)."""

    ophold = serializers.PrimaryKeyRelatedField(
        queryset=Ophold.objects.none(),
        error_messages={"does_not_exist": OPHOLD_UKENDT},
        help_text="Opholdet, tillægget hører til.",
    )
    fra = serializers.DateField(
        validators=[valider_dato],
        help_text="Den første dag med tillægget: en dag, hvor borgeren bor i "
        "tilbuddet.",
    )
    til = serializers.DateField(
        validators=[valider_dato], required=False, allow_null=True, help_text=TIL_HJAELP
    )
    timer_pr_doegn = _timer_felt()
    kr_pr_doegn = _kr_felt()
    begrundelse = serializers.CharField(
        error_messages=_BEGRUNDELSE_FEJL, help_text="Hvorfor tillægget gives."
    )

    def __init__(self, *args, borger: Borger | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if borger is not None:
            self.fields["ophold"].queryset = Ophold.objects.filter(borger=borger)

    def validate(self, attrs: dict) -> dict:
        if (attrs.get("timer_pr_doegn") is None) == (attrs.get("kr_pr_doegn") is None):
            raise serializers.ValidationError({"timer_pr_doegn": TILLAEG_EN_AF})
        til = attrs.get("til")
        if til is not None and til <= attrs["fra"]:
            raise serializers.ValidationError({"til": TILLAEG_TIL_EFTER_FRA})
        return attrs


class TillaegUpdateSerializer(serializers.Serializer):
    """End a tillæg or move its end (``til``), or reword its reason. Amount
    and start are not changed: annul it and register the right one."""

    til = serializers.DateField(
        validators=[valider_dato], required=False, allow_null=True, help_text=TIL_HJAELP
    )
    begrundelse = serializers.CharField(
        required=False, error_messages=_BEGRUNDELSE_FEJL
    )


class TillaegSerializer(serializers.ModelSerializer):
    tilbud = serializers.IntegerField(source="ophold.tilbud_id")
    besluttet_af = serializers.CharField(source="besluttet_af.username")

    class Meta:
        model = Tillaegstakst
        fields = [
            "id",
            "ophold",
            "tilbud",
            "fra",
            "til",
            "timer_pr_doegn",
            "kr_pr_doegn",
            "begrundelse",
            "registreret",
            "til_registreret",
            "besluttet_af",
        ]
        extra_kwargs = {
            "til": {"help_text": TIL_HJAELP},
            "til_registreret": {"help_text": "Dagen, slutdatoen blev registreret."},
        }


# --- Døgnskemaer ---------------------------------------------------------------


class _TemaField(serializers.SlugRelatedField):
    """A VUM theme by its code; validated here, handed to the service as the code."""

    def __init__(self, **kwargs) -> None:
        super().__init__(slug_field="kode", queryset=VumTema.objects.all(), **kwargs)

    def to_internal_value(self, data) -> str:
        # PostgreSQL refuses a NUL byte in a text lookup (DataError, a 500), so
        # such a code is refused here: no theme code contains one.
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data).kode


class DoegnskemaPostSerializer(serializers.Serializer):
    tidsrum = serializers.ChoiceField(choices=Tidsrum.choices)
    tema = _TemaField()
    minutter = serializers.IntegerField(min_value=0, max_value=1440)


class UgepostSerializer(serializers.Serializer):
    tema = _TemaField()
    beskrivelse = serializers.CharField(max_length=200)
    minutter_pr_uge = serializers.IntegerField(min_value=0, max_value=10080)


class FunktionsevneSerializer(serializers.Serializer):
    tema = _TemaField()
    score = serializers.ChoiceField(choices=Funktionsevne.Score.choices)


class DoegnskemaInputSerializer(serializers.Serializer):
    dato = serializers.DateField(validators=[valider_dato])
    bemaerkning = serializers.CharField(required=False, allow_blank=True, default="")
    poster = DoegnskemaPostSerializer(many=True)
    ugeposter = UgepostSerializer(many=True, required=False, default=list)
    funktionsevner = FunktionsevneSerializer(many=True, required=False, default=list)


class DoegnskemaSerializer(serializers.ModelSerializer):
    poster = serializers.SerializerMethodField()
    timer_pr_doegn = serializers.SerializerMethodField()

    class Meta:
        model = Doegnskema
        fields = ["id", "dato", "bemaerkning", "timer_pr_doegn", "poster"]

    @extend_schema_field(DoegnskemaPostSerializer(many=True))
    def get_poster(self, obj: Doegnskema) -> list[dict]:
        return [
            {"tidsrum": p.tidsrum, "tema": p.tema.kode, "minutter": p.minutter}
            for p in obj.poster.select_related("tema")
        ]

    @extend_schema_field(serializers.DecimalField(max_digits=8, decimal_places=2))
    def get_timer_pr_doegn(self, obj: Doegnskema) -> str:
        timer = doegnskema_timer_pr_doegn(obj)
        return str(round_half_up(timer, 2))


class VentelistepladsSerializer(serializers.ModelSerializer):
    """A place on a waiting list (issue 19 #3). ``borger``, ``borger_navn`` and
    ``borger_cpr`` (masked) are null for a borger the user may not see (a
    tilbudsleder sees the borgere who have or had a stay in their tilbud)."""

    borger = serializers.SerializerMethodField()
    borger_navn = serializers.SerializerMethodField()
    borger_cpr = serializers.SerializerMethodField(
        help_text="Maskeret CPR-nummer (ddmmåå-xxxx)."
    )
    forventet_niveau_kode = serializers.CharField(
        source="forventet_niveau.kode", read_only=True, default=None
    )
    tilbud_navn = serializers.CharField(source="tilbud.navn", read_only=True)

    class Meta:
        model = Ventelisteplads
        fields = [
            "id",
            "tilbud",
            "tilbud_navn",
            "borger",
            "borger_navn",
            "borger_cpr",
            "behov",
            "forventet_niveau",
            "forventet_niveau_kode",
            "oensket_dato",
            "fra_kommune",
            "bemaerkning",
            "sandsynlighed",
            "oprettet",
            "opdateret",
        ]

    def _synlig(self, plads: Ventelisteplads) -> bool:
        return plads.borger_id in self.context.get("synlige", set())

    def get_borger(self, plads: Ventelisteplads) -> int | None:
        return plads.borger_id if self._synlig(plads) else None

    def get_borger_navn(self, plads: Ventelisteplads) -> str | None:
        return plads.borger.navn if self._synlig(plads) else None

    def get_borger_cpr(self, plads: Ventelisteplads) -> str | None:
        return plads.borger.cpr_maskeret if self._synlig(plads) else None


class VentelistepladsInputSerializer(serializers.Serializer):
    """Shape and types only; offers.services.venteliste checks the rest (a
    borger or a behov). Querysets come from the view (what the user may see)."""

    tilbud = serializers.PrimaryKeyRelatedField(queryset=Tilbud.objects.none())
    borger = serializers.PrimaryKeyRelatedField(
        queryset=Borger.objects.none(), required=False, allow_null=True, default=None
    )
    behov = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Det anonyme behov; kræves, når der ikke er en borger.",
    )
    forventet_niveau = serializers.PrimaryKeyRelatedField(
        queryset=Takstniveau.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    oensket_dato = serializers.DateField(validators=[valider_dato])
    fra_kommune = serializers.RegexField(
        r"^\d{3}$",
        required=False,
        allow_blank=True,
        default="",
        error_messages={"invalid": KOMMUNEKODE_FEJL},
        help_text="Kommunekoden (tre cifre) på den kommune, borgeren kommer fra; "
        "tom: egen kommune.",
    )
    bemaerkning = serializers.CharField(required=False, allow_blank=True, default="")
    sandsynlighed = serializers.IntegerField(
        min_value=0,
        max_value=100,
        required=False,
        default=50,
        help_text="Sandsynlighed i procent for indflytning fra den ønskede dato; "
        "prognosen regner med så stor en del af pladsen (standard 50).",
    )

    def __init__(self, *args, tilbud=None, borgere=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if tilbud is not None:
            self.fields["tilbud"].queryset = tilbud
        if borgere is not None:
            self.fields["borger"].queryset = borgere
