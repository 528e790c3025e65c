// The MAPL extension: finds Java, starts the language server bundled in the .vsix over stdio, and
// adds the commands that show what the server computes (tables, graphs, behaviour diffs) or
// generate code. Everything else (diagnostics, quick fixes, hover, semantic tokens, code lenses)
// comes from the server through the language client.
import * as vscode from "vscode";
import { existsSync } from "node:fs";
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";
import { findJava, MIN_JAVA, splitVmArgs } from "./java";
import { serverArchive } from "./archive";
import { registerCommands, showServerAnswer } from "./commands";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
/** bumped by every (re)start, so a slow Java search from an older start does nothing */
let generation = 0;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("MAPL Language Server", { log: true });
  context.subscriptions.push(output);
  registerCommands(context, () => client);
  context.subscriptions.push(
    vscode.commands.registerCommand("mapl.restartServer", () => start(context)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("mapl.java.home") || e.affectsConfiguration("mapl.server.vmargs")) {
        void start(context);
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function stop(): Promise<void> {
  const old = client;
  client = undefined;
  if (old && old.state !== State.Stopped) {
    try {
      await old.stop(5000);
    } catch (e) {
      output.appendLine(`stopping the server: ${String(e)}`);
    }
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const mine = ++generation;
  await stop();
  const config = vscode.workspace.getConfiguration("mapl");
  const search = await findJava({ settingHome: config.get<string | null>("java.home"), env: process.env });
  if (mine !== generation) return;
  if (!search.found) {
    reportNoJava(search.tried);
    return;
  }
  const java = search.found;
  const jar = context.asAbsolutePath("server/mapl-language-server.jar");
  if (!existsSync(jar)) {
    void vscode.window.showErrorMessage(`MAPL: the language server is missing from this extension (${jar}).`);
    return;
  }
  const archive = serverArchive({ java: java.executable, major: java.major, jar, storage: context.globalStorageUri.fsPath });
  output.appendLine(archive.note);
  archive.training?.then((made) =>
    output.appendLine(made ? "class-data archive ready: the next start of the server uses it" : "the class-data archive's training run failed"),
  );
  const args = [...archive.vmArgs, ...splitVmArgs(config.get<string>("server.vmargs")), "-jar", jar];
  output.appendLine(`Java ${java.major} from ${java.source}: ${java.executable} ${args.join(" ")}`);
  const serverOptions: ServerOptions = { command: java.executable, args, transport: TransportKind.stdio };
  let restarts = 0;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "mapl" }],
    outputChannel: output,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.mapl") },
    // one restart after a crash, then a message instead of a restart loop
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        if (restarts++ < 1) return { action: CloseAction.Restart };
        return {
          action: CloseAction.DoNotRestart,
          message: "MAPL: the language server stopped twice; see the \"MAPL Language Server\" output, then run \"MAPL: Restart Language Server\".",
        };
      },
    },
    middleware: {
      // code lenses run server commands through the client: show what they answer
      executeCommand: async (command, args, next) => {
        const answer = await next(command, args);
        showServerAnswer(command, args, answer);
        return answer;
      },
    },
    initializationFailedHandler: (error) => {
      output.appendLine(`initialization failed: ${String(error)}`);
      return false;
    },
  };
  const next = new LanguageClient("mapl", "MAPL Language Server", serverOptions, clientOptions);
  client = next;
  try {
    await next.start();
  } catch (e) {
    if (client === next) client = undefined;
    void vscode.window.showErrorMessage(`MAPL: the language server did not start: ${String(e)}`, "Show Output")
      .then((choice) => choice && output.show());
  }
}

function reportNoJava(tried: string[]): void {
  output.appendLine(`No usable Java ${MIN_JAVA}+. Tried:\n  ${tried.join("\n  ")}`);
  const message = `MAPL needs Java ${MIN_JAVA} or newer to run its language server. Tried: ${tried.join("; ")}.`;
  void vscode.window.showErrorMessage(message, "Open Settings", "Show Output").then((choice) => {
    if (choice === "Open Settings") void vscode.commands.executeCommand("workbench.action.openSettings", "mapl.java.home");
    else if (choice === "Show Output") output.show();
  });
}
