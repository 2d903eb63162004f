"""One page of news-like cards, rendered from a template on every request."""

from datetime import UTC, datetime, timedelta

from django.shortcuts import render

STARTED = datetime(2026, 1, 31, 21, 20, tzinfo=UTC)
CARDS = [
    {
        "url": f"/vi/hoa-binh-huu-nghi/tin-so-{n}/",
        "title": f"Liên hiệp các tổ chức hữu nghị ký kết thỏa thuận hợp tác số {n} với các đối tác quốc tế",
        "lead": (
            "Hơn 300 người đã tham gia chương trình giao lưu nhân dân, mở ra hướng hợp tác mới "
            "trong lĩnh vực giáo dục, y tế và bảo tồn di sản giữa hai bên. " * 2
        ),
        "section": "Hòa bình - Hữu nghị",
        # Dates as the site writes them, formatted once: the page measures rendering, not formatting.
        "iso": (STARTED - timedelta(hours=n)).isoformat(),
        "shown": (STARTED - timedelta(hours=n)).strftime("%d/%m/%Y %H:%M"),
        "image": f"/media/renditions/{n}-640.webp",
    }
    for n in range(52)
]


def page(request):
    return render(request, "reference.html", {"cards": CARDS, "title": "Tin tức"})
