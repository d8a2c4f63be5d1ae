// JSON rendering of the bilan with Boost.JSON.
#include "report/render_json.h"

#include <boost/json.hpp>
#include <cmath>

namespace juo::report {
namespace {

namespace json = boost::json;

// Shares and kilometres are rounded to two decimals so the output is stable and readable.
double Round2(double value) {
    const double r = std::round(value * 100) / 100;
    return r == 0 ? 0.0 : r;
}

template <typename T>
json::value Optional(const std::optional<T>& value) {
    if (!value) return nullptr;
    if constexpr (std::is_floating_point_v<T>)
        return Round2(*value);
    else
        return *value;
}

json::value Edition(const EditionFigures& e) {
    json::array dates;
    for (const auto& d : e.dates) dates.emplace_back(d);
    return {{"year", e.year},
            {"name", e.name},
            {"ordinal", e.ordinal},
            {"ordinal_fr", e.ordinal_fr},
            {"dates", std::move(dates)},
            {"date_phrase_fr", e.date_phrase_fr}};
}

json::value Headline(const Bilan& b) {
    json::object by_kind;
    for (size_t i = 0; i < b.media.by_kind.size(); ++i)
        by_kind[b.media.by_kind[i].code] = b.headlines.media_by_kind[i];
    return {{"sites", b.headlines.sites},
            {"buses", b.headlines.buses},
            {"visitors", b.headlines.visitors},
            {"media", b.headlines.media},
            {"social_mentions", b.headlines.social_mentions},
            {"media_by_kind", std::move(by_kind)}};
}

json::array Places(const std::vector<PlaceCount>& places) {
    json::array out;
    for (const auto& p : places)
        out.push_back(json::object{{"code", p.code}, {"name", p.name}, {"sites", p.sites}});
    return out;
}

json::value Sites(const SitesFigures& s) {
    return {{"open", s.open},
            {"target", Optional(s.target)},
            {"target_met", Optional(s.target_met)},
            {"by_region", Places(s.by_region)},
            {"by_department", Places(s.by_department)}};
}

json::value Events(const EventFigures& e) {
    json::array days;
    for (const auto& d : e.days) {
        json::array audiences;
        for (const auto& a : d.audiences)
            audiences.push_back(json::object{{"code", a.code}, {"label_fr", a.label_fr}});
        days.push_back(json::object{{"date", d.date},
                                    {"weekday_fr", d.weekday_fr},
                                    {"day_fr", d.day_fr},
                                    {"events", d.events},
                                    {"sessions", d.sessions},
                                    {"audiences", std::move(audiences)}});
    }
    return {{"total", e.total}, {"by_day", std::move(days)}};
}

json::array SectorList(const std::vector<SectorFigures>& sectors) {
    json::array out;
    for (const auto& s : sectors)
        out.push_back(
            json::object{{"division", s.division},
                         {"short_fr", s.short_fr},
                         {"industrial", s.industrial},
                         {"sites", s.sites},
                         {"share_of_sites_pct", Round2(s.share_of_sites_pct)},
                         {"national_establishments_share_pct", Optional(s.national_establishments_share_pct)},
                         {"national_jobs_share_pct", Optional(s.national_jobs_share_pct)}});
    return out;
}

json::value Sectors(const SectorsFigures& s) {
    json::array under;
    for (const auto& u : s.under_represented)
        under.push_back(
            json::object{{"division", u.division},
                         {"short_fr", u.short_fr},
                         {"sites", u.sites},
                         {"site_share_pct", Round2(u.site_share_pct)},
                         {"national_establishments_share_pct", Round2(u.national_establishments_share_pct)},
                         {"national_jobs_share_pct", Optional(u.national_jobs_share_pct)},
                         {"measure", ToCode(u.measure)},
                         {"national_share_pct", Round2(u.national_share_pct)},
                         {"gap_points", Round2(u.gap_points)}});
    json::array known;
    for (const auto& d : s.jobs_known_divisions) known.emplace_back(d);
    return {
        {"represented", s.represented},
        {"industrial_sites", s.industrial_sites},
        {"sectors", SectorList(s.sectors)},
        {"top", SectorList(s.top)},
        {"under_represented", std::move(under)},
        {"jobs_known_divisions", std::move(known)},
        {"national_industry_jobs", {{"total", kNationalIndustryJobs}, {"year", kNationalIndustryJobsYear}}}};
}

json::value Visitors(const VisitorsFigures& v) {
    json::array by_audience;
    for (const auto& a : v.by_audience)
        by_audience.push_back(json::object{{"code", a.code},
                                           {"label_fr", a.label_fr},
                                           {"attended", a.attended},
                                           {"share_pct", a.share_pct},
                                           {"booked_people", a.booked_people},
                                           {"bookings", a.bookings},
                                           {"checked_in_bookings", a.checked_in_bookings},
                                           {"attendance_pct", Optional(a.attendance_pct)}});
    return {{"attended", v.attended},
            {"booked_people", v.booked_people},
            {"bookings", v.bookings},
            {"checked_in_bookings", v.checked_in_bookings},
            {"attendance_pct", Optional(v.attendance_pct)},
            {"target", Optional(v.target)},
            {"target_met", Optional(v.target_met)},
            {"by_audience", std::move(by_audience)}};
}

json::object SiteDemand(const SiteDemandFigures& d) {
    return {{"site_id", d.site_id},
            {"name", d.name},
            {"commune", d.commune},
            {"department_code", d.department_code},
            {"requests", d.requests},
            {"group_capacity", d.group_capacity},
            {"accepted_groups", d.accepted_groups},
            {"requests_per_group_place", Round2(d.requests_per_group_place)}};
}

json::value GroupRequests(const GroupRequestsFigures& g) {
    json::array most;
    for (const auto& d : g.most_requested) most.push_back(SiteDemand(d));
    json::value oversubscribed = nullptr;
    if (g.most_oversubscribed) oversubscribed = SiteDemand(*g.most_oversubscribed);
    json::value line = nullptr;
    if (!g.most_oversubscribed_fr.empty()) line = g.most_oversubscribed_fr;
    return {{"total", g.total},
            {"accepted", g.accepted},
            {"refused", g.refused},
            {"bus_needed", g.bus_needed},
            {"oversubscribed_sites", g.oversubscribed_sites},
            {"most_requested", std::move(most)},
            {"most_oversubscribed", std::move(oversubscribed)},
            {"most_oversubscribed_fr", std::move(line)}};
}

json::value Buses(const BusFigures& b) {
    return {{"buses", b.buses},
            {"seats", b.seats},
            {"cost_cents", b.cost_cents},
            {"cost_euros", Round2(static_cast<double>(b.cost_cents) / 100)},
            {"km", Round2(b.km)},
            {"groups", b.groups},
            {"people", b.people},
            {"booked_group_people", b.booked_group_people},
            {"share_of_booked_group_people_pct", Optional(b.share_of_booked_group_people_pct)}};
}

json::value Media(const Bilan& b) {
    json::array by_kind;
    for (size_t i = 0; i < b.media.by_kind.size(); ++i) {
        const auto& k = b.media.by_kind[i];
        by_kind.push_back(json::object{{"code", k.code},
                                       {"label_fr", k.label_fr},
                                       {"count", k.count},
                                       {"headline", b.headlines.media_by_kind[i]}});
    }
    json::array by_month;
    for (const auto& m : b.media.by_month) {
        json::object kinds;
        for (size_t i = 0; i < b.media.by_kind.size() && i < m.by_kind.size(); ++i)
            kinds[b.media.by_kind[i].code] = m.by_kind[i];
        by_month.push_back(json::object{
            {"month", m.month}, {"month_fr", m.month_fr}, {"total", m.total}, {"by_kind", std::move(kinds)}});
    }
    return {{"total", b.media.total},
            {"by_kind", std::move(by_kind)},
            {"by_month", std::move(by_month)},
            {"social_mentions", b.media.social_mentions}};
}

json::value Scope(const ScopeFigures& s) {
    json::array departments;
    for (const auto& d : s.department_codes) departments.emplace_back(d);
    return {{"national", s.national},
            {"label_fr", s.label_fr},
            {"region_code", s.region_code.empty() ? json::value(nullptr) : json::value(s.region_code)},
            {"department_codes", std::move(departments)},
            {"audience", s.audience.empty() ? json::value(nullptr) : json::value(s.audience)}};
}

json::array Areas(const std::vector<AreaFigures>& areas) {
    json::array out;
    for (const auto& a : areas)
        out.push_back(json::object{{"code", a.code},
                                   {"name", a.name},
                                   {"region_code", a.region_code},
                                   {"sites", a.sites},
                                   {"attended", a.attended},
                                   {"booked_people", a.booked_people},
                                   {"requests", a.requests},
                                   {"refused", a.refused}});
    return out;
}

json::value WhiteZones(const WhiteZonesFigures& w) {
    json::array departments;
    for (const auto& z : w.departments)
        departments.push_back(json::object{{"code", z.code},
                                           {"name", z.name},
                                           {"requests", z.requests},
                                           {"pupils", z.pupils},
                                           {"refused", z.refused},
                                           {"far_requests", z.far_requests}});
    return {{"radius_km", Round2(w.radius_km)},
            {"far_requests", w.far_requests},
            {"refused", w.refused},
            {"departments", std::move(departments)}};
}

json::array Targets(const std::vector<TargetFigure>& targets) {
    json::array out;
    for (const auto& t : targets)
        out.push_back(json::object{{"key", t.key},
                                   {"label_fr", t.label_fr},
                                   {"target", t.target},
                                   {"actual", t.actual},
                                   {"pct_of_target", Optional(t.pct_of_target)},
                                   {"met", t.met}});
    return out;
}

json::value Previous(const std::optional<PreviousEditionFigures>& p) {
    if (!p) return nullptr;
    json::array changes;
    for (const auto& c : p->changes)
        changes.push_back(json::object{{"key", c.key},
                                       {"label_fr", c.label_fr},
                                       {"current", c.current},
                                       {"previous", c.previous},
                                       {"change_pct", Optional(c.change_pct)},
                                       {"change_fr", c.change_fr}});
    return {{"year", p->year}, {"name", p->name}, {"changes", std::move(changes)}};
}

json::value Rate(const RateFigure& r) {
    return {{"answers", r.answers}, {"yes", r.yes}, {"pct", Optional(r.pct)}};
}

// Objects of scalars up to this many bytes, indentation included, are written on one line.
constexpr size_t kInlineWidth = 100;

// Indented serialization: Boost.JSON 1.81 only writes compact text.
void Write(std::string& out, const json::value& v, int indent) {
    const std::string pad(indent, ' '), inner(indent + 2, ' ');
    switch (v.kind()) {
        case json::kind::object: {
            const auto& o = v.get_object();
            if (o.empty()) {
                out += "{}";
                return;
            }
            // A small object of scalars (a region, an audience) stays on one line.
            bool flat = true;
            for (const auto& [key, value] : o) flat = flat && !value.is_structured();
            if (flat) {
                std::string line = "{";
                for (const auto& [key, value] : o) {
                    if (line.size() > 1) line += ", ";
                    line += json::serialize(json::string(key)) + ": ";
                    Write(line, value, 0);
                }
                line += "}";
                if (indent + line.size() <= kInlineWidth) {
                    out += line;
                    return;
                }
            }
            out += "{\n";
            bool first = true;
            for (const auto& [key, value] : o) {
                if (!first) out += ",\n";
                first = false;
                out += inner + json::serialize(json::string(key)) + ": ";
                Write(out, value, indent + 2);
            }
            out += "\n" + pad + "}";
            return;
        }
        case json::kind::array: {
            const auto& a = v.get_array();
            if (a.empty()) {
                out += "[]";
                return;
            }
            bool scalars = true;
            for (const auto& e : a) scalars = scalars && !e.is_structured();
            out += scalars ? "[" : "[\n";
            for (size_t i = 0; i < a.size(); ++i) {
                if (i > 0) out += scalars ? ", " : ",\n";
                if (!scalars) out += inner;
                Write(out, a[i], indent + 2);
            }
            out += scalars ? "]" : "\n" + pad + "]";
            return;
        }
        case json::kind::double_:
            // Boost writes doubles in exponent form ("2.31E0"); write the shortest decimal instead.
            out += FormatDecimal(v.get_double(), 2);
            return;
        default:
            out += json::serialize(v);
    }
}

}  // namespace

json::value BilanToJson(const Bilan& b) {
    json::array quotes;
    for (const auto& q : b.quotes) quotes.push_back(json::object{{"text", q.text}, {"author", q.author}});
    return {{"edition", Edition(b.edition)},
            {"scope", Scope(b.scope)},
            {"headlines", Headline(b)},
            {"sites", Sites(b.sites)},
            {"events", Events(b.events)},
            {"sectors", Sectors(b.sectors)},
            {"visitors", Visitors(b.visitors)},
            {"group_requests", GroupRequests(b.group_requests)},
            {"buses", Buses(b.buses)},
            {"media", Media(b)},
            {"host_survey",
             {{"satisfied", Rate(b.host_survey.satisfied)}, {"open_again", Rate(b.host_survey.open_again)}}},
            {"teaching_kit", {{"documents", b.teaching_kit.documents}, {"pages", b.teaching_kit.pages}}},
            {"internships",
             {{"offers", b.internships.offers},
              {"places", b.internships.places},
              {"filled", b.internships.filled},
              {"filled_pct", Optional(b.internships.filled_pct)}}},
            {"quotes", std::move(quotes)},
            {"regions", Areas(b.regions)},
            {"departments", Areas(b.departments)},
            {"white_zones", WhiteZones(b.white_zones)},
            {"targets", Targets(b.targets)},
            {"previous_edition", Previous(b.previous)}};
}

std::string RenderJson(const Bilan& bilan) {
    std::string out;
    Write(out, BilanToJson(bilan), 0);
    out += "\n";
    return out;
}

}  // namespace juo::report
