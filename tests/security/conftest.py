"""The attack suite: each finding of the 2026-11 security review (../shared/security/review-2026-11.md)
reproduced against real processes, as an attacker would try it; each test failed before its fix.

It runs in the same pytest session as tests/e2e (`make e2e`) and reuses the running stacks of
tests/conftest.py (started once per session): `stack` (REST with the local token, socket.io) and
`channel_stack` with `platforms` (every messaging channel against local fakes of their APIs). Raw
request helpers are in helpers.py; the Chromium checks of the page are in tests/browser/.
"""
