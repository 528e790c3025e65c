// MAPL in a real VS Code (code-server), in headless chromium: what a user sees, read from the page.
// run.sh starts code-server with the .vsix installed and the examples open.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

const URL = process.env.MAPL_E2E_URL;
const WORK = process.env.MAPL_E2E_WORK;
const OUT = process.env.MAPL_E2E_OUT;
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

let browser;
let page;

async function shot(name) {
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

/** Waits until `fn` (run in the page) returns a truthy value; fails with `what` and a screenshot. */
async function until(what, fn, arg, timeout = 60000) {
  try {
    const handle = await page.waitForFunction(fn, { timeout, polling: 250 }, arg);
    return await handle.jsonValue();
  } catch (e) {
    await shot(`failed-${what.replace(/\W+/g, "-")}`);
    throw new Error(`timed out waiting for ${what}: ${e.message}`);
  }
}

async function loadWorkbench() {
  await page.goto(URL, { waitUntil: "domcontentloaded", timeout: 180000 });
  await until("the workbench", () => document.querySelector(".monaco-workbench .part.editor"), undefined, 180000);
}

async function command(name) {
  await page.keyboard.press("F1");
  await until("the command palette", () => document.querySelector(".quick-input-widget:not([style*='display: none']) input"));
  await page.keyboard.type(name);
  await until(`palette entry ${name}`, (n) => [...document.querySelectorAll(".quick-input-list .monaco-list-row")]
    .some((r) => (r.getAttribute("aria-label") ?? r.textContent).includes(n)), name);
  await page.keyboard.press("Enter");
}

/** Opens a file through the explorer, expanding its folders, and waits for its editor. */
async function open(relPath) {
  const parts = relPath.split("/");
  await until("the explorer", () => document.querySelector(".explorer-folders-view .monaco-list-row"));
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i];
    const row = await until(`explorer row ${name}`, (n) => {
      const r = [...document.querySelectorAll(".explorer-folders-view .monaco-list-row")]
        .find((x) => x.querySelector(".label-name")?.textContent === n);
      if (!r) return false;
      r.scrollIntoView();
      return r.getAttribute("aria-expanded") ?? "file";
    }, name);
    if (i < parts.length - 1 && row === "true") continue;
    const rows = await page.$$(".explorer-folders-view .monaco-list-row");
    for (const r of rows) {
      if (await r.evaluate((x, n) => x.querySelector(".label-name")?.textContent === n, name)) {
        await r.click();
        break;
      }
    }
  }
  const file = parts[parts.length - 1];
  await until(`editor tab ${file}`, (f) => document.querySelector(".tab.active")?.getAttribute("aria-label")?.startsWith(f), file);
  await until(`text of ${file}`, () => document.querySelector(".editor-instance .view-lines .view-line"));
}

/**
 * Where the active editor shows `text` on the line containing `lineText`, and how it looks: read
 * in one step, since the editor re-renders lines when semantic tokens arrive.
 */
async function token(lineText, text) {
  return until(`"${text}" on line "${lineText}"`, ([l, t]) => {
    const line = [...document.querySelectorAll(".editor-instance .view-line")]
      .find((v) => v.textContent.replace(/\u00a0/g, " ").includes(l));
    const span = line && [...line.querySelectorAll("span span")].find((s) => s.textContent === t);
    if (!span) return false;
    const r = span.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2, cls: span.className, color: getComputedStyle(span).color };
  }, [lineText, text]);
}

async function gotoLine(n) {
  await command("Go to Line/Column");
  await page.keyboard.type(String(n));
  await page.keyboard.press("Enter");
}

before(async () => {
  assert.ok(URL && WORK && OUT, "run through vscode/test/e2e/run.sh");
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: path.join(WORK, "chromium"),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
    defaultViewport: { width: 1600, height: 1000 },
  });
  page = await browser.newPage();
  const t0 = Date.now();
  await loadWorkbench();
  console.log(`workbench loaded in ${Date.now() - t0} ms`);
});

after(async () => {
  await browser?.close();
});

test("the Problems panel lists the I-MTE refutation in thread-jason.mapl at line 23", async () => {
  await open("kvm-arm64/thread-jason.mapl");
  await page.keyboard.down("Control"); await page.keyboard.down("Shift");
  await page.keyboard.press("KeyM");
  await page.keyboard.up("Shift"); await page.keyboard.up("Control");
  const label = await until("a problem in thread-jason.mapl at line 23", () =>
    [...document.querySelectorAll(".markers-panel .monaco-list-row")]
      .map((r) => r.getAttribute("aria-label") ?? "")
      .find((l) => /i_mte/.test(l) && /\b23\b/.test(l)), undefined, 120000);
  console.log(`problem: ${label}`);
  await shot("problems");
});

test("tokens carry the grammar's colours: a fact and a keyword differ", async () => {
  await open("kvm-arm64/common.mapl");
  const k = await token("facts pfn {", "facts");
  const f = await token("struct_page", "struct_page");
  console.log(`keyword ${JSON.stringify(k)} fact ${JSON.stringify(f)}`);
  assert.notEqual(k.cls, f.cls);
  assert.notEqual(k.color, f.color);
  // Dark Modern: the grammar's storage.type is #569CD6; the server's semantic token `keyword`
  // (when it has answered) is #C586C0. Either way a keyword colour, not the fact's.
  assert.ok(["rgb(86, 156, 214)", "rgb(197, 134, 192)"].includes(k.color), k.color);
  await shot("colours");
});

