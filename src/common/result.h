// Result<T>: the value of an operation that can fail in an expected way.
//
// Expected failures (bad input, not found, conflict, full, forbidden, an unusable database) are
// values, not exceptions: a caller must look at them. Exceptions are kept for bugs and for
// failures at start-up. An Error carries a stable code (mapped to an exit status by the CLI and
// to an HTTP status by the server) and a message in English and, where the user sees it, French.
//
// Thread-safety: plain values; no shared state.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace juo {

enum class ErrorCode {
    kInvalidArgument,  // the caller's input is malformed or out of range
    kNotFound,         // a named thing does not exist
    kConflict,         // the request contradicts the stored state (duplicate, already exists)
    kFull,             // no capacity left
    kUnauthenticated,  // no valid session, or wrong credentials: the actor must sign in
    kForbidden,        // the actor may not do this
    kTooManyRequests,  // too many attempts in a time window (login rate limit): retry later
    kStale,            // the thing changed since the caller read it (another user's edit): read it again
    kUnavailable,      // a resource (file, database) cannot be used
    kInternal,         // a bug or an unexpected failure underneath
    kUnsupportedMediaType,  // the body's content type is not one the operation takes (JSON, CSV)
};

// Returns a short lowercase name for the code ("invalid_argument", ...), used in JSON errors.
const char* ErrorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;     // English, one line, says what was wrong and with which value
    std::string message_fr;  // French for the user interface; empty when only operators see it
};

inline Error MakeError(ErrorCode code, std::string message, std::string message_fr = {}) {
    return Error{code, std::move(message), std::move(message_fr)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
    Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    const T& value() const& {
        assert(ok());
        return std::get<T>(state_);
    }
    T& value() & {
        assert(ok());
        return std::get<T>(state_);
    }
    T&& value() && {
        assert(ok());
        return std::get<T>(std::move(state_));
    }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    const Error& error() const {
        assert(!ok());
        return std::get<Error>(state_);
    }

 private:
    std::variant<T, Error> state_;
};

// Result of an operation that returns nothing on success.
struct Unit {};
using Status = Result<Unit>;
inline Status Ok() { return Unit{}; }

}  // namespace juo

// Propagates an error from an expression of type Result<...> or Status.
#define JUO_TRY(expr)                                              \
    do {                                                           \
        auto juo_try_result_ = (expr);                             \
        if (!juo_try_result_.ok()) return juo_try_result_.error(); \
    } while (0)
