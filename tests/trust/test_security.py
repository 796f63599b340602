import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _env_example() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def test_deploy_check_is_clean_with_the_example_environment():
    # Production's environment: the example values, none of the test run's own
    # (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which Django rightly refuses).
    skip = set(_env_example()) | {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(_env_example())
    env["CPR_ENCRYPTION_KEYS"] = "ZGV2LW9ubHktY3ByLWtleS1ub3QtZm9yLXByb2R1Y3Q="
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_production_start_without_secret_key_is_refused():
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("navn", "vaerdi"),
    [
        ("EFTERREGULERING_BAAND_PROCENT", "fem"),
        ("EFTERREGULERING_BAAND_PROCENT", "101"),
        ("EFTERREGULERING_TAKST_AAR_SENERE", "0"),
    ],
)
def test_a_bad_efterregulering_setting_stops_start_up(navn, vaerdi):
    env = {**os.environ, navn: vaerdi}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert f"{navn} must be" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy(client):
    response = client.get(reverse("login"))
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_login_is_locked_after_five_failed_attempts(client, raadgiver):
    for _ in range(5):
        client.post(reverse("login"), {"username": "raadgiver", "password": "forkert"})
    response = client.post(
        reverse("login"), {"username": "raadgiver", "password": "Kode-1234!"}
    )
    assert "midlertidigt spærret" in response.content.decode()


@pytest.mark.django_db
def test_correct_login_before_the_limit_succeeds(client, raadgiver):
    client.post(reverse("login"), {"username": "raadgiver", "password": "forkert"})
    response = client.post(
        reverse("login"), {"username": "raadgiver", "password": "Kode-1234!"}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_oversized_upload_is_refused_with_a_danish_message_and_nothing_queued(
    client, oekonomichef, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from budgets import views_import
    from budgets.models import Importjob

    monkeypatch.setattr(views_import, "MAKS_STOERRELSE", 10)
    client.force_login(oekonomichef)
    fil = SimpleUploadedFile("forbrug.csv", b"tilbud;maaned;art;beloeb\n" * 5)
    response = client.post(reverse("imports:list"), {"type": "forbrug", "fil": fil})
    assert views_import.FOR_STOR in response.content.decode()
    assert Importjob.objects.count() == 0
