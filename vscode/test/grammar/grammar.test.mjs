// The TextMate grammar, run by the engine VS Code uses, on every example and on one snippet per
// construct: each kind of token gets its scope, and no line of the examples has an invalid token.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tokenize, grammarPath } from "./tokenize.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const examples = path.join(repo, "examples");

function maplFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return maplFiles(p);
    return e.name.endsWith(".mapl") ? [p] : [];
  }).sort();
}

/** The scopes of the `nth` token whose text is `text` on 1-based line `line`. */
function scopesOf(lines, line, text, nth = 1) {
  const hits = lines[line - 1].filter((t) => t.text === text);
  assert.ok(hits.length >= nth, `line ${line}: no token ${JSON.stringify(text)} #${nth} in ` +
    JSON.stringify(lines[line - 1].map((t) => t.text)));
  return hits[nth - 1].scopes;
}

function assertScope(lines, line, text, expected, nth = 1) {
  const scopes = scopesOf(lines, line, text, nth);
  assert.ok(scopes.some((s) => s === expected || s.startsWith(expected + ".")),
    `line ${line} ${JSON.stringify(text)}: expected ${expected}, got ${scopes.join(" ")}`);
}

const read = (rel) => readFileSync(path.join(examples, rel), "utf8");

test("the grammar is the source.mapl grammar", () => {
  const g = JSON.parse(readFileSync(grammarPath, "utf8"));
  assert.equal(g.scopeName, "source.mapl");
  assert.deepEqual(g.fileTypes, ["mapl"]);
});

test("every example file tokenizes without an invalid token", async () => {
  const files = maplFiles(examples);
  assert.ok(files.length >= 10, `only ${files.length} example files found`);
  for (const file of files) {
    const lines = await tokenize(readFileSync(file, "utf8"));
    lines.forEach((tokens, i) => {
      for (const t of tokens) {
        assert.ok(!t.scopes.some((s) => s.startsWith("invalid")),
          `${path.relative(repo, file)}:${i + 1}:${t.startIndex + 1}: invalid token ${JSON.stringify(t.text)}`);
      }
    });
  }
});

test("a character MAPL does not have is an invalid token", async () => {
  const [line] = await tokenize("policy p first { a -> B @ }");
  assertScope([line], 1, "@", "invalid.illegal");
});

test("common.mapl: facts, groups, enum values, outcomes, attributes, bindings", async () => {
  const l = await tokenize(read("kvm-arm64/common.mapl"));
  assertScope(l, 1, "//", "comment.line.double-slash");
  assertScope(l, 5, "package", "keyword.other.package");
  assertScope(l, 5, "kvm", "entity.name.namespace.package");
  assertScope(l, 7, "facts", "storage.type.facts");
  assertScope(l, 8, "/**", "comment.block.documentation");
  assertScope(l, 8, " vma->vm_flags & VM_PFNMAP: raw PFNs, no struct page required. ", "comment.block.documentation");
  assertScope(l, 9, "VM_PFNMAP", "variable.other.fact.declaration");
  assertScope(l, 21, "enum", "storage.type.enum");
  assertScope(l, 21, "prot", "variable.other.fact.declaration");
  assertScope(l, 21, "MT_NORMAL_TAGGED", "variable.other.enummember.declaration");
  assertScope(l, 24, "pfn", "entity.name.namespace.group");
  assertScope(l, 26, "struct_page", "variable.other.fact.declaration");
  assertScope(l, 56, "outcomes", "storage.type.outcomes");
  assertScope(l, 57, "Einval", "entity.name.type.outcome.declaration");
  assertScope(l, 62, "cacheable", "entity.other.attribute-name");
  assertScope(l, 67, "assume", "keyword.other.assume");
  assertScope(l, 67, "pfn", "entity.name.namespace.group");
  assertScope(l, 67, "map_memory", "variable.other.fact");
  assertScope(l, 67, "=>", "keyword.operator.implication");
  assertScope(l, 69, "!", "keyword.operator.logical.not");
  assertScope(l, 69, "&", "keyword.operator.logical.and");
  assertScope(l, 71, "|", "keyword.operator.logical.or");
  assertScope(l, 75, "bindings", "storage.type.bindings");
  assertScope(l, 75, "c", "support.type.language.c");
  assertScope(l, 75, "kvm", "entity.name.namespace.bindings");
  assertScope(l, 77, "kconfig", "keyword.other.c.kconfig");
  assertScope(l, 77, "KVM", "string.quoted.double");
  assertScope(l, 78, "include", "keyword.other.c.include");
  assertScope(l, 88, "fact", "keyword.other.c.fact");
  assertScope(l, 88, "pfn", "entity.name.namespace.group");
  assertScope(l, 88, "struct_page", "variable.other.fact");
  assertScope(l, 88, "pfn_valid(pfn)", "string.quoted.double");
  assertScope(l, 95, "outcome", "keyword.other.c.outcome");
  assertScope(l, 95, "Normal", "entity.name.type.outcome");
});

