// WindowCounts: the in-memory store of the login limiter and the request throttles — per key,
// the times of its recent events (oldest first), with the number of keys bounded as a
// least-recently-used cache. Past `capacity` keys, each new key evicts the key used least
// recently (which, once the window has passed, is an expired one), so the bound never drops
// every counter at once, and each operation is O(1) (hash map + intrusive list), whatever the
// number of keys. A key evicted while still inside its window loses its counts: that needs
// `capacity` other keys written since, which the per-client limits make costly.
//
// Thread-safety: none; the owner locks (LoginRateLimiter, RequestThrottle hold a mutex).
#pragma once

#include <cstddef>
#include <deque>
#include <list>
#include <string>
#include <unordered_map>

namespace juo::auth {

class WindowCounts {
 public:
    using Times = std::deque<long long>;

    explicit WindowCounts(size_t capacity) : capacity_(capacity < 1 ? 1 : capacity) {}

    // The key's times, or nullptr; a key looked up counts as used (a client refused and asking
    // again stays remembered).
    const Times* Find(const std::string& key) const {
        auto it = map_.find(key);
        if (it == map_.end()) return nullptr;
        order_.splice(order_.begin(), order_, it->second.place);
        return &it->second.times;
    }

    // Appends `now` to the key's times after dropping those at or before `now - window`, keeping
    // at most `keep` (the newest); the key becomes the most recently used, and the least recently
    // used one is evicted when the bound is passed.
    void Add(const std::string& key, long long now, long long window, size_t keep) {
        auto it = map_.find(key);
        if (it == map_.end()) {
            order_.push_front(key);
            it = map_.emplace(key, Entry{{}, order_.begin()}).first;
            if (map_.size() > capacity_) {
                map_.erase(order_.back());
                order_.pop_back();
            }
        } else {
            order_.splice(order_.begin(), order_, it->second.place);
        }
        Times& times = it->second.times;
        while (!times.empty() && times.front() <= now - window) times.pop_front();
        times.push_back(now);
        while (times.size() > (keep < 1 ? 1 : keep)) times.pop_front();
    }

    void Erase(const std::string& key) {
        auto it = map_.find(key);
        if (it == map_.end()) return;
        order_.erase(it->second.place);
        map_.erase(it);
    }

    size_t size() const { return map_.size(); }

 private:
    struct Entry {
        Times times;
        std::list<std::string>::iterator place;
    };
    size_t capacity_;
    mutable std::list<std::string> order_;  // most recently used first (splicing keeps iterators)
    std::unordered_map<std::string, Entry> map_;
};

}  // namespace juo::auth
