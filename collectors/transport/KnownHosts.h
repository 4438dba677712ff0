#pragma once

#include "HostKey.h"

#include <string>
#include <vector>

namespace perfcase {

// Our own reader of OpenSSH known_hosts files (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): libssh2's
// reader cannot tell us which key types a host has, so it cannot steer the handshake towards
// them, and it does not understand @revoked.
class KnownHosts
{
public:
    enum class Verdict
    {
        Match,
        Unknown,
        Changed,
        Revoked
    };
    struct Result
    {
        Verdict verdict = Verdict::Unknown;
        int line = 0;          // 1-based line of the matching/conflicting/revoking entry; 0 none
        std::string knownType; // for Changed: the type of the entry that differs
    };
    // A line we cannot use: @cert-authority (unsupported), malformed lines, unknown markers.
    struct Notice
    {
        int line;
        std::string message; // "PATH:LINE: reason"
    };

    // A missing file is an empty KnownHosts; an unreadable one is empty with a notice.
    static KnownHosts load(const std::string &path);
    static KnownHosts parse(const std::string &text, const std::string &pathForMessages);

    // host is compared case-insensitively; port 22 is looked up as the bare host, any other
    // port as "[host]:port", as ssh does.
    Result check(const std::string &host, int port, const HostKey &key) const;
    // Key types this file holds for host:port (file order, no duplicates), so the SSH layer can
    // prefer them in the handshake.
    std::vector<std::string> keyTypesFor(const std::string &host, int port) const;
    // @cert-authority lines whose host pattern matches host:port (reported as unsupported).
    std::vector<Notice> certAuthorityLinesFor(const std::string &host, int port) const;
    const std::vector<Notice> &notices() const { return m_notices; }

    // Appends "|1|salt|hash TYPE BASE64" (hashed like ssh-keygen -H) for host:port, creating the
    // file (0600) and missing directories (0700). Throws std::runtime_error naming the path.
    static void appendHashed(const std::string &path, const std::string &host, int port,
                             const HostKey &key);

private:
    enum class Marker
    {
        None,
        CertAuthority,
        Revoked
    };
    struct Entry
    {
        int line = 0;
        Marker marker = Marker::None;
        bool hashed = false;
        std::string patterns; // comma-separated list, when not hashed
        std::string salt;     // when hashed
        std::string hash;     // when hashed
        std::string type;
        std::string blob;
    };

    void parseLine(const std::string &line, int number);
    bool matches(const Entry &entry, const std::string &lookupName) const;

    std::string m_path;
    std::vector<Entry> m_entries;
    std::vector<Notice> m_notices;
};

} // namespace perfcase
