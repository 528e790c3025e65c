#!/usr/bin/env python3
# Every prefix of every example and each example with 0xFF at 50 places, through one
# `mapl fmt --check` run; then counts what it reported. From the repository root:
#   python3 benchmarks/src/tools/fmt-sweep.py cli/target/mapl.jar
import os, subprocess, sys, tempfile, time, glob, filecmp
jar = sys.argv[1]
work = tempfile.mkdtemp()
n = 0
originals = {}
for f in sorted(glob.glob('examples/**/*.mapl', recursive=True)):
    data = open(f, 'rb').read()
    variants = [data[:i] for i in range(len(data))]
    variants += [data[:len(data) * k // 51] + b'\xff' + data[len(data) * k // 51 + 1:] for k in range(1, 51)]
    for v in variants:
        p = os.path.join(work, f'v{n}.mapl'); open(p, 'wb').write(v); originals[p] = v; n += 1
t = time.time()
r = subprocess.run(['java', '-jar', jar, 'fmt', '--check', work], capture_output=True, text=True)
dt = time.time() - t
out = r.stdout + r.stderr
changed = sum(open(p, 'rb').read() != v for p, v in originals.items())
print(f'files: {n}  exit: {r.returncode}  seconds: {dt:.0f}')
print('internal errors:', out.count('internal error'))
print('files with an error reported:', len({l.split(':')[0] for l in out.splitlines() if ': error: ' in l}))
print('encoding errors:', out.count('[mapl.encoding]'))
print('would be reformatted:', out.count('would be reformatted'))
print('files changed on disk:', changed)
