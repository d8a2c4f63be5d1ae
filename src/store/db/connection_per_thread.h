// ConnectionPerThread: one Database connection per thread for a given URL, opened on the first
// use from that thread and kept for the thread's life — how request handlers, which run on the
// server's I/O and pool threads, read and write without sharing a SOCI session.
//
// Thread-safety: Get may be called from any thread; the Database it returns belongs to the
// calling thread only.
#pragma once

#include <string>

#include "common/result.h"
#include "store/db/database.h"

namespace juo::store {

class ConnectionPerThread {
 public:
    explicit ConnectionPerThread(std::string url) : url_(std::move(url)) {}

    // This thread's connection (opened with kMustExist), or the error of opening it.
    Result<Database*> Get() const;

    const std::string& url() const { return url_; }

 private:
    std::string url_;
};

}  // namespace juo::store
