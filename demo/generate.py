"""
Generated bilingual news copy for benchmarks and load tests: plausible
sentences in Vietnamese and English from a phrase book of provinces,
countries, topics and invented people, deterministic for a given seed.
Nothing here is meant to be read as news.
"""

import random
from dataclasses import dataclass

from newsroom.text import fold

# Each entry pairs the Vietnamese and the English wording of the same thing.
PROVINCES = [
    ("Hà Nội", "Ha Noi"),
    ("Hải Phòng", "Hai Phong"),
    ("Đà Nẵng", "Da Nang"),
    ("Huế", "Hue"),
    ("Cần Thơ", "Can Tho"),
    ("Quảng Ninh", "Quang Ninh"),
    ("Lào Cai", "Lao Cai"),
    ("Điện Biên", "Dien Bien"),
    ("Lạng Sơn", "Lang Son"),
    ("Cao Bằng", "Cao Bang"),
    ("Nghệ An", "Nghe An"),
    ("Hà Tĩnh", "Ha Tinh"),
    ("Quảng Trị", "Quang Tri"),
    ("Quảng Ngãi", "Quang Ngai"),
    ("Gia Lai", "Gia Lai"),
    ("Đắk Lắk", "Dak Lak"),
    ("Lâm Đồng", "Lam Dong"),
    ("Khánh Hòa", "Khanh Hoa"),
    ("Đồng Nai", "Dong Nai"),
    ("Tây Ninh", "Tay Ninh"),
    ("An Giang", "An Giang"),
    ("Cà Mau", "Ca Mau"),
    ("Vĩnh Long", "Vinh Long"),
    ("Đồng Tháp", "Dong Thap"),
    ("Thái Nguyên", "Thai Nguyen"),
    ("Phú Thọ", "Phu Tho"),
    ("Tuyên Quang", "Tuyen Quang"),
    ("Ninh Bình", "Ninh Binh"),
    ("Hưng Yên", "Hung Yen"),
    ("Bắc Ninh", "Bac Ninh"),
    ("Thanh Hóa", "Thanh Hoa"),
    ("Sơn La", "Son La"),
    ("Lai Châu", "Lai Chau"),
    ("Thành phố Hồ Chí Minh", "Ho Chi Minh City"),
]
COUNTRIES = [
    ("Nhật Bản", "Japan"),
    ("Hàn Quốc", "South Korea"),
    ("Lào", "Laos"),
    ("Cam-pu-chia", "Cambodia"),
    ("Cu-ba", "Cuba"),
    ("Pháp", "France"),
    ("Đức", "Germany"),
    ("Nga", "Russia"),
    ("Ấn Độ", "India"),
    ("Úc", "Australia"),
    ("Hoa Kỳ", "the United States"),
    ("Anh", "the United Kingdom"),
    ("Ý", "Italy"),
    ("Tây Ban Nha", "Spain"),
    ("Thái Lan", "Thailand"),
    ("Ma-lai-xi-a", "Malaysia"),
    ("In-đô-nê-xi-a", "Indonesia"),
    ("Xin-ga-po", "Singapore"),
    ("Phi-líp-pin", "the Philippines"),
    ("Mông Cổ", "Mongolia"),
    ("Bê-la-rút", "Belarus"),
    ("Ca-na-đa", "Canada"),
    ("Bra-xin", "Brazil"),
    ("Nam Phi", "South Africa"),
    ("Ai Cập", "Egypt"),
    ("Thụy Điển", "Sweden"),
    ("Hà Lan", "the Netherlands"),
    ("Ba Lan", "Poland"),
    ("Hung-ga-ri", "Hungary"),
    ("Niu Di-lân", "New Zealand"),
]
TOPICS = [
    ("giáo dục", "education"),
    ("y tế", "health care"),
    ("nông nghiệp", "agriculture"),
    ("du lịch", "tourism"),
    ("năng lượng tái tạo", "renewable energy"),
    ("bảo vệ môi trường", "environmental protection"),
    ("chuyển đổi số", "digital transformation"),
    ("văn hóa", "culture"),
    ("thể thao", "sports"),
    ("nước sạch", "clean water"),
    ("rà phá bom mìn", "mine clearance"),
    ("ứng phó biến đổi khí hậu", "climate change adaptation"),
    ("xuất khẩu nông sản", "farm exports"),
    ("đào tạo nghề", "vocational training"),
    ("nghiên cứu khoa học", "scientific research"),
    ("bình đẳng giới", "gender equality"),
    ("phòng chống thiên tai", "disaster prevention"),
    ("bảo tồn di sản", "heritage conservation"),
    ("kinh tế biển", "the marine economy"),
    ("giao lưu nhân dân", "people-to-people exchange"),
]
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Quốc", "Hữu", "Ngọc"]
GIVEN = [
    "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hùng", "Khánh", "Lan", "Linh", "Long",
    "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến",
]  # fmt: skip
ORGANISATIONS = [
    ("Liên hiệp các tổ chức hữu nghị {p}", "The {p} Union of Friendship Organisations"),
    ("Ủy ban nhân dân tỉnh {p}", "The {p} People's Committee"),
    ("Hội Hữu nghị Việt Nam - {c}", "The Viet Nam - {c} Friendship Association"),
    ("Sở Giáo dục và Đào tạo {p}", "The {p} Department of Education and Training"),
    ("Trường Đại học {p}", "{p} University"),
    ("Đoàn đại biểu {c}", "A delegation from {c}"),
    ("Ngư dân {p}", "Fishermen from {p}"),
    ("Doanh nghiệp {p}", "Businesses in {p}"),
]
VERBS = [
    ("ký kết thỏa thuận hợp tác với", "sign a cooperation agreement with"),
    ("tổ chức hội thảo cùng", "hold a workshop with"),
    ("tiếp đoàn công tác của", "receive a working delegation from"),
    ("trao học bổng cho sinh viên", "award scholarships to students from"),
    ("triển khai dự án chung với", "launch a joint project with"),
    ("tăng cường quan hệ với", "strengthen ties with"),
]
PARTNERS = [
    ("Đại sứ quán {c}", "the embassy of {c}"),
    ("các đối tác {c}", "partners from {c}"),
    ("một tổ chức phi chính phủ của {c}", "a non-governmental organisation from {c}"),
    ("thành phố kết nghĩa ở {c}", "a sister city in {c}"),
    ("các trường đại học {c}", "universities in {c}"),
]
DETAILS = [
    ("Tổng giá trị các khoản hỗ trợ lên tới {n} tỷ đồng.", "Support totals {n} billion dong."),
    ("Hơn {n} người đã tham gia chương trình.", "More than {n} people took part in the programme."),
    ("Dự án dự kiến hoàn thành trong {n} tháng.", "The project is expected to take {n} months."),
    (
        "Đây là lần thứ {n} hai bên tổ chức hoạt động này.",
        "It is the {nth} time the two sides have held the event.",
    ),
    (
        "Khoảng {n} gia đình ở {p} sẽ được hưởng lợi trực tiếp.",
        "Some {n} families in {p} will benefit directly.",
    ),
]
QUOTES = [
    (
        "“Chúng tôi coi trọng tình hữu nghị với {c} và sự tin cậy đã được vun đắp qua nhiều thế hệ”, "
        "ông {person} cho biết.",
        "“We value our friendship with {c} and the trust built up over generations,” said {person_en}.",
    ),
    (
        "“Kết quả hôm nay mở ra hướng hợp tác mới trong lĩnh vực {t}”, bà {person} nói.",
        "“Today's results open new cooperation in {t_en},” said {person_en}.",
    ),
    (
        "Theo ông {person}, người dân {p} mong chương trình về {t} sẽ được duy trì lâu dài.",
        "According to {person_en}, residents of {p_en} hope the {t_en} programme will continue for years.",
    ),
]


