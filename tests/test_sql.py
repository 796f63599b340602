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
