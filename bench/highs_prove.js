// Solves an MPS file with HiGHS (npm `highs`: HiGHS compiled to WebAssembly, single-threaded) with
// zero gap tolerances, as the independent prover of bench/alloc_prove.sh: the allocation MIP that
// `juo allocate --export-mps` writes is checked by a solver that shares no code with CBC.
// Usage: node bench/highs_prove.js FILE.mps [TIME_LIMIT_SECONDS=900] [LOG_FILE]
// Prints one line, in the MPS file's own sense (the allocation MIP minimises −objective):
//   <status> <best objective> <dual bound> <seconds> <nodes>
// status is HiGHS's model status ("optimal" when the dual bound proves the best objective);
// the objective and bound are "none" when HiGHS has none. HiGHS's log goes to LOG_FILE, if given.
"use strict";
const fs = require("fs");
const loadHighs = require("highs");

async function main() {
  const [file, limit = "900", logFile] = process.argv.slice(2);
  if (!file) throw new Error("usage: node bench/highs_prove.js FILE.mps [TIME_LIMIT_SECONDS] [LOG_FILE]");
  if (!(Number(limit) > 0)) throw new Error(`the time limit must be a positive number of seconds, not ${limit}`);
  const data = new Uint8Array(fs.readFileSync(file));
  const highs = await loadHighs();
  const log = logFile ? fs.openSync(logFile, "w") : null;
  const model = highs.createModel({ format: "mps", data });
  try {
    // Zero relative gap; an absolute gap below 1, since the objective is integral: the search
    // ends only when no integer solution can beat the best one found.
    model.options.set({ mip_rel_gap: 0, mip_abs_gap: 0.5, time_limit: Number(limit), random_seed: 0,
                        output_flag: log !== null });
    const t0 = process.hrtime.bigint();
    model.run(log === null ? {} : {
      [highs.constants.callbackType.logging](event) { fs.writeSync(log, event.message); },
    });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const code = model.getModelStatus();
    const status = Object.keys(highs.constants.modelStatus).find((k) => highs.constants.modelStatus[k] === code);
    const number = (name) => {
      const v = model.info.get(name);
      return Number.isFinite(v) ? String(v) : "none";
    };
    const found = Number(model.info.get("primal_solution_status")) === 2;  // 2: a feasible solution
    console.log([status, found ? number("objective_function_value") : "none", number("mip_dual_bound"),
                 seconds.toFixed(2), String(model.info.get("mip_node_count"))].join(" "));
  } finally {
    model.dispose();
    if (log !== null) fs.closeSync(log);
  }
}

main().catch((e) => {
  console.error(`highs_prove: ${e.message}`);
  process.exit(1);
});
