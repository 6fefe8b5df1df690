"""Reading and checking Annex A input."""

from csc_measures.ingest.annex import AnnexA, annex_from_frames, load_annex_a

__all__ = ["AnnexA", "annex_from_frames", "load_annex_a"]
