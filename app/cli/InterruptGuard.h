#pragma once

#include "import/CancelToken.h"

namespace perfcase {

// While alive, SIGINT and SIGTERM cancel token() instead of killing the
// process, so the open transaction rolls back and finished files stay.
class InterruptGuard
{
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

    const CancelToken &token() const;
    bool interrupted() const;
};

} // namespace perfcase
