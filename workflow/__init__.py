"""Write side of the DTKS verval ledger: aggregates, rules and use cases."""
