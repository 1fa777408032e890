"""The Digital Convergence Initiative's Social Registry API (SPEC §11) under /dci."""
