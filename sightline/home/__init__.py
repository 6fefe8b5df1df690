"""The top floor: the home page each person lands on, and the demo that seeds every module."""
