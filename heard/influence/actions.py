"""Every write in `influence`: one named verb each, one transaction, one audit event."""
