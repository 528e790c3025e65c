// The palette and editor-title commands. Each calls the language server's
// workspace/executeCommand with the fixed contract (one JSON object in, one out) and shows the
// answer: markdown as HTML, the decision graph rendered by the mermaid bundled in the .vsix.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { marked } from "marked";
import { randomBytes } from "node:crypto";

type ClientRef = () => LanguageClient | undefined;

/**
 * Shows the answer of a server command that VS Code ran itself (a code lens runs `mapl.table`
 * through the language client, which would otherwise drop the answer).
 */
export let showServerAnswer: (command: string, args: unknown[], answer: unknown) => void = () => {};

export function registerCommands(context: vscode.ExtensionContext, client: ClientRef): void {
  const views = new Views(context);
  showServerAnswer = (command, args, answer) => {
    const a = answer as { markdown?: string; mermaid?: string; equivalent?: boolean } | null;
    const policy = (args[0] as { policy?: string } | undefined)?.policy ?? "";
    if (!a) return;
    if (command === "mapl.table" && a.markdown !== undefined) views.show("table", `Decision table: ${policy}`, markdownBody(a.markdown));
    else if (command === "mapl.graph" && a.mermaid !== undefined) views.show("graph", `Decision graph: ${policy}`, mermaidBody(a.mermaid), true);
    else if (command === "mapl.diff" && a.markdown !== undefined) views.show("diff", `Behaviour diff: ${policy}`, markdownBody(a.markdown));
  };
  const reg = (id: string, run: (editor: vscode.TextEditor) => Promise<void>) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== "mapl") {
        void vscode.window.showWarningMessage("MAPL: open a .mapl file first.");
        return;
      }
      try {
        await run(editor);
      } catch (e) {
        void vscode.window.showErrorMessage(`MAPL: ${e instanceof Error ? e.message : String(e)}`);
      }
    }));

  reg("mapl.format", async () => {
    await vscode.commands.executeCommand("editor.action.formatDocument");
  });

  reg("mapl.showTable", async (editor) => {
    const policy = await policyAt(editor);
    if (policy === null) return;
    const r = await server<{ markdown: string }>(client, "mapl.table", { uri: uriOf(editor), policy });
    if (r) views.show("table", `Decision table: ${policy ?? fileName(editor)}`, markdownBody(r.markdown));
  });

  reg("mapl.showGraph", async (editor) => {
    const policy = await policyAt(editor);
    if (policy === null) return;
    const r = await server<{ mermaid: string; dot: string }>(client, "mapl.graph", { uri: uriOf(editor), policy });
    if (r) views.show("graph", `Decision graph: ${policy ?? fileName(editor)}`, mermaidBody(r.mermaid), true);
  });

  reg("mapl.diffHead", async (editor) => {
    const policy = await policyAt(editor);
    if (policy === null) return;
    const r = await server<{ markdown: string; equivalent: boolean }>(client, "mapl.diff",
      { uri: uriOf(editor), policy, against: "git:HEAD" });
    if (!r) return;
    const verdict = r.equivalent ? "<p><strong>Equivalent to HEAD.</strong></p>" : "";
    views.show("diff", `Behaviour diff against HEAD: ${policy ?? fileName(editor)}`, verdict + markdownBody(r.markdown));
  });

  reg("mapl.generateJavaSources", async (editor) => {
    const outDir = await pickOutDir(editor, "Generate Java here");
    if (!outDir) return;
    const javaPackage = await vscode.window.showInputBox({
      title: "MAPL: Java package of the generated classes",
      prompt: "Leave empty for the MAPL file's own package.",
      placeHolder: "dev.example.policy",
      validateInput: (v) => v === "" || /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(v) ? undefined : "not a Java package name",
    });
    if (javaPackage === undefined) return;
    const r = await server<{ files: string[] }>(client, "mapl.generateJava",
      { uri: uriOf(editor), outDir: outDir.fsPath, ...(javaPackage ? { javaPackage } : {}) });
    if (r) await reportFiles(r.files);
  });

  reg("mapl.generateCSources", async (editor) => {
    const outDir = await pickOutDir(editor, "Generate C here");
    if (!outDir) return;
    const r = await server<{ files: string[] }>(client, "mapl.generateC", { uri: uriOf(editor), outDir: outDir.fsPath });
    if (r) await reportFiles(r.files);
  });
}

