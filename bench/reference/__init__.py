"""
The ceiling for bench/site_bench.py: a bare Django project (no database, no
middleware) whose one view renders a page of about 60 KB from a template,
served under the same gunicorn settings as the site.
"""
