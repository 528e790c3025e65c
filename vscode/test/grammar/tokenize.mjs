// Tokenizes MAPL text with the real TextMate engine VS Code uses (vscode-textmate + oniguruma).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const grammarPath = path.join(here, "..", "..", "syntaxes", "mapl.tmLanguage.json");

let grammarPromise;
export function loadGrammar() {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
    await oniguruma.loadWASM(wasm);
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === "source.mapl"
          ? vsctm.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath)
          : null,
    });
    return registry.loadGrammar("source.mapl");
  })();
  return grammarPromise;
}

/** Every line of `text` as [{ text, scopes, startIndex }] tokens. */
export async function tokenize(text) {
  const grammar = await loadGrammar();
  let state = vsctm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.substring(t.startIndex, t.endIndex),
      startIndex: t.startIndex,
      scopes: t.scopes,
    }));
  });
}
