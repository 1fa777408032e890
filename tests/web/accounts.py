"""Web accounts for tests: one per role in Jepara, and an operator of another desa."""

from __future__ import annotations

from workflow.actors import command_line_actor

PASSWORD = "uji-coba-2026"
SCOPES = {
    "operator": "33.20.01.2001",  # Kedungmalang
    "camat": "33.20.01",  # Kedung
    "verifier": "33.20",  # Jepara
    "ratifier": "33.20",
    "ministry": None,
    "auditor": None,
    "admin": None,
    "operator.kalianyar": "33.20.01.2002",
    "auditor.jepara": "33.20",
    "auditor.kudus": "33.19",
}
NAMES = {
    "operator": "Dwi Rahmawati",
    "camat": "Drs. Hadi Prasetyo",
    "verifier": "Nur Kholis",
    "ratifier": "Bambang Setiawan",
    "ministry": "Rina Kusumawardani",
    "auditor": "Yudi Hartanto",
    "admin": "Fajar Nugroho",
    "operator.kalianyar": "Sri Lestari",
    "auditor.jepara": "Agus Wibowo",
    "auditor.kudus": "Endang Purwanti",
}

# The pages each account opens from its menu, forms included.
PAGES = {
    "operator": [
        "/registri",
        "/usulan",
        "/usulan/baru/add",
        "/usulan/baru/remove",
        "/usulan/baru/update",
        "/musyawarah",
        "/musyawarah/baru",
    ],
    "camat": [
        "/musyawarah?status=submitted",
        "/musyawarah/tanpa-musdes",
        "/usulan",
        "/pantauan",
    ],
    "verifier": ["/usulan?status=endorsed", "/registri", "/pantauan"],
    "ratifier": ["/usulan?status=verified", "/pantauan"],
    "ministry": ["/usulan?status=ratified", "/registri", "/pantauan"],
    "admin": ["/akun"],
    "auditor.jepara": [
        "/pantauan",
        "/pantauan/33.20.01",
        "/pantauan/33.20.01.2001",
        "/jelajah",
        "/jelajah/wilayah/33.20.01",
        "/jelajah/wilayah/33.20.01.2001",
        "/jelajah/peristiwa",
    ],
}


def add_web_accounts(ledger) -> None:
    """Every account of SCOPES, its username the key, with PASSWORD."""
    for username, region in SCOPES.items():
        body = {
            "name": NAMES[username],
            "role": username.split(".")[0],
            "region": region,
            "username": username,
        }
        ledger.add_user(command_line_actor(), body)
        ledger.set_password(command_line_actor(), username, PASSWORD)
