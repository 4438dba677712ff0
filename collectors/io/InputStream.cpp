#include "InputStream.h"

#include <bzlib.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace perfcase {

namespace {

// The file itself, read with plain POSIX calls and a hint for sequential access.
class RawFile
{
public:
    explicit RawFile(const std::string &path)
    {
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0)
            throw std::runtime_error(std::strerror(errno));
        struct stat info {};
        if (::fstat(m_fd, &info) != 0 || S_ISDIR(info.st_mode)) {
            ::close(m_fd);
            throw std::runtime_error(S_ISDIR(info.st_mode) ? "is a folder" : std::strerror(errno));
        }
        m_size = std::uint64_t(info.st_size);
        ::posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    }
    ~RawFile() { ::close(m_fd); }
    RawFile(const RawFile &) = delete;
    RawFile &operator=(const RawFile &) = delete;

    // Returns bytes read, 0 at end; -1 on error (errno set).
    ssize_t read(char *buffer, std::size_t size)
    {
        for (;;) {
            ssize_t n = ::read(m_fd, buffer, size);
            if (n < 0 && errno == EINTR)
                continue;
            if (n > 0)
                m_offset += std::uint64_t(n);
            return n;
        }
    }
    std::uint64_t offset() const { return m_offset; }
    std::uint64_t size() const { return m_size; }

private:
    int m_fd = -1;
    std::uint64_t m_offset = 0;
    std::uint64_t m_size = 0;
};

class PlainStream : public InputStream
{
public:
    explicit PlainStream(std::unique_ptr<RawFile> file, std::string peeked)
        : m_file(std::move(file)), m_peeked(std::move(peeked))
    {
        m_fileSize = m_file->size();
    }
    std::size_t read(char *buffer, std::size_t size) override
    {
        if (!m_peeked.empty()) {
            std::size_t n = std::min(size, m_peeked.size());
            std::memcpy(buffer, m_peeked.data(), n);
            m_peeked.erase(0, n);
            return n;
        }
        ssize_t n = m_file->read(buffer, size);
        if (n < 0) {
            m_error = std::strerror(errno);
            m_errorOffset = m_file->offset();
            return 0;
        }
        return std::size_t(n);
    }
    std::uint64_t fileOffset() const override { return m_file->offset() - m_peeked.size(); }

private:
    std::unique_ptr<RawFile> m_file;
    std::string m_peeked;
};

// Compressed input shared by gzip and bzip2: keeps a buffer of file bytes
// and hands them to the codec.
class CodecStream : public InputStream
{
protected:
    CodecStream(std::unique_ptr<RawFile> file, std::string peeked) : m_file(std::move(file))
    {
        m_fileSize = m_file->size();
        m_in.assign(peeked.begin(), peeked.end());
        m_in.resize(std::max<std::size_t>(m_in.size(), kChunk));
        m_inSize = peeked.size();
    }

    // Refills the input buffer when the codec has eaten it; false at EOF.
    bool refill(std::size_t consumedUpTo)
    {
        if (consumedUpTo < m_inSize)
            return true;
        ssize_t n = m_file->read(m_in.data(), m_in.size());
        if (n < 0) {
            m_error = std::strerror(errno);
            m_errorOffset = m_file->offset();
            return false;
        }
        m_inSize = std::size_t(n);
        m_consumedBase = m_file->offset() - m_inSize;
        return n > 0;
    }

    static constexpr std::size_t kChunk = 1 << 20;
    std::unique_ptr<RawFile> m_file;
    std::vector<char> m_in;
    std::size_t m_inSize = 0;
    std::uint64_t m_consumedBase = 0;
};

class GzipStream : public CodecStream
{
public:
    GzipStream(std::unique_ptr<RawFile> file, std::string peeked)
        : CodecStream(std::move(file), std::move(peeked))
    {
        m_compression = "gzip";
        std::memset(&m_z, 0, sizeof m_z);
        if (inflateInit2(&m_z, 15 + 32) != Z_OK)
            throw std::runtime_error("cannot start gzip decoder");
        m_z.next_in = reinterpret_cast<Bytef *>(m_in.data());
        m_z.avail_in = uInt(m_inSize);
    }
    ~GzipStream() override { inflateEnd(&m_z); }