test("v6_17.mapl: lets, policies, rules, invariants, tests, delegation, targets", async () => {
  const l = await tokenize(read("kvm-arm64/v6_17.mapl"));
  assertScope(l, 7, "import", "keyword.other.import");
  assertScope(l, 7, ".*", "keyword.operator.wildcard");
  assertScope(l, 10, "let", "storage.type.let");
  assertScope(l, 10, "cacheable_prot", "variable.other.let.declaration");
  assertScope(l, 10, "prot", "variable.other.fact");
  assertScope(l, 10, "in", "keyword.operator.membership");
  assertScope(l, 10, "MT_NORMAL", "variable.other.enummember");
  assertScope(l, 12, "cpu", "entity.name.namespace.group");
  assertScope(l, 12, "fwb", "variable.other.fact");
  assertScope(l, 15, "policy", "storage.type.policy");
  assertScope(l, 15, "slot", "entity.name.function.policy");
  assertScope(l, 15, "first", "storage.modifier.hit-policy");
  assertScope(l, 16, "mte_without_tags", "entity.name.label.rule");
  assertScope(l, 16, "->", "keyword.operator.arrow");
  assertScope(l, 16, "Einval", "entity.name.type.outcome");
  assertScope(l, 19, "otherwise", "keyword.control.otherwise");
  assertScope(l, 20, "test", "keyword.other.test");
  assertScope(l, 20, "cacheable PFNMAP without FWB", "string.quoted.double");
  assertScope(l, 20, "VM_PFNMAP", "variable.other.fact");
  assertScope(l, 20, "MT_NORMAL", "variable.other.enummember");
  assertScope(l, 20, "=>", "keyword.operator.implication");
  assertScope(l, 20, "Einval", "entity.name.type.outcome");
  assertScope(l, 37, "invariant", "keyword.other.invariant");
  assertScope(l, 37, "i_mte", "entity.name.label.invariant");
  assertScope(l, 46, "!=", "keyword.operator.comparison");
  assertScope(l, 50, "target", "storage.type.target");
  assertScope(l, 50, "slot", "entity.name.function.policy");
  assertScope(l, 51, "file", "keyword.other.c.file");
  assertScope(l, 52, "function", "keyword.other.c.function");
  assertScope(l, 53, "use", "keyword.other.c.use");
  assertScope(l, 53, "kvm", "entity.name.namespace.bindings");
});

test("constructs the examples do not show", async () => {
  const l = await tokenize([
    /* 1 */ "/* a block",
    /* 2 */ "   comment */ policy p unique {",
    /* 3 */ "    r: true & !false -> q.Out if x == V",
    /* 4 */ "    test \"esc \\\" quote\": !g.f, e == V => Out",
    /* 5 */ "}",
    /* 6 */ "target c pkg.p { region \"mmu.c\" style branches kconfig \"KVM\" }",
    /* 7 */ "bindings c b { fact e = \"x\" { V = \"V_C\", W = \"W_C\" } }",
    /* 8 */ "policy q priority { otherwise -> Out }",
  ].join("\n"));
  assertScope(l, 1, "/*", "comment.block");
  assertScope(l, 2, "   comment ", "comment.block");
  assertScope(l, 2, "unique", "storage.modifier.hit-policy");
  assertScope(l, 3, "true", "constant.language.boolean");
  assertScope(l, 3, "false", "constant.language.boolean");
  assertScope(l, 3, "q", "entity.name.namespace");
  assertScope(l, 3, "Out", "entity.name.type.outcome");
  assertScope(l, 3, "if", "keyword.control.conditional");
  assertScope(l, 3, "x", "variable.other.fact");
  assertScope(l, 3, "==", "keyword.operator.comparison");
  assertScope(l, 3, "V", "variable.other.enummember");
  assertScope(l, 4, "\\\"", "constant.character.escape");
  assertScope(l, 4, "g", "entity.name.namespace.group");
  assertScope(l, 4, "f", "variable.other.fact");
  assertScope(l, 4, "e", "variable.other.fact");
  assertScope(l, 4, "V", "variable.other.enummember");
  assertScope(l, 4, "Out", "entity.name.type.outcome");
  assertScope(l, 6, "p", "entity.name.function.policy");
  assertScope(l, 6, "region", "keyword.other.c.region");
  assertScope(l, 6, "style", "keyword.other.c.style");
  assertScope(l, 6, "branches", "constant.language.c-style");
  assertScope(l, 7, "e", "variable.other.fact");
  assertScope(l, 7, "V", "variable.other.enummember");
  assertScope(l, 7, "V_C", "string.quoted.double");
  assertScope(l, 8, "priority", "storage.modifier.hit-policy");
  assertScope(l, 8, "policy", "storage.type.policy");
});
