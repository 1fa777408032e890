"""Aggregates of the DTKS workflow; each event is a fact with a fixed topic."""
