"""The `dtks` command line."""
