"""
Generated bilingual news copy for benchmarks and load tests: plausible
sentences in Vietnamese and English from a small phrase book, deterministic
for a given seed. Nothing here is meant to be read as news.
"""

import random
from dataclasses import dataclass

# Each entry pairs the Vietnamese and the English wording of the same idea.
SUBJECTS = [
    ("Liên hiệp các tổ chức hữu nghị", "The Union of Friendship Organisations"),
    ("Bộ Ngoại giao", "The Ministry of Foreign Affairs"),
    ("Ủy ban nhân dân tỉnh Quảng Ninh", "The Quang Ninh provincial People's Committee"),
    ("Hội Hữu nghị Việt Nam - Nhật Bản", "The Viet Nam - Japan Friendship Association"),
    ("Đoàn đại biểu thanh niên Lào", "A delegation of young Lao people"),
    ("Các doanh nghiệp xuất khẩu", "Exporters"),
    ("Ngân hàng Nhà nước", "The State Bank"),
    ("Thành phố Đà Nẵng", "Da Nang city"),
    ("Ngư dân huyện đảo Lý Sơn", "Fishermen from Ly Son island"),
    ("Một tổ chức phi chính phủ của Úc", "An Australian non-governmental organisation"),
    ("Các nhà khoa học trẻ", "Young scientists"),
    ("Tỉnh Cần Thơ", "Can Tho province"),
]
VERBS = [
    ("đã ký kết thỏa thuận hợp tác với", "signed a cooperation agreement with"),
    ("tổ chức hội thảo cùng", "held a workshop with"),
    ("tiếp đoàn công tác của", "received a working delegation from"),
    ("trao tặng học bổng cho", "presented scholarships to"),
    ("phối hợp triển khai dự án với", "launched a joint project with"),
    ("bày tỏ mong muốn tăng cường quan hệ với", "expressed the wish to strengthen ties with"),
    ("đánh giá cao sự hỗ trợ của", "praised the support of"),
]
OBJECTS = [
    ("các đối tác Hàn Quốc", "South Korean partners"),
    ("Đại sứ quán Cu-ba", "the Cuban embassy"),
    ("chính quyền địa phương", "local authorities"),
    ("các trường đại học châu Âu", "European universities"),
    ("cộng đồng người Việt ở nước ngoài", "overseas Vietnamese communities"),
    ("các tỉnh biên giới", "border provinces"),
    ("Quỹ Nhi đồng Liên hợp quốc", "the United Nations Children's Fund"),
    ("các hợp tác xã nông nghiệp", "farming cooperatives"),
]
PLACES = [
    ("tại Hà Nội", "in Ha Noi"),
    ("tại Thành phố Hồ Chí Minh", "in Ho Chi Minh City"),
    ("ở đồng bằng sông Cửu Long", "in the Mekong Delta"),
    ("tại quần đảo Trường Sa", "in the Truong Sa archipelago"),
    ("ở Tây Nguyên", "in the Central Highlands"),
    ("tại Hải Phòng", "in Hai Phong"),
    ("trong tuần này", "this week"),
    ("vào sáng thứ Ba", "on Tuesday morning"),
]
DETAILS = [
    ("Tổng giá trị các khoản hỗ trợ lên tới {n} tỷ đồng.", "Support totals {n} billion dong."),
    ("Hơn {n} người đã tham gia chương trình.", "More than {n} people took part in the programme."),
    ("Dự án dự kiến hoàn thành trong {n} tháng.", "The project is expected to take {n} months."),
    (
        "Đây là lần thứ {n} hai bên tổ chức hoạt động này.",
        "It is the {nth} time the two sides have held the event.",
    ),
    ("Khoảng {n} gia đình sẽ được hưởng lợi trực tiếp.", "Some {n} families will benefit directly."),
]
TITLE_TAILS = [
    ("với {n} dự án", "with {n} projects"),
    ("thu hút {n} người tham gia", "drawing {n} participants"),
    ("trị giá {n} tỷ đồng", "worth {n} billion dong"),
    ("trao {n} suất học bổng", "awarding {n} scholarships"),
    ("hỗ trợ {n} hộ gia đình", "helping {n} households"),
]
QUOTES = [
    (
        "“Chúng tôi coi trọng tình hữu nghị và sự tin cậy đã được vun đắp qua nhiều thế hệ”, "
        "đại diện đoàn cho biết.",
        "“We value the friendship and trust built up over generations,” "
        "a representative of the delegation said.",
    ),
    (
        "“Kết quả hôm nay là nền tảng để mở rộng hợp tác trong thời gian tới”, một cán bộ địa phương nói.",
        "“Today's results lay the ground for wider cooperation ahead,” a local official said.",
    ),
    (
        "Người dân địa phương bày tỏ vui mừng và mong chương trình sẽ được duy trì lâu dài.",
        "Local residents welcomed the programme and hoped it would continue for years.",
    ),
]
TAGS = [
    ("Hữu nghị", "Friendship"),
    ("Hợp tác quốc tế", "International cooperation"),
    ("Biển đảo", "Seas and islands"),
    ("Kinh tế", "Economy"),
    ("Giáo dục", "Education"),
    ("Thanh niên", "Youth"),
    ("Môi trường", "Environment"),
    ("Văn hóa", "Culture"),
]


