"""The shared pieces of the staff wizards (/post, /event, /upload) and the organisation pickers.

`wizard` guards the steps and hands each a `Step`, `moments` reads a typed date and time, `bilingual` takes
the Kazakh-then-Russian text pair, `org_picker` and `grades` are the pickers, `buttons` the typed button and
the pickers' callback data, `publish` the tail that queues a post or asks for its approval.
"""
