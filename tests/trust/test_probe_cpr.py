"""Issue 14 item 5: the same person twice through Unicode digits.

``{"cpr": "１５０５８５-１２３７"}`` (fullwidth digits) created a second borger
beside 150585-1237: Python's ``\\d`` matched the fullwidth digits, and the hash
was taken of them. Digits are now made ASCII before validating and hashing.
"""

import pytest
from rest_framework.test import APIClient

from config.lib.security import normaliser_cifre
from offers import services
from offers.cpr import hash_cpr, normalize_cpr
from offers.models import Borger
from offers.services import CPR_FINDES


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


FULDBREDDE = "１５０５８５-１２３７"  # U+FF11 ... : fullwidth digits
FULDBREDDE_BINDESTREG = "１５０５８５－１２３７"  # and U+FF0D, fullwidth hyphen
ARABISK = "١٥٠٥٨٥-١٢٣٧"  # U+0661 ...: Arabic-Indic digits
DEVANAGARI = "१५०५८५१२३७"  # U+0967 ...: Devanagari digits, no hyphen


def test_normaliser_cifre_makes_every_decimal_digit_ascii():
    assert normaliser_cifre(FULDBREDDE) == "150585-1237"
    assert normaliser_cifre(FULDBREDDE_BINDESTREG) == "150585-1237"
    assert normaliser_cifre(ARABISK) == "150585-1237"
    assert normaliser_cifre(DEVANAGARI) == "1505851237"
    assert normaliser_cifre("Anna 12") == "Anna 12"


@pytest.mark.parametrize(
    "cpr", [FULDBREDDE, FULDBREDDE_BINDESTREG, ARABISK, DEVANAGARI]
)
def test_one_person_has_one_normal_form_and_one_hash(cpr):
    assert normalize_cpr(cpr) == "1505851237"
    assert hash_cpr(normalize_cpr(cpr)) == hash_cpr("1505851237")


@pytest.mark.parametrize("cpr", [FULDBREDDE, ARABISK])
def test_api_refuses_the_same_person_typed_in_other_digits(raadgiver, cpr):
    api = APIClient()
    api.force_login(raadgiver)
    first = api.post(
        "/api/v1/borgere/", {"cpr": "150585-1237", "navn": "Anna"}, format="json"
    )
    assert first.status_code == 201
    second = api.post("/api/v1/borgere/", {"cpr": cpr, "navn": "Anna"}, format="json")
    assert second.status_code == 400
    assert second.data["cpr"] == [CPR_FINDES]
    assert Borger.objects.count() == 1
    assert Borger.objects.get().cpr_maskeret == "150585-xxxx"


def test_a_borger_created_with_fullwidth_digits_is_found_by_ascii(raadgiver):
    borger = services.borger_create(cpr=FULDBREDDE, navn="Anna", acting_user=raadgiver)
    assert borger.cpr_maskeret == "150585-xxxx"
    assert services.borger_find_by_cpr("150585-1237") == borger
