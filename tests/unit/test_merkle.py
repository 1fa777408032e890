"""The Merkle tree math against the published RFC 6962 / RFC 9162 test vectors
(the 8-leaf tree of Certificate Transparency's reference implementations)."""

from __future__ import annotations

import pytest

from events.integrity.merkle import (
    EMPTY_ROOT,
    CompactRange,
    in_memory,
    leaf_hash,
    verify_consistency,
    verify_inclusion,
)

LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
ROOTS = {
    0: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    1: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    2: "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    3: "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    4: "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    5: "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    6: "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    7: "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    8: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}
# (leaf index, tree size, audit path), from the reference tests.
INCLUSION = [
    (0, 1, []),
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]  # fmt: skip
# (old size, new size, consistency proof), from the reference tests.
CONSISTENCY = [
    (1, 1, []),
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    (6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
]  # fmt: skip


def tree_of(size: int):
    return in_memory([leaf_hash(data) for data in LEAVES[:size]])


def root(size: int) -> bytes:
    return bytes.fromhex(ROOTS[size])


@pytest.mark.parametrize("size", range(9))
def test_the_root_of_every_prefix_matches_the_published_vector(size):
    assert tree_of(size).root(size) == root(size)


def test_a_compact_range_reaches_every_published_root_leaf_by_leaf():
    grown = CompactRange()
    assert grown.root() == root(0)
    for size, data in enumerate(LEAVES, start=1):
        grown.append(leaf_hash(data))
        assert (grown.count, grown.root()) == (size, root(size))


def test_the_empty_tree_hashes_to_sha256_of_nothing():
    assert EMPTY_ROOT.hex() == ROOTS[0]


@pytest.mark.parametrize(("index", "size", "path"), INCLUSION)
def test_inclusion_paths_match_the_published_vectors_and_verify(index, size, path):
    proof = tree_of(8).inclusion(index, size)
    assert [p.hex() for p in proof] == path
    leaf = leaf_hash(LEAVES[index])
    assert verify_inclusion(index, size, leaf, proof, root(size))


@pytest.mark.parametrize(("old", "size", "path"), CONSISTENCY)
def test_consistency_proofs_match_the_published_vectors_and_verify(old, size, path):
    proof = tree_of(8).consistency(old, size) if old != size else []
    assert [p.hex() for p in proof] == path
    assert verify_consistency(old, size, root(old), root(size), proof)


def test_every_inclusion_proof_of_every_tree_verifies_and_no_other_leaf_does():
    tree = tree_of(8)
    for size in range(1, 9):
        for index in range(size):
            proof = tree.inclusion(index, size)
            for other in range(8):
                claimed = leaf_hash(LEAVES[other])
                expected = other == index
                assert verify_inclusion(index, size, claimed, proof, root(size)) is (
                    expected
                )


def test_every_consistency_proof_verifies_and_fails_against_another_root():
    tree = tree_of(8)
    for size in range(1, 9):
        for old in range(1, size):
            proof = tree.consistency(old, size)
            assert verify_consistency(old, size, root(old), root(size), proof)
            assert not verify_consistency(old, size, root(old), root(old), proof)
            assert not verify_consistency(old, size, root(size), root(size), proof)


def test_a_corrupted_inclusion_proof_fails():
    proof = tree_of(8).inclusion(5, 8)
    leaf = leaf_hash(LEAVES[5])
    flipped = [bytes([proof[0][0] ^ 8]) + proof[0][1:], *proof[1:]]
    assert not verify_inclusion(5, 8, leaf, flipped, root(8))
    assert not verify_inclusion(5, 8, leaf, proof[:-1], root(8))
    assert not verify_inclusion(5, 8, leaf, [*proof, root(8)], root(8))
    assert not verify_inclusion(4, 8, leaf, proof, root(8))
    assert not verify_inclusion(5, 16, leaf, proof, root(8))


def test_a_consistency_proof_between_different_sizes_needs_a_proof():
    assert not verify_consistency(1, 2, root(1), root(2), [])
    assert not verify_consistency(0, 1, root(0), root(1), [])
    assert not verify_consistency(2, 1, root(2), root(1), [])
