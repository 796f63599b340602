"""The prognose of the year as an API (issue 19 #1, #5): GET
/api/v1/prognose/<aar>/?idag=&tilbud=, central (the total) and per tilbud, each
month with its parts. A tilbudsleder gets their own tilbud only.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from budgets.api import GenberegnesNu, _idag, _mangler
from budgets.engine.prognose import Prognosemaaned, Tilbageblik
from budgets.selectors import (
    BudgetGrundlagMangler,
    Genberegnes,
    tilbud_resultat,
)
from budgets.selectors.prognose import (
    Centralprognose,
    prognose_for,
    tilbageblik_for,
    tilbageblik_i_alt_for,
)
from budgets.serializers import IdagQuerySerializer
from budgets.services import AAR_UGYLDIGT
from config.lib.money import AFRUNDING
from offers.models import Tilbud


def _kr(**kw) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, rounding=AFRUNDING, **kw
    )


class PrognoseQuerySerializer(IdagQuerySerializer):
    tilbud = serializers.IntegerField(
        required=False, help_text="Kun dette tilbud (id); udeladt: alle du må se."
    )


class PrognosemaanedSerializer(serializers.Serializer):
    maaned = serializers.IntegerField()
    forude = serializers.BooleanField(
        help_text="true: en prognose; false: måneden har forbrug (det skete)."
    )
    faktisk = _kr(allow_null=True, help_text="Månedens forbrug; null forude.")
    kendt = _kr(
        help_text="Korrigeret budget (registrerede hændelser), faset efter "
        "sidste års forbrug, når der er et brugbart sæsonmønster."
    )
    tilgange = _kr(help_text="Forventede tilgange fra ventelisten.")
    afgange = _kr(help_text="Forventede afgange efter opholdslængden (negativ).")
    i_alt = _kr()


class TilbageblikSerializer(serializers.Serializer):
    maaned = serializers.IntegerField()
    foer = serializers.IntegerField(
        help_text="Prognosen lavet så mange måneder før (ved udgangen af måneden)."
    )
    sagt = _kr(help_text="Hvad prognosen sagde om måneden.")
    skete = _kr(help_text="Månedens forbrug.")
    afvigelse = _kr(help_text="skete − sagt.")
    procent = serializers.DecimalField(
        max_digits=12, decimal_places=1, rounding=AFRUNDING, allow_null=True
    )


class TilbudsprognoseSerializer(serializers.Serializer):
    tilbud = serializers.IntegerField()
    navn = serializers.CharField()
    korrigeret_budget = _kr()
    forbrug_til_dato = _kr()
    forventet_regnskab = _kr(
        help_text="Forbrug + korrigeret budget for resten af året (uden prognose)."
    )
    prognose = _kr()
    saesonprofil = serializers.BooleanField()
    beboere = serializers.IntegerField(
        help_text="Borgere på dagen uden registreret afgang."
    )
    gns_opholdsdage = serializers.DecimalField(
        max_digits=10, decimal_places=1, rounding=AFRUNDING, allow_null=True
    )
    maaneder = PrognosemaanedSerializer(many=True)
    tilbageblik = TilbageblikSerializer(
        many=True,
        required=False,
        help_text="Hver måned med forbrug mod prognosen lavet 1, 3 og 6 måneder "
        "før, beregnet igen ud fra det, der var registreret da. Med ?tilbud=: "
        "for tilbuddet; uden: i total (summen over tilbuddene pr. måned og "
        "forskydning).",
    )


class PrognoseSerializer(serializers.Serializer):
    aar = serializers.IntegerField()
    dag = serializers.DateField()
    total = TilbudsprognoseSerializer(
        help_text="Alle tilbuddene i alt (tilbud og navn er 0 og 'I alt')."
    )
    tilbud = TilbudsprognoseSerializer(many=True)


def _maaned(m: Prognosemaaned) -> dict:
    return {
        "maaned": m.maaned,
        "forude": m.forude,
        "faktisk": m.faktisk,
        "kendt": m.kendt,
        "tilgange": m.tilgange,
        "afgange": m.afgange,
        "i_alt": m.i_alt,
    }


def _data(p: Centralprognose, tilbud_id: int | None) -> dict:
    raekker = [r for r in p.raekker if tilbud_id is None or r.grundlag.id == tilbud_id]
    tilbud = [
        {
            "tilbud": r.grundlag.id,
            "navn": r.grundlag.navn,
            "korrigeret_budget": r.noegletal.total_korrigeret_aar,
            "forbrug_til_dato": r.noegletal.forbrug_til_dato,
            "forventet_regnskab": r.noegletal.forventet_regnskab,
            "prognose": r.prognose.i_alt,
            "saesonprofil": r.prognose.saesonprofil,
            "beboere": r.beboere,
            "gns_opholdsdage": r.gns_opholdsdage,
            "maaneder": [_maaned(m) for m in r.prognose.maaneder],
        }
        for r in raekker
    ]
    return {"aar": p.aar, "dag": p.dag, "total": _total(p), "tilbud": tilbud}


def _total(p: Centralprognose) -> dict:
    t = p.total
    faktisk = t.forbrug
    kendt, tilgange, afgange = (
        p.del_pr_maaned(n) for n in ("kendt", "tilgange", "afgange")
    )
    return {
        "tilbud": 0,
        "navn": "I alt",
        "korrigeret_budget": t.total_korrigeret_aar,
        "forbrug_til_dato": t.forbrug_til_dato,
        "forventet_regnskab": t.forventet_regnskab,
        "prognose": p.i_alt,
        "saesonprofil": any(r.prognose.saesonprofil for r in p.raekker),
        "beboere": sum(r.beboere for r in p.raekker),
        "gns_opholdsdage": None,
        "maaneder": [
            {
                "maaned": m + 1,
                "forude": faktisk[m] is None,
                "faktisk": faktisk[m],
                "kendt": kendt[m],
                "tilgange": tilgange[m],
                "afgange": afgange[m],
                "i_alt": p.pr_maaned[m],
            }
            for m in range(12)
        ],
    }


class PrognoseApi(APIView):
    @extend_schema(
        parameters=[PrognoseQuerySerializer],
        responses={
            200: PrognoseSerializer,
            404: OpenApiResponse(description="Ingen takstmodel for året."),
            503: OpenApiResponse(description="Årets tal genberegnes; prøv igen."),
        },
        description=(
            "Prognosen for året pr. måned, pr. tilbud og i alt. En måned med "
            "forbrug er det, der skete; en måned forude er summen af: kendt "
            "(korrigeret budget med de registrerede hændelser, faset efter "
            "tilbuddets eget forbrug sidste år), tilgange (ventelisten: "
            "sandsynlighed × dage × takst) og afgange (beboerne uden registreret "
            "afgang × dage × andel, der forventes at være flyttet efter "
            "tilbuddets gennemsnitlige opholdslængde, med afløbsreglen)."
        ),
    )
    def get(self, request: Request, aar: int) -> Response:
        query = PrognoseQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if not 2000 <= aar <= 2100:
            raise ValidationError({"aar": [AAR_UGYLDIGT]})
        try:
            idag = _idag(request)
            p = prognose_for(request.user, aar, idag)
        except Genberegnes as exc:
            raise GenberegnesNu(str(exc)) from exc
        except BudgetGrundlagMangler as exc:
            raise _mangler(exc) from exc
        tilbud_id = query.validated_data.get("tilbud")
        if tilbud_id is not None and all(r.grundlag.id != tilbud_id for r in p.raekker):
            raise ValidationError(
                {"tilbud": ["Tilbuddet findes ikke, eller du må ikke se det."]}
            )
        data = _data(p, tilbud_id)
        if tilbud_id is not None:
            tilbud = Tilbud.objects.get(pk=tilbud_id)
            resultat = tilbud_resultat(tilbud, aar, idag)
            data["tilbud"][0]["tilbageblik"] = _tilbageblik(
                tilbageblik_for(resultat, idag)
            )
        else:
            data["total"]["tilbageblik"] = _tilbageblik(
                tilbageblik_i_alt_for(request.user, aar, idag)
            )
        return Response(PrognoseSerializer(data).data)


def _tilbageblik(rows: list[Tilbageblik]) -> list[dict]:
    return [
        {
            "maaned": t.maaned,
            "foer": t.foer,
            "sagt": t.sagt,
            "skete": t.skete,
            "afvigelse": t.afvigelse,
            "procent": t.procent,
        }
        for t in rows
    ]
