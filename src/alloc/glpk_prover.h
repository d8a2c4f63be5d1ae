// The allocation MIP solved by GLPK, a second branch-and-cut code that shares nothing with
// COIN-OR's CLP and CBC: `Solve` runs it after CBC, with the time that is left, to prove the
// allocation optimal (CBC's own proofs were caught wrong, ADR 0004) and, where GLPK finds a better
// allocation than CBC, to improve it. GLPK gets exactly the model CBC gets (`Mip::Arrays`) and is
// run as `glpsol --nointopt --cuts` runs it: the LP relaxation by the simplex, then branch and cut
// with Gomory, MIR, cover and clique cuts and a relative gap of 0 (the objective is an integer, so
// GLPK closes its tree to the unit).
//
// Thread-safety: one call per thread at a time (GLPK keeps its environment per thread); the
// function itself holds no state.
#pragma once

#include <string>
#include <vector>

#include "alloc/mip.h"

namespace juo::alloc {

struct GlpkOutcome {
    bool ran = false;
    // glp_intopt returned 0 (the search was not stopped) and the status is GLP_OPT: `columns` is
    // an optimum of the model, to GLPK's floating-point tolerances.
    bool proved = false;
    bool stopped = false;         // the time limit ended the search: no proof
    std::vector<double> columns;  // GLPK's best integer solution; empty when it found none
    double objective = 0;         // its objective in our sense (the model minimises −objective)
    // When stopped: GLPK's bound from its search tree (best active node, or its incumbent when
    // that is larger), in our sense: no solution of the model does better. 0 when GLPK stopped
    // before it had one (e.g. in the root LP).
    double tree_bound = 0;
    double seconds = 0;
    std::string status;  // "optimal", "time limit", or what else GLPK said
};

// Solves `model` (a minimisation, every column integer) with GLPK within `seconds` (≥ 0; GLPK's
// tm_lim in milliseconds, root LP included; checked between simplex iterations and nodes, so a cut
// round can overrun it a little). An internal error of GLPK ends the call, not the process: the
// outcome then says "GLPK failed: " and what GLPK printed.
GlpkOutcome SolveWithGlpk(const MipArrays& model, double seconds);

}  // namespace juo::alloc