const uriOf = (editor: vscode.TextEditor) => editor.document.uri.toString();
const fileName = (editor: vscode.TextEditor) => editor.document.uri.path.split("/").pop() ?? "";

/**
 * Calls a server command, or says clearly why it cannot: no running server, or a server that
 * does not offer the command (the shaded server jar carries no CLI to fall back on).
 */
async function server<T>(client: ClientRef, command: string, args: object): Promise<T | undefined> {
  const c = client();
  if (!c || !c.isRunning()) {
    void vscode.window.showErrorMessage("MAPL: the language server is not running (see the \"MAPL Language Server\" output).");
    return undefined;
  }
  const offered = c.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  if (!offered.includes(command)) {
    void vscode.window.showWarningMessage(`MAPL: this language server does not offer \`${command}\`; ` +
      "use the `mapl` command line (see the README) until it does.");
    return undefined;
  }
  return (await c.sendRequest("workspace/executeCommand", { command, arguments: [args] })) as T;
}

/**
 * The policy the cursor is in (or the file's only one): undefined lets the server choose,
 * null means the user cancelled the choice.
 */
async function policyAt(editor: vscode.TextEditor): Promise<string | undefined | null> {
  const doc = editor.document;
  const decls: { name: string; line: number }[] = [];
  for (let i = 0; i < doc.lineCount; i++) {
    const m = /^\s*policy\s+(\^?[A-Za-z_]\w*)/.exec(doc.lineAt(i).text);
    if (m) decls.push({ name: m[1].replace(/^\^/, ""), line: i });
  }
  if (decls.length <= 1) return decls[0]?.name;
  const cursor = editor.selection.active.line;
  const enclosing = decls.filter((d) => d.line <= cursor).pop();
  if (enclosing) return enclosing.name;
  const picked = await vscode.window.showQuickPick(decls.map((d) => d.name), { title: "MAPL: which policy?" });
  return picked ?? null;
}

async function pickOutDir(editor: vscode.TextEditor, label: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(editor.document.uri)?.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: label, defaultUri: folder,
  });
  return picked?.[0];
}

async function reportFiles(files: string[]): Promise<void> {
  if (files.length === 0) {
    void vscode.window.showInformationMessage("MAPL: nothing generated.");
    return;
  }
  const choice = await vscode.window.showInformationMessage(`MAPL: wrote ${files.length} file(s): ${files.join(", ")}`, "Open");
  if (choice === "Open") await vscode.window.showTextDocument(vscode.Uri.file(files[0]));
}

function markdownBody(markdown: string): string {
  return `<div class="markdown">${marked.parse(markdown, { async: false }) as string}</div>`;
}

function mermaidBody(mermaid: string): string {
  const escaped = mermaid.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<pre class="mermaid" id="graph">${escaped}</pre>`;
}

/** One reusable webview panel per kind of answer. */
class Views {
  private panels = new Map<string, vscode.WebviewPanel>();
  constructor(private readonly context: vscode.ExtensionContext) {}

  show(kind: string, title: string, body: string, mermaid = false): void {
    const media = vscode.Uri.joinPath(this.context.extensionUri, "media");
    let panel = this.panels.get(kind);
    if (!panel) {
      panel = vscode.window.createWebviewPanel(`mapl.${kind}`, title, vscode.ViewColumn.Beside,
        { enableScripts: true, localResourceRoots: [media] });
      this.panels.set(kind, panel);
      panel.onDidDispose(() => this.panels.delete(kind));
    }
    panel.title = title;
    const w = panel.webview;
    const nonce = randomBytes(16).toString("base64");
    const scripts = mermaid
      ? `<script nonce="${nonce}" src="${w.asWebviewUri(vscode.Uri.joinPath(media, "mermaid.min.js"))}"></script>
<script nonce="${nonce}" src="${w.asWebviewUri(vscode.Uri.joinPath(media, "graph.js"))}"></script>`
      : "";
    w.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${w.cspSource} data:; style-src ${w.cspSource} 'unsafe-inline'; font-src ${w.cspSource}; script-src 'nonce-${nonce}';">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
table { border-collapse: collapse; } th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; }
code { font-family: var(--vscode-editor-font-family); }
.mermaid { background: transparent; }
</style>
<title>${title.replace(/</g, "&lt;")}</title></head>
<body>${body}${scripts}</body></html>`;
    panel.reveal(vscode.ViewColumn.Beside, true);
  }
}
