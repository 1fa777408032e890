"""Checkpoints as signed notes (C2SP signed-note and tlog-checkpoint formats).

    dtks.kemensos.go.id/ledger        origin: names the log
    1628                              tree size
    bW6Tm7d...=                       tree head, base64
                                      (blank line)
    — dtks.kemensos.go.id/ledger AbCd...   key name, base64(key hash || Ed25519 sig)

The signature covers the text above the blank line. The verifier key, the
text anyone needs to check a checkpoint, is `name+keyhash+base64(0x01 || key)`
as Go's golang.org/x/mod/sumdb/note writes it.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

DEFAULT_KEY = "var/ledger-key.pem"
DEFAULT_ORIGIN = "dtks.kemensos.go.id/ledger"
ED25519 = b"\x01"
DASH = "\u2014 "
DIGITS = re.compile(r"[0-9]+")


class CheckpointError(ValueError):
    """A checkpoint or key that cannot be read or does not verify."""


@dataclass(frozen=True)
class Checkpoint:
    """A signed tree head: origin, size, root, and the note's full text."""

    origin: str
    size: int
    root: bytes
    text: str


def key_path() -> Path:
    """Where the ledger's private key lives (DTKS_LEDGER_KEY)."""
    return Path(os.environ.get("DTKS_LEDGER_KEY") or DEFAULT_KEY)


def origin() -> str:
    """The origin line of this ledger's checkpoints (DTKS_LEDGER_ORIGIN)."""
    name = os.environ.get("DTKS_LEDGER_ORIGIN") or DEFAULT_ORIGIN
    if not name.isprintable() or " " in name or "+" in name:
        raise CheckpointError(
            f"DTKS_LEDGER_ORIGIN {name!r} must be printable, without spaces or '+'"
        )
    return name


def create_key(path: Path, force: bool = False) -> Ed25519PrivateKey:
    """Write a new Ed25519 private key, readable by its owner only."""
    if path.exists() and not force:
        raise CheckpointError(
            f"{path} already holds a key; pass --force to replace it (checkpoints "
            "signed with the old key then no longer verify with the new one)"
        )
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(pem)
    return key


def load_key(path: Path) -> Ed25519PrivateKey | None:
    """The private key at `path`, or None when there is no file."""
    if not path.exists():
        return None
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError):
        raise CheckpointError(f"{path} is not a PEM private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError(f"{path} holds a key, but not an Ed25519 one")
    return key


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def _key_hash(name: str, raw: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + raw).digest()[:4]


def verifier_key(name: str, public: Ed25519PublicKey) -> str:
    """The text to publish so anyone can check checkpoints signed by this key."""
    raw = _raw(public)
    encoded = base64.b64encode(ED25519 + raw).decode()
    return f"{name}+{_key_hash(name, raw).hex()}+{encoded}"


def read_verifier_key(text: str) -> tuple[str, Ed25519PublicKey]:
    """The name and public key of a verifier key `name+hash+base64`."""
    try:
        name, hash_hex, encoded = text.strip().split("+", 2)
        blob = base64.b64decode(encoded, validate=True)
        public = Ed25519PublicKey.from_public_bytes(blob[1:])
    except ValueError:
        raise CheckpointError(f"not a verifier key: {text.strip()!r}") from None
    if blob[:1] != ED25519 or _key_hash(name, blob[1:]).hex() != hash_hex:
        raise CheckpointError("the verifier key's hash does not match its key")
    return name, public


def sign(key: Ed25519PrivateKey, size: int, root: bytes, name: str = "") -> str:
    """A checkpoint of the tree of `size` leaves with head `root`, signed."""
    name = name or origin()
    body = f"{name}\n{size}\n{base64.b64encode(root).decode()}\n"
    raw = _raw(key.public_key())
    signature = _key_hash(name, raw) + key.sign(body.encode())
    return f"{body}\n{DASH}{name} {base64.b64encode(signature).decode()}\n"


def parse(text: str) -> Checkpoint:
    """Read a checkpoint's origin, size and root (the signature is not checked)."""
    body, _, _ = text.partition("\n\n")
    lines = body.split("\n")
    try:
        if not DIGITS.fullmatch(lines[1]):
            raise ValueError(lines[1])
        name, size = lines[0], int(lines[1])
        root = base64.b64decode(lines[2], validate=True)
    except (IndexError, ValueError):
        raise CheckpointError(
            "not a checkpoint: expected origin, size and base64 root lines, "
            "a blank line and a signature"
        ) from None
    if not name or len(root) != 32:
        raise CheckpointError("not a checkpoint: bad origin, size or root")
    return Checkpoint(name, size, root, text)


def verify(text: str, name: str, public: Ed25519PublicKey) -> Checkpoint:
    """The checkpoint, if one of its signatures is by this key; else an error."""
    checkpoint = parse(text)
    body, _, signatures = text.partition("\n\n")
    wanted = _key_hash(name, _raw(public))
    for line in signatures.splitlines():
        if not line.startswith(DASH + name + " "):
            continue
        try:
            blob = base64.b64decode(line.rsplit(" ", 1)[1], validate=True)
        except ValueError:
            continue
        if blob[:4] != wanted:
            continue
        try:
            public.verify(blob[4:], (body + "\n").encode())
        except InvalidSignature:
            break
        return checkpoint
    raise CheckpointError(f"the checkpoint carries no valid signature by {name}")
