import pytest
from django.core.exceptions import ValidationError

from offers.cpr import CPR_DATO_FEJL, CPR_FORMAT_FEJL, mask_cpr, normalize_cpr


def test_cpr_with_dash_is_normalized():
    assert normalize_cpr("010190-1234") == "0101901234"


def test_cpr_with_letters_is_rejected_with_danish_message():
    with pytest.raises(ValidationError) as err:
        normalize_cpr("0101AB-1234")
    assert err.value.messages == [CPR_FORMAT_FEJL]


def test_cpr_with_impossible_date_is_rejected_with_danish_message():
    with pytest.raises(ValidationError) as err:
        normalize_cpr("310290-1234")
    assert err.value.messages == [CPR_DATO_FEJL]


def test_cpr_29_february_in_leap_year_is_accepted():
    assert normalize_cpr("290200-4123") == "2902004123"


def test_cpr_29_february_outside_leap_year_is_rejected():
    # 7th digit 1 puts 1901 in the 1900s: not a leap year.
    with pytest.raises(ValidationError):
        normalize_cpr("290201-1234")


def test_masked_cpr_hides_the_serial_number():
    assert mask_cpr("0101901234") == "010190-xxxx"
