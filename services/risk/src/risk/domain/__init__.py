"""The risk exchange's rules: pure, no web, database or file I/O."""
