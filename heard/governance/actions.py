"""Every write in `governance`: one named verb each, one transaction, one audit event."""
