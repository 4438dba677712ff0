#include "SshSession.h"

#include "KnownHosts.h"
#include "PrivateKeyFile.h"
#include "SshPrompter.h"
#include "SshTunnel.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <libssh2.h>
#include <mutex>
#include <netdb.h>
#include <openssl/crypto.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace perfcase {

namespace {

using Clock = std::chrono::steady_clock;

// Host key algorithms libssh2 1.10 can verify, best first.
const std::vector<std::string> kHostKeyMethods = {
    "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa"};

void initLibssh2()
{
    static std::once_flag once;
    std::call_once(once, [] { libssh2_init(0); });
}

std::string lastError(LIBSSH2_SESSION *session)
{
    char *message = nullptr;
    libssh2_session_last_error(session, &message, nullptr, 0);
    return message ? message : "unknown error";
}

// The key type is the first SSH string of the blob; libssh2's own type
// numbers do not say which ECDSA curve or sized key it is in every version.
std::string blobType(const std::string &blob)
{
    if (blob.size() < 4) return {};
    const auto *p = reinterpret_cast<const unsigned char *>(blob.data());
    const std::size_t length = (std::size_t(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
    if (length > blob.size() - 4) return {};
    return blob.substr(4, length);
}

int connectWithTimeout(const std::string &host, int port, int timeoutSeconds,
                       const CancelToken &token)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    const std::string service = std::to_string(port);
    if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0)
        throw TransportError(TransportError::Kind::Connection,
                             host + ": cannot resolve: " + ::gai_strerror(rc));
    std::string lastFailure = "no address";
    const auto deadline = Clock::now() + std::chrono::seconds(timeoutSeconds);
    for (addrinfo *address = found; address; address = address->ai_next) {
        const int fd =
            ::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
        if (fd < 0) continue;
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        int rc = ::connect(fd, address->ai_addr, address->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            pollfd wait{fd, POLLOUT, 0};
            while ((rc = ::poll(&wait, 1, 100)) == 0) {
                if (token.isCancelled()) {
                    ::close(fd);
                    ::freeaddrinfo(found);
                    throw Cancelled{};
                }
                if (Clock::now() > deadline) break;
            }
            int error = rc > 0 ? 0 : ETIMEDOUT;
            socklen_t length = sizeof error;
            if (rc > 0) ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            rc = error == 0 ? 0 : -1;
            errno = error;
        }
        if (rc == 0) {
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
            ::freeaddrinfo(found);
            return fd;
        }
        lastFailure = std::strerror(errno);
        ::close(fd);
    }
    ::freeaddrinfo(found);
    throw TransportError(lastFailure == std::strerror(ETIMEDOUT) ? TransportError::Kind::Timeout
                                                                 : TransportError::Kind::Connection,
                         host + ":" + service + ": cannot connect: " + lastFailure);
}

struct KeyboardInteractiveState
{
    SshPrompter *prompter = nullptr;
    bool unanswered = false;
};

extern "C" void keyboardInteractive(const char *name, int nameLength, const char *instruction,
                                    int instructionLength, int count,
                                    const LIBSSH2_USERAUTH_KBDINT_PROMPT *prompts,
                                    LIBSSH2_USERAUTH_KBDINT_RESPONSE *responses, void **abstract)
{
    auto *state = static_cast<KeyboardInteractiveState *>(*abstract);
    std::vector<SshPrompter::Prompt> asked;
    for (int i = 0; i < count; ++i)
        asked.push_back({std::string(prompts[i].text, prompts[i].length), prompts[i].echo != 0});
    auto answers =
        state->prompter->answer(std::string(name, std::size_t(nameLength)),
                                std::string(instruction, std::size_t(instructionLength)), asked);
    if (!answers || answers->size() != std::size_t(count)) {
        state->unanswered = true;
        answers = std::vector<std::string>(std::size_t(count));
    }
    for (int i = 0; i < count; ++i) {
        std::string &answer = (*answers)[std::size_t(i)];
        // libssh2 frees the responses with its allocator (malloc by default).
        responses[i].text = static_cast<char *>(std::malloc(answer.size() + 1));
        std::memcpy(responses[i].text, answer.c_str(), answer.size() + 1);
        responses[i].length = unsigned(answer.size());
        OPENSSL_cleanse(answer.data(), answer.size());
    }
}

std::string tilde(const std::string &path)
{
    const char *home = std::getenv("HOME");
    if (home && *home && path.rfind(home, 0) == 0) return "~" + path.substr(std::strlen(home));
    return path;
}

} // namespace

