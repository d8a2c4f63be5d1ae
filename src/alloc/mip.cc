// Building and solving the allocation MIP with CLP and CBC.
#include "alloc/mip.h"

#include <CbcEventHandler.hpp>
#include <CbcModel.hpp>
#include <CglClique.hpp>
#include <CglGomory.hpp>
#include <CglKnapsackCover.hpp>
#include <CglMixedIntegerRounding2.hpp>
#include <CglProbing.hpp>
#include <CoinError.hpp>
#include <CoinMpsIO.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <chrono>
#include <cmath>
#include <numeric>
#include <string>
#include <CoinPackedVector.hpp>
#include <CoinWarmStart.hpp>

namespace juo::alloc {
namespace {

// Stops CBC at our wall-clock deadline, and remembers that it did. CBC 2.10's own time limit
// was not usable here: it stopped searches early (its clock did not match ours) and then reported
// them finished with the incumbent as proven optimal — three different "optimal" objectives were
// seen for one instance. With this handler, a search we did not stop and that CBC calls optimal
// is taken as proven; a stopped one proves nothing.
class Deadline : public CbcEventHandler {
 public:
    Deadline(std::chrono::steady_clock::time_point at, std::shared_ptr<bool> fired)
        : at_(at), fired_(std::move(fired)) {}
    CbcAction event(CbcEvent) override {
        if (std::chrono::steady_clock::now() < at_) return noAction;
        *fired_ = true;
        return stop;
    }
    CbcEventHandler* clone() const override { return new Deadline(*this); }

