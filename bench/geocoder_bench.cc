// Micro-benchmarks of the offline geocoder: a name, a postcode, an ambiguous name with its
// department, and autocomplete.
#include <benchmark/benchmark.h>

#include "refdata/geocoder.h"

namespace {

void BM_GeocodeName(benchmark::State& state) {
    const auto& g = juo::refdata::Geocoder::Default();
    for (auto _ : state) benchmark::DoNotOptimize(g.Geocode("Saint-Étienne"));
}
BENCHMARK(BM_GeocodeName);

void BM_GeocodePostcode(benchmark::State& state) {
    const auto& g = juo::refdata::Geocoder::Default();
    for (auto _ : state) benchmark::DoNotOptimize(g.Geocode("69003"));
}
BENCHMARK(BM_GeocodePostcode);

void BM_GeocodeWithDepartment(benchmark::State& state) {
    const auto& g = juo::refdata::Geocoder::Default();
    for (auto _ : state) benchmark::DoNotOptimize(g.Geocode("Saint-Denis (93)"));
}
BENCHMARK(BM_GeocodeWithDepartment);

void BM_Suggest(benchmark::State& state) {
    const auto& g = juo::refdata::Geocoder::Default();
    for (auto _ : state) benchmark::DoNotOptimize(g.Suggest("mar", 10));
}
BENCHMARK(BM_Suggest);

}  // namespace

BENCHMARK_MAIN();
