"""Thin views of the archive: home, articles, outlets, the date archive, the sitemap."""
