// The Java search: the setting, then JAVA_HOME, then PATH; each candidate is run and must report
// version 17+. Candidates are small executables printing what real JDKs print to `-version`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, realpathSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { findJava, parseJavaMajor, splitVmArgs } = require("../../out/java.js");

function jdk(versionLine) {
  const home = mkdtempSync(path.join(tmpdir(), "mapl-jdk-"));
  mkdirSync(path.join(home, "bin"));
  const java = path.join(home, "bin", "java");
  writeFileSync(java, `#!/bin/sh\necho '${versionLine}' >&2\n`);
  chmodSync(java, 0o755);
  return home;
}
const emptyDir = () => mkdtempSync(path.join(tmpdir(), "mapl-nojava-"));
const jdk21 = jdk('openjdk version "21.0.4" 2024-07-16');
const jdk11 = jdk('openjdk version "11.0.2" 2019-01-15');
const jdk8 = jdk('java version "1.8.0_401"');

test("parses the major version of old and new JDKs", () => {
  assert.equal(parseJavaMajor('openjdk version "17.0.12" 2024-07-16'), 17);
  assert.equal(parseJavaMajor('openjdk version "21" 2023-09-19'), 21);
  assert.equal(parseJavaMajor('java version "1.8.0_401"'), 8);
  assert.equal(parseJavaMajor("bash: java: not found"), undefined);
});

test("the setting wins over JAVA_HOME and PATH", async () => {
  const r = await findJava({ settingHome: jdk21, env: { JAVA_HOME: jdk11, PATH: "" } });
  assert.equal(r.found?.source, "mapl.java.home");
  assert.equal(r.found?.major, 21);
});

test("a setting without Java is reported, not replaced by another Java", async () => {
  const dir = emptyDir();
  const r = await findJava({ settingHome: dir, env: { JAVA_HOME: jdk21, PATH: path.join(jdk21, "bin") } });
  assert.equal(r.found, undefined);
  assert.deepEqual(r.tried, [`mapl.java.home: no bin/java in ${dir}`]);
});

test("a setting naming a missing folder is reported", async () => {
  const r = await findJava({ settingHome: "/nonexistent/jdk", env: {} });
  assert.deepEqual(r.tried, ["mapl.java.home: /nonexistent/jdk does not exist"]);
});

test("Java older than 17 is refused with its version", async () => {
  const r = await findJava({ settingHome: null, env: { JAVA_HOME: jdk11, PATH: path.join(jdk8, "bin") } });
  assert.equal(r.found, undefined);
  assert.match(r.tried[0], /^JAVA_HOME: .*java is Java 11, older than 17$/);
  assert.match(r.tried[1], /^PATH: .*java is Java 8, older than 17$/);
});

test("JAVA_HOME, then PATH", async () => {
  const viaHome = await findJava({ settingHome: "", env: { JAVA_HOME: jdk21, PATH: "" } });
  assert.equal(viaHome.found?.source, "JAVA_HOME");
  const viaPath = await findJava({ settingHome: undefined, env: { PATH: `${emptyDir()}:${path.join(jdk21, "bin")}` } });
  assert.equal(viaPath.found?.source, "PATH");
  assert.equal(viaPath.found?.executable, path.join(jdk21, "bin", "java"));
  assert.deepEqual(viaPath.tried, ["JAVA_HOME: not set"]);
});

test("nothing anywhere names every place tried", async () => {
  const r = await findJava({ settingHome: null, env: { PATH: emptyDir() } });
  assert.equal(r.found, undefined);
  assert.deepEqual(r.tried, ["JAVA_HOME: not set", "PATH: no java"]);
});

test("the machine's own Java is found and is 17 or newer", async () => {
  const java = realpathSync(execFileSync("sh", ["-c", "command -v java"]).toString().trim());
  const r = await findJava({ settingHome: path.dirname(path.dirname(java)), env: {} });
  assert.ok(r.found && r.found.major >= 17, JSON.stringify(r));
});

test("JVM arguments split on spaces, quotes group", () => {
  assert.deepEqual(splitVmArgs("-Xmx512m  -XX:+UseSerialGC"), ["-Xmx512m", "-XX:+UseSerialGC"]);
  assert.deepEqual(splitVmArgs('-Dx="a b" -Xss1m'), ["-Dx=a b", "-Xss1m"]);
  assert.deepEqual(splitVmArgs(""), []);
});
