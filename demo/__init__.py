"""The demo site: sections, sources, footer, pages and bilingual articles we wrote ourselves."""
