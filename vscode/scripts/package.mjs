// Builds mapl-<version>.vsix: the bundled extension plus the shaded language server jar that
// `./mvnw -pl dsl.ide -am package` builds. The version is the root pom's, without -SNAPSHOT.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repo = path.resolve(here, "..");
const fail = (msg) => {
  console.error(`vscode/scripts/package.mjs: error: ${msg}`);
  process.exit(1);
};

const pom = readFileSync(path.join(repo, "pom.xml"), "utf8");
const m = /<artifactId>mapl-parent<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom);
if (!m) fail("no <version> after <artifactId>mapl-parent</artifactId> in pom.xml");
const version = m[1].replace(/-SNAPSHOT$/, "");
const pkg = JSON.parse(readFileSync(path.join(here, "package.json"), "utf8"));
if (pkg.version !== version) {
  fail(`vscode/package.json has version ${pkg.version}, pom.xml ${m[1]}\n  help: set "version": "${version}" in vscode/package.json`);
}

const jar = path.join(repo, "dsl.ide", "target", "mapl-language-server.jar");
if (!existsSync(jar)) fail(`${path.relative(repo, jar)} is missing\n  help: build it first: ./mvnw -B -pl dsl.ide -am package -DskipTests`);
mkdirSync(path.join(here, "server"), { recursive: true });
copyFileSync(jar, path.join(here, "server", "mapl-language-server.jar"));

const run = (cmd, args) => execFileSync(cmd, args, { cwd: here, stdio: "inherit" });
run(process.execPath, ["esbuild.mjs"]);
const out = `mapl-${version}.vsix`;
run(process.execPath, [path.join(here, "node_modules", "@vscode", "vsce", "vsce"), "package",
  "--no-dependencies", "--skip-license", "--allow-missing-repository", "--out", out]);
console.log(`vscode/${out}`);
