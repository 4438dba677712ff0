#include "KnownHosts.h"

#include "SshPattern.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdexcept>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace perfcase {

namespace {

// Longer than any real key line (a 16384-bit RSA key is under 3 KiB); beyond this the line is
// garbage and is not worth decoding.
constexpr size_t maxLineBytes = 64 * 1024;
constexpr size_t sha1Bytes = 20;

std::string lower(std::string_view text)
{
    std::string result(text);
    for (char &c : result)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return result;
}

// Strict base64 (padding required), like OpenSSH's b64_pton for a single field.
bool decodeBase64(std::string_view text, std::string &out)
{
    if (text.empty() || text.size() % 4 != 0) return false;
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    out.clear();
    out.reserve(text.size() / 4 * 3);
    for (size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        int v[4];
        int padding = 0;
        for (int j = 0; j < 4; ++j) {
            const char c = text[i + j];
            if (c == '=' && last && j >= 2) {
                v[j] = 0;
                ++padding;
                continue;
            }
            if (padding > 0) return false; // data after '='
            v[j] = value(c);
            if (v[j] < 0) return false;
        }
        const unsigned bits = (unsigned(v[0]) << 18) | (unsigned(v[1]) << 12) |
                              (unsigned(v[2]) << 6) | unsigned(v[3]);
        out += static_cast<char>((bits >> 16) & 0xff);
        if (padding < 2) out += static_cast<char>((bits >> 8) & 0xff);
        if (padding < 1) out += static_cast<char>(bits & 0xff);
    }
    return true;
}

std::string encodeBase64(std::string_view bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                       reinterpret_cast<const unsigned char *>(bytes.data()),
                                       static_cast<int>(bytes.size()));
    out.resize(static_cast<size_t>(length));
    return out;
}

std::string hmacSha1(const std::string &salt, const std::string &message)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha1(), salt.data(), static_cast<int>(salt.size()),
              reinterpret_cast<const unsigned char *>(message.data()), message.size(), digest,
              &length))
        throw std::runtime_error("cannot compute HMAC-SHA1");
    return std::string(reinterpret_cast<const char *>(digest), length);
}

// The name ssh looks up: port 22 is the bare host, other ports "[host]:port".
std::string lookupName(const std::string &host, int port)
{
    const std::string name = lower(host);
    if (port == 22) return name;
    return "[" + name + "]:" + std::to_string(port);
}

// OpenSSH match_hostname(): a negated match anywhere vetoes the line.
bool matchPatternList(const std::string &name, const std::string &patterns)
{
    bool positive = false;
    size_t start = 0;
    while (start <= patterns.size()) {
        size_t end = patterns.find(',', start);
        if (end == std::string::npos) end = patterns.size();
        std::string_view sub(patterns.data() + start, end - start);
        const bool negated = !sub.empty() && sub.front() == '!';
        if (negated) sub.remove_prefix(1);
        if (sshPatternMatch(name, lower(sub))) {
            if (negated) return false;
            positive = true;
        }
        start = end + 1;
    }
    return positive;
}

std::vector<std::string_view> splitFields(std::string_view line)
{
    std::vector<std::string_view> fields;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        const size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        if (i > start) fields.push_back(line.substr(start, i - start));
    }
    return fields;
}

// The first SSH string of a key blob names its type; it is what the server actually sent.
bool embeddedType(const std::string &blob, std::string &type)
{
    if (blob.size() < 4) return false;
    const auto *b = reinterpret_cast<const unsigned char *>(blob.data());
    const size_t length = (size_t(b[0]) << 24) | (size_t(b[1]) << 16) | (size_t(b[2]) << 8) | b[3];
    if (length == 0 || length > blob.size() - 4) return false;
    type.assign(blob, 4, length);
    return true;
}

bool isPrintableToken(const std::string &text)
{
    if (text.empty()) return false;
    for (const char c : text)
        if (c <= ' ' || c > '~') return false;
    return true;
}

