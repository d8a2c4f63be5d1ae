// Building and solving the allocation MIP with CLP and CBC.
#include "alloc/mip.h"

#include <CbcModel.hpp>
#include <CglClique.hpp>
#include <CglGomory.hpp>
#include <CglKnapsackCover.hpp>
#include <CglMixedIntegerRounding2.hpp>
#include <CglProbing.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <chrono>
#include <cmath>

namespace juo::alloc {
namespace {

double Since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

Mip::Mip(const Instance& in) : in_(in), lp_(std::make_unique<OsiClpSolverInterface>()) {
    const Problem& p = *in.problem;
    const int K = static_cast<int>(p.candidates.size());
    first_school_col_ = K;
    first_dept_col_ = K + in.schools;
    first_pool_col_ = first_dept_col_ + in.departments;
    const int cols = first_pool_col_ + static_cast<int>(in.pools.size());

    std::vector<int> ri, ci;
    std::vector<double> el, rlo, rup;
    auto row = [&](double lo, double up) {
        rlo.push_back(lo);
        rup.push_back(up);
        return static_cast<int>(rlo.size()) - 1;
    };
    auto put = [&](int r, int c, double v) {
        ri.push_back(r);
        ci.push_back(c);
        el.push_back(v);
    };
    const double inf = lp_->getInfinity();
    for (size_t i = 0; i < p.requests.size(); ++i) {
        if (in.by_request[i].empty()) continue;
        int r = row(-inf, 1);
        for (int k : in.by_request[i]) put(r, k, 1);
    }
    for (size_t s = 0; s < p.sessions.size(); ++s) {
        if (in.by_session[s].empty()) continue;
        int people = row(-inf, p.sessions[s].places_left), groups = row(-inf, p.sessions[s].groups_left);
        for (int k : in.by_session[s]) {
            put(people, k,
                p.requests[static_cast<size_t>(p.candidates[static_cast<size_t>(k)].request)].people());
            put(groups, k, 1);
        }
    }
    std::vector<int> school_row(static_cast<size_t>(in.schools)),
        dept_row(static_cast<size_t>(in.departments));
    for (int s = 0; s < in.schools; ++s) {
        school_row[static_cast<size_t>(s)] = row(-inf, 0);
        put(school_row[static_cast<size_t>(s)], first_school_col_ + s, 1);
    }
    for (int d = 0; d < in.departments; ++d) {
        dept_row[static_cast<size_t>(d)] = row(-inf, 0);
        put(dept_row[static_cast<size_t>(d)], first_dept_col_ + d, 1);
    }
    for (int k = 0; k < K; ++k) {
        auto i = static_cast<size_t>(p.candidates[static_cast<size_t>(k)].request);
        put(school_row[static_cast<size_t>(in.school_of[i])], k, -1);
        put(dept_row[static_cast<size_t>(in.dept_of[i])], k, -1);
    }
    std::optional<int> budget_row, count_row;
    if (p.bus.budget_cents) budget_row = row(-inf, static_cast<double>(*p.bus.budget_cents));
    if (p.bus.max_buses) count_row = row(-inf, *p.bus.max_buses);
    std::vector<double> clo(static_cast<size_t>(cols), 0), cup(static_cast<size_t>(cols), 1),
        obj(static_cast<size_t>(cols), 0);
    for (int k = 0; k < K; ++k)
        obj[static_cast<size_t>(k)] = static_cast<double>(in.value[static_cast<size_t>(k)]);
    for (int s = 0; s < in.schools; ++s)
        obj[static_cast<size_t>(first_school_col_ + s)] = static_cast<double>(in.school_bonus);
    for (int d = 0; d < in.departments; ++d)
        obj[static_cast<size_t>(first_dept_col_ + d)] = static_cast<double>(in.department_bonus);
    for (size_t q = 0; q < in.pools.size(); ++q) {
        const Pool& pl = in.pools[q];
        int col = first_pool_col_ + static_cast<int>(q);
        int people = 0;
        for (int k : pl.candidates)
            people += p.requests[static_cast<size_t>(p.candidates[static_cast<size_t>(k)].request)].people();
        cup[static_cast<size_t>(col)] = (people + in.seats - 1) / in.seats;
        obj[static_cast<size_t>(col)] = -static_cast<double>(in.BusPenalty(pl.bus_cost_cents));
        if (people > in.seats) {  // otherwise one bus holds everyone and the rows below suffice
            int seats = row(0, inf);
            put(seats, col, in.seats);
            for (int k : pl.candidates)
                put(seats, k,
                    -p.requests[static_cast<size_t>(p.candidates[static_cast<size_t>(k)].request)].people());
        }
        for (int k : pl.candidates) {
            int link = row(0, inf);
            put(link, col, 1);
            put(link, k, -1);
        }
        if (budget_row) put(*budget_row, col, static_cast<double>(pl.bus_cost_cents));
        if (count_row) put(*count_row, col, 1);
    }
    CoinPackedMatrix m(true, ri.data(), ci.data(), el.data(), static_cast<CoinBigIndex>(el.size()));
    // The triplet constructor sizes the matrix by the largest index seen: make it exact.
    m.setDimensions(static_cast<int>(rlo.size()), cols);
    lp_->loadProblem(m, clo.data(), cup.data(), obj.data(), rlo.data(), rup.data());
    lp_->setObjSense(-1.0);  // maximise
    for (int c = 0; c < cols; ++c) lp_->setInteger(c);
    lp_->messageHandler()->setLogLevel(0);
}

Mip::~Mip() = default;

int Mip::columns() const { return lp_->getNumCols(); }
int Mip::rows() const { return lp_->getNumRows(); }

LpRelaxation Mip::SolveRelaxation() {
    auto t0 = std::chrono::steady_clock::now();
    LpRelaxation out;
    lp_->initialSolve();
    out.seconds = Since(t0);
    if (!lp_->isProvenOptimal()) return out;
    out.solved = true;
    out.bound = lp_->getObjValue();
    const double* sol = lp_->getColSolution();
    out.x.assign(sol, sol + in_.problem->candidates.size());
    return out;
}

std::vector<double> Mip::ColumnsOf(const Allocation& a) const {
    std::vector<double> col(static_cast<size_t>(lp_->getNumCols()), 0);
    Evaluation e = Evaluate(in_, a);
    const Problem& p = *in_.problem;
    for (size_t i = 0; i < a.chosen.size(); ++i) {
        int k = a.chosen[i];
        if (k < 0) continue;
        col[static_cast<size_t>(k)] = 1;
        col[static_cast<size_t>(first_school_col_ + in_.school_of[i])] = 1;
        col[static_cast<size_t>(first_dept_col_ + in_.dept_of[i])] = 1;
    }
    std::vector<int> pool_people(in_.pools.size());
    for (size_t i = 0; i < a.chosen.size(); ++i)
        if (a.chosen[i] >= 0 && in_.pool_of[static_cast<size_t>(a.chosen[i])] >= 0)
            pool_people[static_cast<size_t>(in_.pool_of[static_cast<size_t>(a.chosen[i])])] +=
                p.requests[i].people();
    for (size_t q = 0; q < in_.pools.size(); ++q)
        col[static_cast<size_t>(first_pool_col_) + q] = (pool_people[q] + in_.seats - 1) / in_.seats;
    (void)e;
    return col;
}

MipOutcome Mip::BranchAndCut(const Allocation& incumbent, double seconds) {
    auto t0 = std::chrono::steady_clock::now();
    MipOutcome out;
    out.ran = true;
    CbcModel model(*lp_);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.solver()->messageHandler()->setLogLevel(0);
    model.setMaximumSeconds(std::max(0.1, seconds));
    model.setNumberThreads(0);
    // The objective is integral on integer columns: a solution 1 unit better is all that counts.
    model.setCutoffIncrement(0.999);
    CglProbing probing;
    probing.setUsingObjective(true);
    probing.setMaxPass(1);
    probing.setMaxProbe(100);
    probing.setMaxLook(20);
    CglGomory gomory;
    gomory.setLimit(300);
    CglKnapsackCover knapsack;
    CglClique clique;
    clique.setStarCliqueReport(false);
    clique.setRowCliqueReport(false);
    CglMixedIntegerRounding2 mir;
    model.addCutGenerator(&probing, -1, "Probing");
    model.addCutGenerator(&gomory, -1, "Gomory");
    model.addCutGenerator(&knapsack, -1, "Knapsack");
    model.addCutGenerator(&clique, -1, "Clique");
    model.addCutGenerator(&mir, -1, "MIR2");
    std::vector<double> start = ColumnsOf(incumbent);
    model.setBestSolution(start.data(), static_cast<int>(start.size()), COIN_DBL_MAX, true);
    model.branchAndBound();
    out.seconds = Since(t0);
    out.nodes = model.getNodeCount();
    out.proven_optimal = model.isProvenOptimal();
    out.bound = model.getBestPossibleObjValue();
    if (const double* best = model.bestSolution()) {
        Allocation a{std::vector<int>(in_.problem->requests.size(), -1)};
        for (size_t k = 0; k < in_.problem->candidates.size(); ++k)
            if (best[k] > 0.5)
                a.chosen[static_cast<size_t>(in_.problem->candidates[k].request)] = static_cast<int>(k);
        out.allocation = std::move(a);
    }
    return out;
}

}  // namespace juo::alloc
