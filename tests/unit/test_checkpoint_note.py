"""Signed checkpoints: whoever holds the verifier key can tell a genuine one."""

from __future__ import annotations

import base64
import os
import stat

import pytest

from events.integrity import note
from events.integrity.merkle import leaf_hash

ROOT = leaf_hash(b"a root")


@pytest.fixture
def key(tmp_path):
    return note.create_key(tmp_path / "key.pem")


def verifier(key):
    return note.read_verifier_key(note.verifier_key(note.origin(), key.public_key()))


def test_a_signed_checkpoint_reads_back_and_verifies(key):
    text = note.sign(key, 1628, ROOT)
    origin, size, root = text.split("\n")[:3]
    assert root == base64.b64encode(ROOT).decode()
    assert (origin, size) == ("dtks.kemensos.go.id/ledger", "1628")
    assert text.split("\n")[3] == "" and text.split("\n")[4].startswith("\u2014 ")
    checkpoint = note.verify(text, *verifier(key))
    assert (checkpoint.size, checkpoint.root) == (1628, ROOT)


@pytest.mark.parametrize(
    ("old", "new"), [("1628", "1627"), ("dtks.kemensos", "dtks.kemenkeu")]
)
def test_a_checkpoint_with_an_edited_line_does_not_verify(key, old, new):
    text = note.sign(key, 1628, ROOT).replace(old, new, 1)
    with pytest.raises(note.CheckpointError, match="no valid signature"):
        note.verify(text, *verifier(key))


def test_a_checkpoint_signed_by_another_key_does_not_verify(key, tmp_path):
    other = note.create_key(tmp_path / "other.pem")
    with pytest.raises(note.CheckpointError, match="no valid signature"):
        note.verify(note.sign(other, 5, ROOT), *verifier(key))


def test_the_private_key_is_readable_by_its_owner_only_and_not_overwritten(
    key, tmp_path
):
    path = tmp_path / "key.pem"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with pytest.raises(note.CheckpointError, match="--force"):
        note.create_key(path)
    assert note.load_key(path).public_key() == key.public_key()
    replaced = note.create_key(path, force=True)
    assert note.load_key(path).public_key() == replaced.public_key()


def test_a_verifier_key_whose_hash_does_not_match_is_refused(key):
    text = note.verifier_key(note.origin(), key.public_key())
    name, _hash, encoded = text.split("+", 2)
    with pytest.raises(note.CheckpointError, match="hash does not match"):
        note.read_verifier_key(f"{name}+00000000+{encoded}")
    with pytest.raises(note.CheckpointError, match="not a verifier key"):
        note.read_verifier_key("no key here")


@pytest.mark.parametrize(
    "text",
    ["", "origin\n12\n", "origin\n\u00b2\nAAAA\n\n", "origin\n-1\nAAAA\n\n"],
)
def test_text_that_is_not_a_checkpoint_is_named_as_such(text):
    with pytest.raises(note.CheckpointError, match="not a checkpoint"):
        note.parse(text)
