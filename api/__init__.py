"""
The read API (``/api/v1/``): published articles, sections, tags and search for
partners, the mobile app and syndication, in each language, as JSON and ninjs.
"""
