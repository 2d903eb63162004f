"""The project: settings, root URLs, and the text, language and rich-text helpers every app shares."""
