"""
Renditions: resized copies of a photo for responsive images, as pure Pillow
functions, and the one way any image is written: pixels only, without
metadata. Which renditions exist is decided here; storing them is
``services.photo_make_renditions``'s job.
"""

import io
from collections.abc import Iterable, Iterator

from PIL import Image, ImageCms, ImageOps

#: Widths offered in ``srcset``; a photo narrower than one gets its own width instead.
WIDTHS = (320, 640, 1024, 1600)
#: Every width in WebP (small, understood by all current browsers) and in the original format.
FALLBACK_FORMATS = {"JPEG": "jpeg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}
EXTENSIONS = {"jpeg": "jpg", "png": "png", "gif": "gif", "webp": "webp"}
CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}


def rendition_widths(original_width: int) -> list[int]:
    """The widths to make for a photo this wide: never wider than the original."""
    widths = [width for width in WIDTHS if width < original_width]
    if original_width and (not widths or original_width < WIDTHS[-1]):
        widths.append(min(original_width, WIDTHS[-1]))
    return widths or [original_width]


def rendition_formats(original_format: str | None) -> list[str]:
    """WebP, and the original's own format as the fallback."""
    fallback = FALLBACK_FORMATS.get((original_format or "JPEG").upper(), "jpeg")
    return list(dict.fromkeys(["webp", fallback]))


def make_renditions(source: bytes, specs: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, bytes, int]]:
    """
    Resize an image to each (width, format) of ``specs`` (height in proportion)
    and encode it; yield (width, format, data, height). The image is decoded
    once and resized once per width, whatever the number of formats.
    """
    formats_by_width: dict[int, list[str]] = {}
    for width, format in specs:
        formats_by_width.setdefault(width, []).append(format)
    with Image.open(io.BytesIO(source)) as original:
        # Bare before resizing: a file stored before uploads were stripped may still carry a comment.
        image = pixels_only(ImageOps.exif_transpose(original))
        for width, formats in sorted(formats_by_width.items(), reverse=True):
            resized = image
            if image.width > width:
                height = max(1, round(image.height * width / image.width))
                # A reducing gap of 3 is indistinguishable from a full resample, and faster.
                resized = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            for format in formats:
                yield width, format, _encode(resized, format), resized.height


#: What a frame's ``info`` keeps: how its pixels are shown (transparency, timing), nothing said about them.
PIXEL_INFO = ("transparency", "duration", "loop")

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def pixels_only(image: Image.Image) -> Image.Image:
    """
    A new image of the current frame's pixels and nothing else: no comment,
    EXIF, XMP, text chunk or ICC profile is left for an encoder to write back.
    Colours described by an ICC profile are converted to sRGB first, so that a
    wide-gamut photo (a phone's Display P3) looks the same without it.
    """
    bare = in_srgb(image)
    if bare is image:
        bare = image.copy()
    bare.info = {key: image.info[key] for key in PIXEL_INFO if key in image.info}
    return bare


def in_srgb(image: Image.Image) -> Image.Image:
    """The image's colours in sRGB, by its ICC profile; the image itself without a readable one."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(
            image, source, _SRGB, outputMode="RGBA" if image.mode == "RGBA" else "RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # a broken profile: the pixels as they are, the profile dropped all the same


def _encode(image: Image.Image, format: str) -> bytes:
    pillow_format = PILLOW_FORMATS[format]
    if pillow_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif pillow_format == "WEBP" and image.mode not in ("RGB", "RGBA"):
        transparent = "A" in image.getbands() or "transparency" in image.info
        image = image.convert("RGBA" if transparent else "RGB")
    output = io.BytesIO()
    options = {"quality": 80, "method": 4} if pillow_format == "WEBP" else {}
    if pillow_format == "JPEG":
        options = {"quality": 82, "optimize": True, "progressive": True}
    image.save(output, pillow_format, **options)
    return output.getvalue()
