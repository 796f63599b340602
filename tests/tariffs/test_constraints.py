from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests.factories import TakstmodelFactory, TakstniveauFactory, TilbudFactory


def test_niveau_with_upper_bound_below_lower_is_rejected_by_the_database(db):
    with pytest.raises(IntegrityError):
        TakstniveauFactory(nedre=Decimal("4"), oevre=Decimal("2"))


def test_tilbud_with_zero_pladser_is_rejected(db):
    with pytest.raises(IntegrityError):
        TilbudFactory(pladser=0)


def test_niveau_bounds_give_a_validation_error_in_full_clean(db):
    model = TakstmodelFactory()
    niveau = TakstniveauFactory.build(
        takstmodel=model, nedre=Decimal("4"), oevre=Decimal("2")
    )
    with pytest.raises(ValidationError):
        niveau.full_clean()
