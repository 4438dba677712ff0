#pragma once

#include "HostKey.h"

#include <optional>
#include <string>
#include <vector>

namespace perfcase {

// Asks the person at the keyboard, when there is one: the window shows
// dialogs, the command line reads the terminal. Secrets are returned to the
// caller and never stored. nullopt: nobody can answer (no terminal) or the
// person declined.
class SshPrompter
{
public:
    struct Prompt
    {
        std::string text;
        bool echo = false;
    };

    virtual ~SshPrompter() = default;
    // An unknown host key: trust it (it is then appended to known_hosts)?
    virtual bool acceptNewHostKey(const std::string &host, int port, const HostKey &key) = 0;
    virtual std::optional<std::string> passphrase(const std::string &keyPath) = 0;
    virtual std::optional<std::vector<std::string>> answer(const std::string &title,
                                                           const std::string &instruction,
                                                           const std::vector<Prompt> &prompts) = 0;
};

// The command line without --accept-new-host-key and without a terminal:
// refuses every question.
class RefusingPrompter : public SshPrompter
{
public:
    explicit RefusingPrompter(bool acceptNewHostKeys = false) : m_accept(acceptNewHostKeys) {}
    bool acceptNewHostKey(const std::string &, int, const HostKey &) override { return m_accept; }
    std::optional<std::string> passphrase(const std::string &) override { return std::nullopt; }
    std::optional<std::vector<std::string>> answer(const std::string &, const std::string &,
                                                   const std::vector<Prompt> &) override
    {
        return std::nullopt;
    }

private:
    bool m_accept;
};

} // namespace perfcase
