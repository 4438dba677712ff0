#pragma once

#include "transport/SshPrompter.h"

namespace perfcase {

// Asks for passphrases and keyboard-interactive answers on the controlling
// terminal, echo off; without a terminal nothing is asked (exit 5). Host
// keys are never asked here: the command line trusts a new one only with
// --accept-new-host-key (DESIGN.md).
class TerminalPrompter : public SshPrompter
{
public:
    explicit TerminalPrompter(bool acceptNewHostKeys) : m_accept(acceptNewHostKeys) {}

    bool acceptNewHostKey(const std::string &host, int port, const HostKey &key) override;
    std::optional<std::string> passphrase(const std::string &keyPath) override;
    std::optional<std::vector<std::string>> answer(const std::string &title,
                                                   const std::string &instruction,
                                                   const std::vector<Prompt> &prompts) override;

private:
    bool m_accept;
};

} // namespace perfcase
