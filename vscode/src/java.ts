// Finds the Java that runs the language server, the way the well-kept Java extensions do: the
// `mapl.java.home` setting, then JAVA_HOME, then `java` on the PATH; each candidate must report
// version 17 or newer. No VS Code API here, so the search is tested with plain Node.
import { execFile } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";

export const MIN_JAVA = 17;

export interface JavaFound {
  /** the java executable */
  executable: string;
  major: number;
  /** where it came from, e.g. "mapl.java.home" */
  source: string;
}

export interface JavaSearch {
  found?: JavaFound;
  /** one line per candidate that was tried and why it was not used */
  tried: string[];
}

export interface JavaSearchInput {
  /** the `mapl.java.home` setting, if set */
  settingHome?: string | null;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

const exe = (platform: NodeJS.Platform) => (platform === "win32" ? "java.exe" : "java");

/** `openjdk version "17.0.12"` -> 17, `java version "1.8.0_401"` -> 8 */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

function javaVersion(executable: string): Promise<{ major?: number; error?: string }> {
  return new Promise((resolve) => {
    execFile(executable, ["-version"], { timeout: 15000 }, (err, stdout, stderr) => {
      const major = parseJavaMajor(`${stderr}\n${stdout}`);
      if (major !== undefined) resolve({ major });
      else resolve({ error: err ? err.message.split("\n")[0] : "no version in `java -version`" });
    });
  });
}

function onPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? "").split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, exe(platform));
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

async function tryCandidate(executable: string, source: string, tried: string[]): Promise<JavaFound | undefined> {
  const v = await javaVersion(executable);
  if (v.major === undefined) {
    tried.push(`${source}: ${executable} did not run (${v.error})`);
    return undefined;
  }
  if (v.major < MIN_JAVA) {
    tried.push(`${source}: ${executable} is Java ${v.major}, older than ${MIN_JAVA}`);
    return undefined;
  }
  return { executable, major: v.major, source };
}

/**
 * The first usable Java. An explicit `mapl.java.home` is the only candidate when set: a wrong
 * setting is reported, not silently replaced by another Java.
 */
export async function findJava(input: JavaSearchInput): Promise<JavaSearch> {
  const platform = input.platform ?? process.platform;
  const tried: string[] = [];
  const home = input.settingHome?.trim();
  if (home) {
    const executable = path.join(home, "bin", exe(platform));
    if (!existsSync(home)) tried.push(`mapl.java.home: ${home} does not exist`);
    else if (!isFile(executable)) tried.push(`mapl.java.home: no bin/${exe(platform)} in ${home}`);
    else {
      const found = await tryCandidate(executable, "mapl.java.home", tried);
      if (found) return { found, tried };
    }
    return { tried };
  }
  const javaHome = input.env.JAVA_HOME?.trim();
  if (javaHome) {
    const executable = path.join(javaHome, "bin", exe(platform));
    if (!isFile(executable)) tried.push(`JAVA_HOME: no bin/${exe(platform)} in ${javaHome}`);
    else {
      const found = await tryCandidate(executable, "JAVA_HOME", tried);
      if (found) return { found, tried };
    }
  } else {
    tried.push("JAVA_HOME: not set");
  }
  const fromPath = onPath(input.env, platform);
  if (!fromPath) tried.push(`PATH: no ${exe(platform)}`);
  else {
    const found = await tryCandidate(fromPath, "PATH", tried);
    if (found) return { found, tried };
  }
  return { tried };
}

/** `-Xmx512m  -XX:+UseSerialGC` -> ["-Xmx512m", "-XX:+UseSerialGC"]; double quotes group words */
export function splitVmArgs(vmargs: string | undefined): string[] {
  if (!vmargs) return [];
  return (vmargs.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []).map((arg) => arg.replace(/"/g, ""));
}
