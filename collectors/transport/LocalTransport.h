#pragma once

#include "Transport.h"

namespace perfcase {

// Runs commands on this machine with QProcess from an argument list: no
// shell, so nothing in an argument is ever interpreted.
class LocalTransport : public Transport
{
public:
    std::string target() const override { return "local"; }
    std::string kind() const override { return "local"; }
    CommandResult run(const std::vector<std::string> &argv, const RunLimits &limits,
                      const CancelToken &token) override;
};

} // namespace perfcase
