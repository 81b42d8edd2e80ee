"""The bot's domain vocabulary: the statuses, kinds and answers that the tables store and the bot acts on.

The bottom layer: db/ and bot/ both import it, and it imports neither (nor handlers/). The enums are StrEnums
whose values are what the database columns hold, so a member compares equal to the stored string.
"""
