#include "InterruptGuard.h"

#include <csignal>

namespace perfcase {

namespace {
// A signal handler can reach only static storage; the token is lock-free.
CancelToken g_token;
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void onSignal(int)
{
    g_interrupted = 1;
    g_token.cancel();
}
} // namespace

InterruptGuard::InterruptGuard()
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

InterruptGuard::~InterruptGuard()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

const CancelToken &InterruptGuard::token() const
{
    return g_token;
}

bool InterruptGuard::interrupted() const
{
    return g_interrupted != 0;
}

} // namespace perfcase
