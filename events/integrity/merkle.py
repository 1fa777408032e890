"""RFC 9162 §2.1 Merkle tree hashing: tree heads, inclusion and consistency proofs.

Pure functions over hashes; where the hashes come from (a list in memory, the
seal tables of the database) is the caller's business. A tree is read through
`perfect(level, index)`, the hash of the complete subtree of 2**level leaves
that starts at leaf index * 2**level: every subtree RFC 9162 asks for splits
into O(log n) of those.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    """The hash of one leaf: SHA-256(0x00 || data)."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """The hash of an inner node: SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


class Tree:
    """Tree heads and proofs of a tree whose complete subtrees can be looked up."""

    def __init__(self, perfect: Callable[[int, int], bytes]):
        self.perfect = perfect

    def subtree(self, lo: int, hi: int) -> bytes:
        """MTH of the leaves [lo, hi), from the complete subtrees inside it."""
        n = hi - lo
        if n & (n - 1) == 0 and lo % n == 0:
            level = n.bit_length() - 1
            return self.perfect(level, lo >> level)
        k = _split(n)
        return node_hash(self.subtree(lo, lo + k), self.subtree(lo + k, hi))

    def root(self, size: int) -> bytes:
        """The tree head of the first `size` leaves."""
        return self.subtree(0, size) if size else EMPTY_ROOT

    def inclusion(self, index: int, size: int) -> list[bytes]:
        """PATH(index, D[0:size]): the audit path of one leaf, leaf end first."""
        proof, lo, hi = [], 0, size
        while hi - lo > 1:
            k = _split(hi - lo)
            if index < lo + k:
                proof.append(self.subtree(lo + k, hi))
                hi = lo + k
            else:
                proof.append(self.subtree(lo, lo + k))
                lo += k
        return proof[::-1]

    def consistency(self, old: int, size: int) -> list[bytes]:
        """PROOF(old, D[0:size]): that the first `old` leaves are still the first."""
        proof, lo, hi, whole = [], 0, size, True
        while old != hi - lo:
            k = _split(hi - lo)
            if old <= k:
                proof.append(self.subtree(lo + k, hi))
                hi = lo + k
            else:
                proof.append(self.subtree(lo, lo + k))
                lo, old, whole = lo + k, old - k, False
        if not whole:
            proof.append(self.subtree(lo, hi))
        return proof[::-1]


class CompactRange:
    """The tree head of leaves appended one by one, in O(log n) memory.

    Holds the complete subtrees the leaves so far form, largest first; the
    head folds them from the right, as RFC 9162 splits a tree.
    """

    def __init__(self) -> None:
        self.count = 0
        self.subtrees: list[tuple[int, bytes]] = []  # (leaves, hash)

    def append(self, leaf: bytes) -> None:
        """Add the next leaf hash."""
        size, digest = 1, leaf
        while self.subtrees and self.subtrees[-1][0] == size:
            digest = node_hash(self.subtrees.pop()[1], digest)
            size *= 2
        self.subtrees.append((size, digest))
        self.count += 1

    def root(self) -> bytes:
        """The tree head of every leaf appended so far."""
        if not self.subtrees:
            return EMPTY_ROOT
        digest = self.subtrees[-1][1]
        for _, left in reversed(self.subtrees[:-1]):
            digest = node_hash(left, digest)
        return digest


def in_memory(leaves: Sequence[bytes]) -> Tree:
    """A tree over leaf hashes held in memory (every level built once, O(n))."""
    levels = [list(leaves)]
    while len(levels[-1]) > 1:
        below = levels[-1]
        levels.append(
            [node_hash(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)]
        )
    return Tree(lambda level, index: levels[level][index])


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does `proof` show leaf `index` in the tree `root`?"""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(
    old: int, size: int, old_root: bytes, root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: does `proof` show tree `old_root` a prefix of `root`?"""
    if old == size:
        return old_root == root and not proof
    if old == 0 or old > size or not proof:
        return False
    if old & (old - 1) == 0:
        proof = [old_root, *proof]
    fn, sn = old - 1, size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    return _climb(fn, sn, proof) == (old_root, root, 0)


def _climb(fn: int, sn: int, proof: Sequence[bytes]) -> tuple[bytes, bytes, int]:
    """Both roots a consistency proof leads to, and what is left of `sn`."""
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return fr, sr, -1
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr, sr, sn
