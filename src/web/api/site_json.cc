// JSON encoders of sites and tours, and the per-index cache of site members.
#include "web/api/site_json.h"

#include <algorithm>

#include "domain/accessibility.h"
#include "refdata/refdata.h"

namespace juo::web {
namespace {

void WriteAudiences(JsonWriter& w, const std::vector<domain::Audience>& audiences) {
    w.BeginArray();
    for (auto a : audiences) w.String(domain::ToCode(a));
    w.EndArray();
}

}  // namespace

void WriteSession(JsonWriter& w, const domain::Session& s) {
    w.BeginObject();
    w.Key("id");
    w.Int(s.id);
    w.Key("site_id");
    w.Int(s.site_id);
    w.Key("day");
    w.String(s.day_date);
    w.Key("starts_at");
    w.String(s.starts_at);
    w.Key("ends_at");
    w.String(s.ends_at);
    w.Key("audiences");
    WriteAudiences(w, s.audiences);
    w.Key("capacity_people");
    w.Int(s.capacity_people);
    w.Key("places_left");
    w.Int(std::max(0, s.places_left()));
    w.Key("capacity_groups");
    w.Int(s.capacity_groups);
    w.Key("groups_left");
    w.Int(std::max(0, s.groups_left()));
    w.Key("min_level");
    if (s.min_level.empty())
        w.Null();
    else
        w.String(s.min_level);
    w.Key("min_age");
    if (s.min_age)
        w.Int(*s.min_age);
    else
        w.Null();
    w.Key("status");
    w.String(domain::ToCode(s.status));
    w.EndObject();
}

void WriteSessions(JsonWriter& w, std::span<const domain::Session> sessions) {
    w.BeginArray();
    for (const auto& x : sessions) WriteSession(w, x);
    w.EndArray();
}

void WriteSiteMembers(JsonWriter& w, const domain::Site& s) {
    w.Key("id");
    w.Int(s.id);
    w.Key("name");
    w.String(s.name);
    w.Key("sector");
    w.String(s.naf_division);
    const auto* sector = refdata::FindSector(s.naf_division);
    w.Key("sector_name_fr");
    w.String(sector ? sector->short_fr : s.naf_division);
    w.Key("naf_code");
    w.String(s.naf_code);
    w.Key("commune");
    w.String(s.commune_name);
    w.Key("postcode");
    w.String(s.postcode);
    w.Key("department");
    w.String(s.department_code);
    w.Key("region");
    w.String(s.region_code);
    w.Key("lat");
    w.Double(s.position.lat);
    w.Key("lon");
    w.Double(s.position.lon);
    w.Key("wheelchair_access");
    w.Bool(s.wheelchair_access);
    // The kinds of the national nomenclature the site welcomes (wheelchair_access is "motor").
    w.Key("accessibility");
    w.BeginArray();
    for (auto k : domain::kAccessKinds)
        if (domain::HasAccess(s, k)) w.String(domain::ToCode(k));
    w.EndArray();
}

std::shared_ptr<const std::vector<std::string>> SiteMembersCache::For(
    const std::shared_ptr<const services::CatalogueIndex>& index) const {
    std::lock_guard lock(mutex_);
    bool same = !index_.owner_before(index) && !index.owner_before(index_) && !index_.expired();
    if (!same || !members_) {
        auto members = std::make_shared<std::vector<std::string>>();
        members->reserve(index->sites().size());
        for (const auto& site : index->sites()) {
            JsonWriter w;
            WriteSiteMembers(w, site);
            members->push_back(w.Take());
        }
        members_ = std::move(members);
        index_ = index;
    }
    return members_;
}

}  // namespace juo::web
