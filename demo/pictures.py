"""Demo photos drawn with Pillow: landscapes in a few palettes, the same for the same seed."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

# sky top, sky bottom, sun, layers from far to near
PALETTES: dict[str, tuple[str, str, str, list[str]]] = {
    "dawn": ("#f6d365", "#fda085", "#fff4d6", ["#c17c74", "#8e5a5a", "#5b3a48"]),
    "sea": ("#6dd5fa", "#e0f7ff", "#ffffff", ["#2b88c8", "#1f6aa5", "#124b7a"]),
    "forest": ("#a8e6cf", "#dcedc1", "#fffbe0", ["#4f9a6b", "#2f7550", "#1c4f35"]),
    "city": ("#8ec5fc", "#e0c3fc", "#fff8e7", ["#7a7f9a", "#565b78", "#363a52"]),
    "festival": ("#ff9a9e", "#fecfef", "#fff3b0", ["#d45d79", "#a83f5f", "#6e2944"]),
    "harbour": ("#89f7fe", "#66a6ff", "#fffde8", ["#4a6fa5", "#2e4d7b", "#1b3152"]),
    "field": ("#fddb92", "#d1fdff", "#fff9db", ["#9bc53d", "#6a9a2a", "#46701b"]),
    "night": ("#0f2027", "#2c5364", "#f5f3ce", ["#243b55", "#16283b", "#0b1623"]),
}


def draw_picture(seed: str, palette: str = "dawn", size: tuple[int, int] = (1600, 900)) -> bytes:
    """A JPEG of a landscape: a sky gradient, a sun and three ridges or skylines."""
    rng = random.Random(seed)
    top, bottom, sun, layers = PALETTES.get(palette, PALETTES["dawn"])
    width, height = size
    sky = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", [_channel(sky, top, bottom, i) for i in range(3)])
    draw = ImageDraw.Draw(image)
    radius = rng.randint(height // 14, height // 8)
    cx, cy = rng.randint(radius, width - radius), rng.randint(radius, height // 2)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=sun)
    for depth, colour in enumerate(layers):
        base = int(height * (0.55 + 0.14 * depth))
        if palette == "city" and depth > 0:
            _skyline(draw, rng, base, width, height, colour)
        else:
            _ridge(draw, rng, base, width, height, colour, amplitude=height // (7 + 3 * depth))
    image = image.filter(ImageFilter.GaussianBlur(1))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def _channel(gradient, top: str, bottom: str, index: int):
    a, b = int(top[1 + 2 * index : 3 + 2 * index], 16), int(bottom[1 + 2 * index : 3 + 2 * index], 16)
    return gradient.point(lambda v: a + (b - a) * v // 255)


def _ridge(draw, rng, base, width, height, colour, amplitude):
    points, x = [(0, height)], 0
    y = base
    while x <= width:
        points.append((x, y))
        x += rng.randint(width // 24, width // 10)
        y = max(base - amplitude, min(base + amplitude // 2, y + rng.randint(-amplitude, amplitude)))
    points += [(width, y), (width, height)]
    draw.polygon(points, fill=colour)


def _skyline(draw, rng, base, width, height, colour):
    x = 0
    while x < width:
        w = rng.randint(width // 30, width // 12)
        top = base - rng.randint(height // 20, height // 4)
        draw.rectangle((x, top, x + w, height), fill=colour)
        x += w + rng.randint(0, width // 60)