void makeDirectories(const std::string &directory, const std::string &pathForMessages)
{
    if (directory.empty()) return;
    struct stat info;
    if (::stat(directory.c_str(), &info) == 0) {
        if (!S_ISDIR(info.st_mode))
            throw std::runtime_error("cannot create " + pathForMessages + ": " + directory +
                                     " is not a directory");
        return;
    }
    const size_t slash = directory.find_last_of('/');
    if (slash != std::string::npos && slash > 0)
        makeDirectories(directory.substr(0, slash), pathForMessages);
    if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST)
        throw std::runtime_error("cannot create directory for " + pathForMessages + ": " +
                                 std::strerror(errno));
}

} // namespace

KnownHosts KnownHosts::load(const std::string &path)
{
    FILE *file = std::fopen(path.c_str(), "rb");
    if (!file) {
        const int error = errno;
        KnownHosts hosts = parse({}, path);
        if (error != ENOENT && error != ENOTDIR)
            hosts.m_notices.push_back({0, path + ": cannot read: " + std::strerror(error)});
        return hosts;
    }
    std::string text;
    char buffer[65536];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0)
        text.append(buffer, n);
    const bool failed = std::ferror(file) != 0;
    const int error = errno;
    std::fclose(file);
    KnownHosts hosts = parse(text, path);
    if (failed) hosts.m_notices.push_back({0, path + ": cannot read: " + std::strerror(error)});
    return hosts;
}

KnownHosts KnownHosts::parse(const std::string &text, const std::string &pathForMessages)
{
    KnownHosts hosts;
    hosts.m_path = pathForMessages;
    size_t start = 0;
    int number = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        ++number;
        std::string_view line(text.data() + start, end - start);
        if (line.size() > maxLineBytes) {
            hosts.m_notices.push_back({number, pathForMessages + ":" + std::to_string(number) +
                                                   ": line too long, ignored"});
        } else {
            hosts.parseLine(std::string(line), number);
        }
        start = end + 1;
    }
    return hosts;
}

void KnownHosts::parseLine(const std::string &text, int number)
{
    auto notice = [&](const std::string &reason) {
        m_notices.push_back({number, m_path + ":" + std::to_string(number) + ": " + reason});
    };
    std::string_view line(text);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string_view> fields = splitFields(line);
    if (fields.empty() || fields.front().front() == '#') return;

    Entry entry;
    entry.line = number;
    size_t next = 0;
    if (fields.front().front() == '@') {
        if (fields.front() == "@cert-authority") {
            entry.marker = Marker::CertAuthority;
        } else if (fields.front() == "@revoked") {
            entry.marker = Marker::Revoked;
        } else {
            notice("unknown marker, line ignored");
            return;
        }
        next = 1;
    }
    if (fields.size() < next + 3) {
        notice("malformed entry (missing fields), line ignored");
        return;
    }
    const std::string_view hostField = fields[next];
    if (hostField.front() == '|') {
        const std::string_view prefix = "|1|";
        const size_t bar = hostField.find('|', prefix.size());
        if (hostField.substr(0, prefix.size()) != prefix || bar == std::string_view::npos ||
            !decodeBase64(hostField.substr(prefix.size(), bar - prefix.size()), entry.salt) ||
            !decodeBase64(hostField.substr(bar + 1), entry.hash) ||
            entry.salt.size() != sha1Bytes || entry.hash.size() != sha1Bytes) {
            notice("malformed hashed host name, line ignored");
            return;
        }
        entry.hashed = true;
    } else {
        entry.patterns = std::string(hostField);
    }
    entry.type = std::string(fields[next + 1]);
    if (!decodeBase64(fields[next + 2], entry.blob)) {
        notice("malformed entry (bad base64 key), line ignored");
        return;
    }
    std::string blobType;
    if (!embeddedType(entry.blob, blobType)) {
        notice("malformed entry (truncated key), line ignored");
        return;
    }
    if (blobType != entry.type) {
        // The blob is what gets compared with the server's key; a disagreeing label means the
        // line was edited by hand and cannot be trusted either way.
        notice("malformed entry (key type " + entry.type + " but key data is " + blobType +
               "), line ignored");
        return;
    }
    if (entry.marker == Marker::CertAuthority)
        notice("@cert-authority is not supported, line ignored");
    m_entries.push_back(std::move(entry));
}

