// Micro-benchmark of the catalogue search alone (no HTTP): random towns, radii and filters, as
// bench/wrk/search.lua sends them, on a replica generated in memory at the scale given by
// JUO_BENCH_SCALE (default 75) and written to a temporary SQLite file.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "common/rng.h"
#include "refdata/geocoder.h"
#include "seed/replica.h"
#include "services/catalogue.h"

namespace {

std::unique_ptr<juo::services::Catalogue> g_catalogue;

void LoadOnce() {
    if (g_catalogue) return;
    int scale = std::getenv("JUO_BENCH_SCALE") ? std::atoi(std::getenv("JUO_BENCH_SCALE")) : 75;
    auto path =
        std::filesystem::temp_directory_path() / ("juo_search_bench_" + std::to_string(scale) + ".db");
    bool fresh = !std::filesystem::exists(path);
    auto db = juo::store::Database::Open(path.string(), juo::store::OpenMode::kCreateIfMissing);
    if (fresh) {
        juo::seed::ReplicaOptions options;
        options.scale = scale;
        auto replica = juo::seed::GenerateReplica(options);
        (void)juo::seed::WriteReplica(**db, *replica, {});
    }
    g_catalogue = std::move(*juo::services::Catalogue::Load(**db));
}

void BM_SearchRandom(benchmark::State& state) {
    LoadOnce();
    auto index = g_catalogue->Current();
    const char* towns[] = {"Lyon",          "Paris",  "Marseille",  "Toulouse", "Lille",
                           "Bordeaux",      "Nantes", "Strasbourg", "Rennes",   "Grenoble",
                           "Saint-Étienne", "Rouen",  "Mulhouse",   "Brest",    "Dijon"};
    const double radii[] = {10, 20, 30, 50, 100};
    const auto& geocoder = juo::refdata::Geocoder::Default();
    juo::Rng rng(7);
    for (auto _ : state) {
        juo::services::SearchQuery q;
        q.around = geocoder.Geocode(towns[rng.Int(0, 14)])->position;
        q.radius_km = radii[rng.Int(0, 4)];
        if (rng.Chance(0.5)) q.day = index->edition().days[rng.Int(0, 1)].date;
        if (rng.Chance(0.3)) q.places_left_only = true;
        benchmark::DoNotOptimize(index->Search(q));
    }
}
BENCHMARK(BM_SearchRandom);

void BM_SearchParisWithin100Km(benchmark::State& state) {
    LoadOnce();
    auto index = g_catalogue->Current();
    juo::services::SearchQuery q;
    q.around = juo::LatLon{48.8566, 2.3522};
    q.radius_km = 100;
    for (auto _ : state) benchmark::DoNotOptimize(index->Search(q));
}
BENCHMARK(BM_SearchParisWithin100Km);

}  // namespace

BENCHMARK_MAIN();
