"""Static pages (About Us, Contact) and the site settings the footer shows."""
