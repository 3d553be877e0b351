"""Every write in `funding`: one named verb each, one transaction, one audit event."""
