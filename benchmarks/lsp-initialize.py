#!/usr/bin/env python3
"""Time from starting a language server JVM to its answer to `initialize`, for several server jars
or launch commands side by side: they take turns, so they share the machine's load. Prints each
one's median, min and max in ms.

    benchmarks/lsp-initialize.py RUNS SERVER...
    e.g. 7 /tmp/base.jar dsl.ide/target/mapl-language-server.jar "mapl lsp=./mapl lsp"

A SERVER is a jar, run as `java -Xmx1g -jar JAR` (JOPTS adds JVM options, e.g.
JOPTS="-XX:SharedArchiveFile=/tmp/srv.jsa -Xlog:cds=off"), or NAME=COMMAND, a command line run as it
is (`./mapl lsp` maps the server's class-data archive; run `./mapl lsp --prepare` first).
Each sample is a fresh process with the `initialize` request written to its stdin at once (no
workspace folder); it is killed after the answer. Besides the wall time to the answer, the CPU time
the process had used by then (all threads, /proc) is printed.
"""
import json
import os
import subprocess
import sys
import time


def command(server):
    if "=" in server:
        return server.split("=", 1)[1].split()
    return ["java"] + os.environ.get("JOPTS", "").split() + ["-Xmx1g", "-jar", server]


def once(server):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"processId": os.getpid(), "rootUri": None, "capabilities": {}}})
    message = f"Content-Length: {len(body)}\r\n\r\n{body}".encode()
    start = time.monotonic()
    p = subprocess.Popen(command(server), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    p.stdin.write(message)
    p.stdin.flush()
    seen = b""
    while b'"id":1' not in seen:
        chunk = p.stdout.read1(65536)
        if not chunk:
            sys.exit(f"{server}: the server ended without answering initialize")
        seen += chunk
    ms = (time.monotonic() - start) * 1000
    cpu = process_cpu_ms(p.pid)
    p.kill()
    p.wait()
    return ms, cpu


def process_cpu_ms(pid):
    """CPU time of all the process's threads so far (user + system), from /proc: less noisy than wall
    time on a loaded machine, though it also counts the injector thread's work beside the answer."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def main():
    runs, servers = int(sys.argv[1]), sys.argv[2:]
    times = {server: [] for server in servers}
    cpus = {server: [] for server in servers}
    for _ in range(runs):
        for server in servers:
            ms, cpu = once(server)
            times[server].append(ms)
            cpus[server].append(cpu)
    print(f"load average: {os.getloadavg()}")
    for server in servers:
        v, c = sorted(times[server]), sorted(cpus[server])
        name = server.split("=", 1)[0] if "=" in server else server
        print(f"{name}: median {v[len(v) // 2]:.0f} ms, min {v[0]:.0f}, max {v[-1]:.0f}; "
              f"CPU until the answer median {c[len(c) // 2]:.0f} ms")


if __name__ == "__main__":
    main()