SshSession::SshSession(const SshEndpoint &endpoint, SshPrompter &prompter, const CancelToken &token)
    : m_endpoint(endpoint), m_prompter(prompter)
{
    initLibssh2();
    if (!endpoint.jumps.empty()) {
        SshEndpoint jump = endpoint.jumps.back();
        jump.jumps.assign(endpoint.jumps.begin(), endpoint.jumps.end() - 1);
        m_jump = std::make_unique<SshSession>(jump, prompter, token);
        m_tunnel = m_jump->openTunnel(endpoint.host, endpoint.port);
    } else {
        m_socket =
            connectWithTimeout(endpoint.host, endpoint.port, endpoint.connectTimeoutSeconds, token);
    }
    try {
        handshake();
        verifyHostKey();
        authenticate();
    } catch (...) {
        libssh2_session_free(m_session);
        m_session = nullptr;
        if (m_socket >= 0) ::close(m_socket);
        throw;
    }
    libssh2_keepalive_config(m_session, 1, unsigned(std::max(1, m_endpoint.keepaliveSeconds)));
}

SshSession::~SshSession()
{
    if (m_session) {
        // A broken session (cancel, timeout) still holds the channel of a
        // command that may run on. Non-blocking, libssh2_session_free would
        // answer EAGAIN at that channel and free nothing (LeakSanitizer: the
        // whole session, per cancelled command); blocking, it would wait for
        // the command. Shut the socket down instead: every write fails at
        // once, libssh2 frees the channel anyway, and nothing waits.
        const int socket = m_socket >= 0 ? m_socket : m_tunnel ? m_tunnel->socket() : -1;
        if (m_broken && socket >= 0) ::shutdown(socket, SHUT_RDWR);
        libssh2_session_set_blocking(m_session, 1);
        libssh2_session_set_timeout(m_session, 2000);
        libssh2_session_disconnect(m_session, "perfcase: done");
        libssh2_session_free(m_session);
    }
    if (m_socket >= 0) ::close(m_socket);
    m_tunnel.reset(); // before the jump session it uses
    m_jump.reset();
}

std::string SshSession::where() const
{
    return m_endpoint.user + "@" + m_endpoint.host + ":" + std::to_string(m_endpoint.port);
}

void SshSession::fail(TransportError::Kind kind, const std::string &what, int rc)
{
    std::string message = where() + ": " + what;
    if (rc != 0) message += ": " + lastError(m_session);
    throw TransportError(kind, message);
}

void SshSession::handshake()
{
    m_session = libssh2_session_init_ex(nullptr, nullptr, nullptr, nullptr);
    if (!m_session) throw TransportError(TransportError::Kind::Connection, "libssh2: no session");
    libssh2_session_set_timeout(m_session, long(m_endpoint.connectTimeoutSeconds) * 1000);
    // Offer the key types known_hosts holds for this host first: libssh2
    // would otherwise pick ECDSA, and a host known by its ed25519 key would
    // look changed (DESIGN.md).
    const KnownHosts known = KnownHosts::load(m_endpoint.knownHostsFile);
    std::vector<std::string> order = known.keyTypesFor(m_endpoint.host, m_endpoint.port);
    for (const auto &method : kHostKeyMethods)
        if (std::find(order.begin(), order.end(), method) == order.end()) order.push_back(method);
    std::string preference;
    for (const auto &method : order) {
        if (std::find(kHostKeyMethods.begin(), kHostKeyMethods.end(), method) ==
            kHostKeyMethods.end())
            continue;
        if (!preference.empty()) preference += ',';
        preference += method;
    }
    libssh2_session_method_pref(m_session, LIBSSH2_METHOD_HOSTKEY, preference.c_str());
    const int socket = m_tunnel ? m_tunnel->socket() : m_socket;
    if (const int rc = libssh2_session_handshake(m_session, socket); rc != 0) {
        if (rc == LIBSSH2_ERROR_TIMEOUT) fail(TransportError::Kind::Timeout, "handshake", rc);
        // No common host key or key exchange algorithm: an RSA-only host
        // (libssh2 1.10 has no rsa-sha2-*), which the OpenSSH client reaches.
        if (rc == LIBSSH2_ERROR_KEX_FAILURE || rc == LIBSSH2_ERROR_METHOD_NOT_SUPPORTED)
            fail(TransportError::Kind::Unsupported, "handshake failed", rc);
        fail(TransportError::Kind::Connection, "handshake failed", rc);
    }
}

