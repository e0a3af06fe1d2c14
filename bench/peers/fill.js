// Side-by-side peer: docxtemplater fills an equivalent of our default template with the same
// view-model JSON. Usage: node fill.js <template.docx> <data.json> <runs> <warmup>
// Prints the median fill time in milliseconds (fill = load package, render, generate the .docx bytes).
const fs = require("fs");
const PizZip = require("pizzip");
const Docxtemplater = require("docxtemplater");

const [templatePath, dataPath, runsArg, warmupArg] = process.argv.slice(2);
const template = fs.readFileSync(templatePath);
const data = JSON.parse(fs.readFileSync(dataPath, "utf8"));

// Dotted paths, this/., _root.x (our @root.x) and ../x resolved over docxtemplater's scope list.
function parser(tag) {
  return {
    get(scope, context) {
      const list = context.scopeList;
      let path = tag.trim();
      let level = list.length - 1;
      if (path === "." || path === "this") return scope;
      if (path.startsWith("_root.")) { level = 0; path = path.slice(6); }
      while (path.startsWith("../")) { level = Math.max(0, level - 1); path = path.slice(3); }
      for (let at = level; at >= 0; at--) {
        let value = list[at];
        for (const key of path.split(".")) value = value == null ? undefined : value[key];
        if (value !== undefined) return value;
      }
      return undefined;
    },
  };
}

function fill() {
  const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true, parser, nullGetter: () => "" });
  doc.render(data);
  return doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" });
}

const runs = Number(runsArg || 20), warmup = Number(warmupArg || 5);
for (let i = 0; i < warmup; i++) fill();
const times = [];
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const out = fill();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (i === 0) fs.writeFileSync(templatePath.replace(/\.docx$/, ".filled.docx"), out);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ medianMs: times[Math.floor(times.length / 2)], runs }));
