"""API shapes of scenarios (issue 16 #1; STYLE.md 5.2): input checks shape only,
the service checks the values (Danish field errors); output reads the selector's
Sammenligning. Money is sent as decimal strings."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from budgets.models_scenarie import Aendringsart, Scenarieaendring, Scenariegrundlag
from budgets.selectors.scenarie import Sammenligning
from budgets.serializers import _andel, _kr

VAERDI_HJAELP = (
    "Ændringens felter (decimaler som tekst, datoer ÅÅÅÅ-MM-DD i budgetåret). "
    "timepris_felt: felt (aarsloen|aarsnorm_timer), tal. fravaer_linje og "
    "tidsanvendelse_linje: kategori og enten timer eller procent. niveau_timer: "
    "niveau (kode), timer (i takstmodellens enhed). niveau_spaend: niveau, nedre, "
    "oevre (tom for toppen). tilbud_pladser: tilbud, pladser. tilbud_belaegning: "
    "tilbud, belaegning (%). tilbud_princip: tilbud, princip. "
    "tilbud_faste_udgifter: tilbud, faste_udgifter (kr. pr. år). "
    "planlagt_tilgang: antal, niveau, tilbud, dato (fra). planlagt_afgang: antal, "
    "tilbud, dato (de seneste tilgange afgår). nyt_tilbud: navn, pladser, "
    "belaegning, princip, faste_udgifter (kr. pr. år), dato (åbner). "
    "lukket_tilbud: tilbud, dato. I stedet for tilbud kan nyt_tilbud angive id'et "
    "på scenariets ændring, der opretter et nyt tilbud."
)


class AendringSerializer(serializers.ModelSerializer):
    art_navn = serializers.CharField(source="get_art_display")

    class Meta:
        model = Scenarieaendring
        fields = ["id", "art", "art_navn", "vaerdi", "created"]


class ScenarioSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    navn = serializers.CharField()
    aar = serializers.IntegerField()
    grundlag = serializers.ChoiceField(choices=Scenariegrundlag.choices)
    oprettet_af = serializers.CharField(
        source="created_by.username", default=None, allow_null=True
    )
    created = serializers.DateTimeField()
    updated = serializers.DateTimeField()
    aendringer = AendringSerializer(many=True)


class ScenarioInputSerializer(serializers.Serializer):
    navn = serializers.CharField(max_length=200)
    aar = serializers.IntegerField(min_value=2000, max_value=2100)
    grundlag = serializers.ChoiceField(
        choices=Scenariegrundlag.choices, default=Scenariegrundlag.AKTUELT
    )


class ScenarioNavnSerializer(serializers.Serializer):
    navn = serializers.CharField(max_length=200)


class AendringInputSerializer(serializers.Serializer):
    art = serializers.ChoiceField(choices=Aendringsart.choices)
    vaerdi = serializers.DictField(help_text=VAERDI_HJAELP)


class AendringVaerdiSerializer(serializers.Serializer):
    """A saved change's new values; its kind (art) stays."""

    vaerdi = serializers.DictField(help_text=VAERDI_HJAELP)


class TilbudTalSerializer(serializers.Serializer):
    basistakst = _kr()
    maaneder = serializers.ListField(
        child=_kr(), help_text="Jan.–dec.: fast + aktivitet."
    )
    fast = serializers.ListField(child=_kr())
    aktivitet = serializers.ListField(child=_kr(), help_text="Inkl. overkapacitet.")
    total = _kr()
    aarsvaerk = _andel(source="bemanding.aarsvaerk")
    koebte_timer = _andel(source="bemanding.koebte_timer")
    paakraevede_timer = _andel(source="bemanding.paakraevede_timer")


class ResultatSerializer(serializers.Serializer):
    timepris_direkte = _kr(source="timepriser.timepris_direkte")
    timepris_fremmoede = _kr(source="timepriser.timepris_fremmoede")
    direkte_timer = _andel(source="timepriser.direkte_timer")
    maaneder = serializers.ListField(child=_kr())
    total = _kr()
    aarsvaerk = _andel()


class ServicetakstParSerializer(serializers.Serializer):
    kode = serializers.CharField()
    navn = serializers.CharField()
    base = _kr()
    scenarie = _kr()


class TilbudParSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Negativt for et nyt tilbud i scenariet.")
    navn = serializers.CharField()
    base = TilbudTalSerializer(allow_null=True, help_text="null: nyt tilbud.")
    scenarie = TilbudTalSerializer()


class SammenligningSerializer(serializers.Serializer):
    scenario = serializers.IntegerField(source="scenario.pk")
    base = ResultatSerializer()
    scenarie = ResultatSerializer()
    servicetakster = serializers.SerializerMethodField()
    tilbud = serializers.SerializerMethodField()

    @extend_schema_field(ServicetakstParSerializer(many=True))
    def get_servicetakster(self, obj: Sammenligning) -> list:
        par = [
            {"kode": k, "navn": n, "base": b, "scenarie": s}
            for k, n, b, s in obj.servicetakster
        ]
        return ServicetakstParSerializer(par, many=True).data

    @extend_schema_field(TilbudParSerializer(many=True))
    def get_tilbud(self, obj: Sammenligning) -> list:
        par = [
            {"id": s.id, "navn": s.navn, "base": b, "scenarie": s}
            for b, s in obj.tilbud
        ]
        return TilbudParSerializer(par, many=True).data


class SammenlignQuerySerializer(serializers.Serializer):
    id = serializers.ListField(
        # An id beyond the database's integer is no scenario: a 400, not a 500.
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        min_length=1,
        help_text="Scenariernes id'er (gentag ?id=); samme budgetår og grundlag.",
    )


class TilbudSumSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    navn = serializers.CharField()
    basistakst = _kr()
    total = _kr()
    aarsvaerk = _andel(source="bemanding.aarsvaerk")


class ResultatMedTilbudSerializer(ResultatSerializer):
    tilbud = TilbudSumSerializer(many=True)


class ScenarieResultatSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="scenario.pk")
    navn = serializers.CharField(source="scenario.navn")
    resultat = ResultatMedTilbudSerializer()


class FlereSerializer(serializers.Serializer):
    base = ResultatMedTilbudSerializer()
    scenarier = ScenarieResultatSerializer(many=True)


class VedtagInputSerializer(serializers.Serializer):
    """KL's percentages, as text or number; the service checks them (−50…100)."""

    fremskrivning_loen_pct = serializers.CharField(
        required=False, allow_blank=True, help_text="Lønskønnet i procent, fx 2,5."
    )
    fremskrivning_oevrige_pct = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Skønnet for øvrige serviceudgifter i procent, fx 2,0.",
    )


class PunktSerializer(serializers.Serializer):
    nr = serializers.IntegerField(help_text="Ændringens id.")
    art = serializers.CharField()
    hvad = serializers.CharField()
    vaerdi = serializers.CharField(help_text="Scenariets værdi for budgetåret.")
    overfoersel = serializers.CharField(help_text="Hvordan værdien føres til året.")
    grund = serializers.CharField(help_text="Hvorfor ændringen ikke skrives.")


class VedtagetSerializer(serializers.Serializer):
    """The year the scenario was written into, and each change's fate."""

    aar = serializers.IntegerField()
    status = serializers.CharField()
    skrevet = PunktSerializer(many=True)
    ikke_skrevet = PunktSerializer(many=True)
