"""Output of the settlement API (issue 18 #5): decimals as strings."""

from rest_framework import serializers

from budgets.serializers import _kr


class AfregningslinjeSerializer(serializers.Serializer):
    tilbud_id = serializers.IntegerField()
    tilbud = serializers.CharField()
    ophold_id = serializers.IntegerField()
    borger = serializers.CharField(help_text="Navn og maskeret CPR-nummer.")
    fra = serializers.DateField()
    til = serializers.DateField()
    niveau_kode = serializers.CharField(
        help_text="Takstniveauets kode; tom på en tillægstakst' egen linje."
    )
    saertakst_timer = serializers.DecimalField(
        max_digits=None,
        decimal_places=2,
        allow_null=True,
        help_text="Særtakstens eller tillægstakstens timer pr. døgn.",
    )
    tillaeg = serializers.CharField(
        allow_null=True,
        help_text="En tillægstakst' begrundelse (null: en linje for takstniveauet).",
    )
    dage = serializers.IntegerField()
    basistakst = _kr()
    efterregulering_pr_doegn = _kr(
        help_text="Et lukket års resultat indregnet i taksten pr. døgn (negativ: "
        "et overskud betales tilbage); en del af døgntaksten."
    )
    servicetakst = _kr()
    doegntakst = _kr()
    beloeb = _kr()


class EfterreguleringslinjeSerializer(serializers.Serializer):
    tilbud_id = serializers.IntegerField()
    tilbud = serializers.CharField()
    ophold_id = serializers.IntegerField()
    borger = serializers.CharField(help_text="Navn og maskeret CPR-nummer.")
    aar = serializers.IntegerField(help_text="Den fakturerede måneds år.")
    maaned = serializers.IntegerField(help_text="Den fakturerede måned (1-12).")
    beloeb = _kr()


class KommuneafregningSerializer(serializers.Serializer):
    kommunekode = serializers.CharField()
    borgere = serializers.IntegerField()
    dage = serializers.IntegerField()
    beloeb = _kr(help_text="Linjerne plus efterreguleringerne.")
    faktureret = serializers.BooleanField(
        help_text="Måneden er faktureret: linjerne er de gemte, ikke en beregning."
    )
    linjer = AfregningslinjeSerializer(many=True)
    efterreguleringer = EfterreguleringslinjeSerializer(
        many=True,
        help_text=(
            "Forskellen pr. borger på en tidligere faktureret måned og dens "
            "genberegning nu, faktureret med denne måned."
        ),
    )


class AfregningSerializer(serializers.Serializer):
    aar = serializers.IntegerField()
    maaned = serializers.IntegerField()
    afloeb = serializers.ChoiceField(
        choices=["maaned_plus_1", "afgang"],
        help_text="Afløbsreglen efter afgang (indstillingen AFREGNING_AFLOEB).",
    )
    afloeb_tekst = serializers.CharField()
    dage = serializers.IntegerField()
    beloeb = _kr()
    kommuner = KommuneafregningSerializer(many=True)
