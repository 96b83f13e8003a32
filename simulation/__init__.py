"""Simulated takers for judging the measurement model: a graded-response generator of answers
(`simulation.generator`) that is not the scoring model, and the experiments
(`simulation.experiments`) that the seeded tests and `benchmarks/measurement.py` both run."""
