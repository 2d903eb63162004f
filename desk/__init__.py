"""
The editors' admin for articles: roles, the change form and its list,
signed preview links, revisions with diff and restore, the admin home blocks.
It shows what the articles' services decide; the rules live there.
"""
