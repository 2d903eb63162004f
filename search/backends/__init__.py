"""
Each database's way of matching a parsed query, ``postgres`` and ``sqlite``: both
give (the matching articles, an expression ranking them); ``engine`` picks one.
"""