void SshSession::verifyHostKey()
{
    std::size_t length = 0;
    int type = 0;
    const char *raw = libssh2_session_hostkey(m_session, &length, &type);
    if (!raw) fail(TransportError::Kind::Connection, "the server sent no host key", 0);
    HostKey key{"", std::string(raw, length)};
    key.type = blobType(key.blob);
    const std::string &host = m_endpoint.host;
    const int port = m_endpoint.port;
    const std::string &file = m_endpoint.knownHostsFile;
    const KnownHosts known = KnownHosts::load(file);
    for (const auto &notice : known.certAuthorityLinesFor(host, port))
        m_notices.push_back(tilde(file) + ":" + std::to_string(notice.line) +
                            ": @cert-authority lines are not supported; the host's own key is "
                            "checked instead");
    const std::string shown = key.type + " " + sha256Fingerprint(key.blob);
    const KnownHosts::Result result = known.check(host, port, key);
    switch (result.verdict) {
    case KnownHosts::Verdict::Match:
        return;
    case KnownHosts::Verdict::Revoked:
        fail(TransportError::Kind::HostKey,
             "host key " + shown + " is marked @revoked in " + tilde(file) + ":" +
                 std::to_string(result.line) + "; refused",
             0);
    case KnownHosts::Verdict::Changed:
        fail(TransportError::Kind::HostKey,
             "HOST KEY CHANGED: the server offers " + shown + ", but " + tilde(file) + ":" +
                 std::to_string(result.line) + " holds another " + result.knownType +
                 " key for it. Refused: this may be an attack. If the change is expected, "
                 "remove the old entry (ssh-keygen -R) and connect again",
             0);
    case KnownHosts::Verdict::Unknown:
        break;
    }
    // Known by keys of other types only: a server that suddenly offers a
    // type we never saw is treated like a changed key.
    const auto knownTypes = known.keyTypesFor(host, port);
    if (!knownTypes.empty())
        fail(TransportError::Kind::HostKey,
             "HOST KEY CHANGED: the server offers " + shown + ", but " + tilde(file) +
                 " knows this host only by a " + knownTypes.front() + " key. Refused",
             0);
    if (!m_prompter.acceptNewHostKey(host, port, key))
        fail(TransportError::Kind::HostKey,
             "unknown host key " + shown + " (not in " + tilde(file) +
                 "); refused. Check the fingerprint with the host's owner, then connect with "
                 "--accept-new-host-key",
             0);
    try {
        KnownHosts::appendHashed(file, host, port, key);
    } catch (const std::exception &error) {
        m_notices.push_back(std::string("the accepted host key was not saved: ") + error.what());
    }
}

void SshSession::authenticate()
{
    const std::string &user = m_endpoint.user;
    const char *methods = libssh2_userauth_list(m_session, user.c_str(), unsigned(user.size()));
    if (!methods) {
        if (libssh2_userauth_authenticated(m_session)) {
            m_authentication = "none";
            return;
        }
        fail(TransportError::Kind::Authentication, "cannot list authentication methods", -1);
    }
    const std::string offered = methods;
    bool rsaSkipped = false, needsTerminal = false;
    if (offered.find("publickey") != std::string::npos) {
        if (tryAgent(rsaSkipped) || tryKeyFiles(rsaSkipped, needsTerminal)) return;
    }
    if (offered.find("keyboard-interactive") != std::string::npos &&
        tryKeyboardInteractive(needsTerminal))
        return;
    if (rsaSkipped)
        fail(TransportError::Kind::Unsupported,
             "only an RSA key was available, and libssh2 1.10 cannot sign with RSA (no "
             "rsa-sha2-*)",
             0);
    if (needsTerminal)
        fail(TransportError::Kind::NeedsTerminal,
             "a passphrase or an answer is needed, and there is no terminal to ask on", 0);
    fail(TransportError::Kind::Authentication,
         "authentication failed (the server offers " + offered + ")", 0);
}

