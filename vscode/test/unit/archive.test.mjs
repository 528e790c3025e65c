// The language server's class-data archive as the extension makes it: trained once per jar and Java
// by the real server (ArchiveTraining) on the real Java, then mapped; a failed training is not
// repeated on every start. Needs the built server (../dsl.ide/target/mapl-language-server.jar).
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { archiveFile, serverArchive, QUIET } = require("../../out/archive.js");

const here = path.dirname(fileURLToPath(import.meta.url));
const builtJar = path.resolve(here, "../../../dsl.ide/target/mapl-language-server.jar");
const javaHome = process.env.JAVA_HOME;
const java = javaHome ? path.join(javaHome, "bin", "java") : execFileSync("sh", ["-c", "command -v java"]).toString().trim();
const major = Number(/version "(\d+)/.exec(spawnSync(java, ["-version"], { encoding: "utf8" }).stderr)[1]);

function fresh() {
  assert.ok(existsSync(builtJar), `build the server first: ${builtJar}`);
  const dir = mkdtempSync(path.join(tmpdir(), "mapl-archive-"));
  const jar = path.join(dir, "mapl-language-server.jar");
  copyFileSync(builtJar, jar);
  return { jar, storage: path.join(dir, "storage") };
}

test("the archive is named after the jar and the Java", () => {
  const { jar, storage } = fresh();
  const input = { java, major, jar, storage };
  assert.equal(archiveFile(input), archiveFile(input));
  const before = archiveFile(input);
  utimesSync(jar, new Date(), new Date(Date.now() + 5000)); // a rebuilt jar
  assert.notEqual(archiveFile(input), before);
  assert.match(path.basename(before), /^mapl-language-server-.*\.jsa$/);
});

test("the first start trains an archive in the background, the next one maps it", { timeout: 300000 }, async () => {
  const { jar, storage } = fresh();
  const input = { java, major, jar, storage };
  // an older build's archive goes; another Java's archive of this jar stays (another window may use it)
  const file = archiveFile(input);
  const otherJava = path.basename(file).replace(/-[0-9a-f]{16}\.jsa$/, "-0123456789abcdef.jsa");
  mkdirSync(storage, { recursive: true });
  writeFileSync(path.join(storage, "mapl-language-server-1-2-3-17-0123456789abcdef.jsa"), "old");
  writeFileSync(path.join(storage, otherJava), "other");
  const first = serverArchive(input);
  assert.deepEqual(first.vmArgs, QUIET, "no archive yet");
  assert.ok(first.training, "a training run started");
  assert.equal(await first.training, true);
  const second = serverArchive(input);
  assert.equal(second.training, undefined, "no second training");
  assert.deepEqual(second.vmArgs, [...QUIET, `-XX:SharedArchiveFile=${file}`]);
  assert.deepEqual(readdirSync(storage).sort(), [path.basename(file), otherJava].sort(), "no temporary, failed or older file left");
  // -Xshare:on: the JVM refuses to start unless it maps this archive for this jar
  execFileSync(java, ["-Xshare:on", `-XX:SharedArchiveFile=${file}`, "-cp", jar, "-version"], { stdio: "ignore" });
});

test("a failed training is remembered, not repeated on every start", async () => {
  const { jar, storage } = fresh();
  const dir = mkdtempSync(path.join(tmpdir(), "mapl-badjava-"));
  const bad = path.join(dir, "java");
  writeFileSync(bad, "#!/bin/sh\nexit 3\n");
  chmodSync(bad, 0o755);
  const input = { java: bad, major: 17, jar, storage };
  const first = serverArchive(input);
  assert.equal(await first.training, false);
  const second = serverArchive(input);
  assert.equal(second.training, undefined);
  assert.deepEqual(second.vmArgs, QUIET);
  assert.match(second.note, /failed/);
});

test("no archive options for a Java older than 17", () => {
  const { jar, storage } = fresh();
  const plan = serverArchive({ java, major: 11, jar, storage });
  assert.deepEqual(plan.vmArgs, []);
  assert.equal(plan.training, undefined);
});
