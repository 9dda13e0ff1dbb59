#!/usr/bin/env python3
"""Where the CPU goes, from an async-profiler collapsed-stack file: the share of samples by layer (the first
matching frame of each stack, from the leaf up, decides), then the top self frames and the top inclusive frames."""
import collections, re, sys

LAYERS = [  # (name, regex on a frame), checked leaf first; first hit wins
    ("gc", r"^(G1|Serial|DefNew|Tenured|GC|VM_GC|SafepointSynchronize|OopStorage)|GCTaskThread|MarkSweep|Copy::"),
    ("jit", r"^(C2Compiler|Compile::|CompileBroker|C1_|Compilation::|PhaseIdealLoop|PhaseChaitin|Parse::|ciEnv|Matcher::)"),
    ("kernel/network", r"_\[k\]$|^(__sys|sys_|do_syscall|tcp_|__x64_sys|entry_SYSCALL)"),
]
PACKAGES = [
    ("otel agent", r"^io/opentelemetry|^io\.opentelemetry"),
    ("lettuce/netty (redis client)", r"^io/lettuce|^io/netty"),
    ("jdbc/hikari/mariadb", r"^com/zaxxer|^com/mysql|^org/mariadb|^org/hibernate"),
    ("spring security/jwt", r"^org/springframework/security|^com/nimbusds"),
    ("micrometer/observation", r"^io/micrometer"),
    ("jackson", r"^com/fasterxml|^tools/jackson"),
    ("surge", r"^io/surge"),
    ("spring web/mvc", r"^org/springframework/web"),
    ("tomcat", r"^org/apache/(catalina|coyote|tomcat)"),
    ("logging", r"^ch/qos|^org/slf4j"),
    ("resilience4j", r"^io/github/resilience4j"),
    ("spring other", r"^org/springframework"),
    ("jdk", r"^java/|^jdk/|^sun/"),
]

stacks = collections.Counter()
for line in open(sys.argv[1]):
    stack, _, count = line.rstrip().rpartition(" ")
    if stack:
        stacks[stack] += int(count)
total = sum(stacks.values()) or 1
threads_by = collections.Counter()
layer_by = collections.Counter()
self_by = collections.Counter()
incl_by = collections.Counter()
for stack, n in stacks.items():
    frames = stack.split(";")
    self_by[frames[-1]] += n
    for f in set(frames):
        incl_by[f] += n
    layer = None
    for f in reversed(frames):
        for name, rx in LAYERS:
            if re.search(rx, f):
                layer = name
                break
        if layer:
            break
    if not layer:  # the innermost Java frame's library decides
        for f in reversed(frames):
            for name, rx in PACKAGES:
                if re.search(rx, f):
                    layer = name
                    break
            if layer:
                break
    layer_by[layer or "other native"] += n
    # which component the request work is billed to: the outermost interesting frame
    for name, rx in PACKAGES[:-1]:
        if any(re.search(rx, f) for f in frames):
            threads_by[name] += n

print(f"{total} samples")
print("\n-- innermost library of each sample (self time by layer) --")
for name, n in layer_by.most_common():
    print(f"{100 * n / total:5.1f}%  {name}")
print("\n-- stacks that pass through a library at all (inclusive, overlapping) --")
for name, n in threads_by.most_common():
    print(f"{100 * n / total:5.1f}%  {name}")
print("\n-- top self frames --")
for f, n in self_by.most_common(25):
    print(f"{100 * n / total:5.1f}%  {f[:160]}")
print("\n-- top inclusive frames (io/surge, spring, security, otel) --")
shown = 0
for f, n in incl_by.most_common():
    if re.search(r"^(io/surge|org/springframework/security|io/opentelemetry|org/springframework/web/filter|com/nimbusds)", f):
        print(f"{100 * n / total:5.1f}%  {f[:160]}")
        shown += 1
        if shown >= 40:
            break
