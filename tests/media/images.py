"""
Hostile and unusual images, made in memory with Pillow: metadata of every
kind carrying a script, animations, a camera's multi-picture JPEG.
"""

import io
import struct
import zlib

from PIL import Image, ImageCms, PngImagePlugin

#: What every kind of metadata below carries: it must never reach a stored file.
SCRIPT = b"<script>alert(document.cookie)</script>"
#: ``Image.open(...).info`` keys that hold metadata rather than pixels.
METADATA_KEYS = {"comment", "exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "Comment", "Description", "mp"}


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010E] = SCRIPT.decode()  # ImageDescription
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x013B] = SCRIPT.decode()  # Artist
    exif.get_ifd(0x8825)[2] = (21.0, 1.0, 30.0)  # GPSLatitude
    return exif


def _xmp() -> bytes:
    return (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:description="' + SCRIPT + b'"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )


def srgb_profile_with_script() -> bytes:
    """A valid sRGB ICC profile with a script after its tags (readers go by the tag table)."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + SCRIPT


def swapped_primaries_profile() -> bytes:
    """An RGB profile unlike sRGB: sRGB's red and blue primaries swapped, so (204, 34, 0) means a blue."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    (count,) = struct.unpack(">I", profile[128:132])
    tags = {}
    for index in range(count):
        signature, offset, size = struct.unpack(">4sII", profile[132 + 12 * index : 144 + 12 * index])
        tags[signature] = slice(offset, offset + size)
    red, blue = bytes(profile[tags[b"rXYZ"]]), bytes(profile[tags[b"bXYZ"]])
    profile[tags[b"rXYZ"]], profile[tags[b"bXYZ"]] = blue, red
    return bytes(profile)


def _save(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def jpeg_with_metadata(size=(48, 32)) -> bytes:
    """A JPEG with a comment, EXIF, XMP and an ICC profile, each holding a script, and one after its end."""
    image = Image.new("RGB", size, "#cc2200")
    data = _save(
        image, "JPEG", comment=SCRIPT, exif=_exif(), xmp=_xmp(), icc_profile=srgb_profile_with_script()
    )
    return data + SCRIPT  # after the end-of-image marker: decoders stop before it


def jpeg_with_profile(profile: bytes, colour=(204, 34, 0), size=(48, 32)) -> bytes:
    return _save(Image.new("RGB", size, colour), "JPEG", quality=95, icc_profile=profile)


def png_with_metadata(size=(48, 32)) -> bytes:
    """A PNG with tEXt, zTXt and iTXt (XMP) chunks, eXIf, an ICC profile and a chunk after its end."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SCRIPT.decode())
    info.add_text("Description", SCRIPT.decode(), zip=True)
    info.add_itxt("XML:com.adobe.xmp", _xmp().decode())
    image = Image.new("RGBA", size, (0, 120, 200, 180))
    data = _save(image, "PNG", pnginfo=info, exif=_exif(), icc_profile=srgb_profile_with_script())
    return data + _png_chunk(b"tEXt", b"Trailer\0" + SCRIPT)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _gif_comment(text: bytes) -> bytes:
    """A GIF comment extension block."""
    blocks = b"".join(bytes([len(text[i : i + 255])]) + text[i : i + 255] for i in range(0, len(text), 255))
    return b"\x21\xfe" + blocks + b"\x00"


def _gif_xmp(text: bytes) -> bytes:
    """An XMP application extension, as Adobe writes it: the raw packet, then the "magic trailer"."""
    return b"\x21\xff\x0bXMP DataXMP" + text + bytes(range(255, -1, -1)) + b"\x00"


def gif_with_comment(size=(48, 32)) -> bytes:
    """A still GIF with a comment, an XMP packet, and a script after its trailer."""
    data = _save(Image.new("P", size, 3), "GIF", comment=SCRIPT)
    return _before_first_frame(data, _gif_xmp(_xmp())) + SCRIPT


def animation_frames(size=(48, 32), count=4, transparent=True) -> list[Image.Image]:
    """Frames of a square crossing a (transparent) background: a pixel that turns transparent must stay so."""
    frames = []
    for index in range(count):
        frame = Image.new("RGBA", size, (0, 0, 0, 0) if transparent else (255, 255, 255, 255))
        frame.paste((200, 30, 30, 255), (index * 8, 6, index * 8 + 14, 20))
        frames.append(frame)
    return frames


DURATIONS = [80, 120, 160, 200]


def animated_gif_with_comments(*, transparent=True) -> bytes:
    """An animated GIF with a comment before every frame and an XMP packet."""
    frames = animation_frames(transparent=transparent)
    data = _save(
        frames[0],
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=DURATIONS,
        loop=0,
        disposal=2,
        comment=SCRIPT,
    )
    # A comment extension before each frame's graphic control extension.
    data = data.replace(b"\x21\xf9\x04", _gif_comment(SCRIPT) + b"\x21\xf9\x04")
    return _before_first_frame(data, _gif_xmp(_xmp()))


def _before_first_frame(gif: bytes, block: bytes) -> bytes:
    """Insert an extension block after the header and global palette."""
    flags = gif[10]
    header = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    return gif[:header] + block + gif[header:]


def webp_with_metadata(size=(48, 32)) -> bytes:
    """A still WebP with EXIF, XMP and an ICC profile, each holding a script."""
    image = Image.new("RGB", size, "#22aa44")
    return _save(image, "WEBP", exif=_exif(), xmp=_xmp(), icc_profile=srgb_profile_with_script())


def animated_webp_with_metadata() -> bytes:
    """An animated WebP with EXIF, XMP and an ICC profile, each holding a script."""
    frames = animation_frames()
    return _save(
        frames[0],
        "WEBP",
        save_all=True,
        append_images=frames[1:],
        duration=DURATIONS,
        loop=0,
        lossless=True,
        exif=_exif(),
        xmp=_xmp(),
        icc_profile=srgb_profile_with_script(),
    )


def animated_png_with_metadata() -> bytes:
    """An animated PNG (APNG) with text chunks holding a script."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SCRIPT.decode())
    info.add_itxt("XML:com.adobe.xmp", _xmp().decode())
    frames = animation_frames()
    return _save(frames[0], "PNG", save_all=True, append_images=frames[1:], duration=DURATIONS, pnginfo=info)


def mpo_bytes(size=(60, 40)) -> bytes:
    """A camera's multi-picture JPEG (MPO): a red picture, then a blue one (a stereo pair's other eye)."""
    first, second = Image.new("RGB", size, "#dd0000"), Image.new("RGB", size, "#0000dd")
    return _save(first, "MPO", save_all=True, append_images=[second])


def frames_of(data: bytes) -> list[tuple[Image.Image, int]]:
    """Each frame of an image as a reader sees it (composited, RGBA), with its duration."""
    with Image.open(io.BytesIO(data)) as image:
        frames = []
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            frames.append((image.convert("RGBA"), int(image.info.get("duration", 0))))
        return frames