@dataclass
class GeneratedArticle:
    title: dict[str, str]
    lead: dict[str, str]
    paragraphs: dict[str, list[str]]
    tags: list[tuple[str, str]]


def generate_article(rng: random.Random, *, paragraphs: int = 6) -> GeneratedArticle:
    """
    One article in both languages, sentence for sentence, about a province, a
    country, a topic and a few named people, so that searches are as selective
    as on real news.
    """
    scene = _scene(rng)
    organisation, verb, partner = (rng.choice(words) for words in (ORGANISATIONS, VERBS, PARTNERS))
    title, lead = {}, {}
    detail = _fill(rng.choice(DETAILS), scene, rng)
    for i, code in enumerate(("vi", "en")):
        about = f"về {scene['t']}" if code == "vi" else f"on {scene['t_en']}"
        subject = organisation[i].format(**_names(scene, code))
        text = f"{subject} {verb[i]} {partner[i].format(**_names(scene, code))} {about}"
        title[code] = text[0].upper() + text[1:]
        lead[code] = f"{title[code]}. {detail[i]}"
    body = {"vi": [], "en": []}
    for _ in range(paragraphs):
        sentences = [_sentence(rng, scene) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.4:
            sentences.append(_fill(rng.choice(QUOTES), scene | {"person": _person(rng)}, rng))
        for i, code in enumerate(("vi", "en")):
            body[code].append(" ".join(sentence[i] for sentence in sentences))
    tags = [
        (scene["p"], scene["p_en"]),
        (scene["c"], scene["c_en"]),
        (scene["t"].capitalize(), scene["t_en"].capitalize()),
    ]
    return GeneratedArticle(title, lead, body, tags[: rng.randint(1, 3)])


def _scene(rng: random.Random) -> dict[str, str]:
    (p, p_en), (c, c_en), (t, t_en) = rng.choice(PROVINCES), rng.choice(COUNTRIES), rng.choice(TOPICS)
    return {"p": p, "p_en": p_en, "c": c, "c_en": c_en, "t": t, "t_en": t_en, "person": _person(rng)}


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _names(scene: dict[str, str], code: str) -> dict[str, str]:
    return {"p": scene["p"], "c": scene["c"]} if code == "vi" else {"p": scene["p_en"], "c": scene["c_en"]}


def _sentence(rng: random.Random, scene: dict[str, str]) -> tuple[str, str]:
    if rng.random() < 0.4:
        return _fill(rng.choice(DETAILS), scene, rng)
    organisation, verb, partner = (rng.choice(words) for words in (ORGANISATIONS, VERBS, PARTNERS))
    country = rng.choice(COUNTRIES)
    vi, en = _names(scene | {"c": country[0]}, "vi"), _names(scene | {"c_en": country[1]}, "en")
    return (
        f"{organisation[0].format(**vi)} cũng {verb[0]} {partner[0].format(**vi)}.",
        f"{organisation[1].format(**en)} will also {verb[1]} {partner[1].format(**en)}.",
    )


def _fill(pair: tuple[str, str], scene: dict[str, str], rng: random.Random) -> tuple[str, str]:
    n = rng.randint(2, 900)
    nth = f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
    person_en = fold(scene["person"])
    values = scene | {"n": n, "nth": nth, "person_en": person_en}
    return pair[0].format(**values), pair[1].format(**(values | _english(scene)))


def _english(scene: dict[str, str]) -> dict[str, str]:
    return {"p": scene["p_en"], "c": scene["c_en"], "t": scene["t_en"]}


def create_generated_articles(
    count: int, *, seed: int = 0, bilingual_share: float = 0.5, batch: int = 1000
) -> int:
    """
    Add ``count`` published generated articles quickly (``articles_create``, a
    batch at a time): a share in both languages, the rest split evenly between
    Vietnamese-only and English-only, spread over the last 90 days across the existing sections.
    """
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article, Status, Tag
    from articles.services import ArticleDraft, articles_create, default_category
    from categories.models import Category
    from newsroom.text import slugify_vi

    rng = random.Random(seed)
    categories = list(Category.objects.values_list("pk", flat=True)) or [default_category().pk]
    tags: dict[tuple[str, str], int] = {}

    def tag_id(pair: tuple[str, str]) -> int:
        if pair not in tags:
            tag = Tag.objects.filter(name_en=pair[1]).first() or Tag.objects.create(
                name_vi=pair[0], name_en=pair[1]
            )
            tags[pair] = tag.pk
        return tags[pair]

    start = Article.objects.filter(external_id__startswith="generated:").count()
    now = timezone.now()
    created = 0
    while created < count:
        size = min(batch, count - created)
        drafts = []
        for offset in range(size):
            number = start + created + offset
            generated = generate_article(rng, paragraphs=rng.randint(4, 9))
            roll = rng.random()
            languages = (
                ("vi", "en") if roll < bilingual_share else (("vi",) if rng.random() < 0.5 else ("en",))
            )
            when = now - timedelta(minutes=rng.randint(5, 90 * 24 * 60))
            fields = {}
            for code in languages:
                fields |= {
                    f"title_{code}": generated.title[code],
                    # Numbered already, so that no slug of a batch needs looking for a free one.
                    f"slug_{code}": f"{slugify_vi(generated.title[code], max_length=180)}-g{number}",
                    f"lead_{code}": generated.lead[code],
                    f"body_{code}": "".join(f"<p>{p}</p>" for p in generated.paragraphs[code]),
                    f"status_{code}": Status.PUBLISHED,
                    f"published_at_{code}": when,
                    f"view_count_{code}": rng.randint(0, 500),
                }
            article = Article(
                external_id=f"generated:{number}",
                category_id=rng.choice(categories),
                original_language=languages[0],
                **fields,
            )
            drafts.append(ArticleDraft(article, tag_ids=[tag_id(pair) for pair in generated.tags]))
        articles_create(drafts=drafts)
        created += size
    return created
