#include "TerminalPrompter.h"

#include "CliOutput.h"

#include <cstdio>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace perfcase {

namespace {

// One line from /dev/tty; nullopt when there is no terminal.
std::optional<std::string> ask(const std::string &prompt, bool echo)
{
    const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0) return std::nullopt;
    termios saved{};
    const bool isTerminal = ::tcgetattr(tty, &saved) == 0;
    if (!isTerminal) {
        ::close(tty);
        return std::nullopt;
    }
    if (!echo) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    (void)!::write(tty, prompt.data(), prompt.size());
    std::string line;
    char c = 0;
    while (::read(tty, &c, 1) == 1 && c != '\n')
        line += c;
    if (!echo) {
        ::tcsetattr(tty, TCSAFLUSH, &saved);
        (void)!::write(tty, "\n", 1);
    }
    ::close(tty);
    return line;
}

} // namespace

bool TerminalPrompter::acceptNewHostKey(const std::string &host, int port, const HostKey &key)
{
    if (m_accept)
        CliOutput::warning(host + ":" + std::to_string(port), 0, -1,
                           "new host key " + key.type + " " + sha256Fingerprint(key.blob) +
                               " accepted (--accept-new-host-key) and added to known_hosts");
    return m_accept;
}

std::optional<std::string> TerminalPrompter::passphrase(const std::string &keyPath)
{
    return ask("Passphrase for " + keyPath + ": ", false);
}

std::optional<std::vector<std::string>> TerminalPrompter::answer(const std::string &title,
                                                                 const std::string &instruction,
                                                                 const std::vector<Prompt> &prompts)
{
    std::vector<std::string> answers;
    std::string heading = title.empty() ? std::string() : title + "\n";
    if (!instruction.empty()) heading += instruction + "\n";
    for (const auto &prompt : prompts) {
        auto given = ask(heading + prompt.text, prompt.echo);
        if (!given) return std::nullopt;
        heading.clear();
        answers.push_back(std::move(*given));
    }
    return answers;
}

} // namespace perfcase
