"""Production settings refuse to start unsafely and pass `check --deploy`."""

import os
import subprocess
import sys

from tests.helpers import ROOT


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items()
                   if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG",
                                "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="config.settings.prod",
                    ALLOWED_HOSTS="clippings.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deployment_checklist(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY="k2#Vq9!mZ7@pL4&tR8*wX1^bN6%hJ3(eD5)sF0-gA" * 2,
        ALLOWED_HOSTS="clippings.example.org",
        CLIPPINGS_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bad_boolean_in_the_environment_is_a_clear_error():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr
