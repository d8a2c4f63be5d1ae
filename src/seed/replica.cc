// GenerateReplica runs the stages in order; WriteReplica stores the result through the
// repositories, turning in-memory indexes into database ids, in one transaction.
#include "seed/replica.h"

#include "domain/audit.h"
#include "seed/generation.h"
#include "store/audit/audit_log.h"
#include "store/bookings/booking_repository.h"
#include "store/bookings/bus_repository.h"
#include "store/editions/edition_repository.h"
#include "store/groups/group_request_repository.h"
#include "store/sites/internship_repository.h"
#include "store/media/media_repository.h"
#include "store/groups/school_repository.h"
#include "store/users/session_repository.h"
#include "store/sites/site_repository.h"
#include "store/sites/teaching_kit_repository.h"
#include "store/users/user_repository.h"

namespace juo::seed {

Status ValidateReplicaOptions(const ReplicaOptions& o) {
    if (o.year < domain::kFirstEditionYear || o.year > domain::kLastEditionYear)
        return MakeError(ErrorCode::kInvalidArgument,
                         "--year must be 2025..2100, got " + std::to_string(o.year));
    if (o.scale < 1 || o.scale > kMaxScale)
        return MakeError(ErrorCode::kInvalidArgument, "--scale must be 1.." + std::to_string(kMaxScale) +
                                                          ", got " + std::to_string(o.scale));
    if (!o.open_on.empty()) {
        auto dates = OpenEditionDatesFrom(o.open_on);
        if (!dates.ok()) return dates.error();
        if (dates->year != o.year)
            return MakeError(ErrorCode::kInvalidArgument,
                             "an edition open on " + o.open_on + " has its days on " + dates->friday + " and " +
                                 dates->saturday + ": that is edition " + std::to_string(dates->year) +
                                 ", not " + std::to_string(o.year) + " (give --edition " +
                                 std::to_string(dates->year) + " or leave --edition out)",
                             "une édition ouverte le " + o.open_on + " a lieu les " + dates->friday + " et " +
                                 dates->saturday + " : c'est l'édition " + std::to_string(dates->year) +
                                 ", pas " + std::to_string(o.year));
    }
    return Ok();
}

namespace {

// Issue 18: the replica as it stands at the request deadline (ReplicaOptions::kRequests).
void AtRequestDeadline(Replica& r) {
    r.edition.status = domain::EditionStatus::kOpen;
    for (auto& q : r.requests) {
        q.status = domain::RequestStatus::kPending;
        q.decided_at.clear();
        q.message.clear();
    }
    std::vector<domain::Booking> kept;
    for (auto& b : r.bookings)
        if (b.kind != domain::BookingKind::kGroup) kept.push_back(std::move(b));
    r.bookings = std::move(kept);  // nothing else refers to a booking once check-ins and buses go
    r.check_ins.clear();
    r.buses.clear();
    r.surveys.clear();
    r.quotes.clear();
}

}  // namespace

Result<Replica> GenerateReplica(const ReplicaOptions& options) {
    JUO_TRY(ValidateReplicaOptions(options));
    GenerationContext ctx;
    ctx.options = options;
    ctx.root = Rng(options.rng_seed ^ (static_cast<uint64_t>(options.year) << 20) ^
                   static_cast<uint64_t>(options.scale));
    const std::pair<const char*, void (*)(GenerationContext&)> stages[] = {
        {"sites", GenerateEditionAndSites},
        {"sessions", GenerateSessions},
        {"schools", GenerateSchools},
        {"group requests", GenerateGroupDemand},
        {"buses", GenerateBuses},
        {"public bookings", GeneratePublicBookings},
        {"media and surveys", GenerateOutreach},
        {"accounts", GenerateStaffUsers}};
    long long done = 0;
    for (const auto& [name, stage] : stages) {
        if (options.progress) options.progress(std::string("generating ") + name, done, 0);
        stage(ctx);
        ++done;
    }
    if (options.stage == ReplicaOptions::Stage::kRequests) AtRequestDeadline(ctx.replica);
    return std::move(ctx.replica);
}

std::optional<ReplicaOptions::Stage> ParseReplicaStage(std::string_view word) {
    if (word == "after-event") return ReplicaOptions::Stage::kAfterEvent;
    if (word == "requests") return ReplicaOptions::Stage::kRequests;
    return std::nullopt;
}

namespace {

template <typename T>
void ToIds(std::optional<long long>& field, const std::vector<T>& rows) {
    if (field) *field = rows[static_cast<size_t>(*field)].id;
}

// Writes the rows in chunks so that progress can be reported on long tables.
template <typename T, typename Insert>
auto InChunks(std::vector<T>& rows, const ProgressFn& progress, const std::string& stage, Insert&& insert) {
    constexpr size_t kChunk = 20000;
    for (size_t start = 0; start < rows.size(); start += kChunk) {
        if (progress)
            progress("writing " + stage, static_cast<long long>(start), static_cast<long long>(rows.size()));
        size_t n = std::min(kChunk, rows.size() - start);
        auto status = insert(std::span<T>(rows.data() + start, n));
        if (!status.ok()) return status;
    }
    if (progress)
        progress("writing " + stage, static_cast<long long>(rows.size()),
                 static_cast<long long>(rows.size()));
    return Ok();
}

Status WriteAll(store::Database& db, Replica& r, const ProgressFn& progress, long long& rows) {
    JUO_TRY(store::InsertEdition(db, r.edition));
    const long long e = r.edition.id;
    store::InsertOrganisations(db, r.organisations);
    for (size_t i = 0; i < r.sites.size(); ++i)
        r.sites[i].organisation_id = r.organisations[r.site_organisation_index[i]].id;
    JUO_TRY(InChunks(r.sites, progress, "sites",
                     [&](std::span<domain::Site> s) { return store::InsertSites(db, s); }));
    for (auto& p : r.participations) {
        p.edition_id = e;
        p.site_id = r.sites[static_cast<size_t>(p.site_id)].id;
    }
    store::InsertParticipations(db, r.participations);
    for (auto& s : r.sessions) {
        s.edition_id = e;
        s.site_id = r.sites[static_cast<size_t>(s.site_id)].id;
        s.places_taken = s.groups_taken = 0;  // recounted from the bookings below
    }
    JUO_TRY(InChunks(r.sessions, progress, "sessions",
                     [&](std::span<domain::Session> s) { return store::InsertSessions(db, s); }));
    store::InsertSchools(db, r.schools);
    for (auto& u : r.users) {
        ToIds(u.organisation_id, r.organisations);
        ToIds(u.school_id, r.schools);
        for (auto& g : u.roles) ToIds(g.site_id, r.sites);
    }
    JUO_TRY(InChunks(r.users, progress, "accounts",
                     [&](std::span<domain::User> u) { return store::InsertUsers(db, u); }));
    for (auto& q : r.requests) {
        q.edition_id = e;
        ToIds(q.school_id, r.schools);
        ToIds(q.requester_user_id, r.users);
        for (auto& w : q.wishes) {
            ToIds(w.session_id, r.sessions);
            ToIds(w.site_id, r.sites);
        }
    }
    JUO_TRY(InChunks(r.requests, progress, "group requests",
                     [&](std::span<domain::GroupRequest> q) { return store::InsertGroupRequests(db, q); }));
    for (auto& b : r.bookings) {
        b.edition_id = e;
        b.session_id = r.sessions[static_cast<size_t>(b.session_id)].id;
        ToIds(b.user_id, r.users);
        ToIds(b.group_request_id, r.requests);
    }
    JUO_TRY(InChunks(r.bookings, progress, "bookings", [&](std::span<domain::Booking> b) {
        store::InsertBookings(db, b);
        return Ok();
    }));
    // Refuses the whole seed if any tour ended up with more people than places.
    if (progress) progress("checking capacities", 0, 0);
    JUO_TRY(store::RecountSessionCounters(db, e));
    for (auto& c : r.check_ins) c.booking_id = r.bookings[static_cast<size_t>(c.booking_id)].id;
    JUO_TRY(InChunks(r.check_ins, progress, "check-ins",
                     [&](std::span<domain::CheckIn> c) { return store::InsertCheckIns(db, c, r.bookings); }));
    for (auto& bus : r.buses) {
        bus.edition_id = e;
        for (auto& id : bus.booking_ids) id = r.bookings[static_cast<size_t>(id)].id;
    }
    store::InsertBuses(db, r.buses);
    for (auto& m : r.media) m.edition_id = e;
    JUO_TRY(store::InsertMediaMentions(db, r.media));
    for (auto& s : r.social) s.edition_id = e;
    store::InsertSocialMentions(db, r.social);
    if (progress) progress("writing surveys", 0, 1);
    for (auto& g : r.surveys) {
        g.survey.edition_id = e;
        store::InsertSurvey(db, g.survey, g.questions);
        for (auto& resp : g.responses) {
            resp.response.survey_id = g.survey.id;
            ToIds(resp.response.site_id, r.sites);
            for (auto& a : resp.answers) a.question_id = g.questions[static_cast<size_t>(a.question_id)].id;
        }
        JUO_TRY(store::InsertResponses(db, g.questions, g.responses));
    }
    for (auto& q : r.quotes) {
        q.edition_id = e;
        if (q.response_id) {
            auto survey = static_cast<size_t>(*q.response_id >> 32),
                 response = static_cast<size_t>(*q.response_id & 0xFFFFFFFF);
            q.response_id = r.surveys[survey].responses[response].response.id;
        }
    }
    store::InsertQuotes(db, r.quotes);
    for (auto& o : r.internships) {
        o.edition_id = e;
        o.site_id = r.sites[static_cast<size_t>(o.site_id)].id;
    }
    JUO_TRY(store::InsertInternshipOffers(db, r.internships));
    r.teaching_kit.edition_id = e;
    store::InsertTeachingKitDocument(db, r.teaching_kit);

    rows =
        1 + static_cast<long long>(r.organisations.size() + r.sites.size() + r.participations.size() +
                                   r.sessions.size() + r.schools.size() + r.users.size() + r.requests.size() +
                                   r.bookings.size() + r.check_ins.size() + r.buses.size() + r.media.size() +
                                   r.social.size() + r.quotes.size() + r.internships.size() + 1);
    for (const auto& g : r.surveys)
        rows += 1 + static_cast<long long>(g.questions.size() + g.responses.size());
    domain::AuditEntry audit;
    audit.actor_label = "system:seed";
    audit.action = "edition.seed_replica";
    audit.entity = "edition";
    audit.entity_id = e;
    audit.detail = "replica of edition " + std::to_string(r.edition.year) + ": " +
                   std::to_string(r.sites.size()) + " sites, " + std::to_string(r.sessions.size()) +
                   " sessions, " + std::to_string(r.bookings.size()) + " bookings, " + std::to_string(rows) +
                   " rows";
    store::AppendAudit(db, audit);
    return Ok();
}

}  // namespace

Result<WriteSummary> WriteReplica(store::Database& db, Replica& replica, const ProgressFn& progress) {
    WriteSummary summary;
    // One large transaction: a bigger page cache keeps SQLite from spilling dirty pages to the
    // WAL again and again before the commit (measured in docs/perf.md).
    if (db.dialect() == store::Dialect::kSqlite) db.sql() << "PRAGMA cache_size = -262144";  // 256 MiB
    auto status = db.InTransaction<Unit>([&]() -> Result<Unit> {
        JUO_TRY(WriteAll(db, replica, progress, summary.rows));
        if (progress) progress("committing", 0, 1);
        return Unit{};
    });
    if (!status.ok()) return status.error();
    return summary;
}

}  // namespace juo::seed
