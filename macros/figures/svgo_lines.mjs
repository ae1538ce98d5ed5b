// svgo for the static charts (macros/figures/static_charts.py): one process for a whole
// build, which reads one SVG per line (a JSON string) and writes each one back made
// smaller (svgo's default settings), one per line, in the same order.
import readline from "node:readline";
import { optimize } from "svgo";

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  process.stdout.write(JSON.stringify(optimize(JSON.parse(line)).data) + "\n");
}
