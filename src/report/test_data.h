// Hand-made aggregates shaped like the 2025 bilan, shared by the report tests. Test-only.
//
// Thread-safety: returns a fresh value.
#pragma once

#include "store/reads/bilan_queries.h"

namespace juo::report::testing {

// 227 sites in 20 divisions, 290 events (214 + 76), 20 634 visitors (53/38/9 %), 75 buses,
// 203 media mentions, 362 social mentions, 95 % satisfied and 90 % open again, a 16-page kit,
// and one factory with 20 requests for 10 group places.
inline store::BilanData Seed2025() {
    store::BilanData d;
    d.edition.id = 1;
    d.edition.year = 2025;
    d.edition.name = "1re édition";
    d.edition.target_visitors = 20000;
    d.edition.days = {{1, "2025-04-04", {domain::Audience::kSchool, domain::Audience::kJobSeekers}},
                      {2, "2025-04-05", {domain::Audience::kPublic}}};
    d.sites_open = 227;
    d.sites_by_region = {{"84", 120}, {"11", 107}};
    d.sites_by_department = {{"69", 70}, {"75", 107}, {"38", 50}};
    d.sites_by_division = {{"30", 30}, {"29", 25}, {"25", 22}, {"28", 18}, {"20", 15}, {"10", 14}, {"22", 12},
                           {"33", 12}, {"23", 10}, {"27", 10}, {"26", 9},  {"32", 9},  {"24", 8},  {"16", 7},
                           {"17", 6},  {"18", 6},  {"31", 5},  {"13", 4},  {"11", 4},  {"21", 1}};
    d.days = {{"2025-04-04", {"school", "job_seekers"}, 214, 400}, {"2025-04-05", {"public"}, 76, 150}};
    d.visitors = {{"job_seekers", 120, 2000, 110, 1857},
                  {"public", 3000, 9000, 2500, 7841},
                  {"school", 450, 12000, 430, 10936}};
    d.group_requests = 600;
    d.group_requests_accepted = 560;
    d.group_requests_refused = 40;
    d.group_requests_bus_needed = 150;
    d.demand = {// site, name, commune, department, requests, accepted groups, group capacity
                {1, "Mécachimique", "Toulouse", "31", 20, 10, 10},
                {2, "Usine B", "Lyon", "69", 3, 3, 4}};
    d.buses = 75;
    d.bus_seats = 4125;
    d.bus_cost_cents = 4'512'345;
    d.bus_km = 6010.4;
    d.bus_groups = 140;
    d.bus_people = 3500;
    d.media_by_kind = {{"broadcast", 23}, {"print", 104}, {"web", 76}};
    d.social_mentions = 362;
    d.media_by_month = {{"broadcast", "2025-04", 23},
                        {"print", "2025-03", 40},
                        {"print", "2025-04", 64},
                        {"web", "2025-04", 76}};
    // department, sites, attended, booked people, requests, refused
    d.by_department = {
        {"38", 50, 4000, 4500, 100, 5}, {"69", 70, 6000, 6500, 200, 20}, {"75", 107, 10634, 12000, 300, 15}};
    d.group_site_points = {{48.8566, 2.3522}, {45.7640, 4.8357}};  // Paris, Lyon
    d.request_points = {{48.90, 2.40, "75", 25, false},            // 6 km from Paris
                        {43.2965, 5.3698, "13", 30, false},        // Marseille: no site within 30 km
                        {43.30, 5.40, "13", 20, true},             // Marseille, refused
                        {45.80, 4.90, "69", 28, true}};            // Lyon, refused
    d.host_satisfaction_answers = 120;
    d.host_satisfied = 114;
    d.host_open_again_answers = 120;
    d.host_open_again_yes = 108;
    d.teaching_kit_documents = 1;
    d.teaching_kit_pages = 16;
    d.internship_offers = 12;
    d.internship_places = 30;
    d.internship_filled = 18;
    d.quotes = {{"J'ai appris des choses", "élève de 3e"},
                {"J'aimerais bien y travailler, \"vraiment\"", "élève"}};
    return d;
}

}  // namespace juo::report::testing
