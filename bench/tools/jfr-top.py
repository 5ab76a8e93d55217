#!/usr/bin/env python3
"""Summarises `jfr print --events jdk.ExecutionSample --stack-depth N` output: top leaf frames and
the share of samples whose stack contains each of a few markers (where CPU goes per hop)."""
import collections, re, sys

text = open(sys.argv[1]).read()
stacks = []
for block in text.split("jdk.ExecutionSample")[1:]:
    m = re.search(r"stackTrace = \[(.*?)\n\s*\]", block, re.S)
    if m:
        frames = [re.sub(r"\s+line:.*", "", f.strip()) for f in m.group(1).strip().split("\n") if f.strip() and f.strip() != "..."]
        stacks.append(frames)
n = len(stacks)
print(f"{n} samples")
leaf = collections.Counter(s[0] for s in stacks if s)
print("\n-- top leaf frames")
for f, c in leaf.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 25):
    print(f"{100*c/n:5.1f}% {f}")
markers = sys.argv[3:] or ["ECDSASigner", "JWSObject.verify", "NimbusJwtDecoder", "MappedJwtClaimSetConverter", "SignedJWT.sign",
    "ServiceClient.send", "AuditEmitter", "AuditBroker", "EntryHasher", "GroupCommitter", "ChainAppender", "TokenResolver",
    "AclService", "KvController", "FilterChainProxy", "ObservationFilterChainDecorator", "JsonMapper", "ObjectMapper.writeValue",
    "readTree", "org.postgresql", "HikariPool", "jdk.internal.net.http", "org.apache.coyote", "logback", "Barrier", "GC"]
print("\n-- stacks containing")
for mk in markers:
    c = sum(1 for s in stacks if any(mk in f for f in s))
    print(f"{100*c/n:5.1f}% {mk}")
