// GLPK's branch and cut on the allocation MIP.
#include "alloc/glpk_prover.h"

#include <glpk.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <climits>
#include <cmath>
#include <csetjmp>

namespace juo::alloc {
namespace {

// GLPK's bound type for the interval [lo, up], where ±infinity means none.
int BoundType(double lo, double up, double inf) {
    const bool has_lo = lo > -inf, has_up = up < inf;
    if (has_lo && has_up) return lo == up ? GLP_FX : GLP_DB;
    if (has_lo) return GLP_LO;
    if (has_up) return GLP_UP;
    return GLP_FR;
}

// Everything one run needs, outside the frame that GLPK's error hook jumps out of (Run below has
// only trivial locals, so the jump skips no destructor).
struct Work {
    const MipArrays* model = nullptr;
    glp_prob* prob = nullptr;
    std::vector<int> ia, ja;
    std::vector<double> ar;
    glp_smcp simplex{};
    glp_iocp parm{};
    int limit_ms = 0;  // for building the model, the root LP and the search
    int simplex_ret = 0, lp_status = 0, ret = 0, status = 0;
    double lower = -DBL_MAX;  // GLPK's objective: no solution is below it (from the search tree)
    std::vector<double> columns;
    double objective = 0;
    std::jmp_buf on_error{};
    std::string messages;  // what GLPK printed (only its error messages: msg_lev is off)
};

// GLPK's callback, at each step of its search: keeps the tree's bound. A minimisation, so the
// smallest bound of the active nodes; nodes already pruned hold nothing better than the incumbent,
// so the bound is the smaller of that and the incumbent's value. (Handing GLPK our incumbent here,
// through glp_ios_heur_sol, was tried: it did not change GLPK's times at scales 1 and 10.)
void Callback(glp_tree* tree, void* info) {
    auto* w = static_cast<Work*>(info);
    const int best = glp_ios_best_node(tree);
    if (best == 0) return;  // no active node: the search is over, the outcome says the rest
    double lower = glp_ios_node_bound(tree, best);
    glp_prob* mip = glp_ios_get_prob(tree);
    if (glp_mip_status(mip) == GLP_FEAS || glp_mip_status(mip) == GLP_OPT)
        lower = std::min(lower, glp_mip_obj_val(mip));
    // A node whose LP is not solved yet carries −DBL_MAX (the root at first): no bound yet.
    if (lower > -DBL_MAX / 2) w->lower = std::max(w->lower, lower);
}

int KeepOutput(void* info, const char* s) {
    auto* w = static_cast<Work*>(info);
    if (w->messages.size() < 300) w->messages += s;
    return 1;  // nothing reaches the terminal
}

// GLPK calls this on an internal error instead of aborting the process: its documented recovery
// is to free its whole environment (every problem object with it) and jump out.
void OnError(void* info) {
    glp_free_env();
    std::longjmp(static_cast<Work*>(info)->on_error, 1);
}

void Build(Work& w) {
    const MipArrays& m = *w.model;
    glp_prob* p = w.prob = glp_create_prob();
    glp_set_obj_dir(p, GLP_MIN);
    if (m.rows > 0) glp_add_rows(p, m.rows);
    if (m.columns > 0) glp_add_cols(p, m.columns);
    for (int r = 0; r < m.rows; ++r)
        glp_set_row_bnds(p, r + 1,
                         BoundType(m.row_lower[static_cast<size_t>(r)], m.row_upper[static_cast<size_t>(r)],
                                   m.infinity),
                         m.row_lower[static_cast<size_t>(r)], m.row_upper[static_cast<size_t>(r)]);
    for (int c = 0; c < m.columns; ++c) {
        const auto cu = static_cast<size_t>(c);
        glp_set_col_bnds(p, c + 1, BoundType(m.column_lower[cu], m.column_upper[cu], m.infinity),
                         m.column_lower[cu], m.column_upper[cu]);
        glp_set_obj_coef(p, c + 1, m.objective[cu]);
        glp_set_col_kind(p, c + 1, GLP_IV);
    }
    // GLPK's arrays are 1-based: element 0 is not read (w.ia etc. were filled that way).
    glp_load_matrix(p, static_cast<int>(w.ia.size()) - 1, w.ia.data(), w.ja.data(), w.ar.data());
}

// What is left of `limit_ms` since `t0`: the limit covers building the model, the root LP and the
// search.
int MsLeft(std::chrono::steady_clock::time_point t0, int limit_ms) {
    const double used = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() * 1000;
    return used >= limit_ms ? 0 : limit_ms - static_cast<int>(used);
}

}  // namespace

GlpkOutcome SolveWithGlpk(const MipArrays& m, double seconds) {
    const auto t0 = std::chrono::steady_clock::now();
    GlpkOutcome out;
    out.ran = true;
    Work w;
    w.model = &m;
    w.ia.reserve(m.index.size() + 1);
    w.ja.reserve(m.index.size() + 1);
    w.ar.reserve(m.index.size() + 1);
    w.ia.push_back(0);
    w.ja.push_back(0);
    w.ar.push_back(0);
    for (int c = 0; c < m.columns; ++c)
        for (int e = m.starts[static_cast<size_t>(c)]; e < m.starts[static_cast<size_t>(c) + 1]; ++e) {
            w.ia.push_back(m.index[static_cast<size_t>(e)] + 1);
            w.ja.push_back(c + 1);
            w.ar.push_back(m.value[static_cast<size_t>(e)]);
        }
    w.columns.assign(static_cast<size_t>(m.columns), 0);
    const double ms = std::floor(std::max(0.0, seconds) * 1000);
    glp_init_smcp(&w.simplex);
    w.simplex.msg_lev = GLP_MSG_OFF;
    w.limit_ms = ms < static_cast<double>(INT_MAX) ? static_cast<int>(ms) : INT_MAX;
    glp_init_iocp(&w.parm);
    w.parm.msg_lev = GLP_MSG_OFF;
    // As `glpsol --nointopt --cuts`: without the MIP presolver, which was slower here (the scale-1
    // budget instance: 9.7 s with it, 1.8 s without) and met an internal error of GLPK 5.0 (its
    // cover cuts on a model the presolver emptied); the root LP comes from glp_simplex first.
    w.parm.presolve = GLP_OFF;
    w.parm.gmi_cuts = w.parm.mir_cuts = w.parm.cov_cuts = w.parm.clq_cuts = GLP_ON;
    w.parm.mip_gap = 0;
    w.parm.cb_func = Callback;
    w.parm.cb_info = &w;
    glp_term_hook(KeepOutput, &w);
    glp_error_hook(OnError, &w);
    bool failed = false;
    if (setjmp(w.on_error) == 0) {
        Build(w);
        glp_scale_prob(w.prob, GLP_SF_AUTO);
        w.simplex.tm_lim = MsLeft(t0, w.limit_ms);
        w.simplex_ret = glp_simplex(w.prob, &w.simplex);
        w.lp_status = glp_get_status(w.prob);
        if (w.simplex_ret == 0 && w.lp_status == GLP_OPT) {
            w.parm.tm_lim = MsLeft(t0, w.limit_ms);
            w.ret = glp_intopt(w.prob, &w.parm);
            w.status = glp_mip_status(w.prob);
            if (w.status == GLP_OPT || w.status == GLP_FEAS) {
                for (int c = 0; c < m.columns; ++c)
                    w.columns[static_cast<size_t>(c)] = glp_mip_col_val(w.prob, c + 1);
                w.objective = glp_mip_obj_val(w.prob);
            }
        }
        glp_delete_prob(w.prob);
        glp_error_hook(nullptr, nullptr);
        glp_term_hook(nullptr, nullptr);
        // GLPK keeps an environment per thread; a round runs on a thread that then ends, whose
        // environment would leak (LeakSanitizer, make check). Nothing of GLPK is kept past here.
        glp_free_env();
    } else {
        failed = true;  // GLPK freed its environment, the problem and the hooks with it
    }

    if (failed) {
        out.status = "GLPK failed: " + w.messages;
        while (!out.status.empty() && (out.status.back() == '\n' || out.status.back() == ' '))
            out.status.pop_back();
    } else if (w.simplex_ret == GLP_ETMLIM) {
        out.stopped = true;
        out.status = "time limit (in the root LP)";
    } else if (w.simplex_ret != 0 || w.lp_status != GLP_OPT) {
        out.status = "the root LP failed (glp_simplex returned " + std::to_string(w.simplex_ret) + ", status " +
                     std::to_string(w.lp_status) + ")";
    } else {
        out.stopped = w.ret == GLP_ETMLIM;
        out.proved = w.ret == 0 && w.status == GLP_OPT;
        if (w.status == GLP_OPT || w.status == GLP_FEAS) {
            out.columns = std::move(w.columns);
            out.objective = -w.objective;
        }
        if (out.stopped && w.lower > -DBL_MAX / 2) out.tree_bound = -w.lower;
        out.status = out.proved    ? "optimal"
                     : out.stopped ? "time limit"
                                   : "glp_intopt returned " + std::to_string(w.ret) + ", status " +
                                         std::to_string(w.status);
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

}  // namespace juo::alloc