 private:
    std::chrono::steady_clock::time_point at_;
    std::shared_ptr<bool> fired_;
};

double Since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

Mip::Mip(const Instance& in) : in_(in), lp_(std::make_unique<OsiClpSolverInterface>()) {
    const Problem& p = *in.problem;
    const int K = static_cast<int>(p.candidates.size());
    auto people_of = [&](int k) {
        return p.requests[static_cast<size_t>(p.candidates[static_cast<size_t>(k)].request)].people();
    };
    // Reductions that keep the integer problem and make the LP smaller: a school (or department)
    // with one request gets its bonus on that request's candidates (y = Σ x exactly, as Σ x ≤ 1);
    // a pool with one candidate puts its buses on that candidate (n = ⌈people/seats⌉ · x); a
    // session's rows are left out when all its candidates fit in it anyway.
    std::vector<int> school_requests(static_cast<size_t>(in.schools)),
        dept_requests(static_cast<size_t>(in.departments));
    for (size_t i = 0; i < p.requests.size(); ++i) {
        if (in.by_request[i].empty()) continue;
        ++school_requests[static_cast<size_t>(in.school_of[i])];
        ++dept_requests[static_cast<size_t>(in.dept_of[i])];
    }
    std::vector<double> obj(static_cast<size_t>(K));
    for (int k = 0; k < K; ++k)
        obj[static_cast<size_t>(k)] = static_cast<double>(in.value[static_cast<size_t>(k)]);
    int cols = K;
    school_col_.assign(static_cast<size_t>(in.schools), -1);
    dept_col_.assign(static_cast<size_t>(in.departments), -1);
    pool_col_.assign(in.pools.size(), -1);
    for (int s = 0; s < in.schools; ++s)
        if (school_requests[static_cast<size_t>(s)] > 1) school_col_[static_cast<size_t>(s)] = cols++;
    for (int d = 0; d < in.departments; ++d)
        if (dept_requests[static_cast<size_t>(d)] > 1) dept_col_[static_cast<size_t>(d)] = cols++;
    for (size_t q = 0; q < in.pools.size(); ++q)
        if (in.pools[q].candidates.size() > 1) pool_col_[q] = cols++;
    obj.resize(static_cast<size_t>(cols), 0);
    std::vector<double> clo(static_cast<size_t>(cols), 0), cup(static_cast<size_t>(cols), 1);
    // The organiser's exclusions and pins: a blocked candidate is fixed at 0, a pinned one at 1.
    for (int k = 0; k < K; ++k)
        if (!in.blocked.empty() && in.blocked[static_cast<size_t>(k)]) cup[static_cast<size_t>(k)] = 0;
    for (int k : in.pinned)
        if (k >= 0) clo[static_cast<size_t>(k)] = 1;

    std::vector<int> ri, ci;
    std::vector<double> el, rlo, rup;
    // Each row and column gets a name for the MPS export (WriteMps): the model's own names,
    // kept beside it (CLP does not need them).
    auto row = [&](double lo, double up, std::string name) {
        rlo.push_back(lo);
        rup.push_back(up);
        row_names_.push_back(std::move(name));
        return static_cast<int>(rlo.size()) - 1;
    };
    auto request_id = [&](int k) {
        return std::to_string(
            p.requests[static_cast<size_t>(p.candidates[static_cast<size_t>(k)].request)].id);
    };
    auto session_id = [&](size_t s) { return std::to_string(p.sessions[s].id); };
    col_names_.resize(static_cast<size_t>(cols));
    for (int k = 0; k < K; ++k)
        col_names_[static_cast<size_t>(k)] =
            "x_r" + request_id(k) + "_s" +
            session_id(static_cast<size_t>(p.candidates[static_cast<size_t>(k)].session));
    auto pool_name = [&](size_t q) {  // its session and first request
        return "s" + session_id(static_cast<size_t>(in.pools[q].session)) + "_r" +
               request_id(in.pools[q].candidates.front());
    };
    auto put = [&](int r, int c, double v) {
        ri.push_back(r);
        ci.push_back(c);
        el.push_back(v);
    };
    const double inf = lp_->getInfinity();
    for (size_t i = 0; i < p.requests.size(); ++i) {
        if (in.by_request[i].size() < 2) continue;  // x ≤ 1 is its bound
        int r = row(-inf, 1, "once_r" + std::to_string(p.requests[i].id));
        for (int k : in.by_request[i]) put(r, k, 1);
    }
    for (size_t s = 0; s < p.sessions.size(); ++s) {
        long long demand = 0;
        for (int k : in.by_session[s]) demand += people_of(k);
        if (demand > p.sessions[s].places_left) {
            int r = row(-inf, p.sessions[s].places_left, "places_s" + session_id(s));
            for (int k : in.by_session[s]) put(r, k, people_of(k));
        }
        if (static_cast<int>(in.by_session[s].size()) > p.sessions[s].groups_left) {
            int r = row(-inf, p.sessions[s].groups_left, "groups_s" + session_id(s));
            for (int k : in.by_session[s]) put(r, k, 1);
        }
    }
    std::vector<int> school_row(static_cast<size_t>(in.schools), -1),
        dept_row(static_cast<size_t>(in.departments), -1);
    std::vector<std::string> school_name(static_cast<size_t>(in.schools)),
        dept_name(static_cast<size_t>(in.departments));
    for (size_t i = 0; i < p.requests.size(); ++i) {
        school_name[static_cast<size_t>(in.school_of[i])] = std::to_string(p.requests[i].school_key);
        dept_name[static_cast<size_t>(in.dept_of[i])] = p.requests[i].department;
    }
    for (int s = 0; s < in.schools; ++s)
        if (int c = school_col_[static_cast<size_t>(s)]; c >= 0) {
            col_names_[static_cast<size_t>(c)] = "y_" + school_name[static_cast<size_t>(s)];
            school_row[static_cast<size_t>(s)] =
                row(-inf, 0, "school_" + school_name[static_cast<size_t>(s)]);
            put(school_row[static_cast<size_t>(s)], c, 1);
            obj[static_cast<size_t>(c)] = static_cast<double>(in.school_bonus);
        }
    for (int d = 0; d < in.departments; ++d)
        if (int c = dept_col_[static_cast<size_t>(d)]; c >= 0) {
            col_names_[static_cast<size_t>(c)] = "z_" + dept_name[static_cast<size_t>(d)];
            dept_row[static_cast<size_t>(d)] = row(-inf, 0, "dept_" + dept_name[static_cast<size_t>(d)]);
            put(dept_row[static_cast<size_t>(d)], c, 1);
            obj[static_cast<size_t>(c)] = static_cast<double>(in.department_bonus);
        }
    for (int k = 0; k < K; ++k) {
        auto i = static_cast<size_t>(p.candidates[static_cast<size_t>(k)].request);
        auto s = static_cast<size_t>(in.school_of[i]);
        auto d = static_cast<size_t>(in.dept_of[i]);
        if (school_row[s] >= 0)
            put(school_row[s], k, -1);
        else
            obj[static_cast<size_t>(k)] += static_cast<double>(in.school_bonus);
        if (dept_row[d] >= 0)
            put(dept_row[d], k, -1);
        else
            obj[static_cast<size_t>(k)] += static_cast<double>(in.department_bonus);
    }
    std::optional<int> budget_row, count_row;
    if (p.bus.budget_cents) budget_row = row(-inf, static_cast<double>(*p.bus.budget_cents), "budget_cents");
    if (p.bus.max_buses) count_row = row(-inf, *p.bus.max_buses, "buses");
    for (size_t q = 0; q < in.pools.size(); ++q) {
        const Pool& pl = in.pools[q];
        const double penalty = static_cast<double>(in.BusPenalty(pl.bus_cost_cents));
        if (pool_col_[q] < 0) {
            int k = pl.candidates.front();
            int buses = (people_of(k) + in.seats - 1) / in.seats;
            obj[static_cast<size_t>(k)] -= buses * penalty;
            if (budget_row) put(*budget_row, k, static_cast<double>(buses * pl.bus_cost_cents));
            if (count_row) put(*count_row, k, buses);
            continue;
        }
        int col = pool_col_[q];
        col_names_[static_cast<size_t>(col)] = "n_" + pool_name(q);
        int people = 0;
        for (int k : pl.candidates) people += people_of(k);
        const int most_buses = (people + in.seats - 1) / in.seats;
        cup[static_cast<size_t>(col)] = most_buses;
        obj[static_cast<size_t>(col)] = -penalty;
        if (people > in.seats) {  // otherwise one bus holds everyone and the rows below suffice
            int seats = row(0, inf, "seats_" + pool_name(q));
            put(seats, col, in.seats);
            for (int k : pl.candidates) put(seats, k, -people_of(k));
        }
        for (int k : pl.candidates) {
            int link = row(0, inf, "bus_" + col_names_[static_cast<size_t>(k)]);
            put(link, col, 1);
            put(link, k, -1);
        }
        if (budget_row) put(*budget_row, col, static_cast<double>(pl.bus_cost_cents));
        if (count_row) put(*count_row, col, 1);
    }
    CoinPackedMatrix m(true, ri.data(), ci.data(), el.data(), static_cast<CoinBigIndex>(el.size()));
    // The triplet constructor sizes the matrix by the largest index seen: make it exact.
    m.setDimensions(static_cast<int>(rlo.size()), cols);
    // CBC is given a minimisation of the negated objective: with setObjSense(-1) (maximise), CBC
    // 2.10 closed its search with wrong "optimal" objectives on a budget-limited instance here.
    for (double& c : obj) c = -c;
    lp_->loadProblem(m, clo.data(), cup.data(), obj.data(), rlo.data(), rup.data());
    lp_->setObjSense(1.0);
    for (int c = 0; c < cols; ++c) lp_->setInteger(c);
    lp_->messageHandler()->setLogLevel(0);
}

Mip::~Mip() = default;  // saved_basis_ is complete here

std::vector<std::vector<double>> Mip::GuaranteeShares() const {
    const Problem& p = *in_.problem;
    std::vector<std::vector<double>> out;
    const long long r_none = in_.requested[kPriorityKinds];
    if (r_none == 0) return out;
    for (int g = 0; g < kPriorityKinds; ++g) {
        const long long r_g = in_.requested[static_cast<size_t>(g)];
        if (r_g == 0) continue;
        std::vector<double> c(p.candidates.size(), 0);
        for (size_t k = 0; k < p.candidates.size(); ++k) {
            const auto i = static_cast<size_t>(p.candidates[k].request);
            if (!in_.counted[i]) continue;
            const Request& r = p.requests[i];
            if (r.kinds & (1u << g)) c[k] += static_cast<double>(r.pupils) / static_cast<double>(r_g);
            if (NoPriority(r.kinds)) c[k] -= static_cast<double>(r.pupils) / static_cast<double>(r_none);
        }
        out.push_back(std::move(c));
    }
    return out;
}

void Mip::RemoveLastRows(int count) {
    std::vector<int> rows;
    for (int r = lp_->getNumRows() - count; r < lp_->getNumRows(); ++r) rows.push_back(r);
    lp_->deleteRows(count, rows.data());
    row_names_.resize(row_names_.size() - static_cast<size_t>(count));
    if (saved_basis_) lp_->setWarmStart(saved_basis_.get());  // the LP's optimal basis without them
}

LpRelaxation Mip::SolveLagrangian(const std::vector<std::vector<double>>& shares, const std::vector<double>& lambda,
                                  double seconds) {
    auto t0 = std::chrono::steady_clock::now();
    if (base_objective_.empty())
        base_objective_.assign(lp_->getObjCoefficients(), lp_->getObjCoefficients() + lp_->getNumCols());
    std::vector<double> obj = base_objective_;
    for (size_t g = 0; g < shares.size(); ++g)
        for (size_t k = 0; k < shares[g].size(); ++k) obj[k] -= lambda[g] * shares[g][k];  // minimises −objective
    lp_->setObjective(obj.data());
    LpRelaxation out;
    lp_->getModelPtr()->setMaximumSeconds(std::max(0.05, seconds));
    lp_->getModelPtr()->primal(1);  // the basis stays feasible: primal simplex from it
    out.seconds = Since(t0);
    const bool solved = lp_->isProvenOptimal();
    if (solved) {
        out.solved = true;
        out.bound = -lp_->getObjValue();
        const double* sol = lp_->getColSolution();
        out.x.assign(sol, sol + in_.problem->candidates.size());
    }
    lp_->setObjective(base_objective_.data());
    return out;
}

int Mip::AddGuaranteeRows() {
    const Problem& p = *in_.problem;
    saved_basis_.reset(lp_->getWarmStart());
    const long long r_none = in_.requested[kPriorityKinds];
    if (r_none == 0) return 0;
    int added = 0;
    for (int g = 0; g < kPriorityKinds; ++g) {
        const long long r_g = in_.requested[static_cast<size_t>(g)];
        if (r_g == 0) continue;
        // share_g ≥ share_none ⇔ R_none·P_g − R_g·P_none ≥ 0, divided by gcd(R_none, R_g); the
        // coefficients stay integers, so a solver's tolerance cannot admit a violation.
        const long long d = std::gcd(r_none, r_g);
        const double a = static_cast<double>(r_none / d), b = static_cast<double>(r_g / d);
        std::vector<int> index;
        std::vector<double> value;
        for (size_t k = 0; k < p.candidates.size(); ++k) {
            const auto i = static_cast<size_t>(p.candidates[k].request);
            if (!in_.counted[i]) continue;
            const Request& r = p.requests[i];
            double v = 0;
            if (r.kinds & (1u << g)) v += a * r.pupils;
            if (NoPriority(r.kinds)) v -= b * r.pupils;
            if (v == 0) continue;
            index.push_back(static_cast<int>(k));
            value.push_back(v);
        }
        CoinPackedVector row(static_cast<int>(index.size()), index.data(), value.data());
        lp_->addRow(row, 0, lp_->getInfinity());
        row_names_.push_back(std::string("guarantee_") + PriorityKindCode(g));
        ++added;
    }
    return added;
}

LpRelaxation Mip::ResolveRelaxation(double seconds) {
    auto t0 = std::chrono::steady_clock::now();
    LpRelaxation out;
    lp_->getModelPtr()->setMaximumSeconds(std::max(0.05, seconds));
    lp_->resolve();
    out.seconds = Since(t0);
    if (!lp_->isProvenOptimal()) return out;
    out.solved = true;
    out.bound = -lp_->getObjValue();
    const double* sol = lp_->getColSolution();
    out.x.assign(sol, sol + in_.problem->candidates.size());
    return out;
}

int Mip::columns() const { return lp_->getNumCols(); }
int Mip::rows() const { return lp_->getNumRows(); }

bool Mip::WriteMps(const std::string& path, std::string* error) const {
    // CoinMpsIO rather than OsiSolverInterface::writeMpsNative, which gzips the file (and appends
    // .gz to its name) when zlib is there.
    CoinMpsIO writer;
    writer.setMpsData(*lp_->getMatrixByCol(), lp_->getInfinity(), lp_->getColLower(), lp_->getColUpper(),
                      lp_->getObjCoefficients(), std::string(col_names_.size(), '\1').c_str(),
                      lp_->getRowLower(), lp_->getRowUpper(), col_names_, row_names_);
    writer.setProblemName("juo_mip");  // MPS keeps 8 characters
    writer.setObjectiveOffset(0);
    writer.messageHandler()->setLogLevel(0);
    // No compression; formatType 1, extra accuracy (the coefficients are integers up to ~10^7 and
    // are written exactly either way). The names are longer than 8 characters: free MPS.
    // CoinMpsIO throws when it cannot open the file.
    int status = -1;
    try {
        status = writer.writeMps(path.c_str(), 0, 1, 2);
    } catch (const CoinError&) {
    }
    if (status != 0) {
        *error = "cannot write the MPS file " + path;
        return false;
    }
    return true;
}

LpRelaxation Mip::SolveRelaxation(double seconds) {
    auto t0 = std::chrono::steady_clock::now();
    LpRelaxation out;
    lp_->getModelPtr()->setMaximumSeconds(std::max(0.05, seconds));
    lp_->initialSolve();
    out.seconds = Since(t0);
    if (!lp_->isProvenOptimal()) return out;
    out.solved = true;
    out.bound = -lp_->getObjValue();
    const double* sol = lp_->getColSolution();
    out.x.assign(sol, sol + in_.problem->candidates.size());
    return out;
}

std::vector<double> Mip::ColumnsOf(const Allocation& a) const {
    std::vector<double> col(static_cast<size_t>(lp_->getNumCols()), 0);
    const Problem& p = *in_.problem;
    std::vector<int> pool_people(in_.pools.size());
    for (size_t i = 0; i < a.chosen.size(); ++i) {
        int k = a.chosen[i];
        if (k < 0) continue;
        col[static_cast<size_t>(k)] = 1;
        if (int c = school_col_[static_cast<size_t>(in_.school_of[i])]; c >= 0)
            col[static_cast<size_t>(c)] = 1;
        if (int c = dept_col_[static_cast<size_t>(in_.dept_of[i])]; c >= 0) col[static_cast<size_t>(c)] = 1;
        if (int q = in_.pool_of[static_cast<size_t>(k)]; q >= 0)
            pool_people[static_cast<size_t>(q)] += p.requests[i].people();
    }
    for (size_t q = 0; q < in_.pools.size(); ++q)
        if (pool_col_[q] >= 0) {
            const int buses = (pool_people[q] + in_.seats - 1) / in_.seats;
            col[static_cast<size_t>(pool_col_[q])] = buses;
        }
    return col;
}

double Mip::ObjectiveOf(const Allocation& a, double* max_violation) const {
    std::vector<double> col = ColumnsOf(a);
    const double* obj = lp_->getObjCoefficients();
    double value = 0;
    for (size_t c = 0; c < col.size(); ++c) value -= obj[c] * col[c];  // the model minimises −objective
    std::vector<double> activity(static_cast<size_t>(lp_->getNumRows()), 0);
    const CoinPackedMatrix* m = lp_->getMatrixByCol();
    for (int c = 0; c < lp_->getNumCols(); ++c) {
        if (col[static_cast<size_t>(c)] == 0) continue;
        const CoinShallowPackedVector v = m->getVector(c);
        for (int e = 0; e < v.getNumElements(); ++e)
            activity[static_cast<size_t>(v.getIndices()[e])] +=
                v.getElements()[e] * col[static_cast<size_t>(c)];
    }
    double worst = 0;
    const double *lo = lp_->getRowLower(), *up = lp_->getRowUpper();
    for (size_t r = 0; r < activity.size(); ++r)
        worst = std::max({worst, lo[r] - activity[r], activity[r] - up[r]});
    const double *clo = lp_->getColLower(), *cup = lp_->getColUpper();
    for (size_t c = 0; c < col.size(); ++c) worst = std::max({worst, clo[c] - col[c], col[c] - cup[c]});
    *max_violation = worst;
    return value;
}

MipOutcome Mip::BranchAndCut(const Allocation& incumbent, double seconds) {
    auto t0 = std::chrono::steady_clock::now();
    MipOutcome out;
    out.ran = true;
    CbcModel model(*lp_);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.solver()->messageHandler()->setLogLevel(0);
    auto fired = std::make_shared<bool>(false);
    Deadline deadline(t0 + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                               std::chrono::duration<double>(std::max(0.1, seconds))),
                      fired);
    model.passInEventHandler(&deadline);
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
    out.stopped = *fired || model.status() != 0;
    out.proven_optimal = !out.stopped && model.isProvenOptimal();
    if (!out.stopped) out.bound = -model.getBestPossibleObjValue();
    if (const double* best = model.bestSolution()) out.allocation = AllocationOf(best);
    return out;
}

Allocation Mip::AllocationOf(const double* columns) const {
    Allocation a{std::vector<int>(in_.problem->requests.size(), -1)};
    for (size_t k = 0; k < in_.problem->candidates.size(); ++k)
        if (columns[k] > 0.5)
            a.chosen[static_cast<size_t>(in_.problem->candidates[k].request)] = static_cast<int>(k);
    return a;
}

MipArrays Mip::Arrays() const {
    MipArrays a;
    a.rows = lp_->getNumRows();
    a.columns = lp_->getNumCols();
    a.infinity = lp_->getInfinity();
    const CoinPackedMatrix* m = lp_->getMatrixByCol();
    a.starts.reserve(static_cast<size_t>(a.columns) + 1);
    a.starts.push_back(0);
    for (int c = 0; c < a.columns; ++c) {
        const CoinShallowPackedVector v = m->getVector(c);
        a.index.insert(a.index.end(), v.getIndices(), v.getIndices() + v.getNumElements());
        a.value.insert(a.value.end(), v.getElements(), v.getElements() + v.getNumElements());
        a.starts.push_back(static_cast<int>(a.index.size()));
    }
    a.column_lower.assign(lp_->getColLower(), lp_->getColLower() + a.columns);
    a.column_upper.assign(lp_->getColUpper(), lp_->getColUpper() + a.columns);
    a.objective.assign(lp_->getObjCoefficients(), lp_->getObjCoefficients() + a.columns);
    a.row_lower.assign(lp_->getRowLower(), lp_->getRowLower() + a.rows);
    a.row_upper.assign(lp_->getRowUpper(), lp_->getRowUpper() + a.rows);
    return a;
}

}  // namespace juo::alloc