    std::size_t read(char *buffer, std::size_t size) override
    {
        if (m_done)
            return 0;
        m_z.next_out = reinterpret_cast<Bytef *>(buffer);
        m_z.avail_out = uInt(size);
        while (m_z.avail_out == size) {
            if (m_z.avail_in == 0) {
                if (!refill(m_inSize)) {
                    // Input ended inside a member: a cut file.
                    if (m_error.empty() && m_memberOpen)
                        m_truncated = true;
                    m_done = true;
                    break;
                }
                m_z.next_in = reinterpret_cast<Bytef *>(m_in.data());
                m_z.avail_in = uInt(m_inSize);
            }
            m_memberOpen = true;
            int rc = inflate(&m_z, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                m_memberOpen = false;
                // Concatenated members (gzip -c a >> f) continue after a reset.
                if (inflateReset(&m_z) != Z_OK) {
                    m_done = true;
                    break;
                }
                if (m_z.avail_in == 0 && !refill(m_inSize)) {
                    m_done = true;
                    break;
                }
                if (m_z.avail_in == 0) {
                    m_z.next_in = reinterpret_cast<Bytef *>(m_in.data());
                    m_z.avail_in = uInt(m_inSize);
                }
                continue;
            }
            if (rc != Z_OK && rc != Z_BUF_ERROR) {
                m_error = std::string("corrupt gzip data: ") + (m_z.msg ? m_z.msg : "inflate failed");
                m_errorOffset = m_consumedBase + (m_inSize - m_z.avail_in);
                m_done = true;
                break;
            }
        }
        return size - m_z.avail_out;
    }
    std::uint64_t fileOffset() const override { return m_consumedBase + (m_inSize - m_z.avail_in); }

private:
    z_stream m_z;
    bool m_done = false;
    bool m_memberOpen = false;
};

class Bzip2Stream : public CodecStream
{
public:
    Bzip2Stream(std::unique_ptr<RawFile> file, std::string peeked)
        : CodecStream(std::move(file), std::move(peeked))
    {
        m_compression = "bzip2";
        std::memset(&m_bz, 0, sizeof m_bz);
        if (BZ2_bzDecompressInit(&m_bz, 0, 0) != BZ_OK)
            throw std::runtime_error("cannot start bzip2 decoder");
        m_bz.next_in = m_in.data();
        m_bz.avail_in = unsigned(m_inSize);
    }
    ~Bzip2Stream() override { BZ2_bzDecompressEnd(&m_bz); }

    std::size_t read(char *buffer, std::size_t size) override
    {
        if (m_done)
            return 0;
        m_bz.next_out = buffer;
        m_bz.avail_out = unsigned(size);
        while (m_bz.avail_out == size) {
            if (m_bz.avail_in == 0) {
                if (!refill(m_inSize)) {
                    if (m_error.empty() && m_streamOpen)
                        m_truncated = true;
                    m_done = true;
                    break;
                }
                m_bz.next_in = m_in.data();
                m_bz.avail_in = unsigned(m_inSize);
            }
            m_streamOpen = true;
            int rc = BZ2_bzDecompress(&m_bz);
            if (rc == BZ_STREAM_END) {
                m_streamOpen = false;
                BZ2_bzDecompressEnd(&m_bz);
                char *nextIn = m_bz.next_in;
                unsigned availIn = m_bz.avail_in;
                char *nextOut = m_bz.next_out;
                unsigned availOut = m_bz.avail_out;
                std::memset(&m_bz, 0, sizeof m_bz);
                BZ2_bzDecompressInit(&m_bz, 0, 0);
                m_bz.next_in = nextIn;
                m_bz.avail_in = availIn;
                m_bz.next_out = nextOut;
                m_bz.avail_out = availOut;
                if (availIn == 0 && !refill(m_inSize)) {
                    m_done = true;
                    break;
                }
                continue;
            }
            if (rc != BZ_OK) {
                m_error = "corrupt bzip2 data (code " + std::to_string(rc) + ")";
                m_errorOffset = m_consumedBase + (m_inSize - m_bz.avail_in);
                m_done = true;
                break;
            }
        }
        return size - m_bz.avail_out;
    }
    std::uint64_t fileOffset() const override
    {
        return m_consumedBase + (m_inSize - m_bz.avail_in);
    }

private:
    bz_stream m_bz;
    bool m_done = false;
    bool m_streamOpen = false;
};

} // namespace

std::unique_ptr<InputStream> InputStream::open(const std::string &path)
{
    auto file = std::make_unique<RawFile>(path);
    std::string peeked(4, '\0');
    ssize_t n = file->read(peeked.data(), peeked.size());
    peeked.resize(n > 0 ? std::size_t(n) : 0);
    auto magic = [&](const char *bytes, std::size_t count) {
        return peeked.size() >= count && std::memcmp(peeked.data(), bytes, count) == 0;
    };
    if (magic("\x1f\x8b", 2))
        return std::make_unique<GzipStream>(std::move(file), std::move(peeked));
    if (magic("BZh", 3) && peeked.size() >= 4 && peeked[3] >= '1' && peeked[3] <= '9')
        return std::make_unique<Bzip2Stream>(std::move(file), std::move(peeked));
    return std::make_unique<PlainStream>(std::move(file), std::move(peeked));
}

} // namespace perfcase
