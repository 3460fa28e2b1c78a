-- /metrics counts the webhook deliveries of the last 24 hours by status (OperationalFigures): by time, not the whole table.
CREATE INDEX deliveries_by_time ON campaigns.webhook_deliveries (created_at);