bool SshSession::tryAgent(bool &rsaSkipped)
{
    const char *socket = std::getenv("SSH_AUTH_SOCK");
    if (!socket || !*socket) return false;
    LIBSSH2_AGENT *agent = libssh2_agent_init(m_session);
    if (!agent) return false;
    bool done = false;
    if (libssh2_agent_connect(agent) == 0 && libssh2_agent_list_identities(agent) == 0) {
        libssh2_agent_publickey *identity = nullptr, *previous = nullptr;
        while (!done && libssh2_agent_get_identity(agent, &identity, previous) == 0) {
            previous = identity;
            const std::string blob(reinterpret_cast<const char *>(identity->blob),
                                   identity->blob_len);
            if (blobType(blob) == "ssh-rsa") {
                rsaSkipped = true;
                continue;
            }
            if (libssh2_agent_userauth(agent, m_endpoint.user.c_str(), identity) == 0) {
                done = true;
                m_authentication =
                    "ssh-agent (" + blobType(blob) + " " + sha256Fingerprint(blob) + ")";
            }
        }
        libssh2_agent_disconnect(agent);
    }
    libssh2_agent_free(agent);
    return done;
}

bool SshSession::tryKeyFiles(bool &rsaSkipped, bool &needsTerminal)
{
    std::vector<std::string> files = m_endpoint.identityFiles;
    if (files.empty()) {
        const char *home = std::getenv("HOME");
        const std::string ssh = std::string(home ? home : "") + "/.ssh/";
        files = {ssh + "id_ed25519", ssh + "id_ecdsa", ssh + "id_rsa"};
    }
    for (const auto &path : files) {
        const PrivateKeyFile key = PrivateKeyFile::inspect(path);
        if (!key.readable) continue;
        if (key.isRsa()) {
            rsaSkipped = true;
            m_notices.push_back(tilde(path) + ": RSA key skipped (libssh2 1.10 cannot sign "
                                              "with rsa-sha2-*)");
            continue;
        }
        std::string passphrase;
        if (key.encrypted) {
            auto given = m_prompter.passphrase(path);
            if (!given) {
                needsTerminal = true;
                continue;
            }
            passphrase = std::move(*given);
        }
        const int rc = libssh2_userauth_publickey_fromfile_ex(
            m_session, m_endpoint.user.c_str(), unsigned(m_endpoint.user.size()), nullptr,
            path.c_str(), passphrase.c_str());
        OPENSSL_cleanse(passphrase.data(), passphrase.size());
        if (rc == 0) {
            m_authentication = "key " + tilde(path);
            return true;
        }
        if (rc == LIBSSH2_ERROR_FILE)
            m_notices.push_back(
                tilde(path) + ": " +
                (key.encrypted ? "wrong passphrase or unreadable key" : "unreadable key") + " (" +
                lastError(m_session) + ")");
    }
    return false;
}

bool SshSession::tryKeyboardInteractive(bool &needsTerminal)
{
    KeyboardInteractiveState state{&m_prompter, false};
    void **abstract = libssh2_session_abstract(m_session);
    void *previous = *abstract;
    *abstract = &state;
    const int rc = libssh2_userauth_keyboard_interactive_ex(
        m_session, m_endpoint.user.c_str(), unsigned(m_endpoint.user.size()), keyboardInteractive);
    *abstract = previous;
    if (state.unanswered) needsTerminal = true;
    if (rc == 0) m_authentication = "keyboard-interactive";
    return rc == 0;
}