bool KnownHosts::matches(const Entry &entry, const std::string &name) const
{
    if (entry.hashed) return hmacSha1(entry.salt, name) == entry.hash;
    return matchPatternList(name, entry.patterns);
}

KnownHosts::Result KnownHosts::check(const std::string &host, int port, const HostKey &key) const
{
    const std::string name = lookupName(host, port);
    std::vector<const Entry *> relevant;
    for (const Entry &entry : m_entries)
        if (entry.marker != Marker::CertAuthority && matches(entry, name))
            relevant.push_back(&entry);

    for (const Entry *entry : relevant)
        if (entry->marker == Marker::Revoked && entry->blob == key.blob)
            return {Verdict::Revoked, entry->line, {}};
    for (const Entry *entry : relevant)
        if (entry->marker == Marker::None && entry->type == key.type && entry->blob == key.blob)
            return {Verdict::Match, entry->line, {}};
    for (const Entry *entry : relevant)
        if (entry->marker == Marker::None && entry->type == key.type)
            return {Verdict::Changed, entry->line, entry->type};
    return {};
}

std::vector<std::string> KnownHosts::keyTypesFor(const std::string &host, int port) const
{
    const std::string name = lookupName(host, port);
    std::vector<std::string> types;
    for (const Entry &entry : m_entries) {
        if (entry.marker != Marker::None || !matches(entry, name)) continue;
        bool seen = false;
        for (const std::string &type : types)
            seen = seen || type == entry.type;
        if (!seen) types.push_back(entry.type);
    }
    return types;
}

std::vector<KnownHosts::Notice> KnownHosts::certAuthorityLinesFor(const std::string &host,
                                                                  int port) const
{
    const std::string name = lookupName(host, port);
    std::vector<Notice> lines;
    for (const Entry &entry : m_entries)
        if (entry.marker == Marker::CertAuthority && matches(entry, name))
            lines.push_back({entry.line, m_path + ":" + std::to_string(entry.line) +
                                             ": @cert-authority is not supported"});
    return lines;
}

void KnownHosts::appendHashed(const std::string &path, const std::string &host, int port,
                              const HostKey &key)
{
    // The type goes into the file verbatim, so it must not be able to start a new line.
    if (!isPrintableToken(key.type) || key.blob.empty() || host.empty() || port < 1 || port > 65535)
        throw std::runtime_error("cannot add host key to " + path + ": invalid host or key");

    unsigned char salt[sha1Bytes];
    if (RAND_bytes(salt, sizeof salt) != 1)
        throw std::runtime_error("cannot add host key to " + path + ": no random salt");
    const std::string saltBytes(reinterpret_cast<const char *>(salt), sizeof salt);
    const std::string entry = "|1|" + encodeBase64(saltBytes) + "|" +
                              encodeBase64(hmacSha1(saltBytes, lookupName(host, port))) + " " +
                              key.type + " " + encodeBase64(key.blob) + "\n";

    const size_t slash = path.find_last_of('/');
    if (slash != std::string::npos && slash > 0) makeDirectories(path.substr(0, slash), path);

    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
    auto fail = [&](const char *what) {
        const int error = errno;
        ::close(fd);
        throw std::runtime_error(std::string("cannot ") + what + " " + path + ": " +
                                 std::strerror(error));
    };
    struct stat info;
    if (::fstat(fd, &info) != 0) fail("stat");
    std::string data;
    if (info.st_size > 0) {
        char last = '\n';
        if (::pread(fd, &last, 1, info.st_size - 1) != 1) fail("read");
        if (last != '\n') data = "\n";
    }
    data += entry;
    size_t written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write");
        }
        written += static_cast<size_t>(n);
    }
    if (::close(fd) != 0)
        throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
}

} // namespace perfcase
