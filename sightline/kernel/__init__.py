"""The kernel: policies and helpers every app may use; no models, no app imports."""