std::unique_ptr<SshTunnel> SshSession::openTunnel(const std::string &host, int port)
{
    LIBSSH2_CHANNEL *channel =
        libssh2_channel_direct_tcpip_ex(m_session, host.c_str(), port, "127.0.0.1", 0);
    if (!channel)
        fail(TransportError::Kind::Connection,
             "cannot open a tunnel to " + host + ":" + std::to_string(port), -1);
    return std::make_unique<SshTunnel>(m_session, m_socket >= 0 ? m_socket : m_tunnel->socket(),
                                       channel);
}

CommandResult SshSession::exec(const std::string &command, const RunLimits &limits,
                               const CancelToken &token)
{
    const auto started = Clock::now();
    const auto deadline = started + std::chrono::seconds(limits.timeoutSeconds);
    libssh2_session_set_timeout(m_session, long(limits.timeoutSeconds) * 1000);
    LIBSSH2_CHANNEL *channel = libssh2_channel_open_session(m_session);
    if (!channel) fail(TransportError::Kind::Connection, "cannot open a channel", -1);
    if (libssh2_channel_exec(channel, command.c_str()) != 0) {
        libssh2_channel_free(channel);
        fail(TransportError::Kind::Connection, "the server refused to run the command", -1);
    }
    // Non-blocking from here: cancel, the deadline and keepalives are
    // checked between reads.
    libssh2_session_set_blocking(m_session, 0);
    const int socket = m_tunnel ? m_tunnel->socket() : m_socket;
    CommandResult result;
    char buffer[64 * 1024];
    // After a cancel or a timeout the remote command may still run, and a
    // clean close would wait for it: the session is given up instead
    // (broken() tells the transport to connect afresh).
    auto cleanUp = [&] { m_broken = true; };
    for (;;) {
        bool progressed = false;
        for (int stream : {0, SSH_EXTENDED_DATA_STDERR}) {
            const ssize_t n = libssh2_channel_read_ex(channel, stream, buffer, sizeof buffer);
            if (n > 0) {
                progressed = true;
                if (stream != 0) {
                    result.err.append(buffer, std::size_t(n));
                } else if (result.out.size() + std::size_t(n) > limits.maxOutputBytes) {
                    result.outputCut = true;
                } else {
                    result.out.append(buffer, std::size_t(n));
                }
            } else if (n < 0 && n != LIBSSH2_ERROR_EAGAIN) {
                const std::string why = lastError(m_session);
                cleanUp();
                throw TransportError(TransportError::Kind::Connection,
                                     where() + ": connection lost: " + why);
            }
        }
        if (libssh2_channel_eof(channel) || result.outputCut) break;
        if (token.isCancelled()) {
            cleanUp();
            throw Cancelled{};
        }
        if (Clock::now() > deadline) {
            cleanUp();
            throw TransportError(TransportError::Kind::Timeout,
                                 where() + ": no answer within " +
                                     std::to_string(limits.timeoutSeconds) + " s");
        }
        int nextKeepalive = 0;
        libssh2_keepalive_send(m_session, &nextKeepalive);
        if (!progressed) {
            const int directions = libssh2_session_block_directions(m_session);
            pollfd wait{socket, 0, 0};
            if (directions & LIBSSH2_SESSION_BLOCK_INBOUND) wait.events |= POLLIN;
            if (directions & LIBSSH2_SESSION_BLOCK_OUTBOUND) wait.events |= POLLOUT;
            ::poll(&wait, 1, 100);
        }
    }
    libssh2_session_set_blocking(m_session, 1);
    libssh2_channel_close(channel);
    libssh2_channel_wait_closed(channel);
    result.exitCode = libssh2_channel_get_exit_status(channel);
    char *signal = nullptr;
    libssh2_channel_get_exit_signal(channel, &signal, nullptr, nullptr, nullptr, nullptr, nullptr);
    if (signal) {
        result.exitCode = -1;
        result.err += "\n(killed by SIG" + std::string(signal) + ")";
        libssh2_free(m_session, signal);
    }
    libssh2_channel_free(channel);
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return result;
}

} // namespace perfcase
