"""config.lib.sql.i_liste: a list of ids as one array on PostgreSQL, IN on SQLite."""

import pytest

from config.lib.sql import i_liste
from offers.models import Tilbud
from tests.factories import TilbudFactory


@pytest.mark.django_db
def test_the_rows_are_those_of_the_ids_given_and_none_for_no_ids():
    a, b, c = TilbudFactory(), TilbudFactory(), TilbudFactory()
    valgt = Tilbud.objects.filter(i_liste("pk", [a.pk, c.pk, 0])).order_by("pk")
    assert list(valgt) == [a, c]
    assert not Tilbud.objects.filter(i_liste("pk", [])).exists()
    assert Tilbud.objects.exclude(i_liste("pk", [b.pk])).count() == 2


@pytest.mark.django_db
def test_on_postgresql_the_ids_are_one_parameter():
    from django.db import connection

    ids = list(range(1, 1501))
    sql, params = Tilbud.objects.filter(i_liste("pk", ids)).query.sql_with_params()
    if connection.vendor == "postgresql":
        assert "= ANY(%s)" in sql and params == (ids,)
    else:
        assert len(params) == 1500


@pytest.mark.django_db
def test_whole_number_columns_arrive_as_the_rows_read():
    from django.db.models import F

    from config.lib.sql import heltal_kolonner

    a, b = TilbudFactory(pladser=12), TilbudFactory(pladser=3)
    qs = Tilbud.objects.filter(pk__in=[a.pk, b.pk]).order_by("pk")
    ids, pladser, dobbelt = heltal_kolonner(qs, "pk", "pladser", F("pladser") * 2)
    assert ids.tolist() == [a.pk, b.pk]
    assert pladser.tolist() == [12, 3] and dobbelt.tolist() == [24, 6]
    assert ids.dtype.name == "int64"
    tomme = heltal_kolonner(qs.none(), "pk", "pladser")
    assert [len(k) for k in tomme] == [0, 0]
    store = heltal_kolonner(qs, F("pladser") * 10**15)  # past int32
    assert store[0].tolist() == [12 * 10**15, 3 * 10**15]


@pytest.mark.django_db
def test_a_null_column_is_refused_on_postgresql():
    from django.db import connection
    from django.db.models import Value
    from django.db.models.fields import IntegerField

    from config.lib.sql import heltal_kolonner

    TilbudFactory()
    qs = Tilbud.objects.all()
    if connection.vendor != "postgresql":
        pytest.skip("the binary COPY is PostgreSQL's")
    with pytest.raises(ValueError, match="NULL"):
        heltal_kolonner(qs, "pk", Value(None, output_field=IntegerField()))
