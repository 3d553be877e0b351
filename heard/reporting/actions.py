"""Every write in `reporting`: one named verb each, one transaction, one audit event."""
