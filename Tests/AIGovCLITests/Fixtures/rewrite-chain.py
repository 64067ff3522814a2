#!/usr/bin/env python3
"""Rewrites an aigov audit chain the way an attacker with write access to the file could:
changes the actor of entry SEQ and recomputes every hash from there on (and the recorded
head), so the chain verifies on its own. Used by the witness tests.

usage: rewrite-chain.py DB SEQ ACTOR
"""
import hashlib, json, sqlite3, sys

db, seq, actor = sys.argv[1], int(sys.argv[2]), sys.argv[3]
con = sqlite3.connect(db)
cols = ["seq", "at", "actor", "action", "entity", "entity_id", "row_version", "changes", "before", "after", "prev_hash"]
rows = con.execute("SELECT %s, hash FROM audit_log ORDER BY seq" % ", ".join(cols)).fetchall()
prev = "0" * 64
for r in rows:
    entry = dict(zip(cols, r[:-1]))
    if entry["seq"] < seq:
        prev = r[-1]
        continue
    if entry["seq"] == seq:
        entry["actor"] = actor
    entry["prev_hash"] = prev
    canonical = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    h = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    con.execute("UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?", (entry["actor"], prev, h, entry["seq"]))
    prev = h
con.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (prev,))
con.commit()
