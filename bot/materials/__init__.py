"""Lesson and memo materials as staff upload them: what may be attached, and the checksum of its bytes."""
