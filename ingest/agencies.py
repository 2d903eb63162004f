"""Agencies known by different names in the two editions ("VNA" is "TTXVN")."""

from newsroom.text import fold

# slug: (Vietnamese name, English name, other spellings)
KNOWN_SOURCES = {
    "vna": ("TTXVN", "VNA", ["Thông tấn xã Việt Nam", "Vietnam News Agency", "Viet Nam News Agency"]),
    "vgp": ("VGP", "VGP", ["Cổng Thông tin điện tử Chính phủ", "Chinhphu.vn", "Government Portal"]),
    "vov": ("VOV", "VOV", ["Đài Tiếng nói Việt Nam", "Voice of Vietnam", "Voice of Viet Nam"]),
    "vtv": ("VTV", "VTV", ["Đài Truyền hình Việt Nam", "Vietnam Television"]),
    "nhan-dan": ("Nhân Dân", "Nhan Dan", ["Báo Nhân Dân", "Nhandan"]),
    "qdnd": ("Quân đội nhân dân", "People's Army", ["QĐND", "Báo Quân đội nhân dân"]),
}


def known_source(name: str) -> tuple[str, str, str] | None:
    """(slug, Vietnamese name, English name) when name is a known agency's, in any spelling."""
    key = fold(name).casefold().strip()
    for slug, (vi, en, others) in KNOWN_SOURCES.items():
        if key in {fold(spelling).casefold() for spelling in (slug, vi, en, *others)}:
            return slug, vi, en
    return None
