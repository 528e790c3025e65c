// MAPL in a real VS Code (code-server), in headless chromium: what a user sees, read from the page.
// run.sh starts code-server with the .vsix installed and the examples open.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, readFileSync } from "node:fs";
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
  await page.goto(URL, { waitUntil: "domcontentloaded" });
  await until("the workbench", () => document.querySelector(".monaco-workbench .part.editor"));
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

/** The span of the active editor showing `text` on the line that contains `lineText`. */
async function token(lineText, text) {
  await until(`line "${lineText}"`, ([l, t]) => [...document.querySelectorAll(".editor-instance .view-line")]
    .some((v) => v.textContent.replace(/\u00a0/g, " ").includes(l) && [...v.querySelectorAll("span span")].some((s) => s.textContent === t)),
    [lineText, text]);
  const handle = await page.evaluateHandle(([l, t]) => {
    const line = [...document.querySelectorAll(".editor-instance .view-line")]
      .find((v) => v.textContent.replace(/\u00a0/g, " ").includes(l));
    return [...line.querySelectorAll("span span")].find((s) => s.textContent === t);
  }, [lineText, text]);
  return handle.asElement();
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
  const keyword = await token("facts pfn {", "facts");
  const fact = await token("struct_page", "struct_page");
  const style = (el) => el.evaluate((e) => ({ cls: e.className, color: getComputedStyle(e).color }));
  const k = await style(keyword);
  const f = await style(fact);
  console.log(`keyword ${JSON.stringify(k)} fact ${JSON.stringify(f)}`);
  assert.notEqual(k.cls, f.cls);
  assert.notEqual(k.color, f.color);
  // Dark Modern colours storage.type #569CD6: the colour comes from the grammar's scope
  assert.equal(k.color, "rgb(86, 156, 214)");
  await shot("colours");
});

test("hovering a fact shows its doc comment", async () => {
  await open("kvm-arm64/v6_17.mapl");
  const fact = await token("pfnmap_dirty_log:", "VM_PFNMAP");
  await fact.hover();
  const text = await until("the hover", () => {
    const h = [...document.querySelectorAll(".monaco-hover-content, .monaco-hover .hover-contents")]
      .map((e) => e.textContent).join(" ");
    return h.includes("raw PFNs") && h;
  });
  console.log(`hover: ${text.trim().slice(0, 200)}`);
  await shot("hover");
  await page.mouse.move(5, 5);
});

test("go to definition from v6_17.mapl lands in common.mapl", async () => {
  await open("kvm-arm64/v6_17.mapl");
  const fact = await token("pfnmap_dirty_log:", "VM_PFNMAP");
  await fact.click();
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
  await typo.click();
  await page.keyboard.down("Control"); await page.keyboard.press("Period"); await page.keyboard.up("Control");
  const fix = await until("a quick fix naming guest.mte", () =>
    [...document.querySelectorAll(".action-widget .monaco-list-row, .context-view .action-label")]
      .map((r) => r.getAttribute("aria-label") ?? r.textContent)
      .find((l) => /\bmte\b/.test(l)));
  console.log(`quick fix: ${fix}`);
  await shot("quickfix");
  await page.keyboard.press("Enter");
  await until("the corrected line", () => [...document.querySelectorAll(".editor-instance .view-line")]
    .some((v) => v.textContent.replace(/\u00a0/g, " ").trim() === "guest.mte -> Device"));
  await until("no squiggle", () => !document.querySelector(".editor-instance .squiggly-error"), undefined, 60000);
});

test("with mapl.java.home naming a folder without Java, a notification says what was tried", async () => {
  const settings = path.join(WORK, "user", "User", "settings.json");
  const s = JSON.parse(readFileSync(settings, "utf8"));
  s["mapl.java.home"] = path.join(WORK, "nojava");
  writeFileSync(settings, JSON.stringify(s, null, 2));
  await loadWorkbench();
  await open("kvm-arm64/v6_17.mapl");
  const text = await until("the no-Java notification", () => {
    const n = [...document.querySelectorAll(".notification-toast, .notifications-list-container .monaco-list-row")]
      .map((e) => e.textContent).find((t) => t.includes("Java 17"));
    return n;
  });
  console.log(`notification: ${text}`);
  assert.match(text, /mapl\.java\.home: no bin\/java in .*nojava/);
  assert.match(text, /Open Settings/);
  await shot("no-java");
});
