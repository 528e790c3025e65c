// The language server's class-data archive, as `mapl lsp` makes it (docs/PERFORMANCE.md,
// "Language server: initialize with a class-data archive"): the JVM maps the classes a session
// loads from one file instead of loading and verifying them from the jar, which is most of the
// time to answer `initialize`. One archive per server jar and Java, in the extension's global
// storage, trained once by the server's own editor session (ArchiveTraining) in the background:
// the start that finds none goes on without it, the next one maps it. The JVM checks an archive
// against itself and the jar and ignores one it cannot use, so a wrong one costs nothing but time.
// No VS Code API here, so it is tested with plain Node and a real Java.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import path from "node:path";

export const TRAINING_CLASS = "dev.mapl.dsl.ide.server.ArchiveTraining";
const PREFIX = "mapl-language-server-";

/** Every JVM warning to stderr (the client's log): stdout carries the protocol. */
export const QUIET = ["-Xlog:disable", "-Xlog:all=warning:stderr", "-Xlog:cds*=off:stderr"];

export interface ArchiveInput {
  java: string;
  major: number;
  jar: string;
  /** a folder of the extension's own (its global storage) */
  storage: string;
}

export interface ArchivePlan {
  /** JVM options for this start */
  vmArgs: string[];
  /** what happened, for the output channel */
  note: string;
  /** set when this start began training an archive: true when one was made */
  training?: Promise<boolean>;
}

function identity(file: string): string {
  const s = statSync(file);
  return `${s.size}-${Math.floor(s.mtimeMs)}-${s.ino}`;
}

/**
 * The archive's file for this jar and Java: named after the jar's size, time and inode and the Java
 * installation's release file and JVM library, so that a rebuilt jar or an updated Java gets a new one.
 */
export function archiveFile(input: ArchiveInput): string {
  const home = path.dirname(path.dirname(realpathSync(input.java)));
  const hash = createHash("sha256").update(realpathSync(input.java));
  for (const part of [path.join(home, "release"), path.join(home, "lib", "server", "libjvm.so")]) {
    if (existsSync(part)) hash.update(part.endsWith("release") ? readFileSync(part) : identity(part));
  }
  return path.join(input.storage, `${PREFIX}${identity(input.jar)}-${input.major}-${hash.digest("hex").slice(0, 16)}.jsa`);
}

/** The JVM options for this start; starts training an archive when there is none yet. */
export function serverArchive(input: ArchiveInput, spawnJava: typeof spawn = spawn): ArchivePlan {
  if (input.major < 17) return { vmArgs: [], note: `no class-data archive on Java ${input.major}` };
  let file: string;
  try {
    mkdirSync(input.storage, { recursive: true });
    file = archiveFile(input);
  } catch (e) {
    return { vmArgs: QUIET, note: `no class-data archive: ${String(e)}` };
  }
  if (existsSync(file)) return { vmArgs: [...QUIET, `-XX:SharedArchiveFile=${file}`], note: `class-data archive ${file}` };
  if (existsSync(`${file}.failed`)) return { vmArgs: QUIET, note: `no class-data archive: its training run failed (${file}.failed)` };
  return { vmArgs: QUIET, note: `training a class-data archive in the background: ${file}`, training: train(input, file, spawnJava) };
}

/** Runs ArchiveTraining at low priority; renames its archive into place when it went through. */
function train(input: ArchiveInput, file: string, spawnJava: typeof spawn): Promise<boolean> {
  const thisJar = `${PREFIX}${identity(input.jar)}-`;
  for (const old of readdirSync(input.storage)) {
    const p = path.join(input.storage, old);
    // other builds' archives and failures (another Java's archive of this jar may be in use); a
    // temporary file only when abandoned (another window may be training)
    const abandoned = old.endsWith(".tmp") && Date.now() - statSync(p).mtimeMs > 10 * 60 * 1000;
    const otherJar = old.startsWith(PREFIX) && !old.startsWith(thisJar) && (old.endsWith(".jsa") || old.endsWith(".failed"));
    if (otherJar || (old.startsWith(PREFIX) && abandoned)) rmSync(p, { force: true });
  }
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  return new Promise((resolve) => {
    let child: ChildProcess;
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return; // "error" and "exit" may both come
      settled = true;
      try {
        if (ok && existsSync(tmp) && statSync(tmp).size > 0) {
          renameSync(tmp, file);
        } else {
          rmSync(tmp, { force: true });
          writeFileSync(`${file}.failed`, "the training run failed; a new server jar or Java tries again\n");
          ok = false;
        }
      } catch {
        ok = false;
      }
      resolve(ok);
    };
    try {
      child = spawnJava(input.java, [...QUIET, `-XX:ArchiveClassesAtExit=${tmp}`, "-cp", input.jar, TRAINING_CLASS], { stdio: "ignore" });
    } catch {
      done(false);
      return;
    }
    try {
      if (child.pid !== undefined) setPriority(child.pid, 19);
    } catch {
      // a lower priority is a courtesy to the editor, not a condition
    }
    child.on("error", () => done(false));
    child.on("exit", (code) => done(code === 0));
  });
}
