"""Ed25519 public keys of partner systems, checked before they are recorded."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from workflow.errors import InvalidInput


def public_key_pem(text: object) -> str:
    """The key as a normalised PEM (SubjectPublicKeyInfo), or InvalidInput."""
    try:
        key = serialization.load_pem_public_key(str(text).encode())
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInput(
            {
                "public_key": [
                    "give an Ed25519 public key in PEM form (BEGIN PUBLIC KEY)"
                ]
            }
        )
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
