"""/dci subscriptions: subscribe and unsubscribe, answered by callback."""
