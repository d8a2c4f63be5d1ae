// hash_rate: the machine's password-hashing rate measured alone, the reference of the sign-up
// figure in bench/opening_day.sh ("sign-ups run at at least 90 % of the machine's hash rate").
// Hashes with the cost `juo serve` uses (auth::PasswordCost::Interactive, argon2id) on THREADS
// threads (default: one per core) for SECONDS and prints "hashes_per_second N threads T".
//
// Usage: hash_rate [SECONDS] [THREADS]
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>
#include <vector>

#include "auth/password.h"

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 5.0;
    unsigned threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : std::thread::hardware_concurrency();
    if (seconds <= 0 || seconds > 600 || threads < 1 || threads > 256) {
        std::cerr << "usage: hash_rate [SECONDS 0..600] [THREADS 1..256]\n";
        return 2;
    }
    const auto cost = juo::auth::PasswordCost::Interactive();
    std::atomic<long long> hashes{0};
    std::atomic<bool> failed{false};
    const auto start = std::chrono::steady_clock::now();
    const auto end = start + std::chrono::duration<double>(seconds);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (long long i = 0; std::chrono::steady_clock::now() < end; ++i) {
                auto h = juo::auth::HashPassword("mot-de-passe-" + std::to_string(t) + "-" + std::to_string(i), cost);
                if (!h.ok()) failed = true;
                ++hashes;
            }
        });
    for (auto& th : pool) th.join();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (failed) {
        std::cerr << "hash_rate: a hash failed\n";
        return 1;
    }
    std::cout << "hashes_per_second " << static_cast<double>(hashes) / elapsed << " threads " << threads << "\n";
    return 0;
}
