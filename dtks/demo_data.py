"""Who the demo shows: five regions of the news reports, their staff and people.

Every name is invented; the region codes are real Kemendagri codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workflow.regions import region_name


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


@dataclass(frozen=True)
class Region:
    """A kabupaten/kota of the demo, the desa its operator serves, and its people."""

    kabkota: str
    desa: str
    staff: tuple[str, str, str, str]  # operator, camat, verifier, ratifier
    chair: str  # the kepala desa or lurah who chairs the Musdes/Muskel
    street: str
    work: tuple[str, ...]
    men: tuple[str, ...]
    women: tuple[str, ...]

    @property
    def kecamatan(self) -> str:
        """The kecamatan code of the desa."""
        return self.desa.rsplit(".", 1)[0]

    @property
    def kelurahan(self) -> bool:
        """True for a kelurahan (1xxx), whose deliberation is a Muskel."""
        return self.desa.rsplit(".", 1)[1].startswith("1")


REGIONS = (
    Region(
        "33.20",
        "33.20.01.2001",  # Kedungmalang, Kedung, Kabupaten Jepara
        ("Dwi Rahmawati", "Drs. Hadi Prasetyo", "Nur Kholis", "Bambang Setiawan"),
        "H. Ahmad Sholeh",
        "Dukuh Krajan",
        ("buruh tani", "nelayan", "pengrajin ukir", "pedagang kecil"),
        _names(
            "Sutrisno, Mulyadi, Ahmad Sholikhin, Kasmuri, Nur Hadi, Sunarto, "
            "Supriyanto, Muhammad Arifin, Jumadi, Sukardi, Ali Mustofa, Purwanto, "
            "Rohmadi, Abdul Ghofur"
        ),
        _names(
            "Siti Aminah, Sri Wahyuni, Umi Kulsum, Sumiyati, Khoiriyah, Suwarni, "
            "Muslikhah, Rukayah, Darmini, Nur Hidayah, Siti Maslikhah, Mariyam, "
            "Sulastri, Kasmini"
        ),
    ),
    Region(
        "64.09",
        "64.09.01.1004",  # Lawe-lawe, Penajam, Kabupaten Penajam Paser Utara
        ("Nurul Hikmah", "Andi Muhammad Yusran", "Ernawati", "Muhammad Faisal"),
        "Rusdiansyah",
        "Jl. Provinsi",
        ("nelayan", "buruh harian lepas", "ojek", "pedagang kecil"),
        _names(
            "Syamsuddin, Andi Baharuddin, Muhammad Ridwan, Abdul Rahman, Basri, "
            "Hamzah, Jumain, Sudirman, Arsyad, Muhammad Yusuf, Ambo Tang, "
            "Kamaruddin, Saparuddin, Lukman Hakim"
        ),
        _names(
            "Hasnah, Rahmawati, Nurlela, Darmawati, Sitti Aisyah, Masnah, Jumriah, "
            "Nurhayati, Salmah, Hasniah, Rosmini, Norhayati, Herlina, Wahidah"
        ),
    ),
    Region(
        "62.71",
        "62.71.01.1002",  # Panarung, Pahandut, Kota Palangka Raya
        ("Yuliana Sinta", "Gusti Mahrani", "Ardiansyah", "Yosef Sandan"),
        "Elias Dehen",
        "Jl. Rajawali",
        ("buruh bangunan", "pedagang kecil", "ojek", "penyadap karet"),
        _names(
            "Pilipus Tingang, Herman Sahay, Yulianus Nahan, Samsudin, Rahmadi, "
            "Markus Bilin, Muhammad Noor, Supian, Rusdi Anwar, Darius Ngabut, "
            "Andreas Iban, Dedi Saputra, Yohanes Ugang, Hairul Saleh"
        ),
        _names(
            "Lusiana, Marta Ririn, Rosalina, Nor Aini, Siti Raudah, Herlina Ester, "
            "Mahrita, Norhasanah, Eva Sulastri, Rini Handayani, Debora Luwi, "
            "Fatimah, Maria Ujan, Nurjanah"
        ),
    ),
    Region(
        "16.05",
        "16.05.01.2002",  # Surodadi, Tugumulyo, Kabupaten Musi Rawas
        ("Eko Prasetyo", "Drs. Syamsul Bahri", "Lina Marlina", "Hendra Gunawan"),
        "Sukirno",
        "Dusun II",
        ("buruh tani", "penyadap karet", "buruh harian lepas", "ojek"),
        _names(
            "Sukimin, Paijo, Tukiran, Suroso, Heri Saputra, Bambang Irawan, "
            "Darsono, Sugiyono, Ponimin, Wagiman, Edi Susanto, Rudi Hartono, "
            "Sarno, Muhadi"
        ),
        _names(
            "Sumarni, Tuminah, Wartini, Painem, Rusmini, Sri Lestari, Yanti, "
            "Parmi, Ngatini, Sutinah, Rohani, Suyati, Kartini, Sulami"
        ),
    ),
    Region(
        "18.71",
        "18.71.01.1006",  # Sidodadi, Kedaton, Kota Bandar Lampung
        ("Fitri Handayani", "Hermansyah", "Rudi Hermawan", "Ahmad Zainuri"),
        "Yusuf Effendi",
        "Jl. Pagar Alam Gg. Mawar",
        ("ojek", "pedagang kecil", "buruh harian lepas", "pemulung"),
        _names(
            "Zulkifli, Ahmad Rifai, Rusdi Hamzah, Herman Syah, Iwan Setiawan, "
            "Sarbini, Effendi, Nasrullah, Mat Sani, Deni Kurniawan, Sahroni, "
            "Ujang Suherman, Agus Salim, Syahrial"
        ),
        _names(
            "Nurhasanah, Maryani, Rosita, Eli Susanti, Fitriyani, Komariah, "
            "Nuraini, Yuliani, Neneng Hasanah, Dewi Safitri, Rohimah, Juleha, "
            "Suryani, Aan Herawati"
        ),
    ),
)

NATIONAL = (
    ("ministry", "Rina Kusumawardani"),
    ("auditor", "Yudi Hartanto"),
    ("admin", "Fajar Nugroho"),
)

BOYS = _names(
    "Rizky Pratama, Aditya Nugraha, Dimas Saputra, Fajar Ramadhan, Muhammad Alif, "
    "Bagas Setiawan, Ilham Maulana, Raka Putra"
)
GIRLS = _names(
    "Putri Ayu Lestari, Nabila Azzahra, Aisyah Nur Fadilah, Citra Dewi, Salsabila, "
    "Nadia Rahma, Anisa Fitri, Zahra Amelia"
)


def demo_username(role: str, region: str | None) -> str:
    """role.place, e.g. operator.kedungmalang, verifier.jepara; national: the role."""
    if region is None:
        return role
    place = str(region_name(region)).lower()
    for prefix in ("kabupaten ", "kota "):
        place = place.removeprefix(prefix)
    return f"{role}.{re.sub(r'[^a-z0-9]+', '-', place).strip('-')}"
