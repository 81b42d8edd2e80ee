"""The shared pieces of the staff wizards (/post, /event, /upload, ...).

`wizard` guards the steps and shows them, `moments` reads a typed date and time, `org_picker` and `grades`
are the pickers, `publish` is the tail that queues a post or asks for its approval.
"""
