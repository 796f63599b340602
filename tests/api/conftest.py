"""API clients per persona, signed in with a session as a browser would be."""

import datetime

import pytest
from rest_framework.test import APIClient

from offers import services


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def anonym():
    return APIClient()


@pytest.fixture
def oekonomi_api(oekonomichef):
    return client_for(oekonomichef)


@pytest.fixture
def raadgiver_api(raadgiver):
    return client_for(raadgiver)


@pytest.fixture
def leder_a_api(leder_a):
    return client_for(leder_a)


@pytest.fixture
def leder_b_api(leder_b):
    return client_for(leder_b)


@pytest.fixture
def anna(raadgiver, tilbud_a, niveau):
    """Anna lives in tilbud A from 1 February 2026 at niveau 2."""
    borger = services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=datetime.date(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    return borger


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The persona fixtures hash a password each; PBKDF2 would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
