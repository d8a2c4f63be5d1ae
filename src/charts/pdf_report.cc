// Page layout of the PDF bilan. Editorial sentences come from the 2025 report; every number comes
// from the Bilan.
#include "charts/pdf_report.h"

#include <cairo-pdf.h>

#include <cmath>
#include <cstdlib>
#include <ctime>

#include "charts/canvas.h"
#include "charts/chart_alt.h"
#include "charts/charts.h"
#include "charts/pdf_tagging.h"
#include "common/text.h"

namespace juo::charts {
namespace {

using report::Bilan;
namespace p = palette;

constexpr double kPageW = 595.28, kPageH = 841.89, kMargin = 40;
constexpr double kContentW = kPageW - 2 * kMargin;

std::string N(long long v) { return FormatThousandsFr(v); }

std::string Count(long long n, const std::string& one, const std::string& many) {
    return N(n) + " " + (n > 1 ? many : one);
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

std::string NowIso() {
    std::time_t t = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) t = static_cast<std::time_t>(std::atoll(epoch));
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// A structure element of the tagged PDF around what is drawn while it lives (cairo_tag_begin):
// "Document", "Sect", "H1", "P", "Figure", "Table", "TR", "TD"…
class Tag {
 public:
    Tag(cairo_t* cr, const char* name) : cr_(cr), name_(name) { cairo_tag_begin(cr_, name_, ""); }
    ~Tag() { cairo_tag_end(cr_, name_); }
    Tag(const Tag&) = delete;
    Tag& operator=(const Tag&) = delete;

 private:
    cairo_t* cr_;
    const char* name_;
};

// Drawing state shared by the pages: the alternative text of each Figure, in drawing order, for
// the accessibility finish (pdf_tagging.h).
struct Document {
    Canvas& canvas;
    std::vector<std::string> figure_alts;
};

// One page: a "Sect" structure element holding its headings, paragraphs, lists, tables and
// figures in reading order. The red bar and the footer stay untagged: they become artifacts.
class Page {
 public:
    // The creation date stays out of the pages (it is in the metadata only), so that the same data
    // gives the same page content.
    Page(Document& doc, const Bilan& b, int number) : c_(doc.canvas), doc_(doc), b_(b) {
        c_.Fill({0, 0, kPageW, 6}, p::kRed);
        const std::string footer = "Journées Usines Ouvertes — bilan de la " + b.edition.ordinal_fr +
                                   " édition (" + std::to_string(b.edition.year) + ") — " + b.scope.label_fr +
                                   (b.scope.audience.empty() ? "" : ", " + b.scope.audience_label_fr) +
                                   " — calculé par JUO à partir des données — page " + std::to_string(number);
        c_.Text(footer, kMargin, kPageH - 28, kContentW, {7, false, p::kGrey, Align::kCenter});
        cairo_tag_begin(c_.cr(), "Sect", "");
    }
    ~Page() {
        EndList();
        cairo_tag_end(c_.cr(), "Sect");
    }
    Page(const Page&) = delete;
    Page& operator=(const Page&) = delete;
    double y = kMargin;

    // Text drawn as one structure element `tag` (free placement, for the cover); returns the height.
    double Tagged(const char* tag, std::string_view text, double x, double top, double width,
                  const TextStyle& style) {
        EndList();
        Tag t(c_.cr(), tag);
        return c_.Text(text, x, top, width, style);
    }
    void Heading(const std::string& text) {
        y += Tagged("H1", text, kMargin, y, kContentW, {20, true, p::kNavy}) + 2;
        c_.Fill({kMargin, y, 60, 3}, p::kRed);
        y += 12;
    }
    void Sub(const std::string& text) {
        y += Tagged("H2", text, kMargin, y, kContentW, {13, true, p::kRed}) + 4;
    }
    void Para(const std::string& text, double size = 10) {
        y += Tagged("P", text, kMargin, y, kContentW, {size, false, p::kInk}) + 5;
    }
    // An item of a list ("L"); consecutive bullets make one list.
    void Bullet(const std::string& text) {
        if (!in_list_) cairo_tag_begin(c_.cr(), "L", "");
        in_list_ = true;
        Tag item(c_.cr(), "LI");
        {
            Tag label(c_.cr(), "Lbl");
            c_.Text("›", kMargin + 4, y - 1, 12, {11, true, p::kRed});
        }
        Tag body(c_.cr(), "LBody");
        y += c_.Text(text, kMargin + 16, y, kContentW - 16, {10, false, p::kInk}) + 3;
    }
    // Draws the chart at its natural size, scaled down (never up) to fit w × h, as a "Figure"
    // whose alternative text says the chart's figures; returns the height used.
    double Chart(ChartId id, double x, double w, double h = 0) {
        EndList();
        const Box size = ChartSize(b_, id);
        if (h <= 0) h = size.h * std::min(1.0, w / size.w);
        const double scale = std::min({1.0, w / size.w, h / size.h});
        cairo_t* cr = c_.cr();
        Tag figure(cr, "Figure");
        doc_.figure_alts.push_back(ChartAltFr(b_, id));
        cairo_save(cr);
        cairo_translate(cr, x, y);
        cairo_scale(cr, scale, scale);
        DrawChart(c_, {0, 0, std::max(size.w, w / scale), size.h}, b_, id);
        cairo_restore(cr);
        return size.h * scale;
    }
    // Rows of cells in columns of `widths`; the first row is the header. Numbers align right.
    // Tagged as Table > TR > TH (first row) or TD; the stripes and the rule are artifacts.
    void Table(const std::vector<double>& widths, const std::vector<std::vector<std::string>>& rows) {
        EndList();
        Tag table(c_.cr(), "Table");
        for (size_t r = 0; r < rows.size(); ++r) {
            const bool header = r == 0;
            if (!header && r % 2 == 0) c_.Fill({kMargin, y - 1, kContentW, 14}, p::kLight);
            double x = kMargin;
            {
                Tag row(c_.cr(), "TR");
                for (size_t i = 0; i < rows[r].size() && i < widths.size(); ++i) {
                    const bool number = i > 0 && !rows[r][i].empty() &&
                                        (std::isdigit(static_cast<unsigned char>(rows[r][i][0])) ||
                                         rows[r][i][0] == '+' || rows[r][i][0] == '-');
                    Tag cell(c_.cr(), header ? "TH" : "TD");
                    c_.Text(rows[r][i], x + 2, y, widths[i] - 4,
                            {8, header, header ? p::kNavy : p::kInk,
                             number || (header && i > 0) ? Align::kRight : Align::kLeft, true});
                    x += widths[i];
                }
            }
            y += 14;
            if (header) c_.Line(kMargin, y - 1, kMargin + kContentW, y - 1, p::kNavy, 0.6);
        }
        y += 6;
    }

 private:
    void EndList() {
        if (in_list_) cairo_tag_end(c_.cr(), "L");
        in_list_ = false;
    }

    Canvas& c_;
    Document& doc_;
    const Bilan& b_;
    bool in_list_ = false;
};

void Cover(Document& d, const Bilan& b) {
    Canvas& c = d.canvas;
    Page page(d, b, 1);
    c.Fill({0, 6, kPageW, 150}, p::kNavy);
    double y = 30;
    y += page.Tagged(
        "H1", "BILAN " + std::string(b.edition.ordinal == 1 ? "PREMIÈRE" : b.edition.ordinal_fr) + " ÉDITION",
        kMargin, y, kContentW, {28, true, p::kWhite});
    y += page.Tagged("P", b.edition.date_phrase_fr, kMargin, y + 4, kContentW, {14, false, p::kWhite}) + 8;
    page.Tagged("P", "Journées Usines Ouvertes", kMargin, y, kContentW, {18, true, p::kYellow});
    page.Tagged("P", b.scope.label_fr + (b.scope.audience.empty() ? "" : " — " + b.scope.audience_label_fr),
                kMargin, 128, kContentW, {10, false, p::kWhite, Align::kRight});
    page.y = 176;
    page.Chart(ChartId::kTiles, kMargin, kContentW, 130);
    page.y += 142;
    page.y += page.Tagged("P", "C'est le moment d'être curieux !", kMargin, page.y, kContentW,
                          {16, true, p::kRed, Align::kCenter}) +
              10;
    if (b.teaching_kit.documents > 0)
        page.y += page.Tagged("P",
                              (b.teaching_kit.documents == 1
                                   ? std::string("1 KIT PÉDAGOGIQUE")
                                   : N(b.teaching_kit.documents) + " DOCUMENTS PÉDAGOGIQUES") +
                                  " DE " + N(b.teaching_kit.pages) +
                                  " PAGES SPÉCIALEMENT CONÇU POUR LES SCOLAIRES ET LES ENSEIGNANTS",
                              kMargin, page.y, kContentW, {11, true, p::kNavy, Align::kCenter}) +
                  14;
    page.Para("Retour sur la " + b.edition.ordinal_fr + " édition des Journées Usines Ouvertes, " +
              report::DatePhraseFr(b.edition.dates) + ".");
    page.Para(
        "Inspiré des Journées du Patrimoine, cet événement national organisé par la Société des Ingénieurs "
        "Arts et "
        "Métiers et soutenu par de nombreux partenaires a pour objectif de rapprocher les Français de leurs "
        "industries. Il permet aux scolaires et au grand public de découvrir notre appareil industriel et de "
        "comprendre les enjeux et les opportunités de la réindustrialisation lors d'un événement de "
        "proximité.");
    page.y += 4;
    page.Sub("Les objectifs");
    page.Bullet(
        "Rappeler aux Français que nous sommes entourés d'objets fabriqués dans des installations "
        "industrielles, et que ces dernières évoluent en devenant plus propres, plus modernes, plus "
        "respectueuses de l'environnement.");
    page.Bullet(
        "Mettre en valeur la diversité des métiers, des carrières et des profils qui font vivre l'industrie, "
        "et exposer les formidables enjeux à venir.");
    page.Bullet(
        "Faire naître des vocations et donner envie aux parents d'orienter leurs enfants vers des études "
        "techniques, scientifiques, industrielles.");
    if (!b.targets.empty()) {
        page.y += 4;
        page.Sub("Objectifs chiffrés de l'édition");
        for (const auto& t : b.targets)
            page.Bullet(t.label_fr + " : " + N(t.actual) + " pour un objectif de " + N(t.target) +
                        (t.pct_of_target ? " (" + report::PercentFr(*t.pct_of_target) + ")" : "") +
                        (t.met ? " — objectif atteint" : " — objectif non atteint"));
    }
}

void Industry(Document& d, const Bilan& b) {
    Page page(d, b, 2);
    page.Heading("Les industriels se sont mobilisés");
    page.Para(Count(b.sites.open, "usine ouverte", "usines ouvertes") + ", " +
                  Count(b.events.total, "événement", "événements") + " sur les " +
                  std::to_string(b.events.days.size()) + " jours",
              12);
    const double half = (kContentW - 20) / 2;
    page.Chart(ChartId::kDays, kMargin, half, 180);
    page.Chart(ChartId::kSatisfaction, kMargin + half + 20, half, 160);
    page.y += 165;
    page.Sub("La représentativité de l'industrie");
    std::string top;
    for (const auto& s : b.sectors.top) top += (top.empty() ? "" : ", ") + s.short_fr;
    page.Para(
        Count(b.sectors.represented, "secteur d'activité représenté", "secteurs d'activité représentés") +
        (top.empty() ? "" : " ; les plus présents : " + top + "."));
    const Box size = ChartSize(b, ChartId::kSectors);
    const double h = std::min(size.h, kPageH - 60 - page.y - 90);
    page.y += page.Chart(ChartId::kSectors, kMargin, kContentW, h) + 6;
    if (!b.sectors.under_represented.empty()) {
        std::string list;
        for (size_t i = 0; i < b.sectors.under_represented.size() && i < 5; ++i) {
            const auto& u = b.sectors.under_represented[i];
            list += (list.empty() ? "" : " ; ") + u.short_fr + " (" + report::PercentFr(u.site_share_pct, 1) +
                    " des usines, " + report::PercentFr(u.national_establishments_share_pct, 1) +
                    " des établissements" +
                    (u.national_jobs_share_pct
                         ? ", " + report::PercentFr(*u.national_jobs_share_pct, 1) + " des emplois"
                         : std::string()) +
                    ")";
        }
        page.Para("Secteurs sous-représentés, à recruter pour la prochaine édition : " + list + ".", 9);
    }
}

void Visitors(Document& d, const Bilan& b) {
    Page page(d, b, 3);
    page.Heading("Les visiteurs ont répondu présent");
    page.Para(b.headlines.visitors + " visiteurs comptés à l'accueil (" + N(b.visitors.attended) + " sur " +
                  N(b.visitors.booked_people) + " inscrits)",
              12);
    page.Chart(ChartId::kAudience, kMargin, kContentW * 0.75, 200);
    page.y += 210;
    page.Sub("Inscrits et présents, par public");
    std::vector<std::vector<std::string>> rows = {
        {"Public", "Réservations", "Inscrits", "Présents", "Venus", "Part"}};
    for (const auto& a : b.visitors.by_audience)
        rows.push_back({a.label_fr, N(a.bookings), N(a.booked_people), N(a.attended),
                        a.attendance_pct ? report::PercentFr(*a.attendance_pct) : "—",
                        report::PercentFr(a.share_pct)});
    rows.push_back({"Total", N(b.visitors.bookings), N(b.visitors.booked_people), N(b.visitors.attended),
                    b.visitors.attendance_pct ? report::PercentFr(*b.visitors.attendance_pct) : "—",
                    "100 %"});
    page.Table({125, 80, 75, 75, 80, 80}, rows);
    if (b.visitors.target)
        page.Para(std::string(*b.visitors.target_met ? "Objectif atteint" : "Objectif non atteint") +
                  " pour cette " + b.edition.ordinal_fr + " édition : " + N(*b.visitors.target) +
                  " visiteurs visés.");
    page.Sub("Des jeunes inspirés par leur visite");
    for (size_t i = 0; i < b.quotes.size() && i < 6; ++i)
        page.y += page.Tagged("BlockQuote",
                              "« " + b.quotes[i].text + " »" +
                                  (b.quotes[i].author.empty() ? "" : "  — " + b.quotes[i].author),
                              kMargin + 10, page.y, kContentW - 20, {11, false, p::kNavy}) +
                  6;
    page.y += 4;
    page.Bullet(
        Count(b.internships.filled, "place de stage pourvue", "places de stage pourvues") + " sur " +
        N(b.internships.places) + " offertes (" + Count(b.internships.offers, "offre", "offres") +
        ") à l'issue des visites du vendredi" +
        (b.internships.filled_pct ? " : " + report::PercentFr(*b.internships.filled_pct) : std::string()) +
        ".");
    page.Bullet("Un regard changé sur l'industrie.");
}

void Schools(Document& d, const Bilan& b) {
    Page page(d, b, 4);
    const auto& g = b.group_requests;
    page.Heading("Les classes se sont déplacées");
    page.Para(Count(g.total, "demande de visite de groupe", "demandes de visite de groupe") + " : " +
              Count(g.accepted, "acceptée", "acceptées") + ", " + Count(g.refused, "refusée", "refusées") +
              ". " + Count(g.oversubscribed_sites, "usine a", "usines ont") +
              " reçu plus de demandes que de places de groupes.");
    if (!g.most_oversubscribed_fr.empty())
        page.Bullet("Face au succès de l'événement, certaines usines ont dû refuser des visites (ex. " +
                    g.most_oversubscribed_fr + " !)");
    page.Sub("Les 10 usines les plus demandées");
    std::vector<std::vector<std::string>> rows = {
        {"Usine", "Commune", "Demandes", "Places", "Accueillis", "Dem./place"}};
    for (const auto& d : g.most_requested)
        rows.push_back({d.name, d.commune + " (" + d.department_code + ")", N(d.requests),
                        N(d.group_capacity), N(d.accepted_groups),
                        report::FormatDecimal(d.requests_per_group_place, 1)});
    page.Table({165, 130, 60, 45, 55, 60}, rows);
    page.Heading("Le financement des bus, la clé du succès");
    const auto& bus = b.buses;
    page.Para(b.headlines.buses + " bus financés par l'organisation pour acheminer les scolaires", 12);
    page.Table({300, 215}, {{"Bus financés", ""},
                            {"Bus", N(bus.buses)},
                            {"Places", N(bus.seats)},
                            {"Coût", N((bus.cost_cents + 50) / 100) + " €"},
                            {"Kilomètres", N(std::llround(bus.km))},
                            {"Groupes transportés", N(bus.groups)},
                            {"Élèves et accompagnateurs inscrits transportés", N(bus.people)},
                            {"Part des inscrits en groupe venus en bus financé",
                             bus.share_of_booked_group_people_pct
                                 ? report::PercentFr(*bus.share_of_booked_group_people_pct)
                                 : "—"}});
    page.Para(
        "Le financement des bus est un vrai facteur d'attractivité pour les Journées Usines Ouvertes : " +
        N(g.bus_needed) + " demandes de groupe en avaient besoin.");
    page.Heading("Un vrai moment pédagogique");
    page.Para(b.teaching_kit.documents == 0
                  ? "Aucun document pédagogique publié."
                  : "Un kit pédagogique de " + Count(b.teaching_kit.pages, "page", "pages") +
                        " a été spécialement conçu pour les JUO et mis à disposition des élèves et des "
                        "enseignants : "
                        "faire découvrir le secteur, ses enjeux, ses métiers, ses accès.");
}

void Territory(Document& d, const Bilan& b) {
    Page page(d, b, 5);
    page.Heading("Les territoires");
    const double h = 430;
    const Box size = ChartSize(b, ChartId::kMap);
    const double w = std::min(kContentW, h * size.w / size.h);
    page.Chart(ChartId::kMap, kMargin + (kContentW - w) / 2, w, h);
    page.y += h + 8;
    const auto& z = b.white_zones;
    page.Sub("Zones blanches : la demande sans usine");
    page.Para(Count(z.far_requests, "demande", "demandes") + " sans usine ouverte aux groupes à moins de " +
              report::FormatDecimal(z.radius_km, 0) + " km et " +
              Count(z.refused, "demande refusée", "demandes refusées") + ", dans " +
              Count(static_cast<long long>(z.departments.size()), "département", "départements") + ".");
    std::vector<std::vector<std::string>> rows = {
        {"Département", "Demandes", "Élèves", "Trop loin", "Refusées"}};
    for (size_t i = 0; i < z.departments.size() && i < 10; ++i) {
        const auto& d = z.departments[i];
        rows.push_back(
            {d.name + " (" + d.code + ")", N(d.requests), N(d.pupils), N(d.far_requests), N(d.refused)});
    }
    page.Table({195, 80, 80, 80, 80}, rows);
}

void MediaAndNext(Document& d, const Bilan& b) {
    Page page(d, b, 6);
    page.Heading("Les médias ont largement couvert");
    const double half = (kContentW - 20) / 2;
    page.Chart(ChartId::kMedia, kMargin, half, 170);
    page.Chart(ChartId::kMediaMonths, kMargin + half + 20, half, 170);
    page.y += 180;
    for (size_t i = 0; i < b.media.by_kind.size(); ++i)
        page.Bullet(b.headlines.media_by_kind[i] + " " + b.media.by_kind[i].label_fr);
    page.Para("Un fort relais sur les réseaux sociaux avec " + b.headlines.social_mentions + " mentions.");
    page.y += 8;
    page.Heading("En route pour la " + report::OrdinalFr(b.edition.ordinal + 1) + " édition");
    if (b.previous) {
        const Box size = ChartSize(b, ChartId::kChanges);
        page.Chart(ChartId::kChanges, kMargin, kContentW, size.h);
        page.y += size.h + 6;
    }
    if (!b.sectors.under_represented.empty()) {
        std::string list;
        for (size_t i = 0; i < b.sectors.under_represented.size() && i < 5; ++i)
            list += (list.empty() ? "" : ", ") + b.sectors.under_represented[i].short_fr;
        page.Bullet("Recruter dans les secteurs sous-représentés : " + list + ".");
    }
    if (!b.white_zones.departments.empty()) {
        std::string list;
        for (size_t i = 0; i < b.white_zones.departments.size() && i < 5; ++i)
            list += (list.empty() ? "" : ", ") + b.white_zones.departments[i].name;
        page.Bullet("Ouvrir des usines là où la demande scolaire n'a pas trouvé de place : " + list + ".");
    }
    page.y += 10;
    page.Tagged("P", "REJOIGNEZ-NOUS !", kMargin, page.y, kContentW, {22, true, p::kRed, Align::kCenter});
}

}  // namespace

std::string RenderPdf(const Bilan& bilan, const PdfOptions& options) {
    PdfAccessibility info;
    info.date = options.creation_date.empty() ? NowIso() : options.creation_date;
    info.title = "Bilan des Journées Usines Ouvertes " + std::to_string(bilan.edition.year);
    const std::string days = report::DatePhraseFr(bilan.edition.dates);
    info.subject = "Bilan de la " + bilan.edition.ordinal_fr + " édition des Journées Usines Ouvertes" +
                   (days.empty() ? "" : " (" + days + ")") + ", " + bilan.scope.label_fr +
                   (bilan.scope.audience.empty() ? "" : ", " + bilan.scope.audience_label_fr) +
                   " : usines ouvertes, visiteurs, classes et bus, territoires et zones blanches, médias.";
    info.author = "JUO";
    info.creator_tool = "JUO (juo report --format pdf)";
    std::string out;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &out, kPageW, kPageH);
    cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
    // The Info dictionary is written again by FinishAccessiblePdf, with the subject and the XMP;
    // Cairo's copy is the fallback should that step fail.
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, info.subject.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, info.author.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, info.creator_tool.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, info.date.c_str());
    cairo_t* cr = cairo_create(surface);
    {
        Canvas canvas(cr);
        Document doc{canvas, {}};
        const std::vector<void (*)(Document&, const Bilan&)> pages = {Cover,   Industry,  Visitors,
                                                                      Schools, Territory, MediaAndNext};
        cairo_tag_begin(cr, "Document", "");
        for (auto page : pages) {
            page(doc, bilan);
            cairo_show_page(cr);
        }
        cairo_tag_end(cr, "Document");
        info.figure_alts = std::move(doc.figure_alts);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    // Cairo's tagged PDF is still a valid, readable bilan: it is kept should the finish fail
    // (charts_test checks that the finish succeeds on every kind of bilan).
    auto finished = FinishAccessiblePdf(out, info);
    return finished.ok() ? std::move(*finished) : out;
}

}  // namespace juo::charts
