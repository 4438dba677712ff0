#include "TransportFactory.h"

#include "LocalTransport.h"
#include "SshTarget.h"
#include "SshTransport.h"

namespace perfcase {

std::unique_ptr<Transport> makeTransport(const std::string &target, SshPrompter &prompter,
                                         bool acceptNewHostKey, std::vector<std::string> *warnings)
{
    const SshTarget parsed = SshTarget::parse(target);
    if (parsed.isLocal()) return std::make_unique<LocalTransport>();
    return std::make_unique<SshTransport>(target, parsed.resolveForUser(warnings), prompter,
                                          acceptNewHostKey);
}

} // namespace perfcase
