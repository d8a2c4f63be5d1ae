// The allocation as a mixed-integer program on COIN-OR (CLP for the LP relaxation, CBC for
// branch and cut), used for the proven bound and, where it pays, to close the gap.
//
// Variables: x_k ∈ {0,1} per candidate; y_s, z_d ∈ {0,1} "school s / department d has a served
// group" (y_s ≤ Σ x of s, z_d ≤ Σ x of d); n_p ∈ ℕ buses of pool p with seats·n_p ≥ Σ people x
// and n_p ≥ x_k for each k of p (a served class needs a whole bus: this makes the LP bound tight
// for classes that ride alone). Rows: each request at most once; each session's people and groups;
// the budget in cents and the number of buses. Objective as in instance.h. Columns and rows that
// an exact substitution removes are left out (see the constructor).
//
// Thread-safety: a Mip is used by one thread; CBC runs single-threaded (deterministic).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alloc/instance.h"

class OsiClpSolverInterface;
class CoinWarmStart;

namespace juo::alloc {

struct LpRelaxation {
    bool solved = false;
    double bound = 0;       // objective of the LP relaxation: no allocation can do better
    std::vector<double> x;  // by candidate, in [0, 1]
    double seconds = 0;
};

// The model as plain arrays (columns in order, the candidates' first): a minimisation of
// −objective, every column integer, for a solver other than CBC (glpk_prover.h).
struct MipArrays {
    int rows = 0, columns = 0;
    std::vector<int> starts, index;  // column-wise: column c's entries are [starts[c], starts[c+1])
    std::vector<double> value;
    std::vector<double> column_lower, column_upper, objective, row_lower, row_upper;
    double infinity = 0;  // a bound at ±infinity means none
};

struct MipOutcome {
    bool ran = false;
    bool proven_optimal = false;
    std::optional<Allocation> allocation;  // CBC's best, when it found one
    bool stopped = false;                  // the time limit ended the search: no proof, no bound
    double bound = 0;                      // CBC's best possible objective, when not stopped
    double seconds = 0;
    int nodes = 0;
};

class Mip {
 public:
    explicit Mip(const Instance& instance);
    ~Mip();

    // Solves the LP relaxation with CLP's dual simplex, giving up after `seconds`.
    LpRelaxation SolveRelaxation(double seconds);

    // Adds the priority guarantee's rows (ADR 0019), one per kind with counted requests:
    // R_none·P_kind − R_kind·P_none ≥ 0 over the counted requests (Instance::counted). Returns
    // how many. Call once, before SolveRelaxation or then ResolveRelaxation.
    int AddGuaranteeRows();
    // After AddGuaranteeRows on a solved relaxation: CLP's dual simplex from where it stopped.
    LpRelaxation ResolveRelaxation(double seconds);
    // Removes the last `count` rows (the guarantee's, when their resolve did not finish).
    void RemoveLastRows(int count);
    // The guarantee's rows in share units, by kind with rows (AddGuaranteeRows' order), by
    // candidate: pupils / R_kind for the kind, minus pupils / R_none for the reference group.
    std::vector<std::vector<double>> GuaranteeShares() const;
    // The Lagrangian relaxation of the guarantee's rows (not in the model): the LP with objective
    // + Σ lambda[g] · share row g, by CLP's primal simplex from the current basis. With every
    // lambda ≥ 0 its optimum bounds every allocation that meets the guarantee (weak duality).
    LpRelaxation SolveLagrangian(const std::vector<std::vector<double>>& shares, const std::vector<double>& lambda,
                                 double seconds);

    // Branch and cut on CBC from the solved relaxation, starting from `incumbent` (a valid
    // allocation), for at most `seconds`.
    MipOutcome BranchAndCut(const Allocation& incumbent, double seconds);

    // The MIP's objective of a valid allocation (its columns as ColumnsOf sets them) and the
    // largest violation of a row by them: 0 when the model admits the allocation, as it must.
    double ObjectiveOf(const Allocation& a, double* max_violation) const;

    // Writes the model exactly as CBC gets it to an MPS file, for another solver to check: a
    // minimisation of −objective with objective offset 0 (our objective = −(the MPS objective)),
    // every column integer. Names: x_r<request id>_s<session id> (the request at the session),
    // y_<school key> and z_<department> (school, department served; absent when folded into the
    // x), n_s<session id>_r<first request id> (buses of a pool); rows once_r<request id>,
    // places_s<id>, groups_s<id>, school_<key>, dept_<code>, budget_cents, buses, seats_<pool>,
    // bus_<x column>, and guarantee_<kind> after AddGuaranteeRows. False, with `error` set, when
    // the file cannot be written.
    bool WriteMps(const std::string& path, std::string* error) const;

    // The model as handed to CBC, as plain arrays.
    MipArrays Arrays() const;

    // The columns of a valid allocation (buses: ⌈people / seats⌉ per pool), and back: the
    // allocation a column vector chooses (its candidate columns above 0.5).
    std::vector<double> ColumnsOf(const Allocation& a) const;
    Allocation AllocationOf(const double* columns) const;

    int columns() const;
    int rows() const;

 private:

    const Instance& in_;
    std::unique_ptr<OsiClpSolverInterface> lp_;
    std::vector<int> school_col_, dept_col_, pool_col_;  // -1: folded into the candidates' columns
    std::vector<std::string> row_names_, col_names_;     // for WriteMps
    std::vector<double> base_objective_;                 // the model's, while a Lagrangian is set
    std::unique_ptr<CoinWarmStart> saved_basis_;         // the LP's basis before the guarantee's rows
};

}  // namespace juo::alloc
