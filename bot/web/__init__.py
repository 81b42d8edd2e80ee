"""The bot's HTTP side: Telegram's webhook (WEBHOOK_URL), /healthz, /readyz and /metrics."""