@dataclass
class GeneratedArticle:
    title: dict[str, str]
    lead: dict[str, str]
    paragraphs: dict[str, list[str]]
    tags: list[tuple[str, str]]


def generate_article(rng: random.Random, *, paragraphs: int = 6) -> GeneratedArticle:
    """One article in both languages, sentence for sentence."""
    subject, verb, obj, place = (rng.choice(words) for words in (SUBJECTS, VERBS, OBJECTS, PLACES))
    detail = _detail(rng.choice(DETAILS), rng)
    tail = _detail(rng.choice(TITLE_TAILS), rng)
    title, lead = {}, {}
    for i, code in enumerate(("vi", "en")):
        title[code] = f"{subject[i][0].upper()}{subject[i][1:]} {verb[i]} {obj[i]} {place[i]}, {tail[i]}"
        lead[code] = f"{title[code]}. {detail[i]}"
    body = {"vi": [], "en": []}
    for _ in range(paragraphs):
        sentences = [_sentence(rng) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.3:
            sentences.append(rng.choice(QUOTES))
        for i, code in enumerate(("vi", "en")):
            body[code].append(" ".join(sentence[i] for sentence in sentences))
    return GeneratedArticle(title, lead, body, rng.sample(TAGS, rng.randint(1, 3)))


def _sentence(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.4:
        return _detail(rng.choice(DETAILS), rng)
    subject, verb, obj, place = (rng.choice(words) for words in (SUBJECTS, VERBS, OBJECTS, PLACES))
    return (f"{subject[0]} {verb[0]} {obj[0]} {place[0]}.", f"{subject[1]} {verb[1]} {obj[1]} {place[1]}.")


def _detail(pair: tuple[str, str], rng: random.Random) -> tuple[str, str]:
    n = rng.randint(2, 900)
    nth = f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
    return pair[0].format(n=n), pair[1].format(n=n, nth=nth)


def create_generated_articles(
    count: int, *, seed: int = 0, bilingual_share: float = 0.5, batch: int = 1000
) -> int:
    """
    Add ``count`` published generated articles quickly (bulk inserts): a share
    in both languages, the rest split evenly between Vietnamese-only and
    English-only, spread over the last 90 days across the existing sections.
    """
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from categories.models import Category
    from newsroom.text import slugify_vi

    from .importers.writer import DEFAULT_CATEGORY
    from .models import Article, Status, Tag, TaggedArticle

    rng = random.Random(seed)
    categories = list(Category.objects.values_list("pk", flat=True))
    if not categories:
        category = Category.objects.create(
            name_vi=DEFAULT_CATEGORY["vi"], name_en=DEFAULT_CATEGORY["en"], slug_en=DEFAULT_CATEGORY["slug"]
        )
        categories = [category.pk]
    tags = {}
    for vi, en in TAGS:
        tag = Tag.objects.filter(name_en=en).first() or Tag.objects.create(name_vi=vi, name_en=en)
        tags[(vi, en)] = tag.pk
    start = Article.objects.filter(external_id__startswith="generated:").count()
    now = timezone.now()
    created = 0
    while created < count:
        size = min(batch, count - created)
        articles, article_tags = [], []
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
                    f"slug_{code}": f"{slugify_vi(generated.title[code], max_length=180)}-g{number}",
                    f"lead_{code}": generated.lead[code],
                    f"body_{code}": "".join(f"<p>{p}</p>" for p in generated.paragraphs[code]),
                    f"status_{code}": Status.PUBLISHED,
                    f"published_at_{code}": when,
                    f"view_count_{code}": rng.randint(0, 500),
                }
            articles.append(
                Article(
                    external_id=f"generated:{number}",
                    category_id=rng.choice(categories),
                    original_language=languages[0],
                    **fields,
                )
            )
            article_tags.append([tags[pair] for pair in generated.tags])
        with transaction.atomic():
            saved = Article.objects.bulk_create(articles)
            TaggedArticle.objects.bulk_create(
                TaggedArticle(content_object_id=article.pk, tag_id=tag)
                for article, tag_ids in zip(saved, article_tags, strict=True)
                for tag in tag_ids
            )
        created += size
    return created
