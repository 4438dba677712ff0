#pragma once

#include <atomic>

namespace perfcase {

// Asks long work to stop at its next check. Shared between the thread that
// runs the work and the one (GUI, signal handler) that cancels it.
class CancelToken
{
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

// Thrown by work that noticed its CancelToken.
struct Cancelled
{
};

} // namespace perfcase
