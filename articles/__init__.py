"""
The content and its public face: the bilingual Article, the one rule of what
readers see (``Article.objects.published(language)``), the services that are
the only writers of articles, and the reader's pages, feeds and sitemaps.
"""
