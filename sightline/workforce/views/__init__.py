"""Workforce pages: measures, team stability, academy, and (HR) staff, vacancies, posts and
the HR spreadsheet import. Thin: permissions from core.permissions, reads from selectors,
writes through services. One module per sub-area."""
