#!/usr/bin/env python3
"""Time from starting a language server JVM to its answer to `initialize`, for several server jars
side by side: the jars take turns, so they share the machine's load. Prints each jar's median, min
and max in ms.

    benchmarks/lsp-initialize.py RUNS JAR...     e.g. 7 dsl.ide/target/mapl-language-server.jar /tmp/base.jar

JOPTS adds JVM options (e.g. JOPTS="-XX:SharedArchiveFile=/tmp/srv.jsa -Xlog:cds=off").
Each sample is a fresh `java -Xmx1g -jar JAR` with the `initialize` request written to its stdin at
once (no workspace folder); the JVM is killed after the answer.
"""
import json
import os
import subprocess
import sys
import time


def once(jar):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"processId": os.getpid(), "rootUri": None, "capabilities": {}}})
    message = f"Content-Length: {len(body)}\r\n\r\n{body}".encode()
    start = time.monotonic()
    java = ["java"] + os.environ.get("JOPTS", "").split() + ["-Xmx1g", "-jar", jar]
    p = subprocess.Popen(java, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    p.stdin.write(message)
    p.stdin.flush()
    seen = b""
    while b'"id":1' not in seen:
        chunk = p.stdout.read1(65536)
        if not chunk:
            sys.exit(f"{jar}: the server ended without answering initialize")
        seen += chunk
    ms = (time.monotonic() - start) * 1000
    p.kill()
    p.wait()
    return ms


def main():
    runs, jars = int(sys.argv[1]), sys.argv[2:]
    times = {jar: [] for jar in jars}
    for _ in range(runs):
        for jar in jars:
            times[jar].append(once(jar))
    for jar in jars:
        v = sorted(times[jar])
        print(f"{jar}: median {v[len(v) // 2]:.0f} ms, min {v[0]:.0f}, max {v[-1]:.0f}")


if __name__ == "__main__":
    main()
