"""The site's sections, their tree (a section and its subsections) and the menu."""
