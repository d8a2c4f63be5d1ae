// AllocationRun: a solved assignment of the Friday group requests to sessions and financed buses,
// kept as a draft until the organiser publishes it (or discards it).
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/enum_codes.h"

namespace juo::domain {

enum class AllocationMethod { kFirstCome, kOptimal, kManual };
inline constexpr CodeTable<AllocationMethod, 3> kAllocationMethodCodes{
    {{AllocationMethod::kFirstCome, "first_come"},
     {AllocationMethod::kOptimal, "optimal"},
     {AllocationMethod::kManual, "manual"}}};
constexpr std::string_view ToCode(AllocationMethod m) { return CodeOf(kAllocationMethodCodes, m); }

enum class AllocationStatus { kDraft, kPublished, kDiscarded };
inline constexpr CodeTable<AllocationStatus, 3> kAllocationStatusCodes{
    {{AllocationStatus::kDraft, "draft"},
     {AllocationStatus::kPublished, "published"},
     {AllocationStatus::kDiscarded, "discarded"}}};
constexpr std::string_view ToCode(AllocationStatus s) { return CodeOf(kAllocationStatusCodes, s); }
constexpr std::optional<AllocationStatus> ParseAllocationStatus(std::string_view c) {
    return ValueOf(kAllocationStatusCodes, c);
}

struct AllocationAssignment {
    long long request_id = 0;
    std::optional<long long> session_id;  // none: refused
    std::optional<int> wish_rank;
    std::string explanation;  // French, shown to the requester
    std::string explanation_en;                  // issue 18: the same in English
    std::optional<long long> first_come_session_id;  // issue 18: where first-come would place it
};

// Buses of one school to one session (or of one group that has no school).
struct AllocationBusGroup {
    long long session_id = 0;
    std::vector<long long> request_ids;
    int buses = 0;
    int seats = 0;             // per bus
    long long cost_cents = 0;  // per bus
    double distance_km = 0;    // round trip, per bus
};

struct AllocationRun {
    long long id = 0;
    long long edition_id = 0;
    AllocationMethod method = AllocationMethod::kOptimal;
    AllocationStatus status = AllocationStatus::kDraft;
    std::optional<long long> budget_cents;
    std::optional<int> max_buses;
    double objective = 0;
    double gap = 0;
    std::string summary;
    std::string created_at;
    std::string published_at;
    // Issue 18 (ADR 0021): the round's settings ("key=value" lines), its proof and method, and
    // first-come's buses on the same requests.
    std::string settings;
    std::optional<double> bound;
    bool optimal = false;
    std::string bound_source, method_text;
    double guarantee_cost_pupils = 0;
    int first_come_buses = 0;
    long long first_come_cost_cents = 0;
    std::optional<long long> created_by;
    std::vector<AllocationAssignment> assignments;
    std::vector<AllocationBusGroup> bus_groups;
};

}  // namespace juo::domain
