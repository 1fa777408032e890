"""`dtks users add --role partner --public-key`: a partner system's account."""

from __future__ import annotations

import json

from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dci import signing
from dtks.cli import main
from workflow.app import open_ledger


def dtks(url: str, *args: str):
    return CliRunner().invoke(main, list(args), env={"DTKS_DATABASE_URL": url})


def test_a_partner_is_registered_with_its_public_key(sqlite_url, tmp_path):
    key = Ed25519PrivateKey.generate()
    (tmp_path / "pkh.pem").write_text(signing.public_pem(key))
    result = dtks(
        sqlite_url, "users", "add", "--name", "Sistem PKH Jepara", "--role",
        "partner", "--region", "33.20", "--public-key", str(tmp_path / "pkh.pem"),
        "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    ledger = open_ledger(sqlite_url)
    partner = ledger.authenticate(shown["token"])
    assert (partner.role, partner.region) == ("partner", "33.20")
    assert ledger.public_key_of(partner) == signing.public_pem(key)
    ledger.close()


def test_a_key_that_is_not_ed25519_or_a_key_for_another_role_is_refused(
    sqlite_url, tmp_path
):
    (tmp_path / "bad.pem").write_text("-----BEGIN PUBLIC KEY-----\nAAAA\n")
    base = ["users", "add", "--name", "X", "--role", "partner", "--region", "33.20"]
    result = dtks(sqlite_url, *base, "--public-key", str(tmp_path / "bad.pem"))
    assert result.exit_code != 0 and "Ed25519 public key" in result.output
    result = dtks(
        sqlite_url, "users", "add", "--name", "Y", "--role", "auditor",
        "--public-key", str(tmp_path / "bad.pem"),
    )  # fmt: skip
    assert result.exit_code != 0 and "only with --role partner" in result.output
    ledger = open_ledger(sqlite_url)
    assert ledger.recorder.max_notification_id() in (None, 0)
    ledger.close()