test("hovering a fact shows its doc comment", async () => {
  await open("kvm-arm64/v6_17.mapl");
  // Code lenses arrive from the server and push the lines down after the token was measured, so
  // (as a user would) measure again and hover again until the hover shows, for up to a minute.
  const hover = () => {
    const h = [...document.querySelectorAll(".monaco-hover-content, .monaco-hover .hover-contents")]
      .map((e) => e.textContent).join(" ");
    return h.includes("raw PFNs") && h;
  };
  let text;
  for (let i = 0; i < 12 && !text; i++) {
    const fact = await token("pfnmap_dirty_log:", "VM_PFNMAP");
    await page.mouse.move(5, 5);
    await page.mouse.move(fact.x, fact.y, { steps: 4 });
    text = await page.waitForFunction(hover, { timeout: 5000, polling: 250 })
      .then((h) => h.jsonValue(), () => undefined);
  }
  if (!text) text = await until("the hover", hover, undefined, 1000);
  console.log(`hover: ${text.trim().slice(0, 200)}`);
  await shot("hover");
  await page.mouse.move(5, 5);
});

test("go to definition from v6_17.mapl lands in common.mapl", async () => {
  await open("kvm-arm64/v6_17.mapl");
  const fact = await token("pfnmap_dirty_log:", "VM_PFNMAP");
  await page.mouse.click(fact.x, fact.y);
  await page.keyboard.press("F12");
  await until("common.mapl as the active editor", () =>
    document.querySelector(".tab.active")?.getAttribute("aria-label")?.startsWith("common.mapl"));
  await until("the declaration's line", () => [...document.querySelectorAll(".editor-instance .view-line")]
    .some((v) => v.textContent.trim() === "VM_PFNMAP"));
  await shot("definition");
});

test("an unknown name gets a squiggle whose quick fix corrects it", async () => {
  await open("quickfix/typo.mapl");
  await until("a squiggle", () => document.querySelector(".editor-instance .squiggly-error"), undefined, 120000);
  const typo = await token("-> Device", "mtee");
  await page.mouse.click(typo.x, typo.y);
  await command("Quick Fix...");
  const fix = await until("a quick fix naming guest.mte", () =>
    [...document.querySelectorAll(".action-widget .monaco-list-row, .action-widget li, .context-view .action-label")]
      .map((r) => r.getAttribute("aria-label") || r.textContent)
      .find((l) => l.includes("guest.mte")));
  console.log(`quick fix: ${fix}`);
  await shot("quickfix");
  await page.keyboard.press("Enter");
  await until("the corrected line", () => [...document.querySelectorAll(".editor-instance .view-line")]
    .some((v) => v.textContent.replace(/\u00a0/g, " ").trim() === "guest.mte -> Device"));
  await until("no squiggle", () => !document.querySelector(".editor-instance .squiggly-error"), undefined, 60000);
});

/** Waits for a webview frame where `fn` returns a truthy value. */
async function inWebview(what, fn, timeout = 60000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        const v = await frame.evaluate(fn);
        if (v) return v;
      } catch {
        // a frame navigating or detached: try the next one
      }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await shot(`failed-${what.replace(/\W+/g, "-")}`);
  throw new Error(`timed out waiting for ${what} in a webview`);
}

test("Show Decision Table and Show Decision Graph render the policy under the cursor", async () => {
  await open("kvm-arm64/v6_17.mapl");
  await gotoLine(31);
  const label = await token("exec_noncacheable:", "exec_noncacheable");
  await page.mouse.click(label.x, label.y);
  await command("MAPL: Show Decision Table");
  const rows = await inWebview("the decision table", () => document.querySelectorAll(".markdown table tr").length);
  console.log(`decision table: ${rows} rows`);
  assert.ok(rows > 3);
  await shot("table");
  // back to the editor: keys typed in a webview stay there
  const again = await token("exec_noncacheable:", "exec_noncacheable");
  await page.mouse.click(again.x, again.y);
  await command("MAPL: Show Decision Graph");
  const graph = await inWebview("the rendered graph", () => {
    const r = document.body?.dataset.rendered;
    if (r === "error") return "error: " + document.body.textContent.slice(0, 300);
    return r === "svg" && `svg with ${document.querySelectorAll(".mermaid svg .node").length} nodes`;
  });
  console.log(`decision graph: ${graph}`);
  assert.match(graph, /^svg with [1-9]\d* nodes$/);
  await shot("graph");
});

test("with mapl.java.home naming a folder without Java, a notification says what was tried", async () => {
  // a machine-scoped setting: code-server (like any remote) reads it from the Machine settings
  const dir = path.join(WORK, "user", "Machine");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "settings.json"), JSON.stringify({ "mapl.java.home": path.join(WORK, "nojava") }, null, 2));
  const notification = () => [...document.querySelectorAll(".notification-toast, .notifications-list-container .monaco-list-row")]
    .map((e) => e.innerText.replace(/\s+/g, " ")).find((t) => t.includes("Java 17"));
  // the extension restarts its server on the change; a fresh window reads the setting at start
  let text = await page.waitForFunction(notification, { timeout: 45000, polling: 250 })
    .then((h) => h.jsonValue(), () => undefined);
  if (!text) {
    await loadWorkbench();
    await open("kvm-arm64/v6_17.mapl");
    text = await until("the no-Java notification", notification, undefined, 120000);
  }
  console.log(`notification: ${text}`);
  assert.match(text, /mapl\.java\.home: no bin\/java in .*nojava/);
  assert.match(text, /Open Settings/);
  await shot("no-java");
});
