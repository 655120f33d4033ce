// Compiles each JSON Schema named on the command line with ajv (draft 2020-12, strict, with
// ECMA-262's `u` flag on its patterns, as JavaScript tools read them). Prints one line per
// schema that does not compile and exits 1 if any.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020").default;

let failed = 0;
for (const file of process.argv.slice(2)) {
  const ajv = new Ajv2020({ strict: true, unicodeRegExp: true, allErrors: true });
  try {
    ajv.compile(JSON.parse(fs.readFileSync(file, "utf8")));
  } catch (err) {
    failed += 1;
    console.log(`${file}: ${err.message}`);
  }
}
process.exit(failed ? 1 : 0);
