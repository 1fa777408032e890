"""Tamper evidence: the log sealed into an RFC 9162 Merkle tree, signed checkpoints."""
