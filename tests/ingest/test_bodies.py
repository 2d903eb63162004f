"""Images cut out of imported bodies: the figure and caption rules every HTML importer shares."""

from django.test import SimpleTestCase

from ingest.bodies import body_and_images


class BodyImageTests(SimpleTestCase):
    def test_a_gallery_caption_stands_in_for_images_without_their_own_and_leaves_the_body(self):
        body, images = body_and_images(
            '<p>Mở đầu.</p><figure><figure><img src="https://x.vn/a.jpg"><figcaption>Riêng</figcaption>'
            '</figure><figure><img src="https://x.vn/b.jpg"></figure><figcaption>Cả bộ ảnh</figcaption>'
            "</figure><p>Kết.</p>"
        )
        self.assertEqual(body, "<p>Mở đầu.</p><p>Kết.</p>")
        self.assertEqual(
            [(image.caption, image.gallery_caption, image.paragraph) for image in images],
            [("Riêng", False, 1), ("Cả bộ ảnh", True, 1)],
        )

    def test_a_caption_written_before_its_image_is_still_its_caption(self):
        body, (image,) = body_and_images(
            '<figure><figcaption>Cầu Rồng</figcaption><img src="https://x.vn/a.jpg"></figure><p>Chữ.</p>'
        )
        self.assertEqual((body, image.caption, image.paragraph), ("<p>Chữ.</p>", "Cầu Rồng", 0))

    def test_private_use_characters_in_the_source_do_not_misplace_images(self):
        body, images = body_and_images('<p>Ký hiệu \ue0005\ue001</p><img src="https://x.vn/a.jpg">')
        self.assertEqual(body, "<p>Ký hiệu 5</p>")
        self.assertEqual([(image.src, image.paragraph) for image in images], [("https://x.vn/a.jpg", 1)])
