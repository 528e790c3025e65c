// Bundles the extension into one file (dist/extension.js), the Java search and the server archive
// alone for the unit tests (out/java.js, out/archive.js), and copies the mermaid bundle into media/ for the graph webview.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const common = { bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning", legalComments: "none" };

await build({ ...common, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] });
await build({ ...common, entryPoints: ["src/java.ts"], outfile: "out/java.js" });
await build({ ...common, entryPoints: ["src/archive.ts"], outfile: "out/archive.js" });
mkdirSync("media", { recursive: true });
copyFileSync(require.resolve("mermaid/dist/mermaid.min.js"), "media/mermaid.min.js");
